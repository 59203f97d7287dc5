// This file decides listener-added-per-call for once-listeners that race:
// `e.once("ready", resolve); e.once("error", reject)` in a call that waits
// for whichever comes first, or `Promise.race([once(e, "ready"), once(e,
// "error")])`. once() removes a listener only when its own event fires, so
// the loser stays on e, and a long-lived e collects one per call. The
// winner must remove the loser.

package listeners

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/repeats"
)

// onceMethods are the emitter methods whose listener goes after one event
// (once, prependOnceListener), from the API table.
var onceMethods = func() map[string]bool {
	out := make(map[string]bool)
	for _, a := range apis.Builtin().Select(apis.Use{Family: apis.Listener, Styles: []apis.Style{apis.Emitter}, Once: true}) {
		if a.Once {
			for _, name := range a.Adders {
				out[name] = true
			}
		}
	}
	return out
}()

// racingOnce reports a once-listener for an end or failure event on a
// target that outlives the call, raced against a once-listener on the same
// target for a normal event, when nothing removes it once the other has
// won.
func (v *perCall) racingOnce(n syntax.Node) {
	p := v.p
	recv, name := astutil.Method(n)
	if !onceMethods[name] || !recv.Valid() {
		return
	}
	ev, ok := astutil.StringValue(astutil.Arg(n, 0))
	handler := astutil.Arg(n, 1)
	// Only the listener for an end or failure can wait forever: when
	// "ready" wins, the "error" listener stays for as long as the emitter
	// is healthy. Two normal events ("done" against "failed" on a job
	// queue) each come round again and take their listener with them.
	if !ok || !apis.EndEvent(ev) || !handler.Valid() || v.ownerCovers(n, syntax.Node{}) {
		return
	}
	fn := astutil.EnclosingFunction(n)
	if !fn.Valid() {
		return
	}
	// The other contestant: a once-listener on the same target, for another
	// event, in the same function.
	var rival syntax.Node
	var rivalEvent string
	fn.Walk(func(m syntax.Node) bool {
		if rival.Valid() {
			return false
		}
		if m.Kind() == "call_expression" && m.Index() != n.Index() && astutil.EnclosingFunction(m).Index() == fn.Index() {
			if r2, name2 := astutil.Method(m); onceMethods[name2] && r2.Valid() && p.Scope.Same(r2, recv) {
				if ev2, ok := astutil.StringValue(astutil.Arg(m, 0)); ok && ev2 != ev && !apis.EndEvent(ev2) {
					rival, rivalEvent = m, ev2
				}
			}
		}
		return true
	})
	if !rival.Valid() {
		return
	}
	r := v.raceRepeat(n, fn)
	if r == nil || !v.outlivesCall(recv, r) {
		return
	}
	if onceRemoved(p, fn, recv, ev) {
		return
	}
	msg := fmt.Sprintf("%q once-listener on %s races the %q one: when %q comes first this one stays, and %s adds another on %s, so they pile up; remove it when the other event wins (%s.off(%q, handler))",
		ev, cleanup.Describe(recv), rivalEvent, rivalEvent, r.Phrase, cleanup.Describe(recv), cleanup.Describe(recv), ev)
	callee := astutil.Callee(n)
	p.Report(analyzer.Diagnostic{Start: callee.Start(), End: n.End(), Message: msg,
		Related: []analyzer.Related{{Start: astutil.Callee(rival).Start(), End: rival.End(), Message: "the rival once-listener"}}})
}

// racedOnceCalls reports `Promise.race([once(e, "a"), once(e, "b")])` with
// Node's events.once: the promise that loses keeps its listener on e.
func (v *perCall) racedOnceCalls(n syntax.Node) {
	p := v.p
	callee := scope.Unwrap(n.Get("function"))
	if callee.Text() != "Promise.race" {
		return
	}
	arr := scope.Unwrap(astutil.Arg(n, 0))
	if arr.Kind() != "array" {
		return
	}
	var onces []syntax.Node
	for _, c := range arr.Children() {
		el := scope.Unwrap(c)
		if c.IsNamed() && el.Kind() == "call_expression" && eventsOnce(p, el) && len(astutil.Args(el)) == 2 {
			onces = append(onces, el)
		}
	}
	if len(onces) < 2 || !p.Scope.Same(astutil.Arg(onces[0], 0), astutil.Arg(onces[1], 0)) {
		return
	}
	ends := 0
	for _, o := range onces {
		if ev, ok := astutil.StringValue(astutil.Arg(o, 1)); ok && apis.EndEvent(ev) {
			ends++
		}
	}
	if ends == 0 || ends == len(onces) {
		return // see racingOnce: a race of normal events, or of ends only
	}
	fn := astutil.EnclosingFunction(n)
	target := astutil.Arg(onces[0], 0)
	r := v.raceRepeat(n, fn)
	if r == nil || !v.outlivesCall(target, r) {
		return
	}
	msg := fmt.Sprintf("Promise.race of once() on %s: once() removes its listener only when its own event fires, so the ones that lose stay on %s, and %s adds more; pass { signal } to each once() and abort it when the race is decided",
		cleanup.Describe(target), cleanup.Describe(target), r.Phrase)
	p.Report(analyzer.Diagnostic{Start: astutil.Callee(onces[0]).Start(), End: onces[0].End(), Message: msg})
}

