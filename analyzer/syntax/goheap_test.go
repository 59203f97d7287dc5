package syntax

import (
	"context"
	"runtime/debug"
	"testing"
)

func memoryLimit() int64 { return debug.SetMemoryLimit(-1) }

// A held parse caps Go's memory near what it uses, nested holds keep the
// cap, and the last release puts back the limit that was there before.
func TestHoldGoHeapCapsAndRestores(t *testing.T) {
	const before = 1 << 40
	prev := debug.SetMemoryLimit(before)
	defer debug.SetMemoryLimit(prev)

	release := holdGoHeap()
	capped := memoryLimit()
	if capped >= before {
		t.Fatalf("limit while held: %d, want below %d", capped, int64(before))
	}
	if in, _ := goMemory(); capped < in || capped > heldTotal+in {
		t.Errorf("limit while held: %d, want at least the %d bytes Go uses, and at most %d", capped, in, heldTotal)
	}
	inner := holdGoHeap()
	inner()
	inner() // releasing twice releases once
	if got := memoryLimit(); got >= before {
		t.Errorf("the limit was lifted while a hold remained: %d", got)
	}
	release()
	if got := memoryLimit(); got != before {
		t.Errorf("limit after the last release: %d, want %d", got, int64(before))
	}
}

func TestParseHoldingGoHeapRestoresTheLimit(t *testing.T) {
	const before = 1 << 40
	prev := debug.SetMemoryLimit(before)
	defer debug.SetMemoryLimit(prev)
	tree, err := Parse(context.Background(), JavaScript, []byte("let a = 1;\n"), Options{HoldGoHeap: true})
	if err != nil {
		t.Fatal(err)
	}
	if tree.Len() == 0 {
		t.Fatal("empty tree")
	}
	if got := memoryLimit(); got != before {
		t.Errorf("limit after a held parse: %d, want %d", got, int64(before))
	}
}

// The cap leaves Go what the rest of the process leaves of heldTotal, but
// never less than its in-use size plus the headroom, nor more than the
// limit before the hold.
func TestGoHeapCap(t *testing.T) {
	in, mapped := goMemory()
	got := goHeapCap(1 << 40)
	if got < in+goHeapHeadroom {
		t.Errorf("cap %d is below Go's in-use %d plus the headroom", got, in)
	}
	if rss, ok := residentBytes(); ok {
		if rss < mapped/2 {
			t.Errorf("resident size %d is less than half of Go's %d mapped bytes", rss, mapped)
		}
		if want := heldTotal - (rss - mapped); want > in+goHeapHeadroom+(8<<20) && (got < want-(8<<20) || got > want+(8<<20)) {
			t.Errorf("cap %d, want about %d (heldTotal less the %d bytes outside Go)", got, want, rss-mapped)
		}
	}
	if got := goHeapCap(1 << 20); got != 1<<20 {
		t.Errorf("cap %d above the previous limit of 1 MB", got)
	}
}
