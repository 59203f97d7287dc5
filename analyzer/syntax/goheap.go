package syntax

import (
	"bytes"
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync"
	"time"
)

// goHeapHeadroom is how far Go's memory may grow past what it holds in
// live objects when it is capped: room for the small files the other
// workers analyse meanwhile, without a collection every few allocations.
const goHeapHeadroom = 4 << 20

// heldTotal is the process size a held parse keeps to: Go's memory is
// capped at what the rest of the process (tree-sitter's tree, mostly)
// leaves of it, but never below its in-use size plus goHeapHeadroom.
// While the tree is small that cap is far away and Go collects as usual;
// it closes in only as the tree nears its peak.
const heldTotal = 224 << 20

// governEvery is how often a held parse recomputes the cap.
const governEvery = 10 * time.Millisecond

// heldParses counts the parses holding Go's heap; the first starts the
// governor, the last stops it and puts the previous limit back.
var heldParses struct {
	sync.Mutex
	n          int
	prev       int64
	stop, done chan struct{}
}

// holdGoHeap caps Go's memory while a large C tree is built, and returns
// the function that lifts the cap. While tree-sitter builds the tree of a
// multi-megabyte file, that tree is most of the process's memory, and the
// free memory Go keeps for its next allocations (its heap goal is twice
// the live heap, and it hands freed pages back to the system slowly) adds
// to that peak for nothing: the limit makes Go collect and return it.
// Only for callers that run nothing memory-hungry beside the parse: a Go
// heap that must grow past the cap makes the collector run often.
func holdGoHeap() (release func()) {
	h := &heldParses
	h.Lock()
	defer h.Unlock()
	if h.n == 0 {
		h.prev = debug.SetMemoryLimit(-1)
		h.stop, h.done = make(chan struct{}), make(chan struct{})
		debug.SetMemoryLimit(goHeapCap(h.prev))
		go governGoHeap(h.prev, h.stop, h.done)
	}
	h.n++
	var once sync.Once
	return func() {
		once.Do(func() {
			h.Lock()
			defer h.Unlock()
			h.n--
			if h.n == 0 {
				close(h.stop)
				<-h.done
				debug.SetMemoryLimit(h.prev)
			}
		})
	}
}

// governGoHeap updates Go's memory limit every governEvery until stop.
// Capping Go at its in-use size for the whole parse (an earlier version)
// made it collect every few megabytes the small files beside the parse
// allocated: 70 more collections in a cold run, 0.9 s of CPU.
func governGoHeap(prev int64, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(governEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			debug.SetMemoryLimit(goHeapCap(prev))
		}
	}
}

// goHeapCap is the memory limit for Go now: what the rest of the process
// leaves of heldTotal, at least Go's in-use size plus goHeapHeadroom, at
// most prev. Where the process's resident size cannot be read, Go is
// capped at its in-use size plus goHeapHeadroom throughout.
func goHeapCap(prev int64) int64 {
	inUse, mapped := goMemory()
	floor := inUse + goHeapHeadroom
	limit := floor
	if rss, ok := residentBytes(); ok {
		limit = max(heldTotal-(rss-mapped), floor)
	}
	return min(limit, prev)
}

// goMemory returns the Go runtime's memory other than free heap (live and
// not-yet-collected objects, stacks, the runtime's own structures), and
// all the memory it has not returned to the system.
func goMemory() (inUse, mapped int64) {
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
	return clampInt64(v[0] - v[1] - v[2]), clampInt64(v[0] - v[2])
}

func clampInt64(n uint64) int64 {
	if n > math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(n)
}

// residentBytes reads the process's resident size (Linux only).
func residentBytes() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}
