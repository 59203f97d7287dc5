package listeners

import (
	"github.com/leakwatch/leakwatch/rules/internal/repeats"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// AddedPerCall is listener-added-per-call.
var AddedPerCall = &analyzer.Rule{
	ID:       "listener-added-per-call",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"call_expression"},
	APIs:     perCallAPIs,
	// Also once-listeners that race (once(e, "ready") against once(e,
	// "error")), addAbortListener on a caller's signal and cancel tokens'
	// promise.then.
	Needles: append(append(apis.Builtin().Needles(perCallAPIs), apis.EventHelperNeedles()...), "once(", "prependOnceListener", "addAbortListener", ".promise.then"),
	New: func(p *analyzer.Pass) analyzer.Visitor {
		if apis.InTestSuite(p.Path) {
			// A test's code runs per test, not per request: a mock's
			// listener on the signal the code under test passes it lives
			// at most as long as the test (apis.InTestSuite).
			return analyzer.VisitFunc(func(syntax.Node) {})
		}
		return &perCall{p: p, repeats: repeats.New(p, listenerAdded)}
	},
	Doc: analyzer.Doc{
		Title: "Listener added to a long-lived target every time a function runs",
		Text: `A listener on something that lives as long as the program (process, window,
document, a module-level emitter, server, socket, pool or client, an imported
singleton), or at least longer than the code that adds it (a worker made before
the loop that waits on it, the socket a client object keeps), stays until it is
removed. When the code that adds it runs again and again (an HTTP route handler
or middleware, a socket.io connection handler, a click handler, a setInterval
callback, a loop body, or a function that returns a promise waiting for an event)
every run adds one more listener, and each keeps its handler and everything the
handler closes over (the request, the response, the socket) alive. Node warns with MaxListenersExceededWarning after ten; in browsers
the handlers just pile up, and each event runs all of them.

Only code that clearly runs many times is reported; a listener added once at
startup, or in a plain function that may well be called once, is not. Listeners
added by components and disposable classes are listener-not-removed's business.`,
		Accepts: []string{
			"a listener on the socket a client request is given through its \"socket\" event when the request uses an agent (a keep-alive pool reuses the socket): removed when the request ends (req.on(\"close\")); with agent: false the socket is the request's own",
			"once() or prependOnceListener() instead of on(), and { once: true } for addEventListener; but a once-listener for an end or failure (\"error\", \"close\", \"exit\") raced against one for a normal event on the same long-lived target (resolve on \"ready\", reject on \"error\"; Promise.race of events.once) must be removed by the winner, or given a { signal } the call aborts",
			"an AbortSignal: { signal } in the options",
			"for an \"abort\" listener on an AbortSignal the caller passes to a function that returns a promise (which outlives the call, so { once: true } is not enough): its removeEventListener anywhere in the function (in finally), or the Disposable addAbortListener returns, kept; or a function private to the file that waits for the abort itself (only the listener settles the promise it returns or awaits) and that every caller awaits: one raced against other work (Promise.race) or exported is reported",
			"a matching removeListener / off / removeEventListener / removeAllListeners anywhere in the function that runs per call: in the resolve or reject path, in finally, in a res.on(\"close\") or socket.on(\"disconnect\") callback, or in a local helper it calls",
			"a disposer the call returns (mitt-style unsubscribe) that is stored or returned to the caller",
			"a listener on a per-call object: req, res, ctx, socket and other parameters of the handler, objects created in the handler or loop body or handed to a callback of the call's own work (the archive an open(path, callback) made in the call passes to its callback), or a variable or this.x that is replaced on each run",
			"a guard that adds the listener only once: a module-level flag or memoized promise tested and set in the function, or a listenerCount() / listeners() check",
			"in an exported function that sets up an instance it is given (module.exports = (win) => { bus.on(...) }, or a method of the object an AMD define() factory returns, on a value another module exports or a dependency of the AMD module, with a handler that uses the instance or a constant taken from it): a removal when the instance ends; a mixin that extends a module's namespace (a capitalised parameter, or functions assigned to its members) runs once and is not judged",
			"for a cancel token's promise.then (config.cancelToken.promise.then(...), which cannot be removed): a token made for the call itself, or the request's own; a token the caller or the module shares is reported",
			"registrations at module top level, in one-shot callbacks (load, listening, ready), and in functions that run once (IIFEs, main(), functions called only at startup)",
			"a DOM builder's binding, which only looks like an emitter's on(): grainjs's dom.on(type, fn) (imported from grainjs), or any x.on(type, fn) handed straight to a call of x itself (dom(\"button\", dom.on(\"click\", fn))); the listener goes on the element that call builds and goes with it",
			"test files (under __tests__ or __mocks__, or named *.test.* or *.spec.*): their mocks and helpers run per test, not per request of the application, and what they add lives at most as long as the test",
		},
		Bad: analyzer.Example{Path: "server.js", Code: `const express = require("express");
const { EventEmitter } = require("node:events");

const app = express();
const jobs = new EventEmitter();

app.get("/jobs/:id/wait", (req, res) => {
  jobs.on("done", (job) => {
    if (job.id === req.params.id) res.json(job);
  });
});
`},
		Good: analyzer.Example{Path: "server.js", Code: `const express = require("express");
const { EventEmitter } = require("node:events");

const app = express();
const jobs = new EventEmitter();

app.get("/jobs/:id/wait", (req, res) => {
  const onDone = (job) => {
    if (job.id === req.params.id) res.json(job);
  };
  jobs.on("done", onDone);
  res.on("close", () => jobs.off("done", onDone));
});
`},
	},
}

