package lsp

import (
	"runtime/debug"
	"testing"
)

func TestTuneCollectorSetsAndRestores(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(77)
	defer debug.SetGCPercent(before)
	limit := debug.SetMemoryLimit(-1)

	restore := TuneCollector()
	if got := debug.SetGCPercent(-1); got != serverGCPercent {
		t.Errorf("GOGC while tuned = %d, want %d", got, serverGCPercent)
	}
	debug.SetGCPercent(serverGCPercent)
	if got := debug.SetMemoryLimit(-1); got != serverMemoryLimit {
		t.Errorf("memory limit while tuned = %d, want %d", got, serverMemoryLimit)
	}
	restore()
	if got := debug.SetGCPercent(-1); got != 77 {
		t.Errorf("GOGC after restore = %d, want 77", got)
	}
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("memory limit after restore = %d, want %d", got, limit)
	}
}

func TestTuneCollectorLeavesTheUsersSetting(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "150")
			before := debug.SetGCPercent(60)
			defer debug.SetGCPercent(before)
			TuneCollector()()
			if got := debug.SetGCPercent(-1); got != 60 {
				t.Errorf("GOGC = %d, want the 60 set before", got)
			}
			debug.SetGCPercent(60)
		})
	}
}
