package analysistest

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/facts"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// ProjectDir returns testdata/projects/<name> at the module root.
func ProjectDir(t testing.TB, name string) string {
	t.Helper()
	return filepath.Join(filepath.Dir(filepath.Dir(FixtureDir(t, "x"))), "projects", name)
}

// RunProject analyses every source file of a fixture project (a folder of
// files that import each other) with facts about the project, and checks
// each file's findings against its want comments. Files under
// node_modules are part of the project's layout but never analysed.
func RunProject(t *testing.T, rules []*analyzer.Rule, dir string) {
	t.Helper()
	for _, r := range ProjectResults(t, rules, dir, true) {
		src, err := os.ReadFile(r.Path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, r.Path)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			if r.Skipped != "" {
				t.Fatalf("%s: skipped: %s", r.Path, r.Skipped)
			}
			for _, d := range r.Diagnostics {
				if d.Rule == analyzer.RuleInternalError {
					t.Errorf("%s: %s", r.Path, d.Message)
				}
			}
			compareWants(t, r.Path, string(src), r)
		})
	}
}

// ProjectResults analyses every source file of a fixture project, with
// facts about the project or (withFacts=false) each file alone.
func ProjectResults(t testing.TB, rules []*analyzer.Rule, dir string, withFacts bool) []analyzer.Result {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	prog := facts.NewProgram(abs, nil, func(msg string) { t.Logf("facts: %s", msg) })
	e := analyzer.NewEngine(rules)
	e.ValidateFixes = false
	var out []analyzer.Result
	err = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "node_modules" {
			return filepath.SkipDir
		}
		if _, ok := syntax.LangForPath(path); d.IsDir() || !ok && !analyzer.IsComponentFile(path) {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f := analyzer.File{Path: path, Src: src}
		if withFacts {
			f.Imports = prog.For(path)
		}
		out = append(out, e.Analyze(context.Background(), f))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no source files in %s", dir)
	}
	return out
}
