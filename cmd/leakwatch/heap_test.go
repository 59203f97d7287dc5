package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/heap/report"
	"github.com/leakwatch/leakwatch/internal/nodeapp"
)

func TestHeapDiffConfirmsStaticFinding(t *testing.T) {
	t.Parallel()
	snaps := nodeapp.Scenario(t, "listener-leaky", 20)
	out := t.TempDir()
	html, saved := filepath.Join(out, "r.html"), filepath.Join(out, ".leakwatch", "heap.json")
	args := append([]string{"heap", "diff", "--format", "json", "--source-root", nodeapp.AppsDir(), "--html", html, "--save", saved}, snaps...)
	r := runReal(t, out, args...)
	expectCode(t, r, exitFindings)
	var doc report.Document
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	if len(doc.Groups) == 0 {
		t.Fatalf("no groups\n%s", r)
	}
	g := doc.Groups[0]
	if g.Kind != "closure" || g.Name != "onReload" || g.File != "listener-leaky.js" || g.Line != 12 || g.Leaked != 20 {
		t.Errorf("group %s %s at %s:%d, %d leaked; want closure onReload at listener-leaky.js:12, 20 leaked", g.Kind, g.Name, g.File, g.Line, g.Leaked)
	}
	if len(g.Path) == 0 || len(g.Holders) == 0 {
		t.Errorf("group lacks a retainer path or holders: %+v", g)
	}
	// Both sides of the tie.
	if len(doc.Findings) != 1 || len(g.Findings) != 1 {
		t.Fatalf("findings %+v, group findings %v", doc.Findings, g.Findings)
	}
	f := doc.Findings[0]
	if f.Rule != "listener-added-per-call" || f.File != "listener-leaky.js" || f.Line != 12 || len(f.Groups) != 1 || f.Groups[0] != 0 {
		t.Errorf("finding %+v", f)
	}
	page := read(t, html)
	for _, want := range []string{"onReload() closures", "listener-leaky.js:12", "confirmed at runtime", "listener-added-per-call"} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "http://") && strings.Contains(page, "src=") {
		t.Error("HTML report is not self-contained")
	}
	back, err := report.Read(saved)
	if err != nil || len(back.Groups) != len(doc.Groups) {
		t.Fatalf("saved report: %v", err)
	}

	// Two snapshots: objects allocated after the first and alive in the
	// second (both rounds of requests).
	r = runReal(t, out, "heap", "diff", "--format", "json", snaps[0], snaps[2])
	expectCode(t, r, exitFindings)
	var two report.Document
	if err := json.Unmarshal([]byte(r.stdout), &two); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	if two.Method != "two-snapshot" || len(two.Groups) == 0 || two.Groups[0].Name != "onReload" || two.Groups[0].Leaked != 40 {
		t.Errorf("two-snapshot diff: %s, groups %+v", two.Method, two.Groups)
	}

	// The text form says the same.
	r = runReal(t, out, append([]string{"heap", "diff", "--source-root", nodeapp.AppsDir()}, snaps...)...)
	expectCode(t, r, exitFindings)
	for _, want := range []string{"1. onReload() closures: 20 new still alive", "at listener-leaky.js:12", `held by listener for "reload" on EventEmitter`,
		"static finding listener-leaky.js:12:7 listener-added-per-call: confirmed at runtime"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text output lacks %q\n%s", want, r)
		}
	}
}

func TestHeapDiffFixedProgramIsQuiet(t *testing.T) {
	t.Parallel()
	snaps := nodeapp.Scenario(t, "listener-fixed", 20)
	r := runReal(t, t.TempDir(), append([]string{"heap", "diff", "--source-root", nodeapp.AppsDir()}, snaps...)...)
	expectCode(t, r, exitOK)
	if !strings.Contains(r.stdout, "No leak groups") {
		t.Errorf("output:\n%s", r)
	}
}

