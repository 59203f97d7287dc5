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
	files := sized(3<<20, 3<<20, 10, 9<<20)
	q := newQueue(4 << 20)
	q.start(files)
	// The file over the budget starts first, as no large file runs.
	huge := q.next()
	if huge != files[3] {
		t.Fatalf("first: got size %d", huge.size)
	}
	// While it runs, no other large file fits, but small ones do.
	if j := q.next(); j != files[2] {
		t.Fatalf("second: got size %d, want the small file", j.size)
	}
	if q.fits(3 << 20) {
		t.Error("a 3 MB file fits next to a 9 MB one in a 4 MB budget")
	}
	q.finished(huge)
	a := q.next()
	if a != files[0] {
		t.Fatalf("after the huge file: got size %d", a.size)
	}
	if q.fits(3 << 20) {
		t.Error("two 3 MB files fit a 4 MB budget")
	}
	q.finished(a)
	if b := q.next(); b != files[1] {
		t.Fatalf("last: got size %d", b.size)
	}
}
