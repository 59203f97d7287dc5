// This file decides listener-added-per-call for listeners on an AbortSignal
// the caller supplies: `signal.addEventListener("abort", fn)` or
// `addAbortListener(signal, fn)` in a function that returns a promise. The
// signal belongs to the caller and may outlive many calls (one controller
// for a whole page or job), so each call that does not remove its listener
// when it settles leaves one behind, with everything the handler keeps.

package listeners

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/repeats"
)

// abortListener recognises a listener on a caller's AbortSignal. handled
// is true when n is one (reported or accepted here), so the general rule
// does not judge it again.
func (v *perCall) abortListener(n syntax.Node) (handled bool) {
	p := v.p
	var signal, handler syntax.Node
	var via string
	if recv, name := astutil.Method(n); name == "addEventListener" && recv.Valid() {
		if ev, ok := astutil.StringValue(astutil.Arg(n, 0)); !ok || ev != "abort" {
			return false
		}
		opts := astutil.Arg(n, 2)
		if _, has := astutil.Property(opts, "signal"); has {
			return true // removed when that other signal aborts
		}
		signal, handler, via = recv, astutil.Arg(n, 1), "addEventListener"
	} else if callee := scope.Unwrap(n.Get("function")); callee.Text() == "addAbortListener" ||
		callee.Kind() == "member_expression" && callee.Get("property").Text() == "addAbortListener" {
		signal, handler, via = astutil.Arg(n, 0), astutil.Arg(n, 1), "addAbortListener"
		if astutil.UseOf(n).Kind != "discarded" {
			return true // the Disposable is kept: whoever keeps it disposes of it
		}
	} else {
		return false
	}
	fn, param := callerSignal(p, signal)
	if !fn.Valid() || repeats.Settling(p, fn) == nil || v.ownerCovers(n, syntax.Node{}) {
		return false
	}
	if via == "addEventListener" && abortRemoved(p, fn, signal, handler) {
		return true
	}
	if waitsForAbort(p, fn, n, handler) && onlyAwaited(p, fn) {
		return true // the call ends with the abort, and its callers wait for that
	}
	name := astutil.FunctionName(fn)
	if name == "" {
		name = "this function"
	}
	fix := fmt.Sprintf("remove it when the call settles (%s.removeEventListener(\"abort\", handler) in finally)", cleanup.Describe(signal))
	if via == "addAbortListener" {
		fix = "keep the Disposable addAbortListener returns and dispose of it when the call settles (using, or [Symbol.dispose]() in finally)"
	}
	msg := fmt.Sprintf("\"abort\" listener on %s is added on each call of %s and never removed when the call settles; the caller's signal (parameter %s) outlives the call, so the listeners pile up on it with everything they keep alive until it aborts; %s",
		cleanup.Describe(signal), name, param, fix)
	callee := astutil.Callee(n)
	p.Report(analyzer.Diagnostic{Start: callee.Start(), End: n.End(), Message: msg})
	return true
}

// callerSignal returns the function whose parameter the expression is
// (`signal`, `{ signal }` destructured in the parameters, `options.signal`
// of a parameter), with the parameter's name; the zero Node otherwise.
func callerSignal(p *analyzer.Pass, e syntax.Node) (syntax.Node, string) {
	e = scope.Unwrap(e)
	root := e
	if e.Kind() == "member_expression" {
		if e.Get("property").Text() != "signal" {
			return syntax.Node{}, ""
		}
		root = scope.Unwrap(e.Get("object"))
	}
	if root.Kind() != "identifier" {
		return syntax.Node{}, ""
	}
	b := p.Scope.Resolve(root)
	if b == nil || b.Kind != scope.Param || b.Reassigned {
		return syntax.Node{}, ""
	}
	fn := astutil.EnclosingFunction(b.Decl)
	if !fn.Valid() || !fn.Contains(e) {
		return syntax.Node{}, ""
	}
	return fn, b.Name
}

// abortRemoved reports a removeEventListener("abort", handler) on the same
// signal anywhere in fn, or a handler that removes itself.
func abortRemoved(p *analyzer.Pass, fn, signal, handler syntax.Node) bool {
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if found || n.Kind() != "call_expression" {
			return !found
		}
		if recv, name := astutil.Method(n); name == "removeEventListener" && recv.Valid() && p.Scope.Same(recv, signal) {
			if ev, ok := astutil.StringValue(astutil.Arg(n, 0)); ok && ev == "abort" {
				h := astutil.Arg(n, 1)
				found = !handler.Valid() || p.Scope.Same(h, handler) || scope.Unwrap(h).Text() == scope.Unwrap(handler).Text()
			}
		}
		return !found
	})
	return found
}