type perCall struct {
	p *analyzer.Pass
	// repeats finds what runs the file's registrations again and again.
	repeats *repeats.Finder
	// assigned holds the keys of every member chain the file assigns.
	assigned map[string]bool
}

func (v *perCall) Visit(n syntax.Node) {
	if v.abortListener(n) {
		return
	}
	v.racingOnce(n)
	v.racedOnceCalls(n)
	v.cancelTokenThen(n)
	a, ok := parseAdd(v.p, n)
	if !ok || a.style == VueBus || a.mediaList || a.viaModule {
		return // media query lists and helper modules: the component rules' business
	}
	p := v.p
	if v.ownerCovers(n, a.target) || p.Life.InTeardown(n) {
		return // listener-not-removed's business
	}
	if a.style == DOM {
		if _, has := astutil.Property(a.options, "signal"); has {
			return
		}
		if once, ok := astutil.Property(a.options, "once"); ok && astutil.IsTrue(once) {
			return
		}
	}
	target := unwrapJQuery(a.target)
	long := v.longLived(target) || amdDependency(p.Scope, rootOf(target))
	if !long {
		switch rootOf(target).Kind() {
		case "identifier", "this":
		default:
			return
		}
	}
	r := v.repeats.Of(n, &repeats.Registration{Target: a.target, Event: a.event, Handler: a.handler})
	if r == nil && long {
		r = v.exportedSetup(a)
	}
	if r == nil {
		return
	}
	if !long && !v.outlives(target, r) && !(requestSocket(p, target, r) && !newSocketGuard(p, n, r)) && !agentSocket(p, target) {
		return
	}
	if v.removed(a, r) || v.guarded(n, r) || v.handleKept(a, r) || v.endsPage(a) {
		return
	}
	v.report(a, r)
}

// listenerAdded reads a listener addition for the repeat finder: a
// function given as the handler of an event that fires many times runs per
// event.
func listenerAdded(n syntax.Node) (repeats.Registration, bool) {
	l, ok := parse(n, adders)
	return repeats.Registration{Target: l.target, Event: l.event, Handler: l.handler}, ok
}

// longLived reports targets that outlive any call: globals, module-level
// values that are never replaced, and this.x of a module-level singleton.
// ownerCovers reports a registration at n on target that the owner rules
// judge, because n runs in an owner's setup or methods. An instance a
// factory function makes is such an owner only for what outlives
// everything (listener-not-removed's targetMayOutlive); a listener added
// on each call of one of its methods to an object the factory made (its
// socket, its worker) is still this rule's. A zero target asks about a
// registration of no target the owner rules could report.
func (v *perCall) ownerCovers(n, target syntax.Node) bool {
	o := v.p.Life.OwnerOf(n)
	if !o.MadeByFactory() {
		return o != nil
	}
	return target.Valid() && v.longLived(unwrapJQuery(target))
}

