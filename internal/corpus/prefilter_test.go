package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPrefilterSound runs the binary with its prefilter off
// (LEAKWATCH_NO_PREFILTER=1: every rule on every file, whatever its text)
// over the fixtures and the corpus, and fails on any finding the ordinary
// run lacks: such a finding comes from a file, or a rule in a file, that
// the prefilter skips. analyzer's TestPrefilterSound checks the same rule
// by rule on the fixtures; this one adds configuration files, the CLI's
// facts and the corpus's real code.
func TestPrefilterSound(t *testing.T) {
	type run struct {
		dir   string
		paths []string
		with  []Finding
	}
	fixtures := []string{"testdata/rules", "testdata/examples", "testdata/projects", "testdata/allrules", "testdata/config", "testdata/recall/shapes"}
	runs := []run{{dir: repoRoot, paths: fixtures}}
	if os.Getenv("LEAKWATCH_CORPUS_DIR") != "" || exists(filepath.Join(repoRoot, "..", "shared", "corpus")) {
		dir, projects, all := corpusFindings(t)
		runs = append(runs, run{dir: dir, paths: corpusPaths(projects), with: all})
	}
	for i := range runs {
		if runs[i].with == nil {
			runs[i].with = flatFindings(t, check(t, runs[i].dir, runs[i].paths...))
		}
	}
	// The binary inherits the test's environment.
	t.Setenv("LEAKWATCH_NO_PREFILTER", "1")
	total := 0
	for _, r := range runs {
		without := flatFindings(t, check(t, r.dir, r.paths...))
		total += len(without)
		var a, b []string
		for _, f := range r.with {
			a = append(a, f.String())
		}
		for _, f := range without {
			b = append(b, f.String())
		}
		if d := diffLines(a, b); d != "" {
			t.Errorf("in %s, the run without the prefilter differs (- with it, + without: findings in files or rules it skips):\n%s", r.dir, d)
		}
	}
	if total < 300 {
		t.Fatalf("only %d findings without the prefilter; the runs checked too little", total)
	}
}