func TestHeapDiffBadInput(t *testing.T) {
	leaky := nodeapp.Scenario(t, "cache-leaky", 1)
	// A second run of the same program: the hardest case to tell apart,
	// since both start from the same startup snapshot.
	other := nodeapp.Scenario(t, "cache-leaky", 1)
	dir := t.TempDir()
	data, err := os.ReadFile(leaky[0])
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "truncated.heapsnapshot")
	write(t, dir, map[string]string{
		"truncated.heapsnapshot": string(data[:len(data)/2]),
		"package.json":           `{"name": "x"}`,
		"notes.txt":              "hello",
	})
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"heap", "diff", truncated, leaky[1]}, "truncated.heapsnapshot: byte "},
		{[]string{"heap", "diff", truncated, leaky[1]}, "file ends in the middle of the snapshot"},
		{[]string{"heap", "diff", filepath.Join(dir, "package.json"), leaky[1]}, `not a V8 heap snapshot: it has no "snapshot" field`},
		{[]string{"heap", "diff", filepath.Join(dir, "notes.txt"), leaky[1]}, "not a V8 heap snapshot"},
		{[]string{"heap", "diff", filepath.Join(dir, "missing.heapsnapshot"), leaky[1]}, "no such file"},
		{[]string{"heap", "diff", leaky[0], other[1]}, "different processes"},
		{[]string{"heap", "diff", "--max-memory", "64KB", leaky[0], leaky[1]}, "the memory budget is 64.0 KB (raise it with --max-memory)"},
		{[]string{"heap", "diff", leaky[0]}, "give two or three snapshots"},
		{[]string{"heap", "diff", "--format", "xml", leaky[0], leaky[1]}, `unknown --format "xml"`},
		{[]string{"heap", "difff"}, `unknown subcommand "difff"; did you mean diff?`},
		{[]string{"heap", "record", "--load", "true"}, "give the program after --"},
		{[]string{"heap", "record", "--", "/nonexistent/program"}, "cannot start /nonexistent/program"},
	}
	for _, c := range cases {
		r := lw(t, dir, c.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: want exit 2 and %q\n%s", c.args, c.want, r)
		}
	}
}

// TestHeapExample runs the README's example command (fewer iterations) so
// that it keeps working.
func TestHeapExample(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	html := filepath.Join(t.TempDir(), "heap-report.html")
	r := runReal(t, root, "heap", "record", "--ready", "listening",
		"--load", "node testdata/examples/heap/load.js", "--iterations", "4",
		"--source-root", "testdata/examples/heap", "--html", html, "--dir", t.TempDir(),
		"--", "node", "testdata/examples/heap/server.js")
	expectCode(t, r, exitFindings)
	for _, want := range []string{
		"RenderedPage objects: 20 new still alive",
		"at server.js:20 (the variable `pages` that holds them is declared here)",
		"onSettingsChange() closures: 20 new still alive",
		"at server.js:24 (where the function is defined)",
		"static finding server.js:30:11 unbounded-cache: confirmed at runtime",
		"static finding server.js:24:12 listener-added-per-call: confirmed at runtime",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q\n%s", want, r)
		}
	}
	if strings.Contains(r.stderr, "Debugger listening") {
		t.Error("inspector chatter reaches the user")
	}
	if !strings.Contains(read(t, html), "RenderedPage objects") {
		t.Error("HTML report lacks the groups")
	}
}

// TestHeapWatch watches a program that keeps 20 KB more every 20 ms.
func TestHeapWatch(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, map[string]string{"grow.js": `const kept = [];
class Session { constructor() { this.data = new Array(2500).fill(Math.random()); } }
setInterval(() => { kept.push(new Session()); }, 20);
`})
	html := filepath.Join(dir, "watch.html")
	r := runReal(t, dir, "heap", "watch", "--duration", "3s", "--interval", "150ms", "--min-count", "5", "--html", html, "--dir", dir, "--format", "json", "--", "node", "grow.js")
	expectCode(t, r, exitFindings)
	var doc report.Document
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	if doc.Growth == nil || !doc.Growth.Sustained || len(doc.Samples) < 10 {
		t.Fatalf("growth %+v over %d samples\n%s", doc.Growth, len(doc.Samples), r)
	}
	if len(doc.Groups) == 0 || doc.Groups[0].Name != "Session" {
		t.Errorf("groups %+v", doc.Groups)
	}
	page := read(t, html)
	for _, want := range []string{"<svg", "<polyline", "sustained growth", "Session objects"} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
}
