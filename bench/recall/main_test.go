package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const header = "repo\tfix_commit\tparent\tpath\tline\trule\tshape\tframework\tnote\n"

func TestParseManifest(t *testing.T) {
	good := header + "# a comment\n\na/b\tf1\tp1\tsrc/x.ts\t12\tlistener-not-removed\tlistener-component\tReact\tsome words\n"
	rows, err := parseManifest("m", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Line != 12 || rows[0].Path != "src/x.ts" || rows[0].Note != "some words" {
		t.Fatalf("got %+v", rows)
	}
	for name, bad := range map[string]string{
		"no header":     "a/b\tf\tp\tx.ts\t1\tr\ts\tF\tn\n",
		"wrong header":  "repo\tcommit\n",
		"short row":     header + "a/b\tf\tp\tx.ts\t1\n",
		"line not a nr": header + "a/b\tf\tp\tx.ts\tten\tr\ts\tF\tn\n",
		"line zero":     header + "a/b\tf\tp\tx.ts\t0\tr\ts\tF\tn\n",
		"empty rule":    header + "a/b\tf\tp\tx.ts\t3\t\ts\tF\tn\n",
	} {
		if _, err := parseManifest("m", []byte(bad)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestLineMapper(t *testing.T) {
	// Old 1..20. Hunk 1 inserts two lines after old line 3; hunk 2 replaces
	// old 8..9 with one line; hunk 3 deletes old 15.
	diff := "diff --git a/x b/x\n--- a/x\n+++ b/x\n" +
		"@@ -3,0 +4,2 @@\n+a\n+b\n" +
		"@@ -8,2 +10 @@\n-c\n-d\n+e\n" +
		"@@ -15 +16,0 @@\n-f\n"
	m := lineMapper([]byte(diff))
	for old, want := range map[int]int{1: 1, 3: 3, 4: 6, 7: 9, 8: 10, 9: 10, 10: 11, 14: 15, 15: 16, 16: 16, 20: 20} {
		if got := m(old); got != want {
			t.Errorf("line %d: got %d, want %d", old, got, want)
		}
	}
	if got := lineMapper(nil)(7); got != 7 {
		t.Errorf("no diff: got %d", got)
	}
}

func TestJudge(t *testing.T) {
	base := outcome{row: row{Line: 10, Rule: "listener-not-removed"}, FixLine: 12}
	cases := []struct {
		name          string
		rule          string
		before, after []finding
		status        string
		still         bool
	}{
		{"hit within window", "", []finding{{Line: 13, Rule: "listener-not-removed"}}, nil, "hit", false},
		{"outside window", "", []finding{{Line: 14, Rule: "listener-not-removed"}}, nil, "miss", false},
		{"other rule at the line", "", []finding{{Line: 10, Rule: "timer-not-cleared"}}, nil, "miss", false},
		{"alternative rule", "listener-removal-mismatch|listener-not-removed", []finding{{Line: 10, Rule: "listener-not-removed"}}, nil, "hit", false},
		{"fix still reports", "", []finding{{Line: 10, Rule: "listener-not-removed"}}, []finding{{Line: 11, Rule: "listener-not-removed"}}, "hit", true},
		{"fix reports elsewhere", "", []finding{{Line: 10, Rule: "listener-not-removed"}}, []finding{{Line: 40, Rule: "listener-not-removed"}}, "hit", false},
	}
	for _, c := range cases {
		o := base
		if c.rule != "" {
			o.Rule = c.rule
		}
		judge(&o, c.before, c.after, 3)
		if o.Status != c.status || o.StillReports != c.still {
			t.Errorf("%s: status %s still %v, want %s %v", c.name, o.Status, o.StillReports, c.status, c.still)
		}
	}
	o := base
	judge(&o, []finding{{Line: 30, Rule: "listener-not-removed"}, {Line: 9, Rule: "timer-not-cleared"}}, nil, 3)
	if len(o.RuleLines) != 1 || o.RuleLines[0] != 30 || len(o.Nearby) != 1 || o.Nearby[0] != "timer-not-cleared@9" {
		t.Errorf("miss hints: %+v %+v", o.RuleLines, o.Nearby)
	}
}

// TestScoreOnGitRepo builds leakwatch and scores it on a small repository the
// test commits itself: one leak fixed, one leak whose "fix" still leaks, and
// rows that must be skipped (unknown repository, file absent at the parent).
func TestScoreOnGitRepo(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed to build the test repository")
	}
	dir := t.TempDir()
	lw := filepath.Join(dir, "leakwatch")
	build := exec.Command("go", "build", "-o", lw, "github.com/leakwatch/leakwatch/cmd/leakwatch")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building leakwatch: %v\n%s", err, out)
	}

	mirror := filepath.Join(dir, "mirror")
	repo := filepath.Join(mirror, "acme+widgets")
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t",
			"GIT_COMMITTER_EMAIL=t@t", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(repo, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	git("init", "-q")

	// Pane.jsx leaks a resize listener (line 5), then the fix removes it in
	// the effect's cleanup, one line lower after a new comment line.
	leaky := "import { useEffect } from \"react\";\n\nexport function Pane({ onResize }) {\n  useEffect(() => {\n    window.addEventListener(\"resize\", onResize);\n  }, [onResize]);\n  return null;\n}\n"
	fixed := "import { useEffect } from \"react\";\n\n// Pane follows the window size.\nexport function Pane({ onResize }) {\n  useEffect(() => {\n    window.addEventListener(\"resize\", onResize);\n    return () => window.removeEventListener(\"resize\", onResize);\n  }, [onResize]);\n  return null;\n}\n"
	// Ticker.jsx leaks an interval; its "fix" renames the handler and still leaks.
	ticker := "import { useEffect } from \"react\";\n\nexport function Ticker({ tick }) {\n  useEffect(() => {\n    setInterval(tick, 1000);\n  }, [tick]);\n  return null;\n}\n"
	tickerStill := strings.ReplaceAll(ticker, "tick", "onTick")
	write("Pane.jsx", leaky)
	write("Ticker.jsx", ticker)
	// Typed.js carries type annotations a .js parser rejects.
	write("Typed.js", "class A extends B<C, D> {\n  m (x: T) { window.addEventListener(\"x\", f); }\n}\n")
	git("add", ".")
	git("commit", "-q", "-m", "leaky")
	parent := git("rev-parse", "HEAD")
	write("Pane.jsx", fixed)
	write("Ticker.jsx", tickerStill)
	git("commit", "-q", "-am", "fix")
	fix := git("rev-parse", "HEAD")

	manifest := header +
		"acme/widgets\t" + fix + "\t" + parent + "\tPane.jsx\t5\tlistener-not-removed\tlistener-component\tReact\tfixed\n" +
		"acme/widgets\t" + fix + "\t" + parent + "\tTicker.jsx\t5\ttimer-not-cleared\ttimer-component\tReact\tstill leaks\n" +
		"acme/widgets\t" + fix + "\t" + parent + "\tPane.jsx\t5\ttimer-not-cleared\ttimer-component\tReact\twrong rule\n" +
		"acme/widgets\t" + fix + "\t" + parent + "\tTyped.js\t2\tlistener-not-removed\tlistener-component\tReact\tparse errors\n" +
		"acme/widgets\t" + fix + "\t" + parent + "\tGone.jsx\t1\ttimer-not-cleared\ttimer-component\tReact\tno file\n" +
		"nobody/nothing\t" + fix + "\t" + parent + "\tPane.jsx\t5\tlistener-not-removed\tlistener-component\tReact\tno repo\n"
	mpath := filepath.Join(dir, "manifest.tsv")
	if err := os.WriteFile(mpath, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	code := run([]string{"-manifest", mpath, "-mirror", mirror, "-leakwatch", lw, "-json"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var res result
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	if res.Rows != 6 || res.Scored != 4 || res.Skipped != 2 || res.Hits != 2 || res.StillReports != 1 {
		t.Fatalf("rows %d scored %d skipped %d hits %d still %d\n%s", res.Rows, res.Scored, res.Skipped, res.Hits, res.StillReports, stdout.String())
	}
	want := []struct {
		status string
		still  bool
		fixAt  int
	}{{"hit", false, 6}, {"hit", true, 5}, {"miss", false, 6}, {"miss", false, 2}, {"skipped", false, 0}, {"skipped", false, 0}}
	for i, w := range want {
		o := res.Outcomes[i]
		if o.Status != w.status || o.StillReports != w.still || o.FixLine != w.fixAt {
			t.Errorf("row %d: %s still=%v fixLine=%d, want %s %v %d", i, o.Status, o.StillReports, o.FixLine, w.status, w.still, w.fixAt)
		}
	}
	if res.Outcomes[3].SyntaxErrors == 0 || res.Outcomes[0].SyntaxErrors != 0 {
		t.Errorf("syntax errors: Typed.js %d, Pane.jsx %d", res.Outcomes[3].SyntaxErrors, res.Outcomes[0].SyntaxErrors)
	}
	if !strings.Contains(stderr.String(), "nobody/nothing") {
		t.Errorf("the missing repository is not reported: %s", stderr.String())
	}

	// The text report names the miss and the threshold fails the run.
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"-manifest", mpath, "-mirror", mirror, "-leakwatch", lw, "-min-recall", "0.9"}, &stdout, &stderr); code != 1 {
		t.Errorf("-min-recall 0.9 with recall 2/4: exit %d", code)
	}
	if !strings.Contains(stdout.String(), "recall 2/4") || !strings.Contains(stdout.String(), "misses (2)") || !strings.Contains(stdout.String(), "syntax errors in the parent version") {
		t.Errorf("text report:\n%s", stdout.String())
	}

	// The hits gate: the run's hits written out pass it; a listed row
	// that is missed fails it, a listed row whose repository is not
	// fetched does not.
	hits := filepath.Join(dir, "hits.tsv")
	if code := run([]string{"-manifest", mpath, "-mirror", mirror, "-leakwatch", lw, "-write-hits", hits}, &stdout, &stderr); code != 0 {
		t.Fatalf("-write-hits: exit %d: %s", code, stderr.String())
	}
	written, err := os.ReadFile(hits)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range res.Outcomes {
		if listed := strings.Contains(string(written), hitKey(o.row)+"\n"); listed != (o.Status == "hit") {
			t.Errorf("hits file lists %s: %v, its status is %s:\n%s", hitKey(o.row), listed, o.Status, written)
		}
	}
	stderr.Reset()
	if code := run([]string{"-manifest", mpath, "-mirror", mirror, "-leakwatch", lw, "-hits", hits}, &stdout, &stderr); code != 0 {
		t.Errorf("-hits with this run's own hits: exit %d: %s", code, stderr.String())
	}
	missed := res.Outcomes[2]
	skipped := res.Outcomes[5]
	list := string(written) + hitKey(missed.row) + "\n" + hitKey(skipped.row) + "\n"
	if err := os.WriteFile(hits, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"-manifest", mpath, "-mirror", mirror, "-leakwatch", lw, "-hits", hits}, &stdout, &stderr); code != 1 {
		t.Errorf("-hits with a missed row listed: exit %d", code)
	}
	if !strings.Contains(stderr.String(), "1 rows of") || !strings.Contains(stderr.String(), hitKey(missed.row)) || strings.Contains(stderr.String(), hitKey(skipped.row)) {
		t.Errorf("-hits report:\n%s", stderr.String())
	}
}

func TestBadInput(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-manifest", filepath.Join(t.TempDir(), "none.tsv")}, &out, &errb); code != 2 {
		t.Errorf("missing manifest: exit %d", code)
	}
	if code := run([]string{"extra"}, &out, &errb); code != 2 {
		t.Errorf("stray argument: exit %d", code)
	}
}
