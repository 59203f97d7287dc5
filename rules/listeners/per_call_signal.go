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
	if !fn.Valid() || repeats.Settling(p, fn) == nil || p.Life.OwnerOf(n) != nil {
		return false
	}
	if via == "addEventListener" && abortRemoved(p, fn, signal, handler) {
		return true
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
