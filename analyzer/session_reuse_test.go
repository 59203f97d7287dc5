package analyzer_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules"
)

// isolatedStatements are top-level statements an edit inserts, each with
// names of its own (%[1]d makes them unique), so that most edits qualify
// for carrying findings over (analyzer/reuse.go). They hold what could
// wrongly be carried: registrations, their undoing under the rules' other
// words, text that changes the whole file's reading (eval, require, a
// directive, a suppression comment), owners, and plain code.
var isolatedStatements = []string{
	"function lwFn%[1]d() { return %[1]d; }\n",
	"const lwMap%[1]d = new Map();\nlwMap%[1]d.set(%[1]d, 1);\n",
	"lwEl%[1]d.addEventListener('lwev%[1]d', lwH%[1]d);\n",
	"lwEl%[1]d.removeEventListener('resize', lwH%[1]d);\n",
	"setInterval(lwTick%[1]d, 100);\n",
	"clearInterval(lwId%[1]d);\n",
	"lwSub%[1]d.unsubscribe();\nlwD%[1]d.dispose();\nlwC%[1]d.clear();\nlwC%[1]d.delete(1);\n",
	"/* lwNote%[1]d */\n",
	"// leakwatch-ignore-next-line\nlwX%[1]d();\n",
	"eval('lwE%[1]d');\n",
	"const lwPg%[1]d = require('pg');\n",
	"lwGlobal%[1]d = %[1]d;\n",
	"class LwEl%[1]d extends HTMLElement { connectedCallback() { window.addEventListener('x', this.lwOn%[1]d); } }\n",
	"'use strict';\n",
	"if (lwCond%[1]d) { lwCall%[1]d(); }\n",
	"lwObs%[1]d.observe(lwTarget%[1]d);\n",
	"const lwT%[1]d = setTimeout(() => lwDone%[1]d(), 10);\n",
	"\n\n",
}

// TestSessionCarriesOnlyWhatAnEditCannotChange edits documents by
// inserting, replacing and removing whole top-level statements, most of
// them isolated, and holds every analysis through the session to a fresh
// analysis of the same text. The documents are every rule fixture and
// the largest files of the corpus.
func TestSessionCarriesOnlyWhatAnEditCannotChange(t *testing.T) {
	carryInSmallDocuments(t)
	ctx := context.Background()
	fresh, editor := engines()

	var docs []doc
	walkSources(t, filepath.Join("..", "testdata", "rules"), func(path string, src []byte) {
		if !strings.HasSuffix(path, ".d.ts") && !analyzer.IsComponentFile(path) {
			docs = append(docs, doc{path, src})
		}
	})
	if corpus := corpusDir(t); corpus != "" {
		var large []doc
		walkSources(t, corpus, func(path string, src []byte) {
			if len(src) >= 20<<10 && len(src) < 128<<10 && !analyzer.IsComponentFile(path) {
				large = append(large, doc{path, src})
			}
		})
		sort.Slice(large, func(i, j int) bool { return len(large[i].src) > len(large[j].src) })
		docs = append(docs, large[:min(len(large), 12)]...)
	}
	r := rand.New(rand.NewPCG(3, 5))
	compared, findings, carried := 0, 0, 0
	for di, d := range docs {
		s := &analyzer.Session{}
		text := string(d.src)
		lang, ok := syntax.LangForPath(d.path)
		if !ok {
			continue
		}
		var inserted []string // statements this document holds now
		for step := 0; step < 6; step++ {
			tree, err := syntax.Parse(ctx, lang, []byte(text), syntax.Options{})
			if err != nil {
				t.Fatal(err)
			}
			// Top-level boundaries: where a statement may go.
			bounds := []int{0, len(text)}
			for c := tree.Root().FirstChild(); c.Valid(); c = c.NextSibling() {
				bounds = append(bounds, c.End())
			}
			stmt := fmt.Sprintf(isolatedStatements[r.IntN(len(isolatedStatements))], di*100+step)
			switch {
			case step == 0:
				// The first analysis fills the session.
			case len(inserted) > 0 && r.IntN(3) == 0:
				// Take one of the inserted statements out again, or
				// replace it.
				i := r.IntN(len(inserted))
				with := ""
				if r.IntN(2) == 0 {
					with = stmt
				}
				text = strings.Replace(text, inserted[i], with, 1)
				inserted = append(inserted[:i], inserted[i+1:]...)
				if with != "" {
					inserted = append(inserted, with)
				}
			default:
				at := bounds[r.IntN(len(bounds))]
				prefix := ""
				if at > 0 && text[at-1] != '\n' {
					prefix = "\n"
				}
				text = text[:at] + prefix + stmt + text[at:]
				inserted = append(inserted, stmt)
			}
			f := analyzer.File{Path: d.path, Src: []byte(text)}
			got := editor.AnalyzeIn(ctx, s, f)
			want := fresh.Analyze(ctx, f)
			for i := range want.Diagnostics {
				want.Diagnostics[i].Fixes = nil // not asked for
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, edit %d (%q): carried over\n%+v\na fresh analysis\n%+v", d.path, step, stmt, got.Diagnostics, want.Diagnostics)
			}
			compared++
			findings += len(want.Diagnostics)
		}
		carried += analyzer.SessionCarried(s)
		s.Close()
	}
	t.Logf("%d documents, %d analyses with %d findings compared; %d rule runs carried over", len(docs), compared, findings, carried)
	// The test is about carrying findings: it must have happened, often.
	if carried < compared/2 || findings < 1000 {
		t.Fatalf("only %d rule runs carried over and %d findings in %d analyses", carried, findings, compared)
	}
}

