package listeners

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// builderBinding reports an on(type, fn) that is a DOM builder's binding,
// not a listener on its receiver: the listener goes on the element the
// builder makes in the same call, and goes with it. Two readings:
//   - the receiver is an export a DOM builder library names
//     (apis.BuilderBinding: `import { dom } from "grainjs"`, then
//     cssButton(dom.on("click", fn)));
//   - the call is an argument of a call to its own receiver,
//     dom("div", dom.on("click", fn)): a function that builds an element
//     from its arguments, whatever module it comes from. No emitter is
//     called with the result of its own on().
func builderBinding(p *analyzer.Pass, c call) bool {
	recv := scope.Unwrap(c.target)
	if c.style != Emitter || c.method != "on" || recv.Kind() != "identifier" {
		return false
	}
	b := p.Scope.Resolve(recv)
	if b != nil && b.Kind == scope.Import {
		if module, export := p.Life.ImportedAs(recv.Text()); apis.BuilderBinding(module, export, c.method) {
			return true
		}
	}
	return argumentOfCallTo(p, c.node, recv, b)
}

// argumentOfCallTo reports a call n passed straight as an argument to a
// call of the name recv denotes (binding b; nil for a global).
func argumentOfCallTo(p *analyzer.Pass, n, recv syntax.Node, b *scope.Binding) bool {
	args := n.Parent()
	for args.Valid() && args.Kind() == "parenthesized_expression" {
		args = args.Parent()
	}
	if args.Kind() != "arguments" {
		return false
	}
	callee := scope.Unwrap(args.Parent().Get("function"))
	if callee.Kind() != "identifier" || callee.Text() != recv.Text() {
		return false
	}
	return p.Scope.Resolve(callee) == b
}
