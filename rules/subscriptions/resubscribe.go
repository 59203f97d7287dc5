package subscriptions

import (
	"fmt"
	"slices"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// A subscription helper that is not a subscribe() method
// (apis.UnsubscriberHelpersFor: Home Assistant's subscribeForecast(hass,
// ...), conn.subscribeEvents(...)) hands back an unsubscribe function, or a
// Promise of one. Any function may be called subscribeSomething, so the
// rule asks the code itself for evidence: the owner keeps the result in a
// field and calls it, but only right before subscribing again. The code
// knows it holds a subscription, and the last one it opens is never ended,
// since the teardown leaves the field alone.

// helperSubscription returns the family of a subscribing helper call.
func helperSubscription(call syntax.Node) (apis.UnsubscriberHelpers, bool) {
	fn := scope.Unwrap(call.Get("function"))
	switch fn.Kind() {
	case "identifier":
		return apis.UnsubscriberHelpersFor(fn.Text(), false, lastName(astutil.Arg(call, 0)))
	case "member_expression":
		return apis.UnsubscriberHelpersFor(fn.Get("property").Text(), true, lastName(fn.Get("object")))
	}
	return apis.UnsubscriberHelpers{}, false
}

// visitHelper reports a helper subscription kept in a field whose only
// calls are on the way to subscribing again.
func (v *notDisposed) visitHelper(call syntax.Node) {
	p := v.p
	if p.Life.RunsAtLoad(call) {
		return
	}
	o := p.Life.OwnerOf(call)
	if o == nil || !o.Class.Valid() || o.Class.Kind() == "object" {
		return
	}
	h := cleanup.HandleOf(p, call)
	field := scope.Unwrap(h.Holder)
	if h.Kind != "member" || h.Key == "" || field.Kind() != "member_expression" ||
		scope.Unwrap(field.Get("object")).Kind() != "this" {
		return
	}
	if cleanup.HandleUndone(p, o, call, h) || !endsOtherThings(o) {
		return
	}
	calls := v.handleCalls(o.Class, h.Key)
	if len(calls) == 0 {
		return
	}
	for _, c := range calls {
		if !v.beforeResubscribe(o.Class, c, h.Key, 0) {
			return
		}
	}
	v.reportResubscribe(call, o, field, thenCalls(calls[0]), unsubscribeMethod(calls, call))
}

// unsubscribeMethod returns the name of the method that ends the
// subscription when the class has one (`_unsubscribeHistory()`, called on
// the way to subscribing again): a method of its own, without parameters,
// that does not subscribe itself. Otherwise "".
func unsubscribeMethod(calls []syntax.Node, subscribe syntax.Node) string {
	name := ""
	for _, c := range calls {
		fn := astutil.EnclosingFunction(c)
		if fn.Kind() != "method_definition" || fn.Parent().Kind() != "class_body" || fn.Contains(subscribe) ||
			len(astutil.ParamNames(fn)) > 0 || fn.HasToken("static") {
			return ""
		}
		n := fn.Get("name")
		if n.Kind() != "property_identifier" || name != "" && n.Text() != name {
			return ""
		}
		name = n.Text()
	}
	return name
}

// endsOtherThings reports an owner whose own teardown does some cleanup
// besides calling the base class's: the author expects the owner to be
// removed while the page lives, and missed this subscription. An element
// whose teardown does nothing may well live as long as the page (a
// sidebar the application's shell always renders), which its own file
// cannot tell: precision first.
func endsOtherThings(o *lifecycle.Owner) bool {
	if o.InheritsTeardown() {
		return false
	}
	for _, t := range o.Teardowns {
		body := t.Get("body")
		if body.Kind() != "statement_block" {
			return true
		}
		for _, st := range body.Children() {
			if st.Kind() == "expression_statement" && callsSuper(st) {
				continue
			}
			return true
		}
	}
	return false
}

// callsSuper reports `super.method(...)`.
func callsSuper(st syntax.Node) bool {
	call := scope.Unwrap(st.Child(0))
	if call.Kind() != "call_expression" {
		return false
	}
	f := scope.Unwrap(call.Get("function"))
	return f.Kind() == "member_expression" && f.Get("object").Kind() == "super"
}

// handleCalls returns the references to the field key in class that end
// the subscription it holds: `this.unsub()`, `this.unsub?.()`, or
// `this.unsub.then((unsub) => unsub())` for a promise of the function.
func (v *notDisposed) handleCalls(class syntax.Node, key string) []syntax.Node {
	var out []syntax.Node
	class.Walk(func(n syntax.Node) bool {
		if n.Kind() == "member_expression" && v.p.Scope.Key(n) == key && (disposes(n) || thenCalls(n)) {
			out = append(out, n)
		}
		return true
	})
	return out
}

// thenCalls reports `ref.then((unsub) => unsub())` (also with ?.).
func thenCalls(ref syntax.Node) bool {
	parent := ref.Parent()
	for parent.Kind() == "parenthesized_expression" || parent.Kind() == "non_null_expression" {
		ref, parent = parent, parent.Parent()
	}
	if parent.Kind() != "member_expression" || ref.Field() != "object" || parent.Get("property").Text() != "then" {
		return false
	}
	call := parent.Parent()
	if call.Kind() != "call_expression" {
		return false
	}
	fn := scope.Unwrap(astutil.Arg(call, 0))
	if !scope.IsFunction(fn) {
		return false
	}
	params := astutil.ParamNames(fn)
	if len(params) != 1 {
		return false
	}
	found := false
	fn.Get("body").Walk(func(n syntax.Node) bool {
		if n.Kind() == "call_expression" && scope.Unwrap(n.Get("function")).Text() == params[0] {
			found = true
		}
		return !found
	})
	return found
}

// beforeResubscribe reports whether at runs only on the way to storing a
// new subscription in key: the function around it assigns key after it,
// or it is a method every caller of which (in this class) does so after
// the call. Anything else (a close method, a callback) may be the real
// end of the subscription, so precision first.
func (v *notDisposed) beforeResubscribe(class, at syntax.Node, key string, depth int) bool {
	fn := astutil.EnclosingFunction(at)
	if !fn.Valid() || depth > 2 {
		return false
	}
	if v.assignsAfter(fn, at, key) {
		return true
	}
	if fn.Parent().Kind() != "class_body" || fn.Kind() != "method_definition" {
		return false
	}
	name := fn.Get("name").Text()
	callers := 0
	ok := true
	class.Walk(func(n syntax.Node) bool {
		if !ok || n.Kind() != "call_expression" {
			return ok
		}
		f := scope.Unwrap(n.Get("function"))
		if f.Kind() == "member_expression" && scope.Unwrap(f.Get("object")).Kind() == "this" && f.Get("property").Text() == name {
			callers++
			ok = v.beforeResubscribe(class, n, key, depth+1)
		}
		return ok
	})
	return ok && callers > 0
}

// assignsAfter reports an assignment to key in fn's own body after at.
func (v *notDisposed) assignsAfter(fn, at syntax.Node, key string) bool {
	found := false
	fn.Get("body").Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		if scope.IsFunction(n) {
			return false
		}
		if n.Kind() == "assignment_expression" && n.Start() > at.End() && v.p.Scope.Key(n.Get("left")) == key {
			right := scope.Unwrap(n.Get("right"))
			if right.Kind() == "await_expression" {
				right = scope.Unwrap(right.Child(right.ChildCount() - 1))
			}
			if right.Kind() == "call_expression" {
				_, found = helperSubscription(right)
			}
		}
		return true
	})
	return found
}

