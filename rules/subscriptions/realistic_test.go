package subscriptions_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/subscriptions"
)

// TestRealisticCleanCode runs the rule over larger files written the way
// real projects write them, every subscription in them ended correctly (or not a leak), and expects silence.
func TestRealisticCleanCode(t *testing.T) {
	analysistest.RunClean(t, subscriptions.NotDisposed, "realistic")
}
