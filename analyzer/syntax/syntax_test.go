package syntax

import (
	"context"
	"strings"
	"testing"
	"time"
)

func mustParse(t *testing.T, lang Lang, src string) *Tree {
	t.Helper()
	tr, err := Parse(context.Background(), lang, []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestParseShape(t *testing.T) {
	src := "window.addEventListener('resize', onResize, { passive: true });\n"
	tr := mustParse(t, JavaScript, src)
	if tr.HasErrors() {
		t.Fatalf("unexpected syntax errors: %v", tr.Errors(0))
	}
	var call Node
	tr.Root().Walk(func(n Node) bool {
		if n.Kind() == "call_expression" && !call.Valid() {
			call = n
		}
		return true
	})
	if !call.Valid() {
		t.Fatal("no call_expression found")
	}
	if got := call.Get("function").Get("property").Text(); got != "addEventListener" {
		t.Errorf("property = %q", got)
	}
	if got := call.Get("function").Get("object").Text(); got != "window" {
		t.Errorf("object = %q", got)
	}
	args := call.Get("arguments").Children()
	if len(args) != 3 || args[0].Kind() != "string" || args[2].Kind() != "object" {
		t.Fatalf("arguments = %v", args)
	}
	if !call.Parent().Is("expression_statement") || call.Parent().Parent() != tr.Root() {
		t.Errorf("parent chain wrong: %v / %v", call.Parent(), call.Parent().Parent())
	}
	if !tr.Root().Contains(args[1]) || args[1].Contains(call) {
		t.Error("Contains is wrong")
	}
}

func TestGrammarByExtension(t *testing.T) {
	cases := map[string]Lang{"a.js": JavaScript, "a.JSX": JavaScript, "a.mjs": JavaScript, "a.cjs": JavaScript,
		"a.ts": TypeScript, "a.mts": TypeScript, "a.cts": TypeScript, "a.tsx": TSX, "a.d.ts": TypeScript}
	for path, want := range cases {
		if got, ok := LangForPath(path); !ok || got != want {
			t.Errorf("LangForPath(%q) = %v, %v; want %v", path, got, ok, want)
		}
	}
	if _, ok := LangForPath("a.go"); ok {
		t.Error("a.go accepted")
	}
}

func TestTypeScriptAndTSX(t *testing.T) {
	tr := mustParse(t, TypeScript, "class A implements OnDestroy { private x: number = 1; ngOnDestroy(): void {} }")
	if tr.HasErrors() {
		t.Fatalf("errors: %v", tr.Errors(0))
	}
	tr = mustParse(t, TSX, "const A = () => <div onClick={() => f<string>(1)} />;")
	if tr.HasErrors() {
		t.Fatalf("errors: %v", tr.Errors(0))
	}
}

func TestSyntaxErrorsAreReportedNotFatal(t *testing.T) {
	tr := mustParse(t, JavaScript, "function f( {\n  window.addEventListener('x', g)\n")
	if !tr.HasErrors() || len(tr.Errors(0)) == 0 {
		t.Fatal("expected syntax errors")
	}
	found := false
	tr.Root().Walk(func(n Node) bool {
		found = found || n.Text() == "addEventListener"
		return true
	})
	if !found {
		t.Error("recovered tree lost the call")
	}
}

func TestDeepNestingAndEmpty(t *testing.T) {
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	tr := mustParse(t, JavaScript, deep)
	if tr.Len() < 20000 {
		t.Fatalf("only %d nodes", tr.Len())
	}
	tr = mustParse(t, JavaScript, "")
	if tr.Root().Kind() != "program" {
		t.Fatalf("root = %q", tr.Root().Kind())
	}
}

func TestCancelledAndBudget(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Parse(ctx, JavaScript, []byte("x"), Options{}); err == nil {
		t.Fatal("cancelled context parsed")
	}
	big := []byte(strings.Repeat("a(b, c, [d, {e: f}]);\n", 200000))
	if _, err := Parse(context.Background(), JavaScript, big, Options{Timeout: time.Microsecond}); err != ErrParseBudget {
		t.Fatalf("err = %v, want ErrParseBudget", err)
	}
	// The parser that hit the budget is reusable.
	mustParse(t, JavaScript, "a()")
}

func TestIncremental(t *testing.T) {
	inc := NewIncremental(TypeScript)
	defer inc.Close()
	src := "const a = 1;\nconst b = 2;\n"
	if _, err := inc.Parse(context.Background(), []byte(src), Options{}); err != nil {
		t.Fatal(err)
	}
	// Replace "2" by "foo()".
	next := "const a = 1;\nconst b = foo();\n"
	inc.Edit(Edit{Start: 23, OldEnd: 24, NewEnd: 28,
		StartPoint: Point{1, 10}, OldEndPoint: Point{1, 11}, NewEndPoint: Point{1, 15}})
	tr, err := inc.Parse(context.Background(), []byte(next), Options{})
	if err != nil {
		t.Fatal(err)
	}
	fresh := mustParse(t, TypeScript, next)
	if tr.Len() != fresh.Len() {
		t.Fatalf("incremental tree has %d nodes, fresh %d", tr.Len(), fresh.Len())
	}
	for i := 0; i < tr.Len(); i++ {
		a, b := tr.At(i), fresh.At(i)
		if a.Kind() != b.Kind() || a.Start() != b.Start() || a.End() != b.End() {
			t.Fatalf("node %d differs: %v vs %v", i, a, b)
		}
	}
}

func TestDump(t *testing.T) {
	tr := mustParse(t, JavaScript, "f(a)")
	var b strings.Builder
	if err := Dump(&b, tr.Root()); err != nil {
		t.Fatal(err)
	}
	want := "program\n  expression_statement\n    call_expression\n      function: identifier f\n      arguments: arguments\n        identifier a\n"
	if b.String() != want {
		t.Errorf("Dump =\n%s\nwant\n%s", b.String(), want)
	}
}

// sameTree fails unless a and b hold the same nodes.
func sameTree(t *testing.T, a, b *Tree) {
	t.Helper()
	var da, db strings.Builder
	if err := Dump(&da, a.Root()); err != nil {
		t.Fatal(err)
	}
	if err := Dump(&db, b.Root()); err != nil {
		t.Fatal(err)
	}
	if da.String() != db.String() {
		t.Fatalf("trees differ:\n%s\nvs\n%s", da.String(), db.String())
	}
}

func TestKeptReparseMatchesAFreshParse(t *testing.T) {
	src := []byte("const a = 1;\nfunction f() {\n  leak(a);\n}\nconst b = 2;\n")
	_, kept, err := ParseKept(context.Background(), TypeScript, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	at := func(s string) int { return strings.Index(string(src), s) }
	edit := func(start, end int, text string) (Edit, string) {
		sp := PointAt(src, start)
		ne := sp
		for _, c := range text {
			if c == '\n' {
				ne = Point{ne.Row + 1, 0}
			} else {
				ne.Column++
			}
		}
		return Edit{Start: start, OldEnd: end, NewEnd: start + len(text), StartPoint: sp, OldEndPoint: PointAt(src, end), NewEndPoint: ne},
			string(src[:start]) + text + string(src[end:])
	}
	// One kept tree serves several alternative edits, one of them breaking
	// the syntax, and two edits at once (given first to last).
	for _, c := range []struct {
		start, end int
		text       string
	}{
		{at("leak"), at("leak") + 4, "noleak"},
		{at("leak(a)") + 7, at("leak(a)") + 8, "\n  // leakwatch-ignore\n"},
		{at("2"), at("2") + 1, "((("},
	} {
		e, next := edit(c.start, c.end, c.text)
		got, err := kept.Reparse(context.Background(), []byte(next), []Edit{e}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameTree(t, got, mustParse(t, TypeScript, next))
	}
	e1, _ := edit(at("1"), at("1")+1, "one()")
	e2, _ := edit(at("2"), at("2")+1, "two\n()")
	next := strings.Replace(strings.Replace(string(src), "2", "two\n()", 1), "1", "one()", 1)
	// An insertion and a replacement at the same offset, as a fix that
	// moves a statement writes them.
	ins, _ := edit(at("const b"), at("const b"), "let c = 3;\n")
	rep, _ := edit(at("const b"), at("const b")+5, "var")
	next = strings.Replace(next, "const b", "let c = 3;\nvar b", 1)
	got, err := kept.Reparse(context.Background(), []byte(next), []Edit{e1, ins, rep, e2}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sameTree(t, got, mustParse(t, TypeScript, next))
}

func TestPointAt(t *testing.T) {
	src := []byte("ab\ncd\n\nx")
	for off, want := range map[int]Point{0: {0, 0}, 2: {0, 2}, 3: {1, 0}, 5: {1, 2}, 7: {3, 0}, 8: {3, 1}} {
		if got := PointAt(src, off); got != want {
			t.Errorf("PointAt(%d) = %v, want %v", off, got, want)
		}
	}
}
