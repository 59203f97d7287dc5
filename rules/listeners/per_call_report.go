// This file words listener-added-per-call's findings.

package listeners

import (
	"fmt"

	"github.com/leakwatch/leakwatch/rules/internal/repeats"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
)

func (v *perCall) report(a call, r *repeats.Repeat) {
	p := v.p
	event := cleanup.Describe(a.event)
	where := "on " + r.Phrase
	if r.Via != "" {
		where = "on each call of " + r.Via + " (which runs on " + r.Phrase + ")"
	}
	// jQuery wrappers and a page's AMD modules (hooks, alerts) are no Node
	// emitters.
	nodeEmitter := a.style == Emitter && !jQueryValue(p, a.target) && !amdDependency(p.Scope, rootOf(a.target))
	pile := "so they pile up"
	if nodeEmitter {
		pile += " (Node warns with MaxListenersExceededWarning past 10)"
	}
	settles := settlesPromise(p, a)
	var advice string
	ev, _ := astutil.StringValue(a.event)
	switch {
	case settles && a.style == DOM && ev == "abort":
		advice = "remove it when the wait settles (removeEventListener in a finally): a signal aborts at most once, so { once: true } would not help"
	case settles:
		if a.style == DOM {
			advice = "pass { once: true } so it goes away when it fires"
		} else {
			advice = "listen with once() so it goes away when it fires"
		}
	case r.Kind == repeats.Request:
		advice = "remove it when the request ends (res.on(\"close\"))"
	case r.Kind == repeats.Connection:
		advice = "remove it when the connection closes"
	case r.Kind == repeats.Loop:
		advice = "add it once, outside the loop"
	case a.style == DOM:
		advice = "add it once, or remove it when it is no longer needed"
	default:
		advice = "add it once, or remove it when it is no longer needed"
	}
	msg := fmt.Sprintf("%s listener on %s is added %s and never removed, %s; %s",
		event, cleanup.Describe(a.target), where, pile, advice)
	callee := astutil.Callee(a.node)
	d := analyzer.Diagnostic{Start: callee.Start(), End: a.node.End(), Message: msg,
		Related: []analyzer.Related{relatedRepeat(r)}}
	if p.WantsFixes() {
		d.Fixes = v.fixes(a, r, settles)
	}
	p.Report(d)
}

// relatedRepeat points at what runs many times.
func relatedRepeat(r *repeats.Repeat) analyzer.Related {
	n := r.Node
	end := n.End()
	switch {
	case repeats.IsLoop(n):
		if body := n.Get("body"); body.Valid() {
			end = body.Start()
		}
	case scope.IsFunction(n):
		if ps := n.Get("parameters"); ps.Valid() {
			end = ps.End()
		} else if ps := n.Get("parameter"); ps.Valid() {
			end = ps.End()
		}
	}
	start := n.Start()
	if scope.IsFunction(n) && repeats.IsArgument(n) {
		// Show what the callback is given to: app.get("/x", (req, res)
		for p := n.Parent(); p.Valid(); p = p.Parent() {
			if p.Kind() == "call_expression" {
				callee := astutil.Callee(p)
				return analyzer.Related{Start: callee.Start(), End: callee.End(), Message: "the callback given here runs on " + r.Phrase}
			}
		}
	}
	for end > start && (n.Tree().Src[end-1] == ' ' || n.Tree().Src[end-1] == '\n' || n.Tree().Src[end-1] == '\t') {
		end--
	}
	msg := "this runs on " + r.Phrase
	if r.Kind == repeats.Call && repeats.ReturnsPromise(n) {
		msg = "a new promise waits for the event on " + r.Phrase
	}
	return analyzer.Related{Start: start, End: end, Message: msg}
}

// settlesPromise reports a handler that is the resolve or reject of the
// promise the registration is made in, or a function that only calls one:
// it has done its job after the first event.
func settlesPromise(p *analyzer.Pass, a call) bool {
	exec := astutil.EnclosingFunction(a.node)
	if !exec.Valid() || !repeats.IsExecutor(exec) {
		return false
	}
	isSettle := func(id syntax.Node) bool {
		id = scope.Unwrap(id)
		if id.Kind() != "identifier" {
			return false
		}
		b := p.Scope.Resolve(id)
		return b != nil && b.Kind == scope.Param && b.Scope.Node.Index() == exec.Index()
	}
	h := scope.Unwrap(a.handler)
	if isSettle(h) {
		return true
	}
	if h.Kind() == "identifier" {
		// const onDone = (v) => resolve(v), declared in the executor
		if b := p.Scope.Resolve(h); b != nil && b.Kind == scope.Const && exec.Contains(b.Decl) {
			h = scope.Unwrap(b.Init)
		}
	}
	if !scope.IsFunction(h) {
		return false
	}
	body := h.Get("body")
	if body.Kind() == "statement_block" {
		stmts := body.Children()
		if len(stmts) != 1 || stmts[0].Kind() != "expression_statement" {
			return false
		}
		body = stmts[0].Child(0)
	}
	body = scope.Unwrap(body)
	return body.Kind() == "call_expression" && isSettle(body.Get("function"))
}

// siblingWaits counts the listeners a promise executor adds: with more than
// one (resolve on "done", reject on "error"), once() alone leaves the other
// behind when the first fires.
func siblingWaits(a call) int {
	exec := astutil.EnclosingFunction(a.node)
	n := 0
	exec.Get("body").Walk(func(m syntax.Node) bool {
		if m.Kind() == "call_expression" {
			if _, ok := parse(m, adders); ok {
				n++
			}
		}
		return true
	})
	return n
}

// jQueryValue reports a target that is a jQuery wrapper: $(x) itself, or a
// name that starts as one (const modal = $("#modal")). Its .on() keeps no
// count, so Node's MaxListeners warning does not apply.
func jQueryValue(p *analyzer.Pass, target syntax.Node) bool {
	t := scope.Unwrap(target)
	if t.Index() != unwrapJQuery(t).Index() {
		return true
	}
	if t.Kind() == "identifier" {
		if b := p.Scope.Resolve(t); b != nil && b.Init.Valid() {
			init := scope.Unwrap(b.Init)
			return init.Index() != unwrapJQuery(init).Index()
		}
	}
	return false
}
