package listeners

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// AddedPerCall is listener-added-per-call.
var AddedPerCall = &analyzer.Rule{
	ID:       "listener-added-per-call",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"call_expression"},
	APIs:     perCallAPIs,
	Needles:  apis.Builtin().Needles(perCallAPIs),
	New: func(p *analyzer.Pass) analyzer.Visitor {
		return &perCall{p: p, named: make(map[int]*repeat)}
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
			"once() or prependOnceListener() instead of on(), and { once: true } for addEventListener",
			"an AbortSignal: { signal } in the options",
			"a matching removeListener / off / removeEventListener / removeAllListeners anywhere in the function that runs per call: in the resolve or reject path, in finally, in a res.on(\"close\") or socket.on(\"disconnect\") callback, or in a local helper it calls",
			"a disposer the call returns (mitt-style unsubscribe) that is stored or returned to the caller",
			"a listener on a per-call object: req, res, ctx, socket and other parameters of the handler, objects created in the handler or loop body, or a variable or this.x that is replaced on each run",
			"a guard that adds the listener only once: a module-level flag or memoized promise tested and set in the function, or a listenerCount() / listeners() check",
			"registrations at module top level, in one-shot callbacks (load, listening, ready), and in functions that run once (IIFEs, main(), functions called only at startup)",
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

// repeatKind is what makes code run again and again.
type repeatKind uint8

const (
	repeatLoop       repeatKind = iota + 1 // a loop body or an iteration callback
	repeatRequest                          // an HTTP handler or middleware
	repeatConnection                       // a connection handler (socket.io, ws, net)
	repeatEvent                            // a handler of an event that fires many times
	repeatTick                             // a setInterval callback
	repeatCall                             // a function that waits for an event and may be called often
)

// repeat describes the construct that runs the registration many times.
type repeat struct {
	kind   repeatKind
	phrase string      // "each request", "each call of waitForReady"
	node   syntax.Node // the loop or function that repeats, for related info
	// regions bound the search for removals and guards: the repeating
	// function (or the function around a loop) and, when the registration
	// sits in a helper called from there, the helper.
	regions []syntax.Node
	// endObj and endEvent name the per-call object whose event ends the
	// call ("res", "close"), when one is known.
	endObj, endEvent string
	endParam         *scope.Binding
	via              string // a helper function the registration is made in
	byRef            bool   // the function itself is passed as the callback
}

type perCall struct {
	p *analyzer.Pass
	// named caches the repeat found for a named function's call sites
	// (nil entries included), keyed by the function's node index.
	named map[int]*repeat
	// assigned holds the keys of every member chain the file assigns.
	assigned map[string]bool
}

func (v *perCall) Visit(n syntax.Node) {
	a, ok := parseAdd(v.p, n)
	if !ok || a.style == VueBus {
		return
	}
	p := v.p
	if p.Life.OwnerOf(n) != nil || p.Life.InTeardown(n) {
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
	long := v.longLived(target)
	if !long {
		switch rootOf(target).Kind() {
		case "identifier", "this":
		default:
			return
		}
	}
	r := v.walk(n, 0, &a)
	if r == nil {
		return
	}
	if !long && !v.outlives(target, r) {
		return
	}
	if v.removed(a, r) || v.guarded(n, r) || v.handleKept(a, r) {
		return
	}
	v.report(a, r)
}

// longLived reports targets that outlive any call: globals, module-level
// values that are never replaced, and this.x of a module-level singleton.
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
func (v *perCall) outlives(t syntax.Node, r *repeat) bool {
	p := v.p
	if r.via != "" {
		return false // the helper's own locals are per call
	}
	root := rootOf(t)
	switch root.Kind() {
	case "this":
		// An arrow or a loop sees the method's this: the same instance on
		// every run. A function or method has its own.
		if r.kind == repeatCall || !(isLoop(r.node) || r.node.Kind() == "arrow_function") || !p.Scope.ThisOwner(root).Valid() {
			return false
		}
	case "identifier":
		b := p.Scope.Resolve(root)
		if b == nil || b.ModuleLevel() {
			return false // globals and module-level values were decided by longLived
		}
		if b.Reassigned || r.node.Contains(b.Decl) || !b.Scope.Node.Contains(r.node) {
			return false
		}
	default:
		return false
	}
	if t.Kind() == "member_expression" && assignedWithin(p, t, r.node) {
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
func rootOf(n syntax.Node) syntax.Node {
	n = scope.Unwrap(n)
	for n.Kind() == "member_expression" || n.Kind() == "subscript_expression" {
		n = scope.Unwrap(n.Get("object"))
	}
	return n
}

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

// walk climbs from n to the construct that makes it run many times. a is
// the registration when n is its call (depth 0); deeper calls climb from a
// call site of the helper the registration is in.
func (v *perCall) walk(n syntax.Node, depth int, a *call) *repeat {
	var executor syntax.Node
	child := n
	for p := n.Parent(); p.Valid(); child, p = p, p.Parent() {
		if isLoop(p) && child.Field() == "body" {
			if v.loopRepeats(p, n, a, executor) {
				return &repeat{kind: repeatLoop, phrase: "each loop iteration", node: p, regions: []syntax.Node{regionOf(p)}}
			}
			continue
		}
		if !scope.IsFunction(p) {
			continue
		}
		if isIIFE(p) {
			continue
		}
		if r := v.callbackRepeat(p); r != nil {
			if r.kind == repeatLoop && !v.loopRepeats(p, n, a, executor) {
				continue
			}
			return r
		}
		if isExecutor(p) {
			if !executor.Valid() {
				executor = p
			}
			continue
		}
		if r := signatureRepeat(v.p, p); r != nil {
			return r
		}
		if isArgument(p) {
			continue // a callback runs within whatever runs its caller
		}
		return v.functionRepeat(p, executor, depth, n, a)
	}
	return nil
}

// regionOf is the function a loop is in, or the whole file for a
// top-level loop: removals anywhere there count.
func regionOf(loop syntax.Node) syntax.Node {
	if fn := astutil.EnclosingFunction(loop); fn.Valid() {
		return fn
	}
	return loop.Tree().Root()
}

func isLoop(n syntax.Node) bool {
	switch n.Kind() {
	case "for_statement", "for_in_statement", "while_statement", "do_statement":
		return true
	}
	return false
}

// loopRepeats decides whether a loop (or iteration callback) adds the same
// listener again on each iteration: the target and event do not depend on
// the iteration, and neither does the handler unless it settles a promise
// made in the iteration. A handler that closes over the item
// (`process.on("exit", () => plugin.close())`) is a deliberate listener
// per item. For a helper's call site (a == nil) the call's arguments must
// not depend on the iteration either, unless the helper waits on a promise.
func (v *perCall) loopRepeats(loop, site syntax.Node, a *call, executor syntax.Node) bool {
	if a == nil {
		return executor.Valid() || !v.dependsOn(site.Get("arguments"), loop, syntax.Node{})
	}
	if v.dependsOn(a.target, loop, syntax.Node{}) || v.dependsOn(a.event, loop, syntax.Node{}) {
		return false
	}
	if executor.Valid() && loop.Contains(executor) {
		return true
	}
	return !v.dependsOn(a.handler, loop, scope.Unwrap(a.handler))
}

// dependsOn reports whether expression e refers to a name declared inside
// region (other than inside own, the expression's own function).
func (v *perCall) dependsOn(e, region, own syntax.Node) bool {
	dep := false
	e.Walk(func(c syntax.Node) bool {
		if dep {
			return false
		}
		if c.Kind() == "identifier" || c.Kind() == "shorthand_property_identifier" {
			if b := v.p.Scope.Resolve(c); b != nil && region.Contains(b.Decl) && !(own.Valid() && own.Contains(b.Decl)) {
				dep = true
			}
		}
		if c.Kind() == "this" && scope.IsFunction(region) && region.Kind() != "arrow_function" {
			dep = true // a callback's own this (jQuery's each)
		}
		return true
	})
	return dep
}

// isIIFE reports a function that is called where it is written, once.
func isIIFE(fn syntax.Node) bool {
	p := fn.Parent()
	child := fn
	for p.Kind() == "parenthesized_expression" {
		child, p = p, p.Parent()
	}
	if p.Kind() == "call_expression" && child.Field() == "function" {
		return true
	}
	// (function () {}).call(this)
	if p.Kind() == "member_expression" && child.Field() == "object" {
		switch p.Get("property").Text() {
		case "call", "apply":
			return p.Parent().Kind() == "call_expression"
		}
	}
	// new function () { ... }: a singleton made in place
	return p.Kind() == "new_expression" && child.Field() == "constructor"
}

// isExecutor reports the function given to `new Promise(...)`.
func isExecutor(fn syntax.Node) bool {
	args := fn.Parent()
	if args.Kind() != "arguments" || args.Child(0).Index() != fn.Index() {
		return false
	}
	nw := args.Parent()
	return nw.Kind() == "new_expression" && nw.Get("constructor").Text() == "Promise"
}

// isArgument reports a function passed directly to a call.
func isArgument(fn syntax.Node) bool {
	p := fn.Parent()
	for p.Kind() == "parenthesized_expression" {
		p = p.Parent()
	}
	return p.Kind() == "arguments"
}

var iterationMethods = map[string]bool{
	"forEach": true, "map": true, "filter": true, "reduce": true, "reduceRight": true, "flatMap": true,
	"some": true, "every": true, "find": true, "findIndex": true, "each": true,
}

var routeMethods = map[string]bool{
	"get": true, "post": true, "put": true, "delete": true, "del": true, "patch": true, "all": true,
	"use": true, "options": true, "head": true, "route": true,
}

// routers are receiver names that register HTTP handlers.
var routers = map[string]bool{
	"app": true, "router": true, "server": true, "api": true, "fastify": true, "routes": true,
	"route": true, "koa": true, "apiRouter": true, "instance": true,
}

// repeatingEvents fire many times over a program's life; a handler of one
// runs per event. One-shot events (load, ready, listening, open) are not
// listed: a listener added there is added once.
var repeatingEvents = map[string]bool{
	"message": true, "data": true, "upgrade": true, "stream": true,
	"click": true, "dblclick": true, "input": true, "change": true, "submit": true,
	"keydown": true, "keyup": true, "keypress": true, "mousedown": true, "mouseup": true,
	"mousemove": true, "mouseover": true, "mouseenter": true, "mouseleave": true,
	"pointerdown": true, "pointerup": true, "pointermove": true, "touchstart": true,
	"touchend": true, "touchmove": true, "scroll": true, "resize": true, "wheel": true,
	"focus": true, "blur": true, "hashchange": true, "popstate": true, "visibilitychange": true,
	"dragstart": true, "dragover": true, "drop": true, "contextmenu": true,
}

// callbackRepeat classifies a function by where it is passed: an iteration
// callback, an HTTP or connection handler, a handler of a repeating event,
// a setInterval callback, a JSX event handler.
func (v *perCall) callbackRepeat(fn syntax.Node) *repeat {
	p := fn.Parent()
	for p.Kind() == "parenthesized_expression" {
		p = p.Parent()
	}
	switch p.Kind() {
	case "arguments":
		return v.callbackAt(p.Parent(), fn, fn)
	case "jsx_expression":
		attr := p.Parent()
		if attr.Kind() != "jsx_attribute" {
			return nil
		}
		name := attr.Child(0).Text()
		if len(name) > 2 && strings.HasPrefix(name, "on") && name[2] >= 'A' && name[2] <= 'Z' {
			ev := strings.ToLower(name[2:])
			return &repeat{kind: repeatEvent, phrase: "each " + ev, node: fn, regions: []syntax.Node{fn}}
		}
	case "pair":
		// fastify.route({ method: "GET", url, handler: async (request, reply) => ... })
		obj := p.Parent()
		if k := p.Get("key").Text(); (k == "handler" || k == "preHandler") && obj.Parent().Kind() == "arguments" &&
			astutil.MethodName(obj.Parent().Parent()) == "route" {
			return requestRepeat(v.p, fn)
		}
	}
	return nil
}

// callbackAt classifies fn (a function, or the declaration of a named one
// whose reference ref is passed) as an argument of call c.
func (v *perCall) callbackAt(c, fn, ref syntax.Node) *repeat {
	recv, name := astutil.Method(c)
	switch {
	case c.Kind() != "call_expression":
		return nil
	case iterationMethods[name] && recv.Valid():
		phrase := "each loop iteration"
		if name != "each" {
			phrase = "each " + name + " iteration"
		}
		return &repeat{kind: repeatLoop, phrase: phrase, node: fn, regions: []syntax.Node{fn}}
	case name == "setInterval" && (!recv.Valid() || windowAliasText[recv.Text()]) && astutil.Arg(c, 0).Index() == ref.Index():
		return &repeat{kind: repeatTick, phrase: "each setInterval tick", node: fn, regions: []syntax.Node{fn}}
	case name == "createServer" || name == "createSecureServer":
		if connectionServer(v.p, recv) {
			return connectionRepeat(v.p, fn, "close")
		}
		return requestRepeat(v.p, fn)
	}
	if l, ok := parse(c, adders); ok && l.handler.Index() == ref.Index() {
		ev, _ := astutil.StringValue(l.event)
		switch {
		case ev == "request":
			return requestRepeat(v.p, fn)
		case ev == "connection" || ev == "secureConnection":
			endEvent := "close"
			if m := moduleOf(v.p, l.target, 0); m == "socket.io" || m == "" && lastName(rootOf(l.target)) == "io" {
				endEvent = "disconnect" // socket.io sockets end with "disconnect"
			}
			return connectionRepeat(v.p, fn, endEvent)
		case repeatingEvents[ev]:
			return &repeat{kind: repeatEvent, phrase: fmt.Sprintf("each %q event", ev), node: fn, regions: []syntax.Node{fn}}
		}
		return nil
	}
	if routeMethods[name] && recv.Valid() && routers[lastName(recv)] {
		return requestRepeat(v.p, fn)
	}
	return nil
}

// processEndEvents fire at most once, when the program ends: once() would
// not remove a listener any sooner.
var processEndEvents = map[string]bool{
	"exit": true, "beforeExit": true, "SIGINT": true, "SIGTERM": true, "SIGHUP": true,
	"SIGUSR2": true, "uncaughtException": true, "unload": true, "beforeunload": true,
}

var noOnceLib = regexp.MustCompile(`["'](mitt|nanoevents|tiny-emitter)["']`)

var windowAliasText = map[string]bool{"window": true, "globalThis": true, "global": true, "self": true}

func lastName(n syntax.Node) string {
	n = scope.Unwrap(n)
	if n.Kind() == "member_expression" {
		return n.Get("property").Text()
	}
	return n.Text()
}

// connectionServer reports net.createServer / tls.createServer, whose
// callback gets a socket per connection rather than a request.
func connectionServer(p *analyzer.Pass, recv syntax.Node) bool {
	mod := recv.Text()
	if !recv.Valid() {
		mod = p.Life.ImportedFrom("createServer")
	} else if m := moduleOf(p, recv, 0); m != "" {
		mod = m
	}
	mod = strings.TrimPrefix(mod, "node:")
	return mod == "net" || mod == "tls"
}

// requiredModule reads require("x").
func requiredModule(init syntax.Node) (string, bool) {
	init = scope.Unwrap(init)
	if init.Kind() == "call_expression" && init.Get("function").Text() == "require" {
		return astutil.StringValue(astutil.Arg(init, 0))
	}
	return "", false
}

// moduleOf follows an expression to the package it comes from:
// io.of("/x") -> io -> new Server() -> Server -> require("socket.io").
func moduleOf(p *analyzer.Pass, n syntax.Node, depth int) string {
	if depth > 4 {
		return ""
	}
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "member_expression", "subscript_expression":
		return moduleOf(p, n.Get("object"), depth+1)
	case "call_expression":
		if m, ok := requiredModule(n); ok {
			return m
		}
		return moduleOf(p, n.Get("function"), depth+1)
	case "new_expression":
		return moduleOf(p, n.Get("constructor"), depth+1)
	case "identifier":
		if m := p.Life.ImportedFrom(n.Text()); m != "" {
			return m
		}
		b := p.Scope.Resolve(n)
		if b == nil {
			return ""
		}
		init := b.Init
		if !init.Valid() {
			// const { Server } = require("socket.io")
			if d := b.Decl.Ancestor("variable_declarator"); d.Valid() && d.Get("name").Contains(b.Decl) {
				init = d.Get("value")
			}
		}
		if init.Valid() && !b.Reassigned {
			return moduleOf(p, init, depth+1)
		}
	}
	return ""
}

// params returns the names of a function's simple parameters ("" for
// patterns).
func params(fn syntax.Node) []string {
	if one := fn.Get("parameter"); one.Valid() {
		return []string{one.Text()}
	}
	var out []string
	for _, c := range fn.Get("parameters").Children() {
		id := c
		switch c.Kind() {
		case "required_parameter", "optional_parameter":
			id = c.Get("pattern")
		case "assignment_pattern":
			id = c.Get("left")
		}
		if id.Kind() == "identifier" {
			out = append(out, id.Text())
		} else {
			out = append(out, "")
		}
	}
	return out
}

// paramBinding returns the binding of fn's parameter named name.
func paramBinding(p *analyzer.Pass, fn syntax.Node, name string) *scope.Binding {
	ps := fn.Get("parameters")
	if !ps.Valid() {
		ps = fn.Get("parameter")
	}
	var found *scope.Binding
	ps.Walk(func(c syntax.Node) bool {
		if found == nil && c.Kind() == "identifier" && c.Text() == name {
			if b := p.Scope.DeclaredAt(c); b != nil && b.Kind == scope.Param {
				found = b
			}
		}
		return found == nil && c.Kind() != "decorator"
	})
	return found
}

// requestRepeat describes an HTTP handler, with the object whose "close"
// event ends the request when the parameters name it.
func requestRepeat(p *analyzer.Pass, fn syntax.Node) *repeat {
	r := &repeat{kind: repeatRequest, phrase: "each request", node: fn, regions: []syntax.Node{fn}, endEvent: "close"}
	ps := append(params(fn), "", "", "")
	var param string
	switch {
	case ps[0] == "err" || ps[0] == "error":
		param, r.endObj = ps[2], ps[2]
	case ps[0] == "ctx" || ps[0] == "context":
		param, r.endObj = ps[0], ps[0]+".res"
	case ps[1] == "reply":
		param, r.endObj = ps[1], ps[1]+".raw"
	case ps[1] == "res" || ps[1] == "response":
		param, r.endObj = ps[1], ps[1]
	}
	if param != "" {
		r.endParam = paramBinding(p, fn, param)
	}
	if r.endParam == nil {
		r.endObj = ""
	}
	return r
}

// connectionRepeat describes a connection handler; its first parameter is
// the per-connection socket.
func connectionRepeat(p *analyzer.Pass, fn syntax.Node, endEvent string) *repeat {
	r := &repeat{kind: repeatConnection, phrase: "each connection", node: fn, regions: []syntax.Node{fn}, endEvent: endEvent}
	if ps := params(fn); len(ps) > 0 && ps[0] != "" {
		r.endObj = ps[0]
		r.endParam = paramBinding(p, fn, ps[0])
	}
	if r.endParam == nil {
		r.endObj = ""
	}
	return r
}

// signatureRepeat recognises HTTP handlers by their parameters wherever
// they are defined: (req, res), (request, reply), (err, req, res, next),
// (ctx, next).
func signatureRepeat(p *analyzer.Pass, fn syntax.Node) *repeat {
	ps := append(params(fn), "", "", "")
	isReq := func(s string) bool { return s == "req" || s == "request" }
	isRes := func(s string) bool { return s == "res" || s == "response" || s == "reply" }
	switch {
	case isReq(ps[0]) && isRes(ps[1]),
		(ps[0] == "err" || ps[0] == "error") && isReq(ps[1]) && isRes(ps[2]),
		ps[0] == "ctx" && ps[1] == "next":
		return requestRepeat(p, fn)
	}
	return nil
}

// functionRepeat decides for a standalone function (a declaration, a
// method, a function stored in a variable). It repeats when a call site in
// this file runs many times; a function that waits for an event through a
// promise it makes is taken to run per call unless it evidently runs once.
func (v *perCall) functionRepeat(fn, executor syntax.Node, depth int, site syntax.Node, a *call) *repeat {
	name := functionName(fn)
	r := v.callSiteRepeat(fn, depth, executor.Valid())
	if r != nil && r.byRef && r.kind == repeatLoop && !v.loopRepeats(fn, site, a, executor) {
		r = nil // items.forEach(register): one listener per item, on purpose
	}
	if r != nil {
		return r
	}
	if !executor.Valid() {
		return nil
	}
	if astutil.StartupName(name) || v.runsOnce(fn, 0) {
		return nil
	}
	phrase := "each call of this function"
	if name != "" {
		phrase = "each call of " + name
	}
	return &repeat{kind: repeatCall, phrase: phrase, node: fn, regions: []syntax.Node{fn}}
}

// functionName returns the name a function is called by, or "".
func functionName(fn syntax.Node) string {
	if fn.Kind() == "method_definition" {
		return fn.Get("name").Text()
	}
	if name := fn.Get("name"); name.Valid() && fn.Kind() != "function_expression" && fn.Kind() != "function" {
		return name.Text()
	}
	p := fn.Parent()
	for p.Kind() == "parenthesized_expression" {
		p = p.Parent()
	}
	switch p.Kind() {
	case "variable_declarator":
		return p.Get("name").Text()
	case "pair":
		return p.Get("key").Text()
	case "public_field_definition", "field_definition":
		return p.Get("name").Text()
	case "assignment_expression":
		return lastName(p.Get("left"))
	}
	if name := fn.Get("name"); name.Valid() {
		return name.Text()
	}
	return ""
}

// functionBinding returns the binding a named function is called through.
func (v *perCall) functionBinding(fn syntax.Node) *scope.Binding {
	if fn.Kind() == "function_declaration" || fn.Kind() == "generator_function_declaration" {
		return v.p.Scope.DeclaredAt(fn.Get("name"))
	}
	p := fn.Parent()
	for p.Kind() == "parenthesized_expression" {
		p = p.Parent()
	}
	if p.Kind() == "variable_declarator" && p.Get("name").Kind() == "identifier" {
		return v.p.Scope.DeclaredAt(p.Get("name"))
	}
	return nil
}

// callSiteRepeat follows the calls of a named function in this file: if
// one of them runs many times, so does the function.
func (v *perCall) callSiteRepeat(fn syntax.Node, depth int, waits bool) *repeat {
	if depth >= 2 {
		return nil
	}
	key := fn.Index()
	if waits {
		key = -key - 1
	}
	if r, ok := v.named[key]; ok {
		return r
	}
	v.named[key] = nil // calls that recurse find nothing
	b := v.functionBinding(fn)
	if b == nil {
		return nil
	}
	var found *repeat
	for _, ref := range v.p.Scope.References(b) {
		site := ref.Parent()
		var r *repeat
		switch {
		case site.Kind() == "call_expression" && ref.Field() == "function":
			var executor syntax.Node
			if waits {
				executor = fn // any non-zero node: the helper waits on a promise
			}
			r = v.walkSite(site, depth+1, executor)
		case site.Kind() == "arguments":
			// Passed as a callback: the function is the handler itself.
			if r = v.callbackAt(site.Parent(), fn, ref); r != nil {
				r.byRef = true
			}
		}
		if r != nil {
			found = r
			break
		}
	}
	if found != nil && !found.byRef {
		name := functionName(fn)
		c := *found
		c.regions = append(append([]syntax.Node(nil), found.regions...), fn)
		c.via = name
		c.endObj, c.endParam = "", nil // the helper cannot see the handler's parameters
		found = &c
	}
	if depth == 0 {
		v.named[key] = found
	} else {
		delete(v.named, key) // found under a depth limit: not the whole answer
	}
	return found
}

// walkSite climbs from a helper's call site; executor is non-zero when the
// helper waits on a promise (so a loop around the call repeats it).
func (v *perCall) walkSite(site syntax.Node, depth int, executor syntax.Node) *repeat {
	if executor.Valid() {
		for p := site.Parent(); p.Valid() && !scope.IsFunction(p); p = p.Parent() {
			if isLoop(p) {
				return &repeat{kind: repeatLoop, phrase: "each loop iteration", node: p, regions: []syntax.Node{regionOf(p)}}
			}
		}
	}
	return v.walk(site, depth, nil)
}

// runsOnce reports a function every call of which is evidently made once:
// at top level outside loops, in an IIFE, or in a function that itself runs
// once. A function with no calls in this file (exported) is not.
func (v *perCall) runsOnce(fn syntax.Node, depth int) bool {
	if depth > 3 {
		return false
	}
	b := v.functionBinding(fn)
	if b == nil {
		return false
	}
	refs := v.p.Scope.References(b)
	if len(refs) == 0 {
		return false
	}
	for _, ref := range refs {
		site := ref.Parent()
		if site.Kind() != "call_expression" || ref.Field() != "function" {
			return false
		}
		outer := syntax.Node{}
		for p := site.Parent(); p.Valid(); p = p.Parent() {
			if isLoop(p) {
				return false
			}
			if scope.IsFunction(p) && !isIIFE(p) {
				outer = p
				break
			}
		}
		if outer.Valid() && !v.runsOnce(outer, depth+1) {
			return false
		}
	}
	return true
}

// removed reports a matching removal anywhere in the code that runs per
// call, or in a local helper it calls.
func (v *perCall) removed(a call, r *repeat) bool {
	p := v.p
	seen := make(map[int]bool)
	queue := append([]syntax.Node(nil), r.regions...)
	if fn := astutil.EnclosingFunction(a.node); fn.Valid() {
		queue = append(queue, fn)
	}
	// A handler that removes itself when it has done its job.
	if h := scope.Unwrap(a.handler); h.Kind() == "identifier" {
		if b := p.Scope.Resolve(h); b != nil {
			if b.Kind == scope.FunctionDecl && b.Init.Valid() {
				queue = append(queue, b.Init)
			} else if init := scope.Unwrap(b.Init); scope.IsFunction(init) {
				queue = append(queue, init)
			}
		}
	}
	// A gesture adds on pointerdown and removes in the pointerup handler,
	// wherever that is written: the exact removal (same target, event and
	// handler) anywhere in the file means the listener is managed.
	queue = append(queue, p.Tree.Root())
	found := false
	for len(queue) > 0 && !found && len(seen) < 64 {
		root := queue[0]
		queue = queue[1:]
		if seen[root.Index()] {
			continue
		}
		seen[root.Index()] = true
		root.Walk(func(m syntax.Node) bool {
			if found || m.Kind() != "call_expression" {
				return !found
			}
			if rm, ok := parse(m, removers); ok && (matches(p, a, rm) || root.Index() != 0 && meantFor(p, a, rm)) {
				found = true
				return false
			}
			if recv, name := astutil.Method(m); root.Index() == 0 && name == "remove" && recv.Valid() && sameTarget(p, recv, a.target) {
				// The file removes the element itself (a modal removed when
				// it hides): its listeners go with it. Closing a socket or
				// stream does not count: until then every call adds one.
				found = true
				return false
			}
			if recv, name := astutil.Method(m); name == "removeAllListeners" && recv.Valid() && sameTarget(p, recv, a.target) {
				if ev := astutil.Arg(m, 0); !ev.Valid() || sameEvent(p, a.event, ev) {
					found = true
					return false
				}
			}
			if id := scope.Unwrap(m.Get("function")); id.Kind() == "identifier" {
				if b := p.Scope.Resolve(id); b != nil {
					if b.Kind == scope.FunctionDecl && b.Init.Valid() {
						queue = append(queue, b.Init)
					} else if init := scope.Unwrap(b.Init); scope.IsFunction(init) {
						queue = append(queue, init)
					}
				}
			}
			return true
		})
	}
	return found
}

// guarded reports registrations made at most once however often the code
// runs: behind a flag the code sets (`if (!hooked) { hooked = true; ... }`),
// in a memoized promise (`ready ??= new Promise(...)`), or after a
// listenerCount() / listeners() check.
func (v *perCall) guarded(n syntax.Node, r *repeat) bool {
	p := v.p
	region := r.regions[len(r.regions)-1]
	for a := n.Parent(); a.Valid() && a.Index() != region.Index(); a = a.Parent() {
		if a.Kind() == "augmented_assignment_expression" {
			switch a.Get("operator").Text() {
			case "??=", "||=":
				return true
			}
		}
	}
	flags := make(map[string]bool)
	counted := false
	for _, rg := range r.regions {
		rg.Walk(func(m syntax.Node) bool {
			switch m.Kind() {
			case "call_expression":
				switch astutil.MethodName(m) {
				case "listenerCount", "listeners", "rawListeners", "eventNames":
					counted = true
				}
			case "assignment_expression", "augmented_assignment_expression", "update_expression":
				left := m.Get("left")
				if m.Kind() == "update_expression" {
					left = m.Get("argument")
				}
				if key := p.Scope.Key(left); key != "" && v.outside(left, rg) {
					flags[key] = true
				}
			}
			return true
		})
	}
	if counted {
		return true
	}
	if len(flags) == 0 {
		return false
	}
	tested := false
	for _, rg := range r.regions {
		rg.Walk(func(m syntax.Node) bool {
			if tested {
				return false
			}
			var test syntax.Node
			switch m.Kind() {
			case "if_statement", "ternary_expression", "while_statement":
				test = m.Get("condition")
			case "binary_expression":
				switch m.Get("operator").Text() {
				case "&&", "||", "??":
					test = m.Get("left")
				}
			}
			test.Walk(func(t syntax.Node) bool {
				switch t.Kind() {
				case "identifier", "member_expression":
					if flags[p.Scope.Key(t)] {
						tested = true
					}
				}
				return !tested
			})
			return true
		})
	}
	return tested
}

// outside reports whether an assigned name or member lives outside region:
// a module-level or global name, or state on this.
func (v *perCall) outside(left, region syntax.Node) bool {
	root := rootOf(left)
	switch root.Kind() {
	case "this":
		return true
	case "identifier":
		b := v.p.Scope.Resolve(root)
		return b == nil || !region.Contains(b.Decl)
	}
	return false
}

// handleKept accepts a disposer the call returns (mitt, nanoevents) when
// it is stored or handed back to the caller.
func (v *perCall) handleKept(a call, r *repeat) bool {
	if a.style != Emitter {
		return false
	}
	switch use := astutil.UseOf(a.node); use.Kind {
	case "variable", "member", "collection":
		return true
	case "argument":
		return cleanup.HandleOf(v.p, a.node).Kind == "collection"
	case "returned":
		// Only a helper's caller receives it; what a handler or callback
		// returns goes to the framework, which drops it.
		fn := astutil.EnclosingFunction(a.node)
		return fn.Valid() && !isArgument(fn) && (r.via != "" || r.kind == repeatCall)
	}
	return false
}

func (v *perCall) report(a call, r *repeat) {
	p := v.p
	event := cleanup.Describe(a.event)
	where := "on " + r.phrase
	if r.via != "" {
		where = "on each call of " + r.via + " (which runs on " + r.phrase + ")"
	}
	nodeEmitter := a.style == Emitter && scope.Unwrap(a.target).Index() == unwrapJQuery(a.target).Index()
	pile := "so they pile up"
	if nodeEmitter {
		pile += " (Node warns with MaxListenersExceededWarning past 10)"
	}
	settles := settlesPromise(p, a)
	var advice string
	switch {
	case settles:
		if a.style == DOM {
			advice = "pass { once: true } so it goes away when it fires"
		} else {
			advice = "listen with once() so it goes away when it fires"
		}
	case r.kind == repeatRequest:
		advice = "remove it when the request ends (res.on(\"close\"))"
	case r.kind == repeatConnection:
		advice = "remove it when the connection closes"
	case r.kind == repeatLoop:
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
	d.Fixes = v.fixes(a, r, settles)
	p.Report(d)
}

// relatedRepeat points at what runs many times.
func relatedRepeat(r *repeat) analyzer.Related {
	n := r.node
	end := n.End()
	switch {
	case isLoop(n):
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
	if scope.IsFunction(n) && isArgument(n) {
		// Show what the callback is given to: app.get("/x", (req, res)
		for p := n.Parent(); p.Valid(); p = p.Parent() {
			if p.Kind() == "call_expression" {
				callee := astutil.Callee(p)
				return analyzer.Related{Start: callee.Start(), End: callee.End(), Message: "the callback given here runs on " + r.phrase}
			}
		}
	}
	for end > start && (n.Tree().Src[end-1] == ' ' || n.Tree().Src[end-1] == '\n' || n.Tree().Src[end-1] == '\t') {
		end--
	}
	msg := "this runs on " + r.phrase
	if r.kind == repeatCall {
		msg = "a new promise waits for the event on " + r.phrase
	}
	return analyzer.Related{Start: start, End: end, Message: msg}
}

// settlesPromise reports a handler that is the resolve or reject of the
// promise the registration is made in, or a function that only calls one:
// it has done its job after the first event.
func settlesPromise(p *analyzer.Pass, a call) bool {
	exec := astutil.EnclosingFunction(a.node)
	if !exec.Valid() || !isExecutor(exec) {
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

func (v *perCall) fixes(a call, r *repeat, settles bool) []analyzer.Fix {
	var out []analyzer.Fix
	if settles {
		if f, ok := v.onceFix(a, siblingWaits(a) == 1); ok {
			out = append(out, f)
		}
		return out
	}
	if r.endObj != "" && r.endParam != nil {
		if f, ok := v.removeAtEndFix(a, r); ok {
			out = append(out, f)
		}
	}
	if r.kind == repeatLoop && r.node.Valid() && !r.byRef {
		if f, ok := v.moveOutOfLoopFix(a, r); ok {
			out = append(out, f)
		}
	}
	if ev, _ := astutil.StringValue(a.event); len(out) == 0 && !processEndEvents[ev] {
		if f, ok := v.onceFix(a, false); ok {
			out = append(out, f)
		}
	}
	return out
}

// onceFix turns on() into once() (jQuery: one()), or passes
// { once: true } to addEventListener.
func (v *perCall) onceFix(a call, safe bool) (analyzer.Fix, bool) {
	p := v.p
	b := fixgen.New(p)
	if a.style == DOM {
		opts := scope.Unwrap(a.options)
		switch {
		case !opts.Valid():
			b.Insert(a.handler.End(), ", { once: true }")
		case opts.Kind() == "true":
			b.Replace(opts, "{ capture: true, once: true }")
		case opts.Kind() == "false":
			b.Replace(opts, "{ once: true }")
		case opts.Kind() == "object":
			props := opts.Children()
			if len(props) == 0 {
				b.Replace(opts, "{ once: true }")
			} else {
				b.Insert(props[len(props)-1].End(), ", once: true")
			}
		default:
			return analyzer.Fix{}, false
		}
		return b.Fix("Pass { once: true } so the listener removes itself after it fires", safe), true
	}
	// mitt and nanoevents have no once().
	if noOnceLib.MatchString(p.Tree.Src) {
		return analyzer.Fix{}, false
	}
	method := "once"
	switch {
	case scope.Unwrap(a.target).Index() != unwrapJQuery(a.target).Index():
		method = "one"
	case a.method == "prependListener":
		method = "prependOnceListener"
	}
	b.Replace(astutil.Callee(a.node), method)
	return b.Fix(fmt.Sprintf("Listen with %s() so the listener removes itself after it fires", method), safe), true
}

// removeAtEndFix removes the listener when the request or connection ends:
// `res.on("close", () => bus.off("x", handler))` after the registration,
// hoisting an inline handler into a constant first.
func (v *perCall) removeAtEndFix(a call, r *repeat) (analyzer.Fix, bool) {
	p := v.p
	if scope.Unwrap(a.target).Index() != unwrapJQuery(a.target).Index() {
		return analyzer.Fix{}, false
	}
	st := astutil.Statement(a.node)
	if !st.Valid() || st.Parent().Kind() != "statement_block" || scope.Unwrap(st.Child(0)).Index() != a.node.Index() {
		return analyzer.Fix{}, false
	}
	root := strings.SplitN(r.endObj, ".", 2)[0]
	if p.Scope.ScopeOf(a.node).Lookup(root) != r.endParam {
		return analyzer.Fix{}, false
	}
	b := fixgen.New(p)
	handler := a.handler.Text()
	if h := scope.Unwrap(a.handler); scope.IsFunction(h) || h.Kind() == "call_expression" {
		name := fixgen.UniqueName(p, a.node, syntax.Node{}, "handle"+pascal(a.event))
		b.InsertBefore(st, "const "+name+" = "+h.Text())
		b.Replace(a.handler, name)
		handler = name
	}
	args := a.event.Text() + ", " + handler
	if a.style == DOM && capture(a.options) {
		args += ", true"
	}
	q := string(astutil.QuoteChar(p.Tree))
	if ev := scope.Unwrap(a.event); ev.Kind() == "string" {
		q = ev.Text()[:1]
	}
	stmt := fmt.Sprintf("%s.on(%s%s%s, () => %s.%s(%s))%s", r.endObj, q, r.endEvent, q,
		a.target.Text(), removerFor(a), args, b.Style.Semi)
	b.Insert(lineEndAfter(p.Tree.Src, st.End()), "\n"+astutil.Indent(p.Tree.Src, st.Start())+stmt)
	title := "Remove the listener when the request ends"
	if r.kind == repeatConnection {
		title = "Remove the listener when the connection closes"
	}
	return b.Fix(title, false), true
}

// lineEndAfter returns where a new line can follow the statement ending at
// off: after a trailing line comment, so the comment stays with its
// statement.
func lineEndAfter(src string, off int) int {
	eol := strings.IndexByte(src[off:], '\n')
	if eol < 0 {
		eol = len(src) - off
	}
	rest := strings.TrimSpace(src[off : off+eol])
	if rest == "" || strings.HasPrefix(rest, "//") {
		return off + len(strings.TrimRight(src[off:off+eol], " \t\r"))
	}
	return off
}

// moveOutOfLoopFix moves a registration that does not depend on the
// iteration in front of the loop, so it is made once.
func (v *perCall) moveOutOfLoopFix(a call, r *repeat) (analyzer.Fix, bool) {
	p := v.p
	src := p.Tree.Src
	st := astutil.Statement(a.node)
	if !st.Valid() || st.Parent().Parent().Index() != r.node.Index() || scope.Unwrap(st.Child(0)).Index() != a.node.Index() {
		return analyzer.Fix{}, false
	}
	loopStmt := r.node
	if scope.IsFunction(loopStmt) {
		loopStmt = astutil.Statement(loopStmt) // items.forEach(...)
	}
	if !loopStmt.Valid() || !loopStmt.Parent().Is("program", "statement_block") {
		return analyzer.Fix{}, false
	}
	// Moved out, the call must not be repeated by anything further out.
	if v.walk(loopStmt, 1, nil) != nil {
		return analyzer.Fix{}, false
	}
	lineStart := strings.LastIndexByte(src[:st.Start()], '\n') + 1
	if strings.TrimSpace(src[lineStart:st.Start()]) != "" {
		return analyzer.Fix{}, false
	}
	eol := strings.IndexByte(src[st.End():], '\n')
	if eol < 0 {
		return analyzer.Fix{}, false
	}
	eol += st.End()
	moved := strings.TrimRight(src[st.Start():eol], " \t\r")
	from := astutil.Indent(src, st.Start())
	to := astutil.Indent(src, loopStmt.Start())
	lines := strings.Split(moved, "\n")
	for i := 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], from) {
			lines[i] = to + lines[i][len(from):]
		}
	}
	b := fixgen.New(p)
	b.Insert(loopStmt.Start(), strings.Join(lines, "\n")+"\n"+to)
	b.Edits = append(b.Edits, analyzer.Edit{Start: lineStart, End: eol + 1})
	return b.Fix("Add the listener once, before the loop", false), true
}
