package resources_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/resources"
)

func TestNotClosed(t *testing.T) { analysistest.Run(t, resources.NotClosed) }

func TestDocExamples(t *testing.T) { analysistest.RunDocExamples(t, resources.NotClosed) }

// TestRealisticCleanCode runs the rule over whole files written the way
// careful projects write them (a pg data layer, a file CLI, a chat client)
// and expects nothing.
func TestRealisticCleanCode(t *testing.T) {
	dir := filepath.Join(analysistest.FixtureDir(t, resources.NotClosed.ID), "realistic")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if _, ok := syntax.LangForPath(e.Name()); !ok {
			continue
		}
		n++
		path := filepath.Join(dir, e.Name())
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res := analysistest.Analyze(t, resources.NotClosed, path, string(src))
		if len(res.SyntaxErrors) > 0 {
			t.Errorf("%s: syntax error at byte %d", path, res.SyntaxErrors[0].Start)
		}
		for _, d := range res.Diagnostics {
			t.Errorf("%s: unexpected diagnostic at byte %d: %s", e.Name(), d.Start, d.Message)
		}
	}
	if n == 0 {
		t.Fatal("no realistic files")
	}
}
