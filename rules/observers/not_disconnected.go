package observers

import (
	"strings"

	"fmt"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// NotDisconnected is observer-not-disconnected.
var NotDisconnected = &analyzer.Rule{
	ID:         "observer-not-disconnected",
	Severity:   analyzer.SeverityWarning,
	Kinds:      []string{"new_expression", "call_expression"},
	APIs:       observerAPIs,
	Needles:    apis.Builtin().Needles(observerAPIs),
	NeedsOwner: true,
	New: func(p *analyzer.Pass) analyzer.Visitor {
		return &notDisconnected{p: p}
	},
	Doc: analyzer.Doc{
		Title: "Observer never disconnected",
		Text: `ResizeObserver, IntersectionObserver, MutationObserver, PerformanceObserver and
ReportingObserver keep their callback, and everything it closes over, alive while they
observe something: the browser holds the observer for as long as it has observations
(ResizeObserver and IntersectionObserver also hold the observed elements; polyfills
imported as modules, such as resize-observer-polyfill, are the same). When a React
effect, a class component, an Angular, Vue, Svelte or Lit component, or any class with a
teardown method (dispose, destroy, disconnect, ...) starts observing, its teardown must
call disconnect() (or unobserve() each target); otherwise every mount leaves an observer
behind that keeps the unmounted component and its DOM in memory and keeps running its
callback.

Outside any owner, one shape is reported: an observer a promise executor creates inline
and never keeps (a helper that resolves when a matching node appears): after the promise
settles it still watches its target, and every call adds one more.

Observers at module top level, other observers outside any owner, and observers that only
watch elements the same function created (and keeps to itself) are not reported.`,
		Accepts: []string{
			"observer.disconnect() in the owner's teardown, directly, with optional chaining (this.ro?.disconnect()), or through a method or local function it calls",
			"observer.unobserve(target) of every observed target in the teardown",
			"the observer kept in a variable, a class member (this.ro), a ref (observerRef.current) or a collection (this.observers.push(ro)) that the teardown disconnects, iterates or passes to a helper",
			"a disposer that disconnects it handed to the framework or a disposable collection (this.register(() => ro.disconnect()), subscriptions.add({ dispose: () => ro.disconnect() }))",
			"an observer that disconnects or unobserves from its own callback (lazy loading: observer.unobserve(entry.target))",
			"an observer returned to the caller, who then owns it",
			"observe(...) followed by disconnect() in the same function (a synchronous use: observe, takeRecords, disconnect)",
			"an observer that only watches elements created in the same function that do not escape it",
			"an observer kept on the component (this.ro) or only in a local variable of the function that creates it, watching only elements of the component's own template (this.$refs.list, the root it renders: this.$el in a Vue options component, a @ViewChild's nativeElement): the browser holds it through those elements, which go with the component; not what they lead out to (this.$el.parentElement) or an Angular host element",
			"an observer created inline, kept on the instance or only in a local of the function that creates it, watching an element the class builds itself (this.$widget = $(TPL) from template markup, this.canvas = document.createElement(...), or what this.$widget.find(...) finds inside one): observer and widget go with that element; not an element found by selector, closest() or given from outside",
		},
		Bad: analyzer.Example{Path: "useSize.js", Code: `import { useEffect, useState } from "react";

export function useSize(ref) {
  const [size, setSize] = useState(null);
  useEffect(() => {
    const ro = new ResizeObserver(([entry]) => setSize(entry.contentRect));
    ro.observe(ref.current);
  }, [ref]);
  return size;
}
`},
		Good: analyzer.Example{Path: "useSize.js", Code: `import { useEffect, useState } from "react";

export function useSize(ref) {
  const [size, setSize] = useState(null);
  useEffect(() => {
    const ro = new ResizeObserver(([entry]) => setSize(entry.contentRect));
    ro.observe(ref.current);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}
`},
	},
}

// creation is one `new XObserver(...)`.
type creation struct {
	node syntax.Node
	typ  string
	held cleanup.Held
}

// observation is one observe(...) call.
type observation struct {
	call   syntax.Node
	target syntax.Node
	of     *creation
	inline bool
}

type notDisconnected struct {
	p         *analyzer.Pass
	creations []*creation
	observes  []syntax.Node
}

func (v *notDisconnected) Visit(n syntax.Node) {
	switch n.Kind() {
	case "new_expression":
		if typ := observerType(v.p, n); typ != "" {
			v.creations = append(v.creations, &creation{node: n, typ: typ, held: cleanup.HeldBy(v.p, n)})
		}
	case "call_expression":
		if recv, name := astutil.Method(n); name == "observe" && recv.Valid() && !v.p.Life.RunsAtLoad(n) {
			v.observes = append(v.observes, n)
		}
	}
}

// observerType returns the observer class a `new` expression creates, or
// "" for anything else (a local class that shares the name included).
func observerType(p *analyzer.Pass, n syntax.Node) string {
	ctor := scope.Unwrap(n.Get("constructor"))
	name := ctor.Text()
	if ctor.Kind() == "member_expression" {
		obj := scope.Unwrap(ctor.Get("object"))
		if obj.Kind() != "identifier" || p.Scope.Resolve(obj) != nil {
			return ""
		}
		switch obj.Text() {
		case "window", "globalThis", "self":
		default:
			return ""
		}
		name = ctor.Get("property").Text()
	} else if ctor.Kind() != "identifier" {
		return ""
	} else if b := p.Scope.Resolve(ctor); b != nil {
		// A polyfill imported as a module is the same observer
		// (import ResizeObserver from "resize-observer-polyfill").
		adder, ok := apis.Builtin().FromModule(apis.Observer, p.Life.ImportedFrom(name))
		if b.Kind != scope.Import || !ok {
			return ""
		}
		name = adder
	}
	if _, ok := observerTypes[name]; ok {
		return name
	}
	return ""
}

func (v *notDisconnected) Finish() {
	p := v.p
	byKey := make(map[string]*creation)
	byNode := make(map[int]*creation)
	for _, c := range v.creations {
		byNode[c.node.Index()] = c
		if c.held.Kind == "stored" {
			for _, k := range c.held.Keys {
				if _, taken := byKey[k]; !taken {
					byKey[k] = c
				}
			}
		}
	}
	// Group the observe calls by observer, in source order.
	var order []*creation
	groups := make(map[*creation][]observation)
	for _, call := range v.observes {
		recv, _ := astutil.Method(call)
		recv = scope.Unwrap(recv)
		ob := observation{call: call, target: astutil.Arg(call, 0)}
		if c, ok := byNode[recv.Index()]; ok && recv.Kind() == "new_expression" {
			ob.of, ob.inline = c, true
		} else if k := p.Scope.Key(recv); k != "" && byKey[k] != nil {
			ob.of = byKey[k]
		} else {
			continue
		}
		if _, seen := groups[ob.of]; !seen {
			order = append(order, ob.of)
		}
		groups[ob.of] = append(groups[ob.of], ob)
	}
	for _, c := range order {
		v.check(c, groups[c])
	}
}

// check reports the first observation of observer c that nothing undoes.
func (v *notDisconnected) check(c *creation, obs []observation) {
	p := v.p
	if !obs[0].inline && (c.held.Kind == "returned" || c.held.Kind == "unknown") {
		return
	}
	if disconnectsItself(p, c) {
		return
	}
	for _, ob := range obs {
		o := p.Life.OwnerOf(ob.call)
		if o == nil && ob.inline && v.waitsForever(c, ob) {
			v.reportWaiting(c, ob)
			return
		}
		if o == nil || v.localTarget(c, ob, o) {
			continue
		}
		if ob.inline {
			v.report(c, ob, o)
			return
		}
		if c.held.Kind != "stored" {
			continue
		}
		if disconnectedRightAfter(p, ob.call, c.held.Keys) {
			continue
		}
		disconnected, unobserved := v.undone(o, c.held.Keys)
		if disconnected || v.handedOutUndo(o, c.held.Keys, syntax.Node{}) {
			return
		}
		if v.anySame(unobserved, ob.target) || v.handedOutUndo(o, c.held.Keys, ob.target) {
			continue
		}
		v.report(c, ob, o)
		return
	}
}

// localTarget reports an element observer watching an element the same
// function created and keeps: both go away together.
func (v *notDisconnected) localTarget(c *creation, ob observation, o *lifecycle.Owner) bool {
	if !observerTypes[c.typ] {
		return false // performance entries and reports come from the page
	}
	return v.p.Scope.LifetimeOf(ob.target) == scope.Local || v.ownView(c, ob, o) || v.builtTarget(c, ob)
}

// ownView reports an element of the component's own template watched by an
// observer the component keeps on itself or in a local variable of its
// setup: `this.spacer.nativeElement` of a @ViewChild, what the owner's
// convention names as its template's parts (Vue's `this.$refs.list`) or
// the root its template renders (Vue's `this.$el`). Observer, element and
// component go away together: the browser holds an observer through the
// elements it observes, so one that only a local keeps lives as long as
// its target. An Angular component's host element (an ElementRef) is not
// the component's to judge: the parent's template makes it.
func (v *notDisconnected) ownView(c *creation, ob observation, o *lifecycle.Owner) bool {
	if ob.inline || !v.keptByOwner(c) {
		return false
	}
	t := scope.Unwrap(ob.target)
	if t.Kind() == "member_expression" && t.Get("property").Text() == "nativeElement" {
		ref := scope.Unwrap(t.Get("object"))
		if ref.Kind() != "member_expression" || scope.Unwrap(ref.Get("object")).Kind() != "this" {
			return false
		}
		return viewChild(v.p, ref)
	}
	m := o.Follows().Markup
	if m.Root != "" && t.Kind() == "member_expression" && t.Get("property").Text() == m.Root &&
		scope.Unwrap(t.Get("object")).Kind() == "this" {
		return true
	}
	for m.Refs != "" && t.Kind() == "member_expression" {
		if prop := t.Get("property").Text(); prop == m.Refs {
			return scope.Unwrap(t.Get("object")).Kind() == "this"
		}
		t = scope.Unwrap(t.Get("object"))
	}
	return false
}

// keptByOwner reports an observer held only by members of the owner
// (this.ro) or by one local variable of the function that creates it,
// not by anything that outlives the owner (a module variable, a
// collection handed elsewhere).
func (v *notDisconnected) keptByOwner(c *creation) bool {
	if c.held.Kind != "stored" {
		return false
	}
	for _, k := range c.held.Keys {
		if strings.HasPrefix(k, "this@") {
			return true
		}
	}
	h := c.held.Holder
	if len(c.held.Keys) != 1 || h.Kind() != "identifier" {
		return false
	}
	b := v.p.Scope.Resolve(h)
	if b == nil {
		b = v.p.Scope.DeclaredAt(h)
	}
	return b != nil && !b.ModuleLevel() && b.Scope.Function() != nil &&
		b.Scope.Function().Node.Index() == astutil.EnclosingFunction(c.node).Index()
}

// viewChild reports a this.x member declared with @ViewChild.
func viewChild(p *analyzer.Pass, member syntax.Node) bool {
	class := p.Scope.ThisOwner(member)
	name := member.Get("property").Text()
	for _, m := range class.Get("body").Children() {
		if m.Kind() != "public_field_definition" || m.Get("name").Text() != name {
			continue
		}
		for d := m.FirstChild(); d.Valid(); d = d.NextSibling() {
			if d.Kind() == "decorator" && strings.HasPrefix(d.Text(), "@ViewChild") {
				return true
			}
		}
	}
	return false
}

// undone searches what runs when o ends for a disconnect of the observer
// held under keys (or a use that may disconnect it: passing it to a helper,
// iterating a collection of observers), and collects unobserved targets.
func (v *notDisconnected) undone(o *lifecycle.Owner, keys []string) (disconnected bool, unobserved []syntax.Node) {
	p := v.p
	want := make(map[string]bool)
	for _, k := range keys {
		want[k] = true
	}
	found := p.Life.FindInTeardown(o, func(n syntax.Node) bool {
		switch n.Kind() {
		case "identifier", "member_expression", "subscript_expression", "shorthand_property_identifier":
		default:
			return false
		}
		if !want[p.Scope.Key(n)] || !cleanup.ReleasePosition(n) {
			return false
		}
		if m := methodCalledOn(n); m.Valid() {
			switch astutil.MethodName(m) {
			case "observe", "takeRecords":
				return false
			case "unobserve":
				unobserved = append(unobserved, astutil.Arg(m, 0))
				return false
			}
		}
		return true
	})
	return found.Valid(), unobserved
}

// methodCalledOn returns the call `n.method(...)` when n is its receiver.
func methodCalledOn(n syntax.Node) syntax.Node {
	m := n.Parent()
	if m.Kind() == "member_expression" && n.Field() == "object" && m.Parent().Kind() == "call_expression" {
		return m.Parent()
	}
	return syntax.Node{}
}

// handedOutUndo reports a disconnect (or, given a target, an unobserve of
// it) in a function the owner hands to someone else to run later: a
// disposer given to the framework or pushed into a disposable collection,
// an Observable's teardown, a stop function returned to the caller.
func (v *notDisconnected) handedOutUndo(o *lifecycle.Owner, keys []string, target syntax.Node) bool {
	return cleanup.HandedOutRelease(v.p, cleanup.Surroundings(o), keys, func(use syntax.Node) bool {
		// The cleanup an async callback returns never runs.
		if v.p.Life.InLostCleanup(use) {
			return false
		}
		m := methodCalledOn(use)
		if target.Valid() {
			return astutil.MethodName(m) == "unobserve" && v.anySame([]syntax.Node{astutil.Arg(m, 0)}, target)
		}
		return astutil.MethodName(m) == "disconnect"
	}).Valid()
}

// disconnectsItself reports an observer whose own callback disconnects or
// unobserves (through its second parameter or its variable): it stops
// itself once it has seen what it waited for.
func disconnectsItself(p *analyzer.Pass, c *creation) bool {
	// The callback written in place, a function by name (whatever it is
	// later given), or a method of the class, bound or not.
	cb := p.Life.FunctionDenoted(astutil.Arg(c.node, 0), nil, lifecycle.FollowBind|lifecycle.FollowReassigned|lifecycle.FollowThisClass)
	if !cb.Valid() {
		return false
	}
	want := make(map[string]bool)
	for _, k := range c.held.Keys {
		want[k] = true
	}
	if params := cb.Get("parameters").Children(); len(params) > 1 {
		self := params[1]
		if self.Kind() == "required_parameter" || self.Kind() == "optional_parameter" {
			self = self.Get("pattern")
		}
		if k := p.Scope.Key(self); k != "" {
			want[k] = true
		}
	}
	found := false
	cb.Walk(func(n syntax.Node) bool {
		if found || n.Kind() != "call_expression" {
			return !found
		}
		recv, name := astutil.Method(n)
		if (name == "disconnect" || name == "unobserve") && want[p.Scope.Key(recv)] {
			found = true
		}
		return !found
	})
	return found
}

// disconnectedRightAfter reports an observe call followed, in the same
// function, by a disconnect of the same observer: a synchronous use that
// leaves nothing behind (observe, takeRecords, disconnect).
func disconnectedRightAfter(p *analyzer.Pass, call syntax.Node, keys []string) bool {
	fn := astutil.EnclosingFunction(call)
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if found || n.Index() != fn.Index() && scope.IsFunction(n) {
			return false
		}
		if n.Kind() == "call_expression" && n.Start() > call.End() {
			if recv, name := astutil.Method(n); name == "disconnect" {
				k := p.Scope.Key(recv)
				for _, want := range keys {
					found = found || k != "" && k == want
				}
			}
		}
		return !found
	})
	return found
}

