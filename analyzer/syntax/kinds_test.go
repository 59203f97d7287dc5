package syntax

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestKindsAgreeWithKind checks, on every node of a sample in each grammar,
// that Of yields, in order, the nodes a Walk comparing kind names finds:
// none a set was not given, none of its names' symbols missed.
func TestKindsAgreeWithKind(t *testing.T) {
	names := []string{"call_expression", "identifier", "=", "type_identifier", "jsx_element"}
	k := NewKinds(names...)
	for _, c := range []struct {
		lang Lang
		src  string
	}{
		{JavaScript, "const a = f(b); a = <div>{g()}</div>;\n"},
		{TypeScript, "let x: Foo = f<Bar>(y); x = h(x);\n"},
		{TSX, "const e: El = <App onClick={() => go(1)} />;\n"},
	} {
		tr, err := Parse(context.Background(), c.lang, []byte(c.src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var want []int
		tr.Root().Walk(func(n Node) bool {
			if slices.Contains(names, n.Kind()) {
				want = append(want, n.Index())
			}
			return true
		})
		var got []int
		for n := range tr.Root().Of(k) {
			got = append(got, n.Index())
		}
		if !slices.Equal(got, want) || len(got) < 4 {
			t.Errorf("%v: Of yields %v, want %v", c.lang, got, want)
		}
		// A subtree's nodes only, and stopping when asked.
		stmt := tr.Root().Child(1)
		for n := range stmt.Of(k) {
			if !stmt.Contains(n) && n != stmt {
				t.Errorf("%v: Of(%s) yields %s outside it", c.lang, stmt.Kind(), n.Kind())
			}
		}
		seen := 0
		for range tr.Root().Of(k) {
			if seen++; seen == 2 {
				break
			}
		}
		if seen != 2 {
			t.Errorf("%v: the loop ran on after break", c.lang)
		}
	}
	for n := range (Node{}).Of(NewKinds("identifier")) {
		t.Errorf("the zero Node yields %s", n.Kind())
	}
	// A kind the grammar does not have: no table for it, and nothing found.
	js, err := Parse(context.Background(), JavaScript, []byte("let a = 1;\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for n := range js.Root().Of(NewKinds("type_identifier", "no_such_kind")) {
		t.Errorf("found %s in JavaScript", n.Kind())
	}
}

// BenchmarkKindsWalk picks the assignments and declarators out of a large
// file: with a switch on Node.Kind in a Walk, and with Kinds.
func BenchmarkKindsWalk(b *testing.B) {
	src := []byte(strings.Repeat("function f(a) { let b = a + 1; b = g(b, [1, 2, 3]); return { b, c: a.d }; }\n", 20000))
	tr, err := Parse(context.Background(), JavaScript, src, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("walk", func(b *testing.B) {
		n := 0
		for b.Loop() {
			tr.Root().Walk(func(x Node) bool {
				switch x.Kind() {
				case "assignment_expression", "variable_declarator":
					n++
				}
				return true
			})
		}
	})
	k := NewKinds("assignment_expression", "variable_declarator")
	b.Run("kinds", func(b *testing.B) {
		n := 0
		for b.Loop() {
			for range tr.Root().Of(k) {
				n++
			}
		}
	})
}
