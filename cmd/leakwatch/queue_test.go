package main

import "testing"

func sized(sizes ...int64) []*job {
	var out []*job
	for _, s := range sizes {
		out = append(out, &job{size: s})
	}
	return out
}

func TestQueueStartsTheLargestFirst(t *testing.T) {
	files := sized(1, 500<<10, 3<<20, 1, 2)
	q := newQueue(64 << 20)
	q.start(files)
	want := []*job{files[2], files[1], files[4], files[0], files[3]} // ties keep walk order
	for i, w := range want {
		j := q.next()
		if j != w {
			t.Fatalf("file %d: got size %d, want size %d", i, j.size, w.size)
		}
		q.finished(j)
	}
	if j := q.next(); j != nil {
		t.Errorf("an empty queue returned a file of %d bytes", j.size)
	}
}

func TestQueueKeepsLargeFilesWithinTheBudget(t *testing.T) {
	files := sized(3<<20, 3<<20, 10, 9<<20, 20)
	q := newQueue(4 << 20)
	q.start(files)
	// The file over the budget starts first, as nothing runs.
	huge := q.next()
	if huge != files[3] {
		t.Fatalf("first: got size %d", huge.size)
	}
	// It runs alone: not even a small file starts beside it.
	if q.fits(10) || q.fits(3<<20) {
		t.Error("a file fits beside one larger than the whole budget")
	}
	q.finished(huge)
	a := q.next()
	if a != files[0] {
		t.Fatalf("after the huge file: got size %d", a.size)
	}
	if q.fits(3 << 20) {
		t.Error("two 3 MB files fit a 4 MB budget")
	}
	// Small files keep the other workers busy beside a large one.
	if j := q.next(); j != files[4] {
		t.Fatalf("beside a 3 MB file: got size %d, want the small file", j.size)
	}
	if q.fits(9 << 20) {
		t.Error("a file over the budget fits while others run")
	}
	q.finished(a)
	if b := q.next(); b != files[1] {
		t.Fatalf("last large: got size %d", b.size)
	}
}

// A file over the budget that finds others running waits for them, and
// no smaller file starts meanwhile, so it cannot be kept waiting.
func TestQueueDrainsForAFileOverTheBudget(t *testing.T) {
	files := sized(100, 9<<20, 10)
	q := newQueue(4 << 20)
	q.pending, q.started = append([]*job(nil), files...), true // walk order: a small file first
	small := q.next()
	if small != files[0] {
		t.Fatalf("first: got size %d", small.size)
	}
	if j := q.pick(); j != nil {
		t.Fatalf("a file of %d bytes started while one over the budget waits", j.size)
	}
	q.finished(small)
	if j := q.next(); j != files[1] {
		t.Fatalf("after the small file: got %v, want the huge one", j)
	}
}