func (v *perCall) longLived(t syntax.Node) bool {
	p := v.p
	switch p.Scope.LifetimeOf(t) {
	case scope.Global:
		// An undeclared name the same function sets (an accidental
		// global, `row = $("<tr>")`) holds what this call made.
		root := rootOf(t)
		return root.Kind() != "identifier" || scope.KnownGlobals[root.Text()] || !setIn(astutil.EnclosingFunction(t), root.Text())
	case scope.ModuleLevel:
		root := rootOf(t)
		if b := p.Scope.Resolve(root); b != nil {
			if b.Reassigned {
				return false // a module variable replaced per call holds per-call objects
			}
		}
		if t.Kind() == "member_expression" && v.assignedAnywhere(t) {
			return false // state.socket = new WebSocket(...) per call
		}
		return true
	case scope.Self, scope.Member:
		return v.singleton(p.Scope.ThisOwner(rootOf(t)))
	}
	return false
}

// setIn reports whether fn assigns the plain name.
func setIn(fn syntax.Node, name string) bool {
	if !fn.Valid() {
		return false
	}
	set := false
	fn.Walk(func(n syntax.Node) bool {
		if n.Kind() == "assignment_expression" {
			if l := scope.Unwrap(n.Get("left")); l.Kind() == "identifier" && l.Text() == name {
				set = true
			}
		}
		return !set
	})
	return set
}

// outlives reports a target that is not long-lived in itself but is
// declared outside what repeats, so every run adds to the same object: a
// worker made before the loop that waits on it, the server whose request
// handler adds to the server, this.emitter in an arrow callback of a
// method.
func (v *perCall) outlives(t syntax.Node, r *repeats.Repeat) bool {
	p := v.p
	if r.Via != "" {
		return false // the helper's own locals are per call
	}
	root := rootOf(t)
	switch root.Kind() {
	case "this":
		// An arrow or a loop sees the method's this: the same instance on
		// every run. A function or method has its own.
		if r.Kind == repeats.Call || !(repeats.IsLoop(r.Node) || r.Node.Kind() == "arrow_function") || !p.Scope.ThisOwner(root).Valid() {
			return false
		}
	case "identifier":
		b := p.Scope.Resolve(root)
		if b == nil || b.ModuleLevel() {
			return false // globals and module-level values were decided by longLived
		}
		if b.Reassigned || r.Node.Contains(b.Decl) || !b.Scope.Node.Contains(r.Node) {
			return false
		}
	default:
		return false
	}
	if t.Kind() == "member_expression" && assignedWithin(p, t, r.Node) {
		return false // this.socket = new WebSocket(...) on every run
	}
	return true
}

// assignedWithin reports whether region assigns the member chain m.
func assignedWithin(p *analyzer.Pass, m, region syntax.Node) bool {
	key := p.Scope.Key(m)
	if key == "" {
		return true // unknown: assume replaced
	}
	found := false
	region.Walk(func(n syntax.Node) bool {
		if !found && n.Kind() == "assignment_expression" && p.Scope.Key(n.Get("left")) == key {
			found = true
		}
		return !found
	})
	return found
}

// rootOf returns the root of a member chain: a.b.c gives a.
func rootOf(n syntax.Node) syntax.Node { return astutil.RootOf(n) }

// assignedAnywhere reports whether a function in the file assigns the
// member chain m, so it may hold a different object on each call.
func (v *perCall) assignedAnywhere(m syntax.Node) bool {
	key := v.p.Scope.Key(m)
	if key == "" {
		return false
	}
	if v.assigned == nil {
		// Every member chain a function assigns, collected once; a
		// top-level assignment initialises it once.
		v.assigned = make(map[string]bool)
		v.p.Tree.Root().Walk(func(n syntax.Node) bool {
			if n.Kind() == "assignment_expression" && !astutil.IsTopLevel(n) {
				if k := v.p.Scope.Key(n.Get("left")); k != "" {
					v.assigned[k] = true
				}
			}
			return true
		})
	}
	return v.assigned[key]
}

// singleton reports a class or object literal whose one instance lives at
// module level: `module.exports = new Queue()`, `export default new Queue()`,
// `const queue = new Queue()` at top level, or a top-level object literal.
func (v *perCall) singleton(owner syntax.Node) bool {
	switch owner.Kind() {
	case "object":
		return topLevelValue(owner)
	case "class_declaration":
	default:
		return false
	}
	if owner.Parent().Kind() != "program" {
		return false // exported or nested: others may make more instances
	}
	b := v.p.Scope.Resolve(owner.Get("name"))
	if b == nil {
		return false
	}
	instances := 0
	for _, ref := range v.p.Scope.References(b) {
		nw := ref.Parent()
		if nw.Kind() != "new_expression" || ref.Field() != "constructor" {
			continue
		}
		if !topLevelValue(nw) {
			return false
		}
		instances++
	}
	return instances == 1
}