// TestSessionCarryEdges are edits that look isolated but change how the
// rest of the file reads, each analysed through a session after the text
// before it and compared with a fresh analysis.
func TestSessionCarryEdges(t *testing.T) {
	carryInSmallDocuments(t)
	ctx := context.Background()
	fresh, editor := engines()
	const checkout = "export async function count(pool: Pool) {\n  const client = await pool.connect();\n  return client.query('select 1');\n}\n" +
		"export type Conn = PoolClient;\n"
	const body = "function start() { leakedCounter = 0; setInterval(tick, 10); }\nstart();\n"
	const realtime = "import { useEffect } from 'react';\nexport function Feed({ ch }) {\n  useEffect(() => sdk.realtime.subscribe(ch, () => {}), [ch]);\n  return null;\n}\n"
	for _, c := range []struct{ name, path, before, after string }{
		// A statement before "use strict" ends the prologue: the file
		// turns sloppy and its implicit globals appear, and back.
		{"statement before the directive", "a.js", "'use strict';\n" + body, "lwA();\n'use strict';\n" + body},
		{"statement before the directive removed", "a.js", "lwA(); 'use strict';\n" + body, "'use strict';\n" + body},
		{"directive added", "a.js", body, "'use strict';\n" + body},
		{"direct eval added", "a.js", body + "function lwB() {}\n", body + "function lwB() { eval('lwC'); }\n"},
		// Naming mssql anywhere makes pool.connect() return the pool.
		{"mssql named", "b.ts", checkout, checkout + "/* lwH mssql */\n"},
		// Importing Appwrite's SDK makes sdk.realtime its Realtime service,
		// whose subscribe returns a promise: returning it is a leak.
		{"appwrite imported", "c.tsx", realtime, realtime + "import type { Models } from \"appwrite\";\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := &analyzer.Session{}
			defer s.Close()
			editor.AnalyzeIn(ctx, s, analyzer.File{Path: c.path, Src: []byte(c.before)})
			f := analyzer.File{Path: c.path, Src: []byte(c.after)}
			got, want := editor.AnalyzeIn(ctx, s, f), fresh.Analyze(ctx, f)
			for i := range want.Diagnostics {
				want.Diagnostics[i].Fixes = nil
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("carried over\n%+v\na fresh analysis\n%+v", got.Diagnostics, want.Diagnostics)
			}
		})
	}
}

// engines returns an engine as the CLI runs it without fix validation and
// one as the language server runs it (fixes deferred).
func engines() (fresh, editor *analyzer.Engine) {
	fresh = analyzer.NewEngine(rules.All())
	fresh.ValidateFixes = false
	e := *fresh
	e.DeferFixes = true
	return fresh, &e
}

// carryInSmallDocuments lets sessions carry findings over edits of the
// small documents tests use (they do from syntax.ReuseMinBytes on).
func carryInSmallDocuments(t *testing.T) {
	n := syntax.ReuseMinBytes
	syntax.ReuseMinBytes = 0
	t.Cleanup(func() { syntax.ReuseMinBytes = n })
}

// doc is a document the session tests edit.
type doc struct {
	path string
	src  []byte
}

// Findings are carried over per rule and top-level statement, not per
// owner (analyzer/reuse.go): an owner's verdicts depend on code outside
// it. Here the edit changes only a helper that is no owner, and a
// finding appears in the class whose text did not change; keeping the
// class's findings because its own text is the same would have hidden it.
// Should leakwatch ever stop reading across owners, this test fails, and
// per-owner reuse becomes worth another look.
func TestEditOutsideAnOwnerChangesItsFindings(t *testing.T) {
	carryInSmallDocuments(t)
	ctx := context.Background()
	fresh, editor := engines()
	const widget = "export class Widget {\n  onResize = (): void => {};\n  start(): void {\n    window.addEventListener(\"resize\", this.onResize);\n  }\n" +
		"  dispose(): void {\n    unbind(window, this.onResize);\n  }\n}\n"
	const before = "function unbind(target: EventTarget, handler: () => void): void {\n  target.removeEventListener(\"resize\", handler);\n}\n" + widget
	const after = "function unbind(target: EventTarget, handler: () => void): void {\n  console.log(target, handler);\n}\n" + widget
	if !strings.HasSuffix(after, widget) || !strings.HasSuffix(before, widget) {
		t.Fatal("the class must be the same text in both versions")
	}
	if got := fresh.Analyze(ctx, analyzer.File{Path: "w.ts", Src: []byte(before)}).Diagnostics; len(got) != 0 {
		t.Fatalf("the helper removes the listener, yet: %+v", got)
	}
	f := analyzer.File{Path: "w.ts", Src: []byte(after)}
	want := fresh.Analyze(ctx, f)
	classStart := len(after) - len(widget)
	if len(want.Diagnostics) != 1 || want.Diagnostics[0].Rule != "listener-not-removed" || want.Diagnostics[0].Start < classStart {
		t.Fatalf("want one listener-not-removed finding inside the unchanged class, got %+v", want.Diagnostics)
	}
	s := &analyzer.Session{}
	defer s.Close()
	editor.AnalyzeIn(ctx, s, analyzer.File{Path: "w.ts", Src: []byte(before)})
	got := editor.AnalyzeIn(ctx, s, f)
	for i := range want.Diagnostics {
		want.Diagnostics[i].Fixes = nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("after the edit\n%+v\na fresh analysis\n%+v", got.Diagnostics, want.Diagnostics)
	}
}
