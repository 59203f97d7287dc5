package syntax

import (
	"context"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// splicePieces are what the random edits insert: reusePieces, statements
// as fixes write them, and text that joins a statement to its neighbour
// (a line starting with a parenthesis, a bracket, a template or an
// operator continues the statement before it when no semicolon ends it).
var splicePieces = append(append([]string(nil), reusePieces...),
	"const MAX_ENTRIES = 1000;\n", "if (a.length > 9) a.shift();\n    ", "\n(f)()", "\n[1].map(g)", "\n`t`", "\n+ x",
	"\n/re/.test(s)", " +", "\n++y", "x\n", "return () => off();\n", "let y", "async ", "=>", "!", "?.", "<T>")

// spliceEdits writes one to three non-overlapping edits of src, each a
// random replacement at a random byte or an insertion at the start of a
// line, and returns the new text and the edits in offsets of src.
func spliceEdits(r *rand.Rand, src string) (string, []Edit) {
	var starts []int
	for n := 1 + r.IntN(3); n > 0; n-- {
		at := r.IntN(len(src) + 1)
		if r.IntN(2) == 0 { // at the start of its line, as fixes insert
			at = strings.LastIndexByte(src[:at], '\n') + 1
		}
		starts = append(starts, at)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(starts)))
	next, limit := src, len(src)
	var edits []Edit
	for _, start := range starts { // last first, so offsets stay those of src
		if start > limit {
			continue
		}
		end := start
		if r.IntN(3) == 0 {
			end = min(limit, start+r.IntN(12))
		}
		text := splicePieces[r.IntN(len(splicePieces))]
		var e Edit
		next, e = textEdit(next, start, end, text)
		edits = append(edits, e)
		limit = start - 1
	}
	return next, edits
}

// spliceSources are texts of every grammar: the rule fixtures, which are
// valid code of the shapes fixes edit, and a long TSX file.
func spliceSources(t *testing.T) map[string]Lang {
	t.Helper()
	out := map[string]Lang{reuseSource(30): TSX}
	root := filepath.Join("..", "..", "testdata", "rules")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		lang, ok := LangForPath(path)
		if !ok || strings.HasSuffix(path, ".d.ts") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[string(b)] = lang
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Wherever ReparseSpliced vouches for its tree, the tree is exactly a
// fresh parse's, over random edits of every fixture and of a long file.
func TestReparseSplicedMatchesFreshParse(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 15))
	tried, spliced := 0, 0
	for src, lang := range spliceSources(t) {
		old := mustParse(t, lang, src)
		if old.HasErrors() {
			continue
		}
		steps := 12
		if len(src) > 8<<10 {
			steps = 600 // the long file, where most statements can be spliced
		}
		for step := 0; step < steps; step++ {
			next, edits := spliceEdits(r, src)
			got, ok, err := ReparseSpliced(context.Background(), old, []byte(next), edits, Options{})
			if err != nil {
				t.Fatal(err)
			}
			tried++
			if ok {
				spliced++
				sameRecords(t, step, got, next, lang)
			}
		}
	}
	// Most random edits break the syntax, and most fixtures are too
	// short to splice; enough remain.
	if tried < 2000 || spliced < 150 {
		t.Fatalf("spliced %d of %d edits; want 150 or more", spliced, tried)
	}
}

// spliceFile is a file of many small top-level statements with mid,
// which edits change, in the middle.
func spliceFile(mid string) string {
	var b strings.Builder
	for i := 0; i < 30; i++ {
		b.WriteString("let v" + string(rune('a'+i%26)) + " = g(1);\n")
	}
	b.WriteString(mid)
	for i := 0; i < 30; i++ {
		b.WriteString("h(" + string(rune('a'+i%26)) + ");\n")
	}
	return b.String()
}

