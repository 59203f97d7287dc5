package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/corpus"
)

// TestRun measures a project made for the test: a git repository with one
// leak at its first commit, exported from a mirror folder, labelled once
// and once not.
func TestRun(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is required")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "leakwatch")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/leakwatch").CombinedOutput(); err != nil {
		t.Fatalf("building leakwatch: %v\n%s", err, out)
	}
	repo := filepath.Join(dir, "mirror", "acme+app")
	write(t, filepath.Join(repo, "src", "panel.js"), "export class Panel {\n  open() {\n    window.addEventListener(\"resize\", this.layout);\n  }\n  dispose() {}\n}\n")
	write(t, filepath.Join(repo, "docs", "notes.js"), "window.addEventListener(\"load\", () => {});\n")
	git(t, repo, "init", "-q")
	git(t, repo, "add", ".")
	git(t, repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one")
	commit := strings.TrimSpace(git(t, repo, "rev-parse", "HEAD"))

	projects := filepath.Join(dir, "projects.tsv")
	write(t, projects, "# a comment\napp\tacme/app\t"+commit+"\tsrc\nmissing\tnobody/none\t"+strings.Repeat("0", 40)+"\tsrc\n")
	labels := filepath.Join(dir, "labels.tsv")
	write(t, labels, "app\tsrc/panel.js\t3\tlistener-not-removed\tTP\t-\tnever removed in dispose\n")

	var out strings.Builder
	if err := run(&out, bin, filepath.Join(dir, "mirror"), projects, labels); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"held-out precision over 1 projects (app): 1 findings, 1 labelled",
		"| listener-not-removed | 1 | 1 | 0 | 0 | 1.00 |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "notes.js") {
		t.Errorf("a folder the project does not list was checked:\n%s", got)
	}

	// Without the label, the finding comes back as a stub to fill in.
	write(t, labels, "# nothing yet\n")
	out.Reset()
	if err := run(&out, bin, filepath.Join(dir, "mirror"), projects, labels); err != nil {
		t.Fatal(err)
	}
	if want := "app\tsrc/panel.js\t3\tlistener-not-removed\t?\t?\t"; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks the stub %q:\n%s", want, out.String())
	}

	// A malformed projects file is an error, not an empty measurement.
	write(t, projects, "app\tacme/app\tnot-a-commit\tsrc\n")
	if err := run(&out, bin, filepath.Join(dir, "mirror"), projects, labels); err == nil || !strings.Contains(err.Error(), "40-digit commit") {
		t.Errorf("malformed projects file: error %v", err)
	}
}

// TestBatchTable checks precision by batch: each labels file's projects,
// their findings (unlabelled ones counted against the batch) and TPs.
func TestBatchTable(t *testing.T) {
	tp := corpus.Label{Project: "app", Verdict: "TP"}
	fp := corpus.Label{Project: "app", Verdict: "FP"}
	m := corpus.Match{
		Labelled: []corpus.Pair{
			{Finding: corpus.Finding{Project: "app"}, Label: tp},
			{Finding: corpus.Finding{Project: "app"}, Label: fp},
			{Finding: corpus.Finding{Project: "web"}, Label: tp},
		},
		Unlabeled: []corpus.Finding{{Project: "web"}},
	}
	got := batchTable(m, map[string]string{"app": "a", "web": "b", "cli": "b"}, []string{"a", "b", "c"})
	for _, want := range []string{"| a | app | 2 | 1 | 0 | 0.50 |", "| b | web | 2 | 1 | 1 | 0.50 |"} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "| c |") {
		t.Errorf("a batch with no findings got a row:\n%s", got)
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}
