package syntax

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// goHeapHeadroom is how far Go's memory may grow past what it holds in
// live objects while a held parse runs: room for the small files the
// other workers analyse meanwhile, without a collection every few
// allocations.
const goHeapHeadroom = 4 << 20

// heldParses counts the parses holding Go's heap; the first sets the
// memory limit, the last puts the previous one back.
var heldParses struct {
	sync.Mutex
	n    int
	prev int64
}

// holdGoHeap caps Go's memory near what its live objects take, and returns
// the function that lifts the cap. While tree-sitter builds the C tree of
// a multi-megabyte file, that tree is most of the process's memory, and
// the free memory Go keeps for its next allocations (its heap goal is
// twice the live heap, and it hands freed pages back to the system only
// slowly) adds to that peak for nothing: the limit makes Go collect and
// return it. Only for callers that run nothing memory-hungry beside the
// parse: a Go heap that must grow past the cap makes the collector run
// continuously until the cap is lifted.
func holdGoHeap() (release func()) {
	heldParses.Lock()
	defer heldParses.Unlock()
	if heldParses.n == 0 {
		heldParses.prev = debug.SetMemoryLimit(-1)
		debug.SetMemoryLimit(goInUse() + goHeapHeadroom)
	}
	heldParses.n++
	var once sync.Once
	return func() {
		once.Do(func() {
			heldParses.Lock()
			defer heldParses.Unlock()
			heldParses.n--
			if heldParses.n == 0 {
				debug.SetMemoryLimit(heldParses.prev)
			}
		})
	}
}

// goInUse is the Go runtime's memory other than free heap: live and
// not-yet-collected objects, stacks and the runtime's own structures.
func goInUse() int64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	var v [3]uint64
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			v[i] = s[i].Value.Uint64()
		}
	}
	n := v[0] - v[1] - v[2]
	if n > math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(n)
}
