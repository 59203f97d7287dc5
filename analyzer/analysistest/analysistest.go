// Package analysistest runs a rule over fixture files and checks its
// findings against `want` comments and its fixes against golden files.
//
// A fixture is a source file under testdata/rules/<rule-id>/. Each line a
// rule must flag carries a want comment: a regular expression matched
// against "rule-id: message", so it names the rule, pins the message, or
// both:
//
//	window.addEventListener("resize", onResize); // want "listener-not-removed"
//	/* want "timer-not-cleared" */ setInterval(tick, 1000);
//	<div>{/* want "listener-not-removed" */}</div>
//	// want +2 "subscription-not-disposed"     (two lines below this one)
//
// Every line without a want must stay silent, so fixtures double as proof
// that accepted cleanup shapes are not reported. For every fix the rule
// offers, the file <fixture>.golden holds the exact text after applying
// that fix alone; `go test ./... -update` rewrites golden files. Every fix
// must re-parse without new syntax errors and make the finding go away.
package analysistest

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

var update = flag.Bool("update", false, "rewrite .golden files from the fixes rules offer")

// FixtureDir returns testdata/rules/<id> at the module root.
func FixtureDir(t testing.TB, id string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "testdata", "rules", id)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("analysistest: no go.mod above the test's folder")
		}
		dir = parent
	}
}

// Run checks rule against every fixture in testdata/rules/<rule.ID>.
func Run(t *testing.T, rule *analyzer.Rule) {
	t.Helper()
	dir := FixtureDir(t, rule.ID)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("reading fixtures: %v", err)
	}
	n := 0
	for _, e := range entries {
		if _, ok := syntax.LangForPath(e.Name()); (!ok && !analyzer.IsComponentFile(e.Name())) || e.IsDir() {
			continue
		}
		n++
		path := filepath.Join(dir, e.Name())
		t.Run(e.Name(), func(t *testing.T) { RunFile(t, rule, path) })
	}
	if n == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
}

// Result of running a rule on one source text, for tests that build their
// own sources.
func Analyze(t testing.TB, rule *analyzer.Rule, path, src string) analyzer.Result {
	t.Helper()
	e := analyzer.NewEngine([]*analyzer.Rule{rule})
	e.ValidateFixes = false
	return e.Analyze(context.Background(), analyzer.File{Path: path, Src: []byte(src)})
}

// RunAllRules checks one fixture with every rule of rules on at once, as
// users run leakwatch: each finding must match a want of its line (name the
// rule in the pattern) and every want must be met. Fixes are checked per
// rule by Run; this checks only which findings the rules make together.
func RunAllRules(t *testing.T, rules []*analyzer.Rule, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	e := analyzer.NewEngine(rules)
	e.ValidateFixes = false
	res := e.Analyze(context.Background(), analyzer.File{Path: path, Src: data})
	if res.Skipped != "" {
		t.Fatalf("%s: skipped: %s", path, res.Skipped)
	}
	ix := textpos.New(src)
	want := parseWants(t, path, src)
	got := map[int][]analyzer.Diagnostic{}
	for _, d := range res.Diagnostics {
		l, _ := ix.Position(d.Start, textpos.UTF16)
		got[l+1] = append(got[l+1], d)
	}
	for l := range got {
		if _, ok := want[l]; !ok {
			want[l] = nil
		}
	}
	for l, w := range want {
		missing, extra := matchLine(w, got[l])
		for _, m := range missing {
			t.Errorf("%s:%d: missing diagnostic matching %q%s", path, l, m, describe(got[l]))
		}
		for _, d := range extra {
			t.Errorf("%s:%d: unexpected diagnostic [%s]\n\t\t%s", path, l, d.Rule, d.Message)
		}
	}
}

// RunFile checks one fixture file.
func RunFile(t *testing.T, rule *analyzer.Rule, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	res := Analyze(t, rule, path, src)
	if res.Skipped != "" {
		t.Fatalf("%s: skipped: %s", path, res.Skipped)
	}
	if len(res.SyntaxErrors) > 0 {
		ix := textpos.New(src)
		l, c := ix.Position(res.SyntaxErrors[0].Start, textpos.UTF16)
		t.Errorf("%s:%d:%d: fixture has a syntax error", path, l+1, c+1)
	}
	compareWants(t, path, src, res)
	checkFixes(t, rule, path, src, res)
}

