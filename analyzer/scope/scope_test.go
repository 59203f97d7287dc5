package scope_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

func build(t *testing.T, lang syntax.Lang, src string) (*syntax.Tree, *scope.Info) {
	t.Helper()
	tr, err := syntax.Parse(context.Background(), lang, []byte(src), syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.HasErrors() {
		t.Fatalf("syntax errors: %v", tr.Errors(0))
	}
	return tr, scope.Build(tr)
}

// find returns the n-th (0-based) node of kind whose text is text.
func find(t *testing.T, tr *syntax.Tree, kind, text string, nth int) syntax.Node {
	t.Helper()
	var found syntax.Node
	tr.Root().Walk(func(n syntax.Node) bool {
		if !found.Valid() && n.Kind() == kind && n.Text() == text {
			if nth == 0 {
				found = n
			}
			nth--
		}
		return true
	})
	if !found.Valid() {
		t.Fatalf("no %s %q", kind, text)
	}
	return found
}

func TestResolveAcrossScopes(t *testing.T) {
	src := `
const a = 1;
function f(a, { b }) {
  var c = a + b;
  { let a = 2; use(a); }
  return () => c + a;
}
use(a, undeclared);
`
	tr, in := build(t, syntax.JavaScript, src)
	top := in.Resolve(find(t, tr, "identifier", "a", 0))
	param := in.Resolve(find(t, tr, "identifier", "a", 1))
	if top == nil || param == nil || top == param {
		t.Fatalf("module a and parameter a must be distinct bindings: %v %v", top, param)
	}
	if !top.ModuleLevel() || param.Kind != scope.Param {
		t.Errorf("kinds: top module=%v, param kind=%v", top.ModuleLevel(), param.Kind)
	}
	// a + b inside f refers to the parameter.
	if got := in.Resolve(find(t, tr, "identifier", "a", 2)); got != param {
		t.Errorf("a in f body resolved to %v", got)
	}
	// The block's let shadows.
	inner := in.Resolve(find(t, tr, "identifier", "a", 4))
	if inner == nil || inner == param || inner.Kind != scope.Let {
		t.Errorf("use(a) in block resolved to %v", inner)
	}
	// The arrow sees f's parameter; the last use(a) sees the module's.
	if got := in.Resolve(find(t, tr, "identifier", "a", 5)); got != param {
		t.Errorf("a in arrow resolved to %v", got)
	}
	if got := in.Resolve(find(t, tr, "identifier", "a", 6)); got != top {
		t.Errorf("a at top resolved to %v", got)
	}
	if in.Resolve(find(t, tr, "identifier", "undeclared", 0)) != nil {
		t.Error("undeclared name resolved")
	}
	if b := in.Resolve(find(t, tr, "identifier", "b", 0)); b == nil || b.Kind != scope.Param {
		t.Errorf("destructured parameter b = %v", b)
	}
	if refs := in.References(top); len(refs) != 1 {
		t.Errorf("module a has %d references, want 1", len(refs))
	}
	if in.IsModule {
		t.Error("a script without import/export is not a module")
	}
}

func TestKeysAndLifetimes(t *testing.T) {
	src := `
import { bus } from "./bus";
const shared = new Map();
export class Widget {
  constructor(private host: HTMLElement) {}
  mount(el: HTMLElement) {
    const div = document.createElement("div");
    const kept = document.createElement("span");
    this.kept = kept;
    const alias = window;
    use(this.host, host2(), window.document, globalThis.document, this, this.shadowRoot, el, div, alias, bus, shared, this.items);
  }
}
`
	tr, in := build(t, syntax.TypeScript, src)
	call := find(t, tr, "identifier", "use", 0).Parent()
	args := call.Get("arguments").Children()
	want := []scope.Lifetime{scope.Member, scope.Unknown, scope.Global, scope.Global, scope.Self, scope.Self,
		scope.Parameter, scope.Local, scope.Global, scope.ModuleLevel, scope.ModuleLevel, scope.Member}
	for i, a := range args {
		if got := in.LifetimeOf(a); got != want[i] {
			t.Errorf("LifetimeOf(%s) = %v, want %v", a.Text(), got, want[i])
		}
	}
	if !in.Same(args[2], args[3]) {
		t.Error("window.document and globalThis.document must be the same value")
	}
	kept := find(t, tr, "identifier", "kept", 0)
	if got := in.LifetimeOf(kept); got != scope.Escaping {
		t.Errorf("kept stored on this: %v, want escaping", got)
	}
	if in.Key(args[1]) != "" {
		t.Error("a call has no key")
	}
	if !in.IsModule {
		t.Error("a file with import is a module")
	}
}

func TestParameterPropertyKey(t *testing.T) {
	src := `class A { constructor(private src: E) { src.on("x", f); } close() { this.src.off("x", f); } }`
	tr, in := build(t, syntax.TypeScript, src)
	a := find(t, tr, "identifier", "src", 1)
	b := find(t, tr, "member_expression", "this.src", 0)
	if !in.Same(a, b) {
		t.Errorf("constructor parameter property: keys %q and %q differ", in.Key(a), in.Key(b))
	}
}

// A name taken out of `this` by an object pattern is the member it
// copies, in key and lifetime; a reassigned one, or one taken out of
// another object, is not.
func TestThisMemberCopyKey(t *testing.T) {
	src := `class A {
  start() { this.timer = setInterval(f, 10); }
  stop() {
    const { timer, el: root } = this;
    let { other } = this;
    other = null;
    const { timer: t2 } = config;
    const ws = this.ws;
    use(timer, root, other, t2, this.timer, this.el, ws, this.ws);
  }
}`
	tr, in := build(t, syntax.JavaScript, src)
	args := find(t, tr, "identifier", "use", 0).Parent().Get("arguments").Children()
	timer, root, other, t2, thisTimer, thisEl := args[0], args[1], args[2], args[3], args[4], args[5]
	if !in.Same(timer, thisTimer) || !in.Same(root, thisEl) {
		t.Errorf("copies of members: keys %q %q, want %q %q", in.Key(timer), in.Key(root), in.Key(thisTimer), in.Key(thisEl))
	}
	if !in.Same(args[6], args[7]) {
		t.Errorf("const ws = this.ws: keys %q and %q differ", in.Key(args[6]), in.Key(args[7]))
	}
	if strings.HasPrefix(in.Key(other), "this@") || in.Same(t2, thisTimer) {
		t.Error("a reassigned copy or a copy of another object is not the member")
	}
	if got := in.LifetimeOf(timer); got != scope.Member {
		t.Errorf("LifetimeOf(timer) = %v, want member", got)
	}
}

func TestThisAliasKey(t *testing.T) {
	src := `class A {
  start() {
    const self = this;
    var vm = this;
    let other = this;
    other = null;
    use(self.timer, vm.timer, other.timer, this.timer, self);
  }
}`
	tr, in := build(t, syntax.JavaScript, src)
	args := find(t, tr, "identifier", "use", 0).Parent().Get("arguments").Children()
	selfTimer, vmTimer, otherTimer, thisTimer, self := args[0], args[1], args[2], args[3], args[4]
	if !in.Same(selfTimer, thisTimer) || !in.Same(vmTimer, thisTimer) {
		t.Errorf("members through aliases of this: keys %q %q, want %q", in.Key(selfTimer), in.Key(vmTimer), in.Key(thisTimer))
	}
	if in.Same(otherTimer, thisTimer) {
		t.Error("a reassigned alias of this is not this")
	}
	if got := in.LifetimeOf(selfTimer); got != scope.Member {
		t.Errorf("LifetimeOf(self.timer) = %v, want member", got)
	}
	if got := in.LifetimeOf(self); got != scope.Self {
		t.Errorf("LifetimeOf(self) = %v, want self", got)
	}
}

// MemberKey spells what Key gives a member of the instance, for rules
// that look for a member by name.
func TestMemberKey(t *testing.T) {
	src := `class A {
  start() {
    use(this.timer);
  }
}`
	tr, in := build(t, syntax.JavaScript, src)
	timer := find(t, tr, "identifier", "use", 0).Parent().Get("arguments").Children()[0]
	class := timer.Ancestor("class_declaration")
	if got, want := scope.MemberKey(class, "timer"), in.Key(timer); got != want {
		t.Errorf("MemberKey(class, timer) = %q, Key(this.timer) = %q", got, want)
	}
	if prefix := scope.MemberKey(class, ""); !strings.HasPrefix(in.Key(timer), prefix) || prefix == in.Key(timer) {
		t.Errorf("MemberKey(class, \"\") = %q is no prefix of %q", prefix, in.Key(timer))
	}
}

func TestReassignedKnownBeforeReferences(t *testing.T) {
	src := "function f() { let el = document.createElement('a'); el = other(); use(el); }"
	tr, in := build(t, syntax.JavaScript, src)
	// No References call has happened yet: LifetimeOf must still see the
	// reassignment and not call el local.
	if got := in.LifetimeOf(find(t, tr, "identifier", "el", 2)); got != scope.Unknown {
		t.Errorf("reassigned el: %v, want unknown", got)
	}
}

// A fork resolves and keys alike, on another goroutine at the same time
// as its origin (run under -race by the test script), and its settings
// are its own.
func TestForkSharesTheModel(t *testing.T) {
	tree, in := build(t, syntax.JavaScript, "const bus = mitt();\nfunction f(el) { bus.on('x', el.cb); el.cb = null; }\n")
	in.LongLived = map[string]bool{"bus": true}
	fork := in.Fork()
	fork.LongLived["other"] = true
	if in.LongLived["other"] {
		t.Error("a fork's LongLived reached its origin")
	}
	keys := func(s *scope.Info, out chan<- []string) {
		var ks []string
		for i := 0; i < tree.Len(); i++ {
			n := tree.At(i)
			ks = append(ks, s.Key(n))
			if b := s.Resolve(n); b != nil {
				ks = append(ks, b.Name)
			}
		}
		out <- ks
	}
	a, b := make(chan []string, 1), make(chan []string, 1)
	go keys(in, a)
	go keys(fork, b)
	ka, kb := <-a, <-b
	if strings.Join(ka, "|") != strings.Join(kb, "|") || !slices.Contains(ka, "bus") {
		t.Errorf("origin and fork disagree:\n%q\n%q", ka, kb)
	}
}
