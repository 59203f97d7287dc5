package analyzer_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules"
)

// TestDeferFixesSameFindings checks the language server's path, where
// rules report without building fixes and FixesIn builds them when a code
// action asks: over the fixtures, the fixture projects (with facts) and the
// corpus, the findings are Analyze's without their fixes, and FixesIn
// returns exactly the fixes Analyze built, both on a session's kept tree
// and on a fresh parse.
//
// Only files where the deferred run finds something are compared with an
// eager run: up to a rule's first report both runs execute the same code,
// so a file without deferred findings has no eager ones either.
func TestDeferFixesSameFindings(t *testing.T) {
	ctx := context.Background()
	eager := analyzer.NewEngine(rules.All())
	eager.ValidateFixes = false
	deferred := *eager
	deferred.DeferFixes = true
	findings, fixes := 0, 0
	check := func(f analyzer.File) {
		t.Helper()
		s := &analyzer.Session{}
		defer s.Close()
		got := deferred.AnalyzeIn(ctx, s, f)
		if len(got.Diagnostics) == 0 {
			return
		}
		want := eager.Analyze(ctx, f)
		if len(got.Diagnostics) != len(want.Diagnostics) {
			t.Errorf("%s: %d findings with fixes deferred, %d without", f.Path, len(got.Diagnostics), len(want.Diagnostics))
			return
		}
		for i := range want.Diagnostics {
			w := want.Diagnostics[i]
			w.Fixes = got.Diagnostics[i].Fixes // rules that build fixes cheaply may still do so
			if !reflect.DeepEqual(got.Diagnostics[i], w) {
				t.Errorf("%s: finding %d differs with fixes deferred:\n got %+v\nwant %+v", f.Path, i, got.Diagnostics[i], w)
			}
		}
		lent := analyzer.SessionLent(s)
		fromKept, err := deferred.FixesIn(ctx, s, f, got.Diagnostics)
		if err != nil {
			t.Errorf("%s: FixesIn on the kept tree: %v", f.Path, err)
			return
		}
		// Sessions keep the Go tree of files from syntax.ReuseMinBytes on;
		// smaller ones are parsed again.
		if len(f.Src) >= syntax.ReuseMinBytes && analyzer.SessionLent(s) != lent+1 {
			t.Errorf("%s: FixesIn did not use the session's tree", f.Path)
		}
		fresh, err := deferred.FixesIn(ctx, nil, f, got.Diagnostics)
		if err != nil {
			t.Errorf("%s: FixesIn on a fresh parse: %v", f.Path, err)
			return
		}
		for i, d := range want.Diagnostics {
			findings++
			fixes += len(d.Fixes)
			if !sameFixes(fromKept[i], d.Fixes) || !sameFixes(fresh[i], d.Fixes) {
				t.Errorf("%s: %s at %d: FixesIn built\n%+v (kept tree)\n%+v (fresh parse), Analyze\n%+v",
					f.Path, d.Rule, d.Start, fromKept[i], fresh[i], d.Fixes)
			}
		}
	}
	walkFixtures(t, check)
	if corpus := corpusDir(t); corpus != "" {
		walkSources(t, corpus, func(path string, src []byte) {
			check(analyzer.File{Path: path, Src: src})
		})
	}
	if findings < 300 || fixes < 200 {
		t.Fatalf("only %d findings with %d fixes compared; the walk missed them", findings, fixes)
	}
}

func sameFixes(a, b []analyzer.Fix) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	return reflect.DeepEqual(a, b)
}

// corpusDir is the real-code corpus (LEAKWATCH_CORPUS_DIR, else
// ../shared/corpus beside the repository), or "" where there is none. CI
// has it, and fails without it.
func corpusDir(t *testing.T) string {
	dir := os.Getenv("LEAKWATCH_CORPUS_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no corpus at %s (CI requires it; set LEAKWATCH_CORPUS_DIR): %v", dir, err)
		}
		return ""
	}
	return dir
}

// TestFixesInWhileEditing builds fixes from a session's tree while the
// session goes on reparsing edits, as a code action does while the user
// types: the fixes stay those of the text they were asked for (run it
// with -race, as CI does, for the sharing of the tree).
func TestFixesInWhileEditing(t *testing.T) {
	ctx := context.Background()
	eager := analyzer.NewEngine(rules.All())
	eager.ValidateFixes = false
	deferred := *eager
	deferred.DeferFixes = true
	var src []byte
	walkSources(t, filepath.Join("..", "testdata", "rules", "listener-not-removed"), func(path string, b []byte) {
		if filepath.Ext(path) == ".tsx" {
			src = append(append(src, b...), '\n')
		}
	})
	for len(src) < 2*syntax.ReuseMinBytes {
		src = append(src, src...)
	}
	f := analyzer.File{Path: "joined.tsx", Src: src}
	want := eager.Analyze(ctx, f)
	s := &analyzer.Session{}
	defer s.Close()
	got := deferred.AnalyzeIn(ctx, s, f)
	if len(got.Diagnostics) == 0 || len(got.Diagnostics) != len(want.Diagnostics) {
		t.Fatalf("%d findings deferred, %d eager", len(got.Diagnostics), len(want.Diagnostics))
	}
	done := make(chan [][]analyzer.Fix)
	go func() {
		fixes, err := deferred.FixesIn(ctx, s, f, got.Diagnostics)
		if err != nil {
			t.Error(err)
		}
		done <- fixes
	}()
	// Edit the document meanwhile; each analysis reparses it.
	text := src
	for i := 0; i < 5; i++ {
		text = append(append([]byte(nil), text...), "\nwindow.addEventListener('x', h);\n"...)
		deferred.AnalyzeIn(ctx, s, analyzer.File{Path: "joined.tsx", Src: text})
	}
	fixes := <-done
	for i, d := range want.Diagnostics {
		if !sameFixes(fixes[i], d.Fixes) {
			t.Errorf("%s at %d: fixes %+v, want %+v", d.Rule, d.Start, fixes[i], d.Fixes)
		}
	}
}