// compareWants checks a result against the file's want comments: every
// wanted line has exactly the wanted rules, every other line none.
func compareWants(t *testing.T, path, src string, res analyzer.Result) {
	t.Helper()
	ix := textpos.New(src)
	want := parseWants(t, path, src)
	got := map[int][]analyzer.Diagnostic{}
	for _, d := range res.Diagnostics {
		if d.Rule == analyzer.RuleInternalError {
			t.Errorf("%s: %s", path, d.Message)
			continue
		}
		l, _ := ix.Position(d.Start, textpos.UTF16)
		got[l+1] = append(got[l+1], d)
	}
	lines := map[int]bool{}
	for l := range want {
		lines[l] = true
	}
	for l := range got {
		lines[l] = true
	}
	var sorted []int
	for l := range lines {
		sorted = append(sorted, l)
	}
	sort.Ints(sorted)
	for _, l := range sorted {
		missing, extra := matchLine(want[l], got[l])
		for _, w := range missing {
			t.Errorf("%s:%d: missing diagnostic matching %q%s", path, l, w, describe(got[l]))
		}
		for _, d := range extra {
			t.Errorf("%s:%d: unexpected diagnostic [%s]\n\t\t%s", path, l, d.Rule, d.Message)
		}
	}
}

// matchLine pairs a line's want patterns with its diagnostics. A pattern
// is a regular expression matched against "rule-id: message", so it can
// name the rule, pin the message, or both; each diagnostic satisfies one
// pattern. It returns the patterns left unmatched and the diagnostics no
// pattern claimed.
func matchLine(wants []string, diags []analyzer.Diagnostic) (missing []string, extra []analyzer.Diagnostic) {
	used := make([]bool, len(diags))
	for _, w := range wants {
		re, err := regexp.Compile(w)
		if err != nil {
			re = regexp.MustCompile(regexp.QuoteMeta(w))
		}
		found := false
		for i, d := range diags {
			if !used[i] && re.MatchString(d.Rule+": "+d.Message) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			missing = append(missing, w)
		}
	}
	for i, d := range diags {
		if !used[i] {
			extra = append(extra, d)
		}
	}
	return missing, extra
}

func describe(diags []analyzer.Diagnostic) string {
	var sb strings.Builder
	for _, d := range diags {
		sb.WriteString("\n\t\tgot [" + d.Rule + "] " + d.Message)
	}
	return sb.String()
}

var wantRE = regexp.MustCompile(`want(?:\s+\+(\d+))?((?:\s+"[^"]+")+)`)
var quotedRE = regexp.MustCompile(`"([^"]+)"`)

// parseWants reads want comments from the fixture's comments.
func parseWants(t *testing.T, path, src string) map[int][]string {
	text, lang, ok := analyzer.ScriptSource(path, []byte(src))
	if !ok {
		t.Fatalf("%s: not a file the engine analyses", path)
	}
	tree, err := syntax.Parse(context.Background(), lang, text, syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix := textpos.New(src)
	out := map[int][]string{}
	for i := 0; i < tree.Len(); i++ {
		n := tree.At(i)
		if n.Kind() != "comment" {
			continue
		}
		body := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(n.Text(), "//"), "/*"), "*/"))
		if !strings.HasPrefix(body, "want ") && !strings.HasPrefix(body, "want\t") {
			continue
		}
		m := wantRE.FindStringSubmatch(body)
		l, _ := ix.Position(n.Start(), textpos.UTF16)
		if m == nil {
			t.Fatalf("%s:%d: malformed want comment %q", path, l+1, body)
		}
		line := l + 1
		if m[1] != "" {
			off, _ := strconv.Atoi(m[1])
			line += off
		}
		for _, q := range quotedRE.FindAllStringSubmatch(m[2], -1) {
			out[line] = append(out[line], q[1])
		}
	}
	return out
}