// reportResubscribe words the finding and the fix the way the code already
// ends the subscription before subscribing again: calling the kept
// function, or the function its kept promise resolves to.
func (v *notDisposed) reportResubscribe(call syntax.Node, o *lifecycle.Owner, field syntax.Node, promised bool, helper string) {
	name := scope.Unwrap(call.Get("function")).Text()
	if len(name) > 40 {
		name = name[:37] + "..."
	}
	held := field.Text()
	what := "the unsubscribe function"
	undo := held + "?.()"
	if promised {
		what = "the Promise of an unsubscribe function"
		undo = held + "?.then((unsub) => unsub())"
	}
	if helper != "" {
		// The class's own way of ending it, whatever else it resets.
		undo = "this." + helper + "()"
	}
	msg := fmt.Sprintf("%s %s() returns is kept in %s but only called before subscribing again, so the last subscription outlives %s; end it %s as well: call %s",
		what, name, held, o.Name, cleanup.WhereClause(o), undo)
	callee := astutil.Callee(call)
	d := analyzer.Diagnostic{Start: callee.Start(), End: call.End(), Message: msg,
		Related: []analyzer.Related{cleanup.Where(o)}}
	if v.p.WantsFixes() {
		b := fixgen.New(v.p)
		stmts := []string{undo}
		if helper == "" && fixgen.MemberMayBeUnset(v.p, o.Class, field.Get("property").Text()) {
			stmts = append(stmts, held+" = undefined")
		}
		if b.AddCleanup(o, call, stmts) {
			safe := v.subscribesAgainOnAttach(o, call)
			title := fmt.Sprintf("End the subscription in %s", o.TeardownName)
			if !safe {
				title += fmt.Sprintf(" (nothing subscribes again when %s is attached again: check it is not reused)", o.Name)
			}
			d.Fixes = []analyzer.Fix{b.Fix(title, safe)}
		}
	}
	v.p.Report(d)
}

// subscribesAgainOnAttach reports whether ending the subscription at
// teardown keeps the owner working: an owner that is never set up again
// (an Angular or React component) needs nothing more, but a custom element
// can be removed and attached again, and then only what connectedCallback
// runs (directly, or through this.method() calls) subscribes anew. Where it
// does not, the fix would leave a re-attached element without updates.
func (v *notDisposed) subscribesAgainOnAttach(o *lifecycle.Owner, call syntax.Node) bool {
	if !slices.Contains(o.Follows().SetupFirst, "connectedCallback") {
		return true
	}
	methods := map[string]syntax.Node{}
	for _, m := range o.Class.Get("body").Children() {
		if m.Kind() == "method_definition" {
			methods[m.Get("name").Text()] = m
		}
	}
	queue := []syntax.Node{methods["connectedCallback"]}
	seen := map[int]bool{}
	for len(queue) > 0 && len(seen) < 64 {
		fn := queue[0]
		queue = queue[1:]
		if !fn.Valid() || seen[fn.Index()] {
			continue
		}
		seen[fn.Index()] = true
		if fn.Contains(call) {
			return true
		}
		fn.Walk(func(n syntax.Node) bool {
			if n.Kind() != "call_expression" {
				return true
			}
			f := scope.Unwrap(n.Get("function"))
			if f.Kind() == "member_expression" && scope.Unwrap(f.Get("object")).Kind() == "this" {
				if m, ok := methods[f.Get("property").Text()]; ok {
					queue = append(queue, m)
				}
			}
			return true
		})
	}
	return false
}
