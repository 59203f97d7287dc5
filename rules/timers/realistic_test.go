package timers_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/timers"
)

// TestRealisticCleanCode runs the rule over larger files written the way
// real projects write them, every timer in them cleared correctly (or not a leak), and expects silence.
func TestRealisticCleanCode(t *testing.T) {
	analysistest.RunClean(t, timers.NotCleared, "realistic")
}