// anySame reports whether one of nodes denotes the same value as target.
func (v *notDisconnected) anySame(nodes []syntax.Node, target syntax.Node) bool {
	for _, n := range nodes {
		if v.p.Scope.Same(n, target) || squash(n.Text()) == squash(target.Text()) && n.Text() != "" {
			return true
		}
	}
	return false
}

func squash(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
		default:
			out = append(out, s[i])
		}
	}
	return string(out)
}

func (v *notDisconnected) report(c *creation, ob observation, o *lifecycle.Owner) {
	p := v.p
	var msg string
	what := c.typ
	if ob.target.Valid() && observerTypes[c.typ] {
		what += " observing " + cleanup.Describe(ob.target)
	}
	if ob.inline {
		msg = fmt.Sprintf("%s is never disconnected: it is created inline and never stored, so nothing can disconnect it; keep it in a variable and call disconnect() on it %s",
			what, cleanup.WhereClause(o))
	} else if h := c.held.Holder; h.Kind() == "identifier" && !fixgen.Visible(p, fixgen.CleanupScope(o), h) {
		msg = fmt.Sprintf("%s is never disconnected: only the local %s holds it, out of the teardown's reach; keep it on the instance and call disconnect() on it %s",
			what, h.Text(), cleanup.WhereClause(o))
	} else if h.Valid() {
		msg = fmt.Sprintf("%s is never disconnected; call %s.disconnect() %s",
			what, holderName(c), cleanup.WhereClause(o))
	} else {
		msg = fmt.Sprintf("%s is never disconnected; disconnect it %s", what, cleanup.WhereClause(o))
	}
	callee := astutil.Callee(ob.call)
	d := analyzer.Diagnostic{Start: callee.Start(), End: ob.call.End(), Message: msg,
		Related: []analyzer.Related{cleanup.Where(o)}}
	if p.WantsFixes() {
		d.Fixes = disconnectFixes(p, c, ob, o)
	}
	p.Report(d)
}