// eventsOnce reports a call of Node's events.once (imported, required, or
// as events.once).
func eventsOnce(p *analyzer.Pass, call syntax.Node) bool {
	f := scope.Unwrap(call.Get("function"))
	switch f.Kind() {
	case "identifier":
		if f.Text() != "once" {
			return false
		}
	case "member_expression":
		if f.Get("property").Text() != "once" || scope.Unwrap(f.Get("object")).Kind() != "identifier" {
			return false
		}
		f = scope.Unwrap(f.Get("object"))
	default:
		return false
	}
	from := moduleOf(p, f)
	return from == "events" || from == "node:events"
}

// moduleOf returns the module a name is bound to, or one of whose exports
// it is: imported, or required at its declaration (`const { once } =
// require("events")`, `const http = require("node:http")`). "" otherwise.
func moduleOf(p *analyzer.Pass, id syntax.Node) string {
	if id.Kind() != "identifier" {
		return ""
	}
	if from := p.Life.ImportedFrom(id.Text()); from != "" {
		return from
	}
	b := p.Scope.Resolve(id)
	if b == nil {
		return ""
	}
	if d := b.Decl.Ancestor("variable_declarator"); d.Valid() {
		if v := scope.Unwrap(d.Get("value")); v.Kind() == "call_expression" && v.Get("function").Text() == "require" {
			from, _ := astutil.StringValue(astutil.Arg(v, 0))
			return from
		}
	}
	return ""
}

// raceRepeat is what makes the race run many times: the general finder's
// answer, or the function itself when it returns a promise and does not
// evidently run once.
func (v *perCall) raceRepeat(n, fn syntax.Node) *repeats.Repeat {
	if r := v.repeats.Of(n, nil); r != nil {
		return r
	}
	return repeats.Settling(v.p, fn)
}

// outlivesCall reports a target that is the same object on every run: a
// long-lived value, one declared outside what repeats, or, for a function
// that returns a promise, an emitter its caller passes in.
func (v *perCall) outlivesCall(t syntax.Node, r *repeats.Repeat) bool {
	if v.longLived(t) || v.outlives(t, r) {
		return true
	}
	root := rootOf(t)
	if r.Kind != repeats.Call || root.Kind() != "identifier" || scope.Unwrap(t).Index() != root.Index() {
		return false
	}
	b := v.p.Scope.Resolve(root)
	if b == nil || b.Kind != scope.Param || b.Reassigned {
		return false
	}
	// Only the repeating function's own parameters (or its helper's) come
	// from its caller. A parameter of a callback inside it is what the
	// call's own work hands back, the archive yauzl.open(path, cb) opened
	// for this call: it is as new as the call.
	fn := astutil.EnclosingFunction(b.Decl)
	for _, region := range r.Regions {
		if fn.Valid() && region.Index() == fn.Index() {
			return true
		}
	}
	return false
}

// onceRemoved reports a removal of the once-listener anywhere in fn: off,
// removeListener or removeAllListeners of its event on the same target.
func onceRemoved(p *analyzer.Pass, fn, target syntax.Node, ev string) bool {
	found := false
	fn.Walk(func(m syntax.Node) bool {
		if found || m.Kind() != "call_expression" {
			return !found
		}
		recv, name := astutil.Method(m)
		if !recv.Valid() || !p.Scope.Same(recv, target) {
			return true
		}
		switch name {
		case "off", "removeListener", "removeAllListeners":
			e, ok := astutil.StringValue(astutil.Arg(m, 0))
			found = !astutil.Arg(m, 0).Valid() || ok && e == ev
		}
		return !found
	})
	return found
}
