package lifecycle_test

import (
	"context"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Each Naming option changes the name in its own way only: the rules that
// share NameOf keep the names their messages and verdicts were made with.
func TestNameOfForms(t *testing.T) {
	src := `class Clock { tick() {} field = () => {} }
function decl() {}
const called = function own() {};
const Chat = memo((props) => null);
obj.handler = function () {};
const o = { 'quoted': () => {} };
run(() => {});
`
	tree, err := syntax.Parse(context.Background(), syntax.JavaScript, []byte(src), syntax.Options{})
	if err != nil || tree.HasErrors() {
		t.Fatalf("parse: %v", err)
	}
	var fns []syntax.Node
	for i := 0; i < tree.Len(); i++ {
		if n := tree.At(i); scope.IsFunction(n) {
			fns = append(fns, n)
		}
	}
	if len(fns) != 8 {
		t.Fatalf("found %d functions, want 8", len(fns))
	}
	cases := []struct {
		how  lifecycle.Naming
		want []string // tick, field, decl, called, Chat, handler, quoted, callback
	}{
		{0, []string{"tick", "field", "decl", "own", "", "obj.handler", "quoted", ""}},
		{lifecycle.Qualified, []string{"Clock.tick", "Clock.field", "decl", "own", "", "obj.handler", "quoted", ""}},
		{lifecycle.CalledAs | lifecycle.ShortAssigned, []string{"tick", "field", "decl", "called", "", "handler", "quoted", ""}},
		{lifecycle.Declared, []string{"", "", "decl", "own", "Chat", "", "", ""}},
	}
	for _, c := range cases {
		for i, fn := range fns {
			if got := lifecycle.NameOf(fn, c.how); got != c.want[i] {
				t.Errorf("naming %b: function %d (%.20q) named %q, want %q", c.how, i, fn.Text(), got, c.want[i])
			}
		}
	}
}
