package syntax

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// reuseSource is code of the shapes the rules read, with JSX, classes,
// template strings and comments, so that edits land in many node kinds.
func reuseSource(parts int) string {
	var b strings.Builder
	b.WriteString("import { useEffect } from \"react\";\n")
	for i := 0; i < parts; i++ {
		fmt.Fprintf(&b, `// part %[1]d
export function Part%[1]d({ items }: { items: Item[] }) {
  useEffect(() => {
    const on = () => tick(%[1]d);
    window.addEventListener("resize", on);
    return () => window.removeEventListener("resize", on);
  }, []);
  return <ul className={`+"`p-${%[1]d}`"+`}>{items.map((it) => <li key={it.id}>{it.name}</li>)}</ul>;
}
class Store%[1]d extends Base {
  private t = setInterval(() => this.poll(), %[1]d);
  dispose(): void { clearInterval(this.t); }
}
`, i)
	}
	return b.String()
}

// reusePieces are what random edits insert: tokens that open and close
// constructs, break the syntax, or only change text inside a token.
var reusePieces = []string{"a", "(", ")", "{", "}", "<", ">", "</li>", ";", "\n", " ", "\"", "`", "/*", "*/", "//",
	"class X {}\n", "() => 1", "x = ", "é", "${", "leak();\n", "function f() {", "</ul>", "<div>"}

// textEdit replaces src[start:end] with text and describes it for
// tree-sitter.
func textEdit(src string, start, end int, text string) (string, Edit) {
	sp := PointAt([]byte(src), start)
	ne := sp
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			ne = Point{ne.Row + 1, 0}
		} else {
			ne.Column++
		}
	}
	return src[:start] + text + src[end:], Edit{Start: start, OldEnd: end, NewEnd: start + len(text),
		StartPoint: sp, OldEndPoint: PointAt([]byte(src), end), NewEndPoint: ne}
}

// randomEdit picks a replacement: mostly small, sometimes a deletion of
// a line or more, at any byte (UTF-8 sequences included).
func randomEdit(r *rand.Rand, src string) (string, Edit) {
	start := r.IntN(len(src) + 1)
	end := start
	switch r.IntN(4) {
	case 0:
		end = min(len(src), start+r.IntN(80))
	case 1:
		end = min(len(src), start+r.IntN(3))
	}
	var text string
	for n := r.IntN(3); n > 0; n-- {
		text += reusePieces[r.IntN(len(reusePieces))]
	}
	return textEdit(src, start, end, text)
}

// sameRecords fails unless the incremental tree holds exactly the records
// of a fresh parse of the same text.
func sameRecords(t *testing.T, step int, got *Tree, src string, lang Lang) {
	t.Helper()
	want := mustParse(t, lang, src)
	if got.Src != src {
		t.Fatalf("step %d: tree text differs", step)
	}
	if len(got.recs) != len(want.recs) {
		t.Fatalf("step %d: %d records, a fresh parse has %d", step, len(got.recs), len(want.recs))
	}
	for i := range got.recs {
		if got.recs[i] != want.recs[i] || got.ends[i] != want.ends[i] {
			t.Fatalf("step %d: record %d is %+v (%v), a fresh parse has %+v (%v)", step, i, got.recs[i], got.At(i), want.recs[i], want.At(i))
		}
	}
}