// Edits that join the edited statement to the one before or after it,
// through automatic semicolon insertion, are refused (or, were they
// accepted, would have to give a fresh parse's tree); an unbounded-cache
// fix, a statement inserted before a declaration and a line inside a
// function, is spliced.
func TestReparseSplicedNeighbours(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, mid, old, new string
		want                bool
	}{
		{"joins the statement before", "a = b\nfoo()\nbar()\n", "foo()", "(foo)()", false},
		{"joins the statement after", "a = b\nfoo()\nbar()\n", "foo()", "foo() +", false},
		{"regex becomes division", "a = b\nfoo()\nbar()\n", "foo()", "/x/g.exec(s)", false},
		{"inside a function", "function f() {\n  cache.push(1);\n}\n", "  cache", "  if (cache.length > 9) cache.shift();\n  cache", true},
	} {
		src := spliceFile(c.mid)
		at := strings.Index(src, c.old)
		old := mustParse(t, JavaScript, src)
		next, e := textEdit(src, at, at+len(c.old), c.new)
		got, ok, err := ReparseSpliced(ctx, old, []byte(next), []Edit{e}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if ok != c.want {
			t.Errorf("%s: spliced %v, want %v", c.name, ok, c.want)
		}
		if ok {
			sameRecords(t, 0, got, next, JavaScript)
		}
	}

	src := spliceFile("var indentStrings = [\"\", \"  \"];\nfunction getIndentString(level) {\n  if (indentStrings[level] === undefined) {\n    indentStrings[level] = getIndentString(level - 1) + indentStrings[1];\n  }\n  return indentStrings[level];\n}\n")
	old := mustParse(t, JavaScript, src)
	decl := strings.Index(src, "var indentStrings")
	push := strings.Index(src, "    indentStrings[level] =")
	next, inside := textEdit(src, push, push, "if (indentStrings.length >= MAX) indentStrings.shift();\n    ")
	next, before := textEdit(next, decl, decl, "const MAX = 1000;\n")
	got, ok, err := ReparseSpliced(ctx, old, []byte(next), []Edit{inside, before}, Options{})
	if err != nil || !ok {
		t.Fatalf("a cap for a module-level array: spliced %v, %v", ok, err)
	}
	sameRecords(t, 0, got, next, JavaScript)

	// A text with a syntax error is never spliced, nor an edit that
	// makes one.
	broken := mustParse(t, JavaScript, src+"let = ;\n")
	if _, ok, _ := ReparseSpliced(ctx, broken, []byte(next+"let = ;\n"), []Edit{inside, before}, Options{}); ok {
		t.Error("spliced a tree with a syntax error")
	}
	next, e := textEdit(src, push, push, "(((")
	if _, ok, _ := ReparseSpliced(ctx, old, []byte(next), []Edit{e}, Options{}); ok {
		t.Error("spliced an edit that breaks the syntax")
	}
}

// BenchmarkReparseSpliced checks the text of a cap for a module-level
// array in a long file (what validating an unbounded-cache fix parses),
// spliced and in full.
func BenchmarkReparseSpliced(b *testing.B) {
	mid := "var indentStrings = [\"\", \"  \"];\nfunction getIndentString(level) {\n  indentStrings[level] = getIndentString(level - 1) + indentStrings[1];\n  return indentStrings[level];\n}\n"
	src := strings.Repeat(spliceFile(""), 300) + mid + strings.Repeat(spliceFile(""), 300)
	old, err := Parse(context.Background(), JavaScript, []byte(src), Options{})
	if err != nil {
		b.Fatal(err)
	}
	decl := strings.Index(src, "var indentStrings")
	push := strings.Index(src, "  indentStrings[level] =")
	next, inside := textEdit(src, push, push, "if (indentStrings.length >= MAX) indentStrings.shift();\n  ")
	next, before := textEdit(next, decl, decl, "const MAX = 1000;\n")
	edits := []Edit{inside, before}
	b.Run("spliced", func(b *testing.B) {
		for b.Loop() {
			if _, ok, err := ReparseSpliced(context.Background(), old, []byte(next), edits, Options{}); !ok || err != nil {
				b.Fatal("not spliced", err)
			}
		}
	})
	b.Run("full", func(b *testing.B) {
		for b.Loop() {
			if _, err := Parse(context.Background(), JavaScript, []byte(next), Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
