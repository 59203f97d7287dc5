// This file decides what makes a registration run again and again: the
// request handler, event handler, loop or helper that repeats it.

package listeners

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

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
