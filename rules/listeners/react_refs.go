package listeners

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// mountOnceOwnRef reports a listener target that is an element the React
// component renders itself, read from its ref (`box.current`, or a const
// taken from it) in an effect that runs once per mount (its dependencies
// are `[]`): the element goes when the component unmounts, and the
// listener with it. An effect with dependencies runs again and adds one
// more listener to the same element each time, so it is still reported.
func mountOnceOwnRef(p *analyzer.Pass, o *lifecycle.Owner, target syntax.Node) bool {
	if o.Kind != lifecycle.ReactEffect || o.Node.Kind() != "call_expression" || !o.Setup.Valid() {
		return false
	}
	args := astutil.Args(o.Node)
	if len(args) != 2 || args[0].Index() != o.Setup.Index() {
		return false
	}
	if deps := scope.Unwrap(args[1]); deps.Kind() != "array" || len(deps.Children()) != 0 {
		return false
	}
	ref := refRead(p, o.Setup, target)
	if !ref.Valid() {
		return false
	}
	b := p.Scope.Resolve(ref)
	if b == nil || b.Reassigned || lifecycle.CalleeName(scope.Unwrap(b.Init)) != "useRef" {
		return false
	}
	component := astutil.EnclosingFunction(o.Node)
	return component.Valid() && component.Contains(b.Decl) && rendersWithRef(p, component, b)
}

// refRead returns R for a target read as R.current (R?.current), directly
// or through a const the effect sets from it, or the zero Node.
func refRead(p *analyzer.Pass, effect, target syntax.Node) syntax.Node {
	t := scope.Unwrap(target)
	if t.Kind() == "identifier" {
		b := p.Scope.Resolve(t)
		if b == nil || b.Kind != scope.Const || !effect.Contains(b.Decl) {
			return syntax.Node{}
		}
		t = scope.Unwrap(b.Init)
	}
	if t.Kind() != "member_expression" || t.Get("property").Text() != "current" {
		return syntax.Node{}
	}
	if obj := scope.Unwrap(t.Get("object")); obj.Kind() == "identifier" {
		return obj
	}
	return syntax.Node{}
}

// rendersWithRef reports whether component's JSX hands the ref b to an
// element of its own: `<div ref={b}>`.
func rendersWithRef(p *analyzer.Pass, component syntax.Node, b *scope.Binding) bool {
	found := false
	component.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		if n.Kind() != "jsx_attribute" || n.Child(0).Text() != "ref" {
			return true
		}
		v := n.Child(1)
		if v.Kind() == "jsx_expression" {
			v = v.Child(0)
		}
		if v.Kind() == "identifier" && p.Scope.Resolve(v) == b {
			found = true
		}
		return true
	})
	return found
}
