package rules

import (
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
)

// TestAllRulesTogether runs fixtures with every rule on, as users run
// leakwatch: findings made together are exactly those the wants name.
func TestAllRulesTogether(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "allrules", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata/allrules: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) { analysistest.RunAllRules(t, All(), f) })
	}
}
