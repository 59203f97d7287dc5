package analyzer_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/rules"
)

// Files too large to keep their C tree have their fixes checked on a
// spliced tree (syntax.ReparseSpliced) or a full parse, not an incremental
// reparse. Over the fixtures, with every file treated as too large, every
// finding keeps exactly the fixes it keeps when its C tree is kept, and
// many fixes are checked on a spliced tree (the others are in files too
// short for a splice to save anything, and are parsed in full).
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
