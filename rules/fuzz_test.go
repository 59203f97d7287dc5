package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules"
)

var fuzzPaths = []string{"f.js", "f.ts", "f.tsx", "f.jsx", "f.vue", "f.svelte"}

// FuzzEngine runs every rule on arbitrary bytes under every grammar. The
// engine must not crash or report an internal error, every offset it
// returns must lie inside the file, and every fix it offers must apply and
// re-parse without new syntax errors.
func FuzzEngine(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/fuzz/engine/*")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data, uint8(len(s)))
		}
	}
	fixtures, _ := filepath.Glob("../testdata/rules/*/*.*[sx]")
	for _, s := range fixtures {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data, uint8(len(s)))
		}
	}
	f.Add([]byte("useEffect(() => { window.addEventListener('x', () => {}) })"), uint8(0))
	e := rules.NewEngine()
	e.ParseTimeout = 2 * time.Second
	f.Fuzz(func(t *testing.T, src []byte, sel uint8) {
		path := fuzzPaths[int(sel)%len(fuzzPaths)]
		start := time.Now()
		r := e.Analyze(context.Background(), analyzer.File{Path: path, Src: src})
		if took, budget := time.Since(start), 3*time.Second+time.Duration(len(src))*50*time.Microsecond; took > budget {
			t.Errorf("analysis of %d bytes took %v (budget %v)", len(src), took, budget)
		}
		inside := func(what string, s, e int) {
			if s < 0 || e < s || e > len(src) {
				t.Fatalf("%s %d..%d outside the %d-byte file", what, s, e, len(src))
			}
		}
		for _, d := range r.Diagnostics {
			if d.Rule == analyzer.RuleInternalError {
				t.Fatalf("internal error: %s", d.Message)
			}
			inside("diagnostic", d.Start, d.End)
			for _, rel := range d.Related {
				if rel.Start != 0 || rel.End != 0 {
					inside("related", rel.Start, rel.End)
				}
			}
			for _, fix := range d.Fixes {
				for _, ed := range fix.Edits {
					inside("fix edit", ed.Start, ed.End)
				}
				fixed, err := analyzer.ApplyEdits(string(src), fix.Edits)
				if err != nil {
					t.Fatalf("offered fix does not apply: %v", err)
				}
				text, lang, ok := analyzer.ScriptSource(path, []byte(fixed))
				if !ok {
					t.Fatalf("fixed text is no longer analysable")
				}
				before, _, _ := analyzer.ScriptSource(path, src)
				bt, err1 := syntax.Parse(context.Background(), lang, before, syntax.Options{})
				at, err2 := syntax.Parse(context.Background(), lang, text, syntax.Options{})
				if err1 == nil && err2 == nil && len(at.Errors(0)) > len(bt.Errors(0)) {
					t.Fatalf("offered fix %q adds syntax errors", fix.Title)
				}
			}
		}
	})
}