// waitsForAbort reports a function that waits for the abort itself: the
// listener is added in the executor of a promise that only the listener
// settles, and the function cannot settle before it (it returns that
// promise, or awaits it in the statement that makes it or the next one).
// Such a call lasts until the signal aborts, and an aborted signal fires
// no more, so no listener is left behind by a call that has settled. A
// caller that stops waiting is another matter (onlyAwaited).
func waitsForAbort(p *analyzer.Pass, fn, add, handler syntax.Node) bool {
	exec := astutil.EnclosingFunction(add)
	if !exec.Valid() || !handler.Valid() || !exec.Contains(handler) {
		return false
	}
	promise := exec.Parent()
	if promise.Kind() == "arguments" {
		promise = promise.Parent()
	}
	if promise.Kind() != "new_expression" || scope.Unwrap(promise.Get("constructor")).Text() != "Promise" ||
		astutil.EnclosingFunction(promise).Index() != fn.Index() {
		return false
	}
	// resolve and reject are used only in the listener, and at least one
	// of them is.
	settles := false
	for _, id := range paramIdentifiers(exec) {
		b := p.Scope.DeclaredAt(id)
		if b == nil {
			return false
		}
		for _, ref := range p.Scope.References(b) {
			if !handler.Contains(ref) && ref.Index() != handler.Index() {
				return false
			}
			settles = true
		}
	}
	return settles && endsWith(p, fn, promise)
}

// endsWith reports whether fn's result waits for promise: fn is an arrow
// whose body it is, returns it, or awaits it in the statement that makes
// it or, kept in a const, in the statement right after.
func endsWith(p *analyzer.Pass, fn, promise syntax.Node) bool {
	at := promise
	for at.Parent().Kind() == "parenthesized_expression" {
		at = at.Parent()
	}
	up := at.Parent()
	if up.Index() == fn.Index() && at.Field() == "body" {
		return true // async () => new Promise(...)
	}
	body := fn.Get("body")
	stmt := astutil.Statement(promise)
	if !stmt.Valid() || stmt.Parent().Index() != body.Index() {
		return false
	}
	switch up.Kind() {
	case "return_statement":
		return true
	case "await_expression":
		// await new Promise(...) as the statement, or a declaration's value.
		switch stmt.Kind() {
		case "expression_statement", "lexical_declaration", "variable_declaration", "return_statement":
			return true
		}
		return false
	case "variable_declarator":
		if at.Field() != "value" || stmt.Kind() != "lexical_declaration" || !stmt.HasToken("const") {
			return false
		}
		name := up.Get("name")
		if name.Kind() != "identifier" {
			return false
		}
		next := stmt.NextNamed()
		if !next.Valid() {
			return false
		}
		var e syntax.Node
		switch next.Kind() {
		case "return_statement":
			e = scope.Unwrap(next.Child(0))
			if e.Kind() == "await_expression" {
				e = scope.Unwrap(e.Child(0))
			}
		case "expression_statement":
			if aw := scope.Unwrap(next.Child(0)); aw.Kind() == "await_expression" {
				e = scope.Unwrap(aw.Child(0))
			}
		}
		return e.Kind() == "identifier" && p.Scope.Same(e, name)
	}
	return false
}

// paramIdentifiers returns the identifiers a function declares as plain
// parameters, in order.
func paramIdentifiers(fn syntax.Node) []syntax.Node {
	if one := fn.Get("parameter"); one.Valid() {
		return []syntax.Node{one}
	}
	var out []syntax.Node
	for _, c := range fn.Get("parameters").Children() {
		id := c
		switch c.Kind() {
		case "required_parameter", "optional_parameter":
			id = c.Get("pattern")
		}
		if id.Kind() == "identifier" {
			out = append(out, id)
		}
	}
	return out
}

// onlyAwaited reports a function private to the file whose every use is a
// call its caller awaits: the caller waits for the abort with it. One raced
// against other work (Promise.race([work(), aborted(signal)])), or handed
// out of the file, is abandoned when the work wins, and its listener stays
// on the signal: the leak this rule is for.
func onlyAwaited(p *analyzer.Pass, fn syntax.Node) bool {
	name := scope.FunctionName(fn)
	if !name.Valid() {
		return false
	}
	if st := astutil.Statement(name); st.Kind() == "export_statement" || st.Parent().Kind() == "export_statement" {
		return false
	}
	b := p.Scope.DeclaredAt(name)
	if b == nil {
		return false
	}
	refs := p.Scope.References(b)
	for _, ref := range refs {
		call := ref.Parent()
		if call.Kind() != "call_expression" || ref.Field() != "function" {
			return false
		}
		up := call.Parent()
		for up.Kind() == "parenthesized_expression" {
			up = up.Parent()
		}
		if up.Kind() != "await_expression" {
			return false
		}
	}
	// `export { name }` and `module.exports = { name }` are not always
	// references the scope resolves: look for the name in them as text.
	exported := false
	p.Tree.Root().Walk(func(n syntax.Node) bool {
		switch n.Kind() {
		case "export_specifier", "shorthand_property_identifier":
			if n.Text() == name.Text() || n.Get("name").Text() == name.Text() {
				exported = true
			}
		}
		return !exported
	})
	return len(refs) > 0 && !exported
}
