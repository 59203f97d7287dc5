package analyzer_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/rules"
)

// Fixes are checked on a spliced tree (syntax.ReparseSpliced) or, where
// the splice cannot vouch for the tree, a full parse; files small enough
// keep a C tree for that instead (TestFixChecksKeepTreeOnDemand). Over
// the fixtures, with every file treated as too large to keep one, every
// finding keeps exactly the fixes it keeps otherwise, and many fixes are
// checked on a spliced tree (the others are in files too short for a
// splice to save anything, and are parsed in full).
func TestSplicedFixChecksKeepVerdicts(t *testing.T) {
	ctx := context.Background()
	e := analyzer.NewEngine(rules.All())
	fixes := 0
	spliced := analyzer.SplicedChecks()
	walkFixtures(t, func(f analyzer.File) {
		kept := e.Analyze(ctx, f)
		n := 0
		for _, d := range kept.Diagnostics {
			n += len(d.Fixes)
		}
		restore := analyzer.SetKeepTreeLimit(-1)
		defer restore()
		got := e.Analyze(ctx, f)
		if !reflect.DeepEqual(got.Diagnostics, kept.Diagnostics) {
			t.Errorf("%s: findings differ when fixes are checked without the kept tree:\n got %+v\nwant %+v", f.Path, got.Diagnostics, kept.Diagnostics)
		}
		fixes += n
	})
	spliced = analyzer.SplicedChecks() - spliced
	t.Logf("%d valid fixes, %d fix checks on a spliced tree", fixes, spliced)
	if fixes < 100 || spliced < 100 {
		t.Fatalf("%d fix checks of %d valid fixes on a spliced tree; want 100 or more", spliced, fixes)
	}
}

// A fix a splice cannot check (here: the file has a syntax error, which
// the splice refuses) in a file large enough to keep its C tree is
// checked on an incremental reparse of a tree parsed for it, once per
// file however many fixes it has; every finding keeps the fixes a full
// parse of each fixed text keeps.
func TestFixChecksKeepTreeOnDemand(t *testing.T) {
	ctx := context.Background()
	e := analyzer.NewEngine(rules.All())
	filler := strings.Repeat("// filler to make the file worth keeping its tree\n", 800)
	files, fixes := 0, 0
	walkFixtures(t, func(f analyzer.File) {
		if analyzer.IsComponentFile(f.Path) || files >= 40 {
			return // text after the script blocks is not parsed; enough seen
		}
		f.Src = append([]byte(filler), f.Src...)
		f.Src = append(f.Src, "\nlet = ;\n"...)
		before := analyzer.KeptParses()
		got := e.Analyze(ctx, f)
		parses := analyzer.KeptParses() - before
		n := 0
		for _, d := range got.Diagnostics {
			n += len(d.Fixes)
		}
		if parses > 1 {
			t.Errorf("%s: %d C trees parsed for its fixes; want at most one", f.Path, parses)
		}
		if parses == 1 {
			files++
			fixes += n
		}
		restore := analyzer.SetKeepTreeLimit(-1)
		defer restore()
		want := e.Analyze(ctx, f)
		if !reflect.DeepEqual(got.Diagnostics, want.Diagnostics) {
			t.Errorf("%s: findings differ between fixes checked on a kept tree and on full parses:\n got %+v\nwant %+v", f.Path, got.Diagnostics, want.Diagnostics)
		}
	})
	t.Logf("%d files checked their fixes on a C tree parsed for them, %d valid fixes", files, fixes)
	if files < 20 || fixes < 20 {
		t.Fatalf("%d files, %d valid fixes checked on a tree kept on demand; want 20 or more of each", files, fixes)
	}
}
