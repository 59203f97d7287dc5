package subscriptions_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/subscriptions"
)

// TestRealisticCleanCode runs the rule over larger files written the way
// real projects write them, every subscription in them ended correctly (or
// not a leak: HTTP calls, route streams, sources the component owns), and
// expects silence.
func TestRealisticCleanCode(t *testing.T) {
	rule := subscriptions.NotDisposed
	files, err := filepath.Glob(filepath.Join(analysistest.FixtureDir(t, rule.ID), "realistic", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no realistic files: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res := analysistest.Analyze(t, rule, f, string(src))
		if res.Skipped != "" {
			t.Errorf("%s: skipped: %s", filepath.Base(f), res.Skipped)
		}
		if len(res.SyntaxErrors) > 0 {
			t.Errorf("%s: syntax error at byte %d", filepath.Base(f), res.SyntaxErrors[0].Start)
		}
		for _, d := range res.Diagnostics {
			t.Errorf("%s: unexpected finding at byte %d: %s", filepath.Base(f), d.Start, d.Message)
		}
	}
}
