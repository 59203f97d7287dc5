package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules"
)

// TestFixAllReachesAFixpoint does what `check --fix` does on every fixture
// with every rule: merge the safe fixes, apply them, re-analyse, repeat.
// Each round must keep the file parsing as well as before, the rounds must
// stop (a fix must not keep producing new work), and a further run at the
// fixpoint must change nothing — so running --fix twice is harmless.
func TestFixAllReachesAFixpoint(t *testing.T) {
	files, _ := filepath.Glob("../testdata/rules/*/*")
	more, _ := filepath.Glob("../testdata/examples/leaky/*/*")
	files = append(files, more...)
	e := rules.NewEngine()
	n, changed := 0, 0
	for _, path := range files {
		if _, ok := syntax.LangForPath(path); !ok && !analyzer.IsComponentFile(path) {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		n++
		text := string(src)
		errsBefore := syntaxErrors(e, path, text)
		rounds := 0
		for ; rounds < 10; rounds++ {
			r := e.Analyze(context.Background(), analyzer.File{Path: path, Src: []byte(text)})
			var safe []analyzer.Fix
			for _, d := range r.Diagnostics {
				for _, f := range d.Fixes {
					if f.Safe {
						safe = append(safe, f)
						break
					}
				}
			}
			edits, _ := analyzer.MergeFixes(safe)
			if len(edits) == 0 {
				break
			}
			next, err := analyzer.ApplyEdits(text, edits)
			if err != nil {
				t.Fatalf("%s: merged fixes do not apply: %v", path, err)
			}
			if next == text {
				break
			}
			text = next
			if got := syntaxErrors(e, path, text); got > errsBefore {
				t.Fatalf("%s: round %d of fixes left %d syntax errors (before: %d)\n%s", path, rounds+1, got, errsBefore, text)
			}
		}
		if text != string(src) {
			changed++
		}
		if rounds == 10 {
			t.Errorf("%s: safe fixes still apply after 10 rounds", path)
		}
	}
	if n < 50 || changed < 30 {
		t.Fatalf("only %d fixtures found, %d fixed: the test is not exercising fixes", n, changed)
	}
	t.Logf("%d files, %d changed by safe fixes", n, changed)
}

func syntaxErrors(e *analyzer.Engine, path, text string) int {
	src, lang, ok := analyzer.ScriptSource(path, []byte(text))
	if !ok {
		return 0
	}
	tr, err := syntax.Parse(context.Background(), lang, src, syntax.Options{})
	if err != nil {
		return 0
	}
	return len(tr.Errors(0))
}