// topLevelValue reports an expression that is the value of a top-level
// declaration, export or module.exports assignment.
func topLevelValue(n syntax.Node) bool {
	p := n.Parent()
	for p.Kind() == "parenthesized_expression" {
		p = p.Parent()
	}
	switch p.Kind() {
	case "variable_declarator":
		decl := p.Parent()
		return decl.Parent().Kind() == "program" ||
			decl.Parent().Kind() == "export_statement" && decl.Parent().Parent().Kind() == "program"
	case "export_statement":
		return p.Parent().Kind() == "program"
	case "assignment_expression":
		left := p.Get("left").Text()
		return p.Parent().Kind() == "expression_statement" && p.Parent().Parent().Kind() == "program" &&
			(strings.HasPrefix(left, "module.exports") || strings.HasPrefix(left, "exports."))
	}
	return false
}

// socketProps are the members of a request or response that hold its
// connection.
var socketProps = map[string]bool{"socket": true, "connection": true}

// requestSocket reports a target that is the connection under the request
// a handler was given (req.socket, req.connection, res.socket), directly or
// through a local or this.x the handler set from it. Keep-alive clients
// send request after request over one socket, so a listener added to it
// per request piles up on it.
func requestSocket(p *analyzer.Pass, t syntax.Node, r *repeats.Repeat) bool {
	if r.Kind != repeats.Request || r.Via != "" {
		return false
	}
	t = scope.Unwrap(t)
	if socketOfParam(p, t, r.Node) {
		return true
	}
	if t.Kind() == "identifier" {
		if b := p.Scope.Resolve(t); b != nil && !b.Reassigned && r.Node.Contains(b.Decl) {
			return socketOfParam(p, initOf(b), r.Node)
		}
		return false
	}
	if t.Kind() != "member_expression" || rootOf(t).Kind() != "this" {
		return false
	}
	// this.x by key, or by text where this has no owner the scope knows
	// (a function assigned to Client.prototype.x): within one handler
	// this is one object.
	key := p.Scope.Key(t)
	same := func(left syntax.Node) bool {
		if key != "" {
			return p.Scope.Key(left) == key
		}
		return scope.Unwrap(left).Text() == t.Text()
	}
	found := false
	r.Node.Walk(func(n syntax.Node) bool {
		if !found && n.Kind() == "assignment_expression" && same(n.Get("left")) {
			found = socketOfParam(p, n.Get("right"), r.Node)
		}
		return !found
	})
	return found
}

// socketOfParam reports `param.socket` or `param.connection` for a
// parameter of fn.
func socketOfParam(p *analyzer.Pass, n, fn syntax.Node) bool {
	n = scope.Unwrap(n)
	if n.Kind() != "member_expression" || !socketProps[n.Get("property").Text()] {
		return false
	}
	obj := scope.Unwrap(n.Get("object"))
	if obj.Kind() != "identifier" {
		return false
	}
	b := p.Scope.Resolve(obj)
	return b != nil && b.Kind == scope.Param && !b.Reassigned && fn.Contains(b.Decl)
}

// initOf returns the value a variable is declared with.
func initOf(b *scope.Binding) syntax.Node {
	if b.Init.Valid() {
		return b.Init
	}
	if d := b.Decl.Ancestor("variable_declarator"); d.Valid() {
		return d.Get("value")
	}
	return syntax.Node{}
}

// newSocketGuard reports a registration made only when the request came
// on another connection than the last one: inside `if (x)` where the
// condition, or the variable it tests, compares with != or !== against a
// request's socket (`var fresh = this.conn != req.connection`).
func newSocketGuard(p *analyzer.Pass, n syntax.Node, r *repeats.Repeat) bool {
	for at := n.Parent(); at.Valid() && r.Node.Contains(at) && at.Index() != r.Node.Index(); at = at.Parent() {
		if at.Kind() != "if_statement" || at.Get("condition").Contains(n) {
			continue
		}
		cond := scope.Unwrap(at.Get("condition"))
		if cond.Kind() == "identifier" {
			if b := p.Scope.Resolve(cond); b != nil && !b.Reassigned {
				cond = scope.Unwrap(initOf(b))
			}
		}
		if cond.Kind() != "binary_expression" {
			continue
		}
		switch cond.Get("operator").Text() {
		case "!=", "!==":
			if socketOfParam(p, cond.Get("left"), r.Node) || socketOfParam(p, cond.Get("right"), r.Node) {
				return true
			}
		}
	}
	return false
}