// Records copied from the previous flattening after an incremental parse
// are exactly those a fresh parse and a full walk give, over random edit
// sequences, syntax errors and their repair included.
func TestIncrementalReuseMatchesFreshParse(t *testing.T) {
	defer func(n int) { ReuseMinBytes = n }(ReuseMinBytes)
	ReuseMinBytes = 0
	for _, lang := range []Lang{TSX, TypeScript, JavaScript} {
		r := rand.New(rand.NewPCG(uint64(lang)+1, 15))
		src := reuseSource(8)
		if lang == JavaScript {
			src = strings.ReplaceAll(src, ": void", "")
		}
		inc := NewIncremental(lang)
		if _, err := inc.Parse(context.Background(), []byte(src), Options{}); err != nil {
			t.Fatal(err)
		}
		copied, direct, recycled := 0, 0, 0
		for step := 0; step < 80; step++ {
			// Now and then two edits before one parse, which reuse
			// cannot follow: it must fall back to a full walk.
			edits := 1 + r.IntN(8)/7
			for range edits {
				var e Edit
				src, e = randomEdit(r, src)
				inc.Edit(e)
			}
			if step%10 == 9 {
				var e Edit // back to valid code, as a third edit
				src, e = textEdit(src, 0, len(src), reuseSource(8))
				inc.Edit(e)
			}
			got, err := inc.Parse(context.Background(), []byte(src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			sameRecords(t, step, got, src, lang)
			copied += inc.copied
			if inc.direct {
				direct++
			}
			if inc.recycled {
				recycled++
			}
		}
		inc.Close()
		if copied == 0 {
			t.Errorf("%v: no record was ever reused", lang)
		}
		if direct == 0 {
			t.Errorf("%v: no reparse was flattened straight into Go memory", lang)
		}
		if recycled == 0 {
			t.Errorf("%v: no reparse was flattened into the memory of the tree before", lang)
		}
	}
}

// A keystroke at the end of a large file walks almost nothing: the
// records of the untouched declarations are copied.
func TestIncrementalReuseCopiesUntouchedSubtrees(t *testing.T) {
	defer func(n int) { ReuseMinBytes = n }(ReuseMinBytes)
	ReuseMinBytes = 0
	src := reuseSource(200)
	inc := NewIncremental(TSX)
	defer inc.Close()
	if _, err := inc.Parse(context.Background(), []byte(src), Options{}); err != nil {
		t.Fatal(err)
	}
	for step, text := range []string{"leak();\n", "", "x"} {
		var e Edit
		if text == "" {
			src, e = textEdit(src, len(src)-len("leak();\n"), len(src), "")
		} else {
			src, e = textEdit(src, len(src), len(src), text)
		}
		inc.Edit(e)
		got, err := inc.Parse(context.Background(), []byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameRecords(t, step, got, src, TSX)
		if inc.copied < got.Len()*9/10 {
			t.Errorf("step %d: %d of %d records copied, want nearly all", step, inc.copied, got.Len())
		}
	}
	// Reparsing the same text (a configuration change) copies too.
	got, err := inc.Parse(context.Background(), []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameRecords(t, 99, got, src, TSX)
	if inc.copied < got.Len()*9/10 {
		t.Errorf("unchanged text: %d of %d records copied", inc.copied, got.Len())
	}
}

// An edit of a few bytes can add far more records than it adds text:
// taking away the "//" before a long line of code. The flattening then
// outgrows the Go records sized from the last tree and falls back to a C
// buffer for every node, with the same records as a fresh parse.
func TestIncrementalUncommentOutgrowsTheEstimate(t *testing.T) {
	defer func(n int) { ReuseMinBytes = n }(ReuseMinBytes)
	ReuseMinBytes = 0
	code := strings.Repeat("f(a, b, [c, d], { e: g });", 200)
	src := reuseSource(200) + "// " + code + "\n"
	inc := NewIncremental(TypeScript)
	defer inc.Close()
	if _, err := inc.Parse(context.Background(), []byte(src), Options{}); err != nil {
		t.Fatal(err)
	}
	at := strings.Index(src, "// f(")
	for step, c := range []struct {
		from, to int
		text     string
		direct   bool
	}{
		{at, at + 3, "", false}, // uncommented: thousands of records more
		{at, at, "// ", true},   // commented again: fewer
		{len(src), len(src), "x;", true},
	} {
		var e Edit
		src, e = textEdit(src, c.from, c.to, c.text)
		inc.Edit(e)
		got, err := inc.Parse(context.Background(), []byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameRecords(t, step, got, src, TypeScript)
		if inc.direct != c.direct {
			t.Errorf("step %d: flattened straight into Go memory: %v, want %v", step, inc.direct, c.direct)
		}
	}
}

// Below ReuseMinBytes nothing is kept for reuse.
func TestIncrementalSmallFilesKeepNoRecords(t *testing.T) {
	inc := NewIncremental(TypeScript)
	defer inc.Close()
	if _, err := inc.Parse(context.Background(), []byte("let a = 1;\n"), Options{}); err != nil {
		t.Fatal(err)
	}
	if inc.last != nil || inc.lastIDs != nil {
		t.Fatal("a small file's records are kept")
	}
}

// Reparsing edited copies of a kept parse (fix validation) copies the
// records of untouched subtrees too, with several edits at once, and gives
// the records of a fresh parse; so does the Kept an Incremental lends.
func TestKeptReparseReusesRecords(t *testing.T) {
	defer func(n int) { ReuseMinBytes = n }(ReuseMinBytes)
	ReuseMinBytes = 0
	src := reuseSource(8)
	r := rand.New(rand.NewPCG(3, 15))
	_, kept, err := ParseKept(context.Background(), TSX, []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	inc := NewIncremental(TSX)
	defer inc.Close()
	if _, err := inc.Parse(context.Background(), []byte(src), Options{}); err != nil {
		t.Fatal(err)
	}
	tree, lent, ok := inc.Kept()
	if !ok || tree.Src != src {
		t.Fatal("the incremental parse lends no Kept")
	}
	defer lent.Close()
	copied := 0
	for step := 0; step < 40; step++ {
		// Up to three edits of disjoint thirds of the text, as a fix
		// writes them, given in any order.
		var edits []Edit
		next := src
		third := len(src) / 3
		for i := 2; i >= 0; i-- { // last first, so offsets stay those of src
			if i > 0 && r.IntN(2) == 0 {
				continue
			}
			start := i*third + r.IntN(third-8)
			var e Edit
			next, e = textEdit(next, start, start+r.IntN(6), reusePieces[r.IntN(len(reusePieces))])
			edits = append(edits, e)
		}
		r.Shuffle(len(edits), func(i, j int) { edits[i], edits[j] = edits[j], edits[i] })
		for _, k := range []*Kept{kept, lent} {
			got, err := k.Reparse(context.Background(), []byte(next), edits, Options{})
			if err != nil {
				t.Fatal(err)
			}
			sameRecords(t, step, got, next, TSX)
			copied += k.copied
		}
	}
	if copied == 0 {
		t.Fatal("no record was ever reused")
	}

	// Two insertions of statements between declarations, the second near
	// the start: everything else is copied, after either edit.
	at := strings.Index(src, "// part 1\n")
	mid := strings.Index(src, "// part 5\n")
	next, late := textEdit(src, mid, mid, "leak();\n")
	next, early := textEdit(next, at, at, "leak();\n")
	for _, k := range []*Kept{kept, lent} {
		got, err := k.Reparse(context.Background(), []byte(next), []Edit{late, early}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameRecords(t, 99, got, next, TSX)
		if k.copied < got.Len()*8/10 {
			t.Errorf("%d of %d records copied, want nearly all", k.copied, got.Len())
		}
	}
}

// An edit while a lent Kept is open cannot trust the records' subtree
// identities: the next parse walks the whole tree, and is still right.
func TestIncrementalEditWhileLent(t *testing.T) {
	defer func(n int) { ReuseMinBytes = n }(ReuseMinBytes)
	ReuseMinBytes = 0
	src := reuseSource(20)
	inc := NewIncremental(TSX)
	defer inc.Close()
	if _, err := inc.Parse(context.Background(), []byte(src), Options{}); err != nil {
		t.Fatal(err)
	}
	_, lent, ok := inc.Kept()
	if !ok {
		t.Fatal("no Kept lent")
	}
	next, e := textEdit(src, len(src)/2, len(src)/2+1, "x")
	inc.Edit(e)
	lent.Close() // frees the subtrees the edit copied
	got, err := inc.Parse(context.Background(), []byte(next), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameRecords(t, 0, got, next, TSX)
	if inc.copied != 0 {
		t.Fatalf("%d records copied after an edit while lent", inc.copied)
	}
	// Once nothing is lent, reuse resumes.
	next, e = textEdit(next, len(next), len(next), "leak();\n")
	inc.Edit(e)
	got, err = inc.Parse(context.Background(), []byte(next), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameRecords(t, 1, got, next, TSX)
	if inc.copied == 0 {
		t.Fatal("no records copied once the Kept was closed")
	}
}

// A tree the Incremental lent (Borrow, Kept) keeps its records however
// many parses follow; a tree nobody holds when it is replaced gives its
// memory to the parse after next, and panics if still used.
func TestIncrementalRecyclesOnlyWhatNobodyHolds(t *testing.T) {
	defer func(n int) { ReuseMinBytes = n }(ReuseMinBytes)
	ReuseMinBytes = 0
	src := reuseSource(20)
	inc := NewIncremental(TSX)
	defer inc.Close()
	line := "  leak();\n"
	at := strings.LastIndex(src, "  useEffect(")
	step := 0
	// keystroke adds the line inside the last component, or takes it away.
	keystroke := func() *Tree {
		t.Helper()
		var e Edit
		if step%2 == 0 {
			src, e = textEdit(src, at, at, line)
		} else {
			src, e = textEdit(src, at, at+len(line), "")
		}
		step++
		inc.Edit(e)
		got, err := inc.Parse(context.Background(), []byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameRecords(t, step, got, src, TSX)
		return got
	}
	if _, err := inc.Parse(context.Background(), []byte(src), Options{}); err != nil {
		t.Fatal(err)
	}
	borrowed, give := inc.Borrow()
	borrowedSrc := src
	unheld := keystroke()
	// A collection between two keystrokes may drop the spare memory:
	// some keystroke within a few must reuse it.
	recycled := false
	for range 20 {
		keystroke()
		sameRecords(t, step, borrowed, borrowedSrc, TSX)
		recycled = recycled || inc.recycled
	}
	if !recycled {
		t.Error("no parse flattened into the memory of a tree nobody held")
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a recycled tree could still be read")
			}
		}()
		_ = unheld.Root().Kind()
	}()
	give()
	// A tree given back before it is replaced is recycled as it is.
	again, giveAgain := inc.Borrow()
	giveAgain()
	giveAgain() // a second give does nothing
	keystroke()
	if again.recs != nil {
		t.Error("a tree given back was not recycled")
	}
	// A Kept holds its tree too (edits meanwhile walk whole trees).
	kept, lent, ok := inc.Kept()
	if !ok {
		t.Fatal("no Kept lent")
	}
	keptSrc := src
	for range 3 {
		keystroke()
		sameRecords(t, step, kept, keptSrc, TSX)
	}
	lent.Close()
	// A document at rest keeps no spare memory: it is dropped after two
	// collections. The cleanups that count them run on their own
	// goroutine after each collection, so a few more are allowed for.
	keystroke()
	keystroke()
	if inc.spare.Load() == nil {
		t.Fatal("no spare memory kept after a keystroke")
	}
	for i := 0; i < 20 && inc.spare.Load() != nil; i++ {
		runtime.GC()
	}
	if inc.spare.Load() != nil {
		t.Error("spare memory outlived twenty collections")
	}
}

// BenchmarkIncrementalKeystroke reparses a 20,000-line TSX file after a
// line is added inside its last component, or taken away again: the
// parse and flattening share of a keystroke in the editor.
func BenchmarkIncrementalKeystroke(b *testing.B) {
	src := reuseSource(1700)
	at := strings.LastIndex(src, "  useEffect(")
	inc := NewIncremental(TSX)
	defer inc.Close()
	if _, err := inc.Parse(context.Background(), []byte(src), Options{}); err != nil {
		b.Fatal(err)
	}
	line := "  tick(0);\n"
	for i := 0; b.Loop(); i++ {
		var e Edit
		if i%2 == 0 {
			src, e = textEdit(src, at, at, line)
		} else {
			src, e = textEdit(src, at, at+len(line), "")
		}
		inc.Edit(e)
		if _, err := inc.Parse(context.Background(), []byte(src), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
