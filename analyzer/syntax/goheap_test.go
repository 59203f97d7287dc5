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
	if in := goInUse(); capped < in || capped > in+goHeapHeadroom+(64<<20) {
		t.Errorf("limit while held: %d, want a little over the %d bytes Go uses", capped, in)
	}
	inner := holdGoHeap()
	if got := memoryLimit(); got != capped {
		t.Errorf("a second hold changed the limit from %d to %d", capped, got)
	}
	inner()
	inner() // releasing twice releases once
	if got := memoryLimit(); got != capped {
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
