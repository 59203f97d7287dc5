package analyzer_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// TestSessionMatchesFreshOverEdits is the editor's path end to end with
// the real rules: a document edited at random, analysed after every edit
// through its session (incremental reparse, records reused, the
// prefilter, fixes deferred), must get exactly the
// findings of a fresh analysis of the same text. The documents are large
// enough for everything a session remembers to take part: the fixtures of
// each rule joined into one file, and the largest files of the corpus.
func TestSessionMatchesFreshOverEdits(t *testing.T) {
	ctx := context.Background()
	fresh, editor := engines()
	var docs []doc
	for _, ext := range []string{".tsx", ".ts", ".js"} {
		var joined []byte
		walkSources(t, filepath.Join("..", "testdata", "rules"), func(path string, src []byte) {
			if strings.HasSuffix(path, ext) && !strings.HasSuffix(path, ".d.ts") {
				joined = append(append(joined, src...), '\n')
			}
		})
		docs = append(docs, doc{"joined" + ext, joined})
	}
	if corpus := corpusDir(t); corpus != "" {
		var large []doc
		walkSources(t, corpus, func(path string, src []byte) {
			if len(src) >= syntax.ReuseMinBytes && len(src) < 256<<10 && !analyzer.IsComponentFile(path) {
				large = append(large, doc{path, src})
			}
		})
		// The largest few, with findings to lose or gain.
		sort.Slice(large, func(i, j int) bool { return len(large[i].src) > len(large[j].src) })
		for _, d := range large {
			if len(docs) == 9 {
				break
			}
			if len(fresh.Analyze(ctx, analyzer.File{Path: d.path, Src: d.src}).Diagnostics) > 0 {
				docs = append(docs, d)
			}
		}
	}
	// What edits insert: registrations, their undoing, owners, and text
	// that breaks and mends the syntax.
	pieces := []string{"", "\n", "window.addEventListener('resize', onResize);\n", "removeEventListener", "setInterval(tick, 100);",
		"clearInterval(id);", "useEffect(() => {", "});\n", "}", "{", "(", "'", "/*", "*/", "subscribe(", "new ResizeObserver(cb)",
		"dispose() {}", "x"}
	r := rand.New(rand.NewPCG(7, 11))
	findings, compared, diverged := 0, 0, 0
	for _, d := range docs {
		s := &analyzer.Session{}
		text := append([]byte(nil), d.src...)
		for step := 0; step < 8; step++ {
			start := r.IntN(len(text) + 1)
			end := min(len(text), start+r.IntN(60))
			if step%3 == 0 {
				end = start
			}
			text = bytes.Join([][]byte{text[:start:start], []byte(pieces[r.IntN(len(pieces))]), text[end:]}, nil)
			f := analyzer.File{Path: d.path, Src: text}
			got := editor.AnalyzeIn(ctx, s, f)
			want := fresh.Analyze(ctx, f)
			if !reflect.DeepEqual(got.SyntaxErrors, want.SyntaxErrors) {
				// Tree-sitter's incremental reparse can recover from a
				// syntax error differently than a fresh parse (it did so
				// before sessions remembered anything else): the trees
				// differ, so the findings may too.
				diverged++
				continue
			}
			for i := range want.Diagnostics {
				if i < len(got.Diagnostics) {
					want.Diagnostics[i].Fixes = got.Diagnostics[i].Fixes // not asked for
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, edit %d at %d: the session found\n%+v\na fresh analysis\n%+v", d.path, step, start, got, want)
			}
			compared++
			findings += len(want.Diagnostics)
		}
		s.Close()
	}
	t.Logf("%d documents, %d analyses with %d findings compared; %d reparses recovered from syntax errors unlike a fresh parse", len(docs), compared, findings, diverged)
	if findings < 500 || compared < 3*diverged {
		t.Fatalf("only %d findings in %d analyses compared over %d documents (%d left out)", findings, compared, len(docs), diverged)
	}
}
