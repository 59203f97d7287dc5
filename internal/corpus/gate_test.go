package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
)

// The gate runs the real binary, as a user would, over ../shared/corpus (or
// LEAKWATCH_CORPUS_DIR). Where the corpus is absent (a clone without the
// shared folder) the corpus tests have nothing to measure and skip; CI has
// the corpus and runs them.

var (
	repoRoot   = filepath.Join("..", "..")
	labelsPath = filepath.Join(repoRoot, "testdata", "corpus", "labels.tsv")

	buildOnce sync.Once
	binary    string
	buildErr  error
)

func corpusDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("LEAKWATCH_CORPUS_DIR")
	if dir == "" {
		dir = filepath.Join(repoRoot, "..", "shared", "corpus")
	}
	if _, err := os.Stat(dir); err != nil {
		// The gate is required in CI (.ci/run): there a missing corpus is
		// a broken set-up, not a reason to pass.
		if os.Getenv("CI") != "" {
			t.Fatalf("no corpus at %s (CI requires it; set LEAKWATCH_CORPUS_DIR): %v", dir, err)
		}
		t.Skipf("no corpus at %s (set LEAKWATCH_CORPUS_DIR): %v", dir, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

func leakwatch(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "leakwatch-corpus-")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "leakwatch")
		cmd := exec.Command("go", "build", "-o", binary, "./cmd/leakwatch")
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// check runs `leakwatch check --format json args...` in dir and returns the
// JSON report; exit codes 0 and 1 (findings) are success.
func check(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(leakwatch(t), append([]string{"check", "--format", "json", "-j", fmt.Sprint(runtime.NumCPU())}, args...)...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("leakwatch check %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes()
}

var (
	corpusOnce     sync.Once
	corpusProjects []Project
	corpusAll      []Finding
)

// corpusFindings is the all-rules run over the whole corpus, shared by the
// tests that need it.
func corpusFindings(t *testing.T) (string, []Project, []Finding) {
	t.Helper()
	dir := corpusDir(t)
	corpusOnce.Do(func() {
		projects, err := Projects(dir)
		if err != nil {
			t.Fatal(err)
		}
		rep := check(t, dir, corpusPaths(projects)...)
		fs, err := ParseReport(rep)
		if err != nil {
			t.Fatal(err)
		}
		corpusProjects, corpusAll = projects, fs
	})
	if corpusProjects == nil {
		t.Fatal("the corpus run failed in an earlier test")
	}
	return dir, corpusProjects, corpusAll
}

func corpusPaths(projects []Project) []string {
	var paths []string
	for _, p := range projects {
		paths = append(paths, p.Paths...)
	}
	return paths
}

// TestCorpusGate fails when a finding on the corpus has no reviewed label,
// or when a finding labelled a true positive is no longer reported. It
// prints precision per rule. Set LEAKWATCH_CORPUS_STUB=FILE to write the
// unlabeled findings as labels.tsv lines to complete.
func TestCorpusGate(t *testing.T) {
	_, _, findings := corpusFindings(t)
	labels, err := ReadLabelsFile(labelsPath)
	if err != nil {
		t.Fatal(err)
	}
	m := MatchLabels(findings, labels)
	perRule, total := m.Scores()
	t.Logf("precision on the corpus (%d findings, %d labels):\n%s", len(findings), len(labels), Table(perRule, total))
	if stub := os.Getenv("LEAKWATCH_CORPUS_STUB"); stub != "" {
		if err := os.WriteFile(stub, []byte(Stub(m.Unlabeled)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(m.Stale) > 0 {
		t.Logf("%d labels of FP/UNSURE findings no longer reported (fixed false positives; remove them when convenient)", len(m.Stale))
	}
	for _, f := range m.Unlabeled {
		t.Errorf("finding without a label (review it and add a line to testdata/corpus/labels.tsv): %s", f)
	}
	for _, l := range m.LostTPs {
		t.Errorf("a true positive is no longer reported: %s %s:%d %s (%s)", l.Project, l.File, l.Line, l.Rule, l.Reason)
	}
}

// TestRuleIndependence checks that a rule's verdict never depends on which
// other rules run: for every rule R, `--rules R` reports exactly the R
// findings of a run with every rule, over the fixtures, the examples and the
// corpus. (One finding per leak is decided inside the rules that defer to
// each other, from the same models, so it holds with any rule set.)
func TestRuleIndependence(t *testing.T) {
	type run struct {
		dir   string
		paths []string
		all   []Finding
	}
	fixtures := []string{"testdata/rules", "testdata/examples"}
	runs := []run{{dir: repoRoot, paths: fixtures}}
	if os.Getenv("LEAKWATCH_CORPUS_DIR") != "" || exists(filepath.Join(repoRoot, "..", "shared", "corpus")) {
		dir, projects, all := corpusFindings(t)
		runs = append(runs, run{dir: dir, paths: corpusPaths(projects), all: all})
	}
	for i := range runs {
		if runs[i].all == nil {
			runs[i].all = flatFindings(t, check(t, runs[i].dir, runs[i].paths...))
		}
	}
	for _, id := range ruleIDs(t) {
		t.Run(id, func(t *testing.T) {
			for _, r := range runs {
				var want []string
				for _, f := range r.all {
					if f.Rule == id {
						want = append(want, f.String())
					}
				}
				var got []string
				for _, f := range flatFindings(t, check(t, r.dir, append([]string{"--rules", id}, r.paths...)...)) {
					got = append(got, f.String())
				}
				if d := diffLines(want, got); d != "" {
					t.Errorf("in %s, --rules %s differs from the all-rules run (- all rules, + alone):\n%s", r.dir, id, d)
				}
			}
		})
	}
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// flatFindings reads a report whose paths need not start with a project.
func flatFindings(t *testing.T, rep []byte) []Finding {
	t.Helper()
	fs, err := ParseReport(rep)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func ruleIDs(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command(leakwatch(t), "rules", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var rules []struct{ ID string }
	if err := json.Unmarshal(out, &rules); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.ID)
	}
	if len(ids) < 10 {
		t.Fatalf("expected at least 10 rules from `leakwatch rules --json`, got %q", ids)
	}
	return ids
}

// diffLines lists what is only in a (-) or only in b (+).
func diffLines(a, b []string) string {
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		count[s]--
	}
	var out []string
	for s, n := range count {
		for ; n > 0; n-- {
			out = append(out, "- "+s)
		}
		for ; n < 0; n++ {
			out = append(out, "+ "+s)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}
