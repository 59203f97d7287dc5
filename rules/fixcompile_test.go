package rules_test

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/internal/tscheck"
	"github.com/leakwatch/leakwatch/rules"
)

// goldenHeader starts a fix's section in a .golden file (see
// analyzer/analysistest): where the finding is, the fix's title and safety.
var goldenHeader = regexp.MustCompile(`(?m)^=== (\d+:\d+) (.*) \((safe|unsafe)\) ===\n`)

// goldenFix is one fix of a fixture as its golden file holds it.
type goldenFix struct {
	at, title string
	safe      bool
	fixed     string // the whole file after the fix
}

func readGolden(t *testing.T, p string) []goldenFix {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	heads := goldenHeader.FindAllStringSubmatchIndex(text, -1)
	if len(heads) == 0 || heads[0][0] != 0 {
		t.Fatalf("%s: does not start with a fix header", p)
	}
	var out []goldenFix
	for i, h := range heads {
		end := len(text)
		if i+1 < len(heads) {
			end = heads[i+1][0]
		}
		out = append(out, goldenFix{
			at: text[h[2]:h[3]], title: text[h[4]:h[5]], safe: text[h[6]:h[7]] == "safe",
			fixed: text[h[1]:end],
		})
	}
	return out
}

// TestFixesCompile type-checks every fixture before and after each fix its
// golden file holds, and after all its safe fixes merged as `check --fix`
// merges them, with the real TypeScript compiler (internal/tscheck), and
// fails when a fix adds an error about a name, a member, nullability, or
// any syntax error; unsafe fixes that do are listed. JavaScript is checked too (checkJs), and the script
// blocks of .vue and .svelte files. The fixtures import packages that are
// not installed, so they have errors of their own: only what a fix adds
// counts.
func TestFixesCompile(t *testing.T) {
	cache, err := tscheck.DefaultCache()
	if err != nil {
		t.Fatal(err)
	}
	tsc, err := tscheck.Install(cache)
	if err != nil {
		t.Fatal(err)
	}
	goldens, _ := filepath.Glob("../testdata/rules/*/*.golden")
	if len(goldens) == 0 {
		t.Fatal("no golden files under testdata/rules")
	}
	type check struct {
		fixture, label string
		before, after  string // names in the batch
		safe           bool
		text           string // the fixed file, to quote the broken line
	}
	var (
		files  []tscheck.File
		checks []check
		e      = rules.NewEngine()
	)
	for _, g := range goldens {
		fixture := strings.TrimSuffix(g, ".golden")
		src, err := os.ReadFile(fixture)
		if err != nil {
			t.Fatal(err)
		}
		text, ext, ok := tscheck.Script(fixture, src)
		if !ok {
			t.Fatalf("%s: a golden file for a file the compiler cannot check", g)
		}
		rel := strings.TrimPrefix(filepath.ToSlash(fixture), "../testdata/rules/")
		base := path.Join(rel, "before"+ext)
		files = append(files, tscheck.File{Name: base, Text: text})
		add := func(label, fixed string, safe bool) {
			after, _, ok := tscheck.Script(fixture, []byte(fixed))
			if !ok {
				t.Fatalf("%s: %s: the fixed file has no script", fixture, label)
			}
			name := path.Join(rel, fmt.Sprintf("fix%d%s", len(checks), ext))
			files = append(files, tscheck.File{Name: name, Text: after})
			checks = append(checks, check{fixture: rel, label: label, before: base, after: name, safe: safe, text: after})
		}
		for _, f := range readGolden(t, g) {
			safety := "unsafe"
			if f.safe {
				safety = "safe"
			}
			add(fmt.Sprintf("%s %q (%s)", f.at, f.title, safety), f.fixed, f.safe)
		}
		if all, n := fixAll(t, e, fixture, string(src)); n > 1 {
			add(fmt.Sprintf("all %d safe fixes merged", n), all, true)
		}
	}
	start := time.Now()
	diags, kept, err := tsc.Check(files, os.Getenv("LEAKWATCH_TSCHECK_KEEP") != "")
	checkTime := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if kept != "" {
		t.Logf("the checked files are in %s (npx tsc -p %[1]s)", kept)
	}
	broken, unsafe := 0, 0
	for _, c := range checks {
		for _, d := range tscheck.Added(diags[c.before], diags[c.after]) {
			if !tscheck.Breaking(d, c.after) {
				continue
			}
			if !c.safe {
				// An unsafe fix is one a person finishes; its title says
				// what is left to do. Listed, not failed.
				unsafe++
				t.Logf("%s: unsafe fix %s adds %s", c.fixture, c.label, d)
				continue
			}
			broken++
			t.Errorf("%s: fix %s adds %s\n\t%s", c.fixture, c.label, d, lineOf(c.text, d.Line))
		}
	}
	t.Logf("%d fixes of %d fixtures type-checked in one compiler run (%s); errors added by safe fixes: %d, by unsafe fixes: %d",
		len(checks), len(goldens), checkTime.Round(time.Millisecond), broken, unsafe)
}

// fixAll applies a fixture's safe fixes the way `check --fix` does in its
// first round (the first safe fix of each finding, merged), and returns the
// text and how many fixes went in.
func fixAll(t *testing.T, e *analyzer.Engine, path, src string) (string, int) {
	r := e.Analyze(context.Background(), analyzer.File{Path: path, Src: []byte(src)})
	var safe []analyzer.Fix
	for _, d := range r.Diagnostics {
		for _, f := range d.Fixes {
			if f.Safe {
				safe = append(safe, f)
				break
			}
		}
	}
	edits, skipped := analyzer.MergeFixes(safe)
	out, err := analyzer.ApplyEdits(src, edits)
	if err != nil {
		t.Fatalf("%s: merged safe fixes do not apply: %v", path, err)
	}
	return out, len(safe) - len(skipped)
}

func lineOf(text string, n int) string {
	lines := strings.Split(text, "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[n-1])
}
