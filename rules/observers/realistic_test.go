package observers_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/observers"
)

// TestRealisticCleanCode runs the rule over larger files written the way
// real projects write them, every observer in them disconnected correctly (or not a leak), and expects silence.
func TestRealisticCleanCode(t *testing.T) {
	analysistest.RunClean(t, observers.NotDisconnected, "realistic")
}