// waitsForever reports an observer outside any owner that a promise
// executor creates inline to wait for something (a helper that resolves
// when a matching node appears): nothing holds it, so nothing can
// disconnect it, and it keeps watching a target that outlives the call
// after the promise has settled. Each call of the helper leaves one more.
func (v *notDisconnected) waitsForever(c *creation, ob observation) bool {
	exec := astutil.EnclosingFunction(c.node)
	if !exec.Valid() || !promiseExecutor(exec) {
		return false
	}
	switch v.p.Scope.LifetimeOf(ob.target) {
	case scope.Global, scope.ModuleLevel, scope.Parameter, scope.Member:
		return true
	}
	return false
}

// promiseExecutor reports the function given to new Promise(...).
func promiseExecutor(fn syntax.Node) bool {
	nw := astutil.CallTaking(fn)
	return nw.Kind() == "new_expression" && scope.Unwrap(nw.Get("constructor")).Text() == "Promise"
}

// reportWaiting reports waitsForever at the observer's new.
func (v *notDisconnected) reportWaiting(c *creation, ob observation) {
	msg := fmt.Sprintf("%s observing %s is never disconnected: the promise it waits for settles, but nothing holds the observer, so it keeps watching (and keeps its callback) after every call; keep it and call disconnect() when it has found what it waits for",
		c.typ, cleanup.Describe(ob.target))
	end := c.node.End()
	if ctor := c.node.Get("constructor"); ctor.Valid() {
		end = ctor.End()
	}
	v.p.Report(analyzer.Diagnostic{Start: c.node.Start(), End: end, Message: msg,
		Related: []analyzer.Related{{Start: ob.call.Start(), End: ob.call.End(), Message: "it starts observing here"}}})
}

// holderName is how code names the observer's holder.
func holderName(c *creation) string {
	h := c.held.Holder
	switch h.Kind() {
	case "property_identifier", "private_property_identifier":
		return "this." + h.Text()
	}
	return cleanup.Describe(h)
}