// checkFixes validates every fix and compares the fixed texts with the
// golden file.
func checkFixes(t *testing.T, rule *analyzer.Rule, path, src string, res analyzer.Result) {
	t.Helper()
	e := analyzer.NewEngine([]*analyzer.Rule{rule})
	ix := textpos.New(src)
	var golden strings.Builder
	nfix := 0
	for _, d := range res.Diagnostics {
		l, c := ix.Position(d.Start, textpos.UTF16)
		for _, fix := range d.Fixes {
			nfix++
			f := analyzer.File{Path: path, Src: []byte(src)}
			if err := e.CheckFix(context.Background(), f, d, fix); err != nil {
				t.Errorf("%s:%d:%d: fix %q is invalid: %v", path, l+1, c+1, fix.Title, err)
				continue
			}
			fixed, _ := analyzer.ApplyEdits(src, fix.Edits)
			safety := "unsafe"
			if fix.Safe {
				safety = "safe"
			}
			fmt.Fprintf(&golden, "=== %d:%d %s (%s) ===\n%s", l+1, c+1, fix.Title, safety, fixed)
			if !strings.HasSuffix(fixed, "\n") {
				golden.WriteString("\n")
			}
		}
	}
	goldenPath := path + ".golden"
	if nfix == 0 {
		if _, err := os.Stat(goldenPath); err == nil {
			if *update {
				os.Remove(goldenPath)
				return
			}
			t.Errorf("%s: golden file exists but the rule offers no fixes (run with -update)", goldenPath)
		}
		return
	}
	if *update {
		if err := os.WriteFile(goldenPath, []byte(golden.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Errorf("%s: %v (run `go test ./... -update` to create it)", goldenPath, err)
		return
	}
	if string(want) != golden.String() {
		t.Errorf("%s: fixed text differs from golden file (run with -update and review the diff)\n%s",
			goldenPath, firstDifference(string(want), golden.String()))
	}
}

func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n\twant: %q\n\tgot:  %q", i+1, w, g)
		}
	}
	return ""
}

// RunDocExamples checks that a rule's documented bad example reports and
// its good example does not.
func RunDocExamples(t *testing.T, rule *analyzer.Rule) {
	t.Helper()
	if rule.Doc.Bad.Code == "" || rule.Doc.Good.Code == "" {
		t.Fatalf("%s: doc needs a bad and a good example", rule.ID)
	}
	bad := Analyze(t, rule, rule.Doc.Bad.Path, rule.Doc.Bad.Code)
	if count(bad, rule.ID) == 0 {
		t.Errorf("%s: the bad example reports nothing", rule.ID)
	}
	good := Analyze(t, rule, rule.Doc.Good.Path, rule.Doc.Good.Code)
	if n := count(good, rule.ID); n != 0 {
		t.Errorf("%s: the good example reports %d findings: %v", rule.ID, n, good.Diagnostics)
	}
	if rule.Doc.Title == "" || rule.Doc.Text == "" || len(rule.Doc.Accepts) == 0 {
		t.Errorf("%s: doc needs a title, an explanation and the accepted cleanup shapes", rule.ID)
	}
}

func count(r analyzer.Result, id string) int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Rule == id {
			n++
		}
	}
	return n
}

// RunClean runs rule over every file in testdata/rules/<id>/<subdir> —
// larger files written the way real projects write them, every
// registration in them cleaned up correctly — and expects silence and no
// syntax errors.
func RunClean(t *testing.T, rule *analyzer.Rule, subdir string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(FixtureDir(t, rule.ID), subdir, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no files in %s/%s: %v", rule.ID, subdir, err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res := Analyze(t, rule, f, string(src))
		if res.Skipped != "" {
			t.Errorf("%s: not analysed: %s", f, res.Skipped)
		}
		if len(res.SyntaxErrors) > 0 {
			t.Errorf("%s: syntax error at byte %d", f, res.SyntaxErrors[0].Start)
		}
		ix := textpos.New(string(src))
		for _, d := range res.Diagnostics {
			l, c := ix.Position(d.Start, textpos.UTF16)
			t.Errorf("%s:%d:%d: unexpected finding: %s", filepath.Base(f), l+1, c+1, d.Message)
		}
	}
}
