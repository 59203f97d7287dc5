package main

import (
	"sort"
	"sync"
)

// memoryBudget bounds the source bytes analysed at once. Analysing a file
// takes about 40 times its size at its peak (tree-sitter's tree, then the
// flat copy, scope and lifecycle model), so two multi-megabyte bundles
// analysed side by side would double the peak; with the budget the second
// waits while small files keep the other workers busy. A file larger than
// the whole budget runs with only companion files beside it: typescript.js
// (9 MB) takes 260 MB by itself. Largest first, such files start the run.
const memoryBudget = 4 << 20

// smallFile is the size under which a file always fits the budget: its
// memory is small next to a large file's, and letting small files pass
// keeps every worker busy while a large file is being analysed.
const smallFile = 256 << 10

// companionFile is the size up to which a file may run beside one over
// the whole budget. Beside typescript.js, which took the first 4 s of a
// 9.5 s cold run alone, such files keep the other workers busy; larger
// ones (up to smallFile) left their memory in the allocator and took the
// cold benchmark's peak from 280 MB to 315-325 MB, these add about 5 MB
// (Go's heap is held while the big file parses: syntax.Options.HoldGoHeap).
//
// Beside a file over the budget that is smaller than the run's largest,
// files up to smallFile start too, while the bytes running add up to no
// more than the largest file's: the run's peak is that file's anyway. On
// the benchmark corpus the companions had run out 0.24 s before the
// second TypeScript bundle (6 MB) finished, and a worker waited.
const companionFile = 64 << 10

// releaseAfter is the file size after whose analysis the worker hands the
// garbage-collected heap back to the system (a forced collection, cheap
// next to analysing a file this large), and the bytes parsed between
// trims of the C allocator (trimAbove). The collections start higher in a
// run with a much larger file: queue.releaseAbove.
const releaseAfter = 1 << 20

// checkArenaCache is the free parse memory kept between files during a
// check (syntax.SetArenaCache; see checker.run).
const checkArenaCache = 32 << 20

// trimAbove is the resident size above which the workers hand the C
// allocator's free memory back to the system (malloc_trim), after every
// releaseAfter bytes of files parsed. Below it the free memory is the next
// trees' to reuse: trimming after every megabyte listed, as before, made
// the parses that followed fault the same pages in again (100,000 of the
// cold benchmark's 500,000 page faults, and the trims took 0.3 s of CPU).
// Above it, mostly while a file over the budget is parsed, the trims keep
// the run's peak where it was (287-291 MB).
const trimAbove = 192 << 20

// queue hands files to workers largest first, within a byte budget.
type queue struct {
	mu      sync.Mutex
	cond    sync.Cond
	started bool
	pending []*job // largest first; an entry is nil once taken
	first   int    // pending[:first] are all taken
	budget  int64
	inUse   int64 // bytes of the files over smallFile being analysed
	running int   // files being analysed
	// huge is set while a file over the budget is being analysed: only
	// companion files start beside it.
	huge bool
	// hugeSize is that file's size, beside the bytes of the companions
	// over companionFile running with it; largest is the run's largest
	// file's size.
	hugeSize, beside, largest int64
	// large counts the files over releaseAbove yet to finish.
	large int
}

func newQueue(budget int64) *queue {
	q := &queue{budget: budget}
	q.cond.L = &q.mu
	return q
}

// start gives the queue its files; next waits for it.
func (q *queue) start(files []*job) {
	sorted := append([]*job(nil), files...)
	// Stable: equal sizes keep walk order, so a run's schedule is
	// reproducible.
	sort.SliceStable(sorted, func(a, b int) bool { return sorted[a].size > sorted[b].size })
	q.mu.Lock()
	q.pending, q.started = sorted, true
	if len(sorted) > 0 {
		q.largest = sorted[0].size
		for _, j := range sorted {
			if j.size <= q.releaseLimit() {
				break
			}
			q.large++
		}
	}
	q.mu.Unlock()
	q.cond.Broadcast()
}

// releaseAbove is the file size after whose analysis the worker hands
// Go's free memory back to the system: releaseAfter, or half the run's
// largest file if that is more. The largest files run first and set the
// run's peak; the garbage of a file half that size, beside the tree of
// another no larger, stays under it, and handing it back after each of
// them was a forced collection and the faulting of the heap in again
// every time. On the benchmark corpus a quarter (before) collected after
// three files, half after the two TypeScript bundles: 2% less CPU in
// four alternating runs, the same peak (290 MB).
func (q *queue) releaseAbove() int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.releaseLimit()
}

// releaseLimit is releaseAbove with q.mu held.
func (q *queue) releaseLimit() int64 { return max(releaseAfter, q.largest/2) }

// handBack reports whether the worker that analysed j hands Go's free
// memory back to the system before its next file: j is larger than
// releaseAbove and another such file is still to finish, whose tree would
// grow beside the garbage. The garbage of the last one is left to the
// files after it, which reuse its pages instead of faulting them in
// again: on the benchmark corpus that is the second TypeScript bundle's
// 70 MB, some 18,000 page faults. Called once per job.
func (q *queue) handBack(j *job) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if j.size <= q.releaseLimit() {
		return false
	}
	q.large--
	return q.large > 0
}

// next returns the largest pending file that fits the budget, waiting while
// none does, or nil when every file has been handed out.
func (q *queue) next() *job {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		for q.first < len(q.pending) && q.pending[q.first] == nil {
			q.first++
		}
		if q.started && q.first == len(q.pending) {
			return nil
		}
		if j := q.pick(); j != nil {
			return j
		}
		q.cond.Wait()
	}
}

// pick takes the largest pending file that may start now, or returns nil.
// The caller holds q.mu.
func (q *queue) pick() *job {
	for i := q.first; i < len(q.pending); i++ {
		j := q.pending[i]
		if j == nil {
			continue
		}
		if !q.fits(j.size) {
			if j.size > q.budget && !q.huge {
				// It waits for the others to finish; starting smaller
				// files meanwhile could keep it waiting. (While another
				// file over the budget runs, it waits for that one
				// anyway, and companions may start.)
				return nil
			}
			continue
		}
		q.pending[i] = nil
		q.running++
		switch {
		case j.size > q.budget:
			q.huge, q.hugeSize = true, j.size
		case q.huge && j.size > companionFile:
			q.beside += j.size
			j.beside = true
		}
		if j.size > smallFile {
			q.inUse += j.size
		}
		return j
	}
	return nil
}

// fits reports whether a file of size bytes may start now. A file larger
// than the whole budget starts when no other file is running, and only
// companion files start beside it.
func (q *queue) fits(size int64) bool {
	switch {
	case q.huge:
		return size <= companionFile || size <= smallFile && q.hugeSize+q.beside+size <= q.largest
	case size > q.budget:
		return q.running == 0
	}
	return size <= smallFile || q.inUse+size <= q.budget
}

// finished returns a file's bytes to the budget.
func (q *queue) finished(j *job) {
	q.mu.Lock()
	q.running--
	if j.size > q.budget {
		q.huge = false
	}
	if j.beside {
		q.beside -= j.size
	}
	if j.size > smallFile {
		q.inUse -= j.size
	}
	q.mu.Unlock()
	q.cond.Broadcast()
}
