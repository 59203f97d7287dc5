package astutil_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
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
	tree, _ := parse(t, syntax.JavaScript, src)
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
		how  astutil.Naming
		want []string // tick, field, decl, called, Chat, handler, quoted, callback
	}{
		{0, []string{"tick", "field", "decl", "own", "", "obj.handler", "quoted", ""}},
		{astutil.Qualified, []string{"Clock.tick", "Clock.field", "decl", "own", "", "obj.handler", "quoted", ""}},
		{astutil.CalledAs | astutil.ShortAssigned, []string{"tick", "field", "decl", "called", "", "handler", "quoted", ""}},
		{astutil.Declared, []string{"", "", "decl", "own", "Chat", "", "", ""}},
	}
	for _, c := range cases {
		for i, fn := range fns {
			if got := astutil.NameOf(fn, c.how); got != c.want[i] {
				t.Errorf("naming %b: function %d (%.20q) named %q, want %q", c.how, i, fn.Text(), got, c.want[i])
			}
		}
	}
	if got := astutil.FunctionName(fns[0]); got != "Clock.tick" {
		t.Errorf("FunctionName = %q, want Clock.tick", got)
	}
}
