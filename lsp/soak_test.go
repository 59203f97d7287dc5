package lsp

import (
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"testing"
	"time"
)

// soakFile is a 2,000-line module with a finding every 50 lines.
func soakFile() string {
	var b strings.Builder
	for i := 0; i < 2000; i++ {
		switch {
		case i%50 == 0:
			fmt.Fprintf(&b, "leak(%d);\n", i)
		case i%10 == 0:
			fmt.Fprintf(&b, "function f%d(a, b) { return a + b * %d; }\n", i, i)
		default:
			fmt.Fprintf(&b, "const v%d = \"line %d ü😀\";\n", i, i)
		}
	}
	return b.String()
}

// TestSoak sends 10,000 incremental edits to a 2,000-line file and checks
// that the heap does not grow with them and that no goroutine outlives the
// session.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("soak test")
	}
	baseline := runtime.NumGoroutine()
	edits := 10000
	c := start(t, config{initOpts: map[string]any{"debounceMs": 20}})
	const uri = "file:///work/soak.js"
	text := soakFile()
	c.open(uri, "javascript", text, 1)
	_, next := c.waitPublish(0, uri, nil)

	rng := rand.New(rand.NewSource(7))
	var heaps []uint64
	version := 1
	for i := 0; i < edits; i += 2 {
		// Type a character somewhere and delete it again, so the text
		// (and what the server should hold) stays the same size; every
		// 1,000 edits also add or remove a finding and wait for it.
		line := rng.Intn(2000)
		col := rng.Intn(8)
		version++
		c.changeRange(uri, version, tEdit{Range: tRange{tPos{line, col}, tPos{line, col}}, NewText: "x"})
		version++
		c.changeRange(uri, version, tEdit{Range: tRange{tPos{line, col}, tPos{line, col + 1}}, NewText: ""})
		if (i+2)%1000 == 0 {
			version++
			want := 40
			if ((i+2)/1000)%2 == 1 {
				c.changeRange(uri, version, tEdit{Range: tRange{tPos{2000, 0}, tPos{2000, 0}}, NewText: "leak();\n"})
				want = 41
			} else {
				c.changeRange(uri, version, tEdit{Range: tRange{tPos{2000, 0}, tPos{2001, 0}}, NewText: ""})
			}
			v := version
			var p tPublish
			p, next = c.waitPublish(next, uri, func(p tPublish) bool { return *p.Version == v })
			if len(p.Diagnostics) != want {
				t.Fatalf("after %d edits: %d findings, want %d", i+2, len(p.Diagnostics), want)
			}
			heaps = append(heaps, heapAfterGC())
			// The client keeps every message; drop them so that its
			// memory does not count as the server's.
			c.mu.Lock()
			c.msgs = nil
			c.mu.Unlock()
			next = 0
		}
	}
	var mb []string
	for _, h := range heaps {
		mb = append(mb, fmt.Sprintf("%.1f", float64(h)/(1<<20)))
	}
	t.Logf("heap after GC every 1,000 edits (MB): %s", strings.Join(mb, " "))
	first, last := heaps[0], heaps[len(heaps)-1]
	if last > first+first/2+4<<20 {
		t.Errorf("heap grew from %d to %d bytes over %d edits", first, last, edits)
	}

	if code := c.shutdownAndExit(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	_ = c.conn.Close()
	waitGoroutines(t, baseline)
}

func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// waitGoroutines waits until the goroutine count is back to baseline.
func waitGoroutines(t *testing.T, baseline int) {
	t.Helper()
	limit := time.Now().Add(deadline)
	for runtime.NumGoroutine() > baseline {
		if time.Now().After(limit) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines left, baseline %d:\n%s", runtime.NumGoroutine(), baseline, buf[:runtime.Stack(buf, true)])
		}
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond) // polling a count, not synchronising with the server
	}
	t.Logf("goroutines back to %d (baseline %d)", runtime.NumGoroutine(), baseline)
}

func TestNoGoroutineLeftAfterSession(t *testing.T) {
	baseline := runtime.NumGoroutine()
	c := start(t, config{folders: []string{t.TempDir()}})
	c.open("file:///work/a.js", "javascript", "leak();", 1)
	c.waitPublish(0, "file:///work/a.js", nil)
	c.changeFull("file:///work/a.js", 2, "leak(); leak();") // leaves a timer pending
	if err := c.call("workspace/executeCommand", map[string]any{"command": "leakwatch.checkWorkspace"}, nil); err != nil {
		t.Fatal(err)
	}
	if code := c.shutdownAndExit(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	_ = c.conn.Close()
	waitGoroutines(t, baseline)
}
