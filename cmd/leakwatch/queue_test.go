package main

import (
	"slices"
	"testing"
)

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
	files := sized(3<<20, 3<<20, 10, 9<<20, 20, 200<<10)
	q := newQueue(4 << 20)
	q.start(files)
	// The file over the budget starts first, as nothing runs.
	huge := q.next()
	if huge != files[3] {
		t.Fatalf("first: got size %d", huge.size)
	}
	// Only companion files start beside it: the two smallest, not the
	// one of 200 KB.
	if q.fits(companionFile+1) || q.fits(3<<20) {
		t.Error("a file larger than companionFile fits beside one larger than the whole budget")
	}
	for _, want := range []*job{files[4], files[2]} {
		if j := q.pick(); j != want {
			t.Fatalf("beside the huge file: got %v, want size %d", j, want.size)
		}
		q.finished(want)
	}
	if j := q.pick(); j != nil {
		t.Fatalf("beside the huge file: a file of %d bytes started", j.size)
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
	if j := q.pick(); j != files[5] {
		t.Fatalf("beside a 3 MB file: got %v, want the small file", j)
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

// Beside a file over the budget, companions keep starting while a second
// such file waits for the first; that one then starts as soon as the
// companions running finish, with nothing else let in before it.
func TestQueueRunsCompanionsBesideAFileOverTheBudget(t *testing.T) {
	files := sized(9<<20, 6<<20, companionFile+1, 10, 20)
	q := newQueue(4 << 20)
	q.start(files)
	first := q.next()
	if first != files[0] {
		t.Fatalf("first: got size %d", first.size)
	}
	// The 6 MB file waits; the largest companion starts instead, never
	// the file just over companionFile.
	c := q.next()
	if c != files[4] {
		t.Fatalf("beside the 9 MB file: got size %d, want the companion of 20 bytes", c.size)
	}
	q.finished(first)
	// The 6 MB file waits for the companion; nothing starts meanwhile.
	if j := q.pick(); j != nil {
		t.Fatalf("a file of %d bytes started while one over the budget waits", j.size)
	}
	q.finished(c)
	if j := q.next(); j != files[1] {
		t.Fatalf("after the companion: got size %d, want the 6 MB file", j.size)
	}
	// The 6 MB file is not the run's largest: a file over companionFile
	// starts beside it too, the two adding up to less than the 9 MB one.
	if j := q.next(); j != files[2] {
		t.Fatalf("beside the 6 MB file: got size %d, want the file just over companionFile", j.size)
	}
	if j := q.next(); j != files[3] {
		t.Fatalf("beside the 6 MB file: got size %d, want the companion of 10 bytes", j.size)
	}
}

// Beside a file over the budget, files over companionFile start only
// while the bytes running stay within the run's largest file's.
func TestQueueBoundsCompanionsByTheLargestFile(t *testing.T) {
	const largest = 9 << 20
	files := sized(largest, largest-150<<10, 200<<10, 100<<10, 100<<10, 10)
	q := newQueue(4 << 20)
	q.start(files)
	first := q.next()
	if first != files[0] {
		t.Fatalf("first: got size %d", first.size)
	}
	// Beside the largest file only companions start.
	c := q.next()
	if c != files[5] {
		t.Fatalf("beside the largest file: got size %d, want the companion of 10 bytes", c.size)
	}
	q.finished(c)
	q.finished(first)
	second := q.next()
	if second != files[1] {
		t.Fatalf("second: got size %d", second.size)
	}
	// 200 KB would take the bytes running over the largest file's; one
	// of the 100 KB files fits, the other not beside it.
	a := q.next()
	if a != files[3] {
		t.Fatalf("beside the second file: got size %d, want 100 KB", a.size)
	}
	if j := q.pick(); j != nil {
		t.Fatalf("beside the second file and 100 KB: a file of %d bytes started", j.size)
	}
	q.finished(a)
	if j := q.next(); j != files[4] {
		t.Fatalf("once the first 100 KB finished: got size %d, want the other", j.size)
	}
}

// TestReleaseAboveFollowsTheLargestFile checks the size from which a
// worker hands Go's free memory back: half the run's largest
// file, and never below releaseAfter.
func TestReleaseAboveFollowsTheLargestFile(t *testing.T) {
	for _, c := range []struct {
		sizes []int64
		want  int64
	}{
		{[]int64{9 << 20, 6 << 20, 2 << 20, 10}, 9 << 19},
		{[]int64{3 << 20, 2 << 20, 10}, 3 << 19},
		{[]int64{2 << 20, 1 << 20, 10}, releaseAfter},
		{nil, releaseAfter},
	} {
		q := newQueue(4 << 20)
		q.start(sized(c.sizes...))
		if got := q.releaseAbove(); got != c.want {
			t.Errorf("largest of %v: release above %d bytes, want %d", c.sizes, got, c.want)
		}
	}
}

// TestHandBackSparesTheLastLargeFile checks when a worker hands Go's free
// memory back: after each file over releaseAbove but the last of them to
// finish, whatever order they finish in, and never after a smaller file.
func TestHandBackSparesTheLastLargeFile(t *testing.T) {
	for _, c := range []struct {
		finish []int   // indices into the files, in the order they finish
		want   []int64 // the sizes in MB after which memory goes back
	}{
		{[]int{0, 1, 2, 3}, []int64{9, 6}},
		{[]int{1, 0, 3, 2}, []int64{6, 9}},
		{[]int{3, 2, 1, 0}, []int64{5, 6}},
	} {
		files := sized(9<<20, 6<<20, 5<<20, 2<<20) // over releaseAbove: the first three
		q := newQueue(4 << 20)
		q.start(files)
		var got []int64
		for _, i := range c.finish {
			if q.handBack(files[i]) {
				got = append(got, files[i].size>>20)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("finishing in the order %v: handed back after the files of %v MB, want %v", c.finish, got, c.want)
		}
	}
	// A run with no file over releaseAfter never hands back.
	q := newQueue(4 << 20)
	small := sized(512<<10, 10)
	q.start(small)
	for _, j := range small {
		if q.handBack(j) {
			t.Errorf("handed back after a file of %d bytes", j.size)
		}
	}
}
