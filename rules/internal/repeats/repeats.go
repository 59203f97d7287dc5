// Package repeats decides how often code runs: whether a registration is
// made again and again (in a loop, an HTTP or connection handler, a handler
// of an event that fires many times, a setInterval callback, a helper such
// code calls) or once (at load, in an IIFE, in a function only called at
// start-up). Every rule that asks either question asks it here.
package repeats

import (
	"fmt"
	"slices"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/apis"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// Kind is what makes code run again and again.
type Kind uint8

const (
	Loop       Kind = iota + 1 // a loop body or an iteration callback
	Request                    // an HTTP handler or middleware
	Connection                 // a connection handler (socket.io, ws, net)
	Event                      // a handler of an event that fires many times
	Tick                       // a setInterval callback
	Call                       // a function that waits for an event and may be called often
	Render                     // the body of a React component or hook, run on every render
)

// Repeat describes the construct that runs a registration many times.
type Repeat struct {
	Kind   Kind
	Phrase string      // "each request", "each call of waitForReady"
	Node   syntax.Node // the loop or function that repeats, for related info
	// Regions bound the search for undos and guards: the repeating
	// function (or the function around a loop) and, when the registration
	// sits in a helper called from there, the helper.
	Regions []syntax.Node
	// EndObj and EndEvent name the per-call object whose event ends the
	// call ("res", "close"), when one is known; EndParam is its parameter.
	EndObj, EndEvent string
	EndParam         *scope.Binding
	Via              string // a helper function the registration is made in
	ByRef            bool   // the function itself is passed as the callback
	// Event is the event an Event repeat handles, when written as a
	// string ("data").
	Event string
}

// Options say what a rule counts as running again and again. The zero
// value is what listener-added-per-call counts; other rules differ, each
// for its own reason, and say so here instead of keeping a copy of the
// analysis.
type Options struct {
	// Enclosing: only the function the code is written in is judged, and
	// a loop around the code there repeats it whatever the code depends
	// on (each iteration opens its own resource). Its callers, and the
	// function that passes it as a callback, are not followed: who calls
	// a helper is another finding's question.
	Enclosing bool
	// CallsOnly: only calls make a callback repeat (servers, routes,
	// listeners, setInterval); iteration callbacks (items.forEach(fn) is
	// bounded by the data), JSX event props and route objects do not.
	CallsOnly bool
	// AnyEvent: a handler of any event runs per event ("open" and
	// "connection" too, Event set to its name), not only of events known
	// to fire many times.
	AnyEvent bool
	// RoutePaths: a route method's handler is recognised by its path
	// argument ("/users/:id", "*", a regular expression), whatever the
	// router is called, rather than by a router-like receiver name.
	RoutePaths bool
	// Decorators mark methods that handle requests (NestJS's @Get(),
	// @MessagePattern()).
	Decorators []string
	// Renders: the body of a React component or hook (in a file that uses
	// React or JSX) runs on every render.
	Renders bool
}

// Registration is what a repeated call makes: a loop that adds the same
// target, event and handler on every iteration repeats it; one whose
// registration depends on the item makes one per item, on purpose.
type Registration struct {
	Target, Event, Handler syntax.Node
}

// Listeners reads a call that adds an event listener (its target, event
// and handler), so a function given as the handler of an event that fires
// many times ("data", "click", "request") is known to run per event.
type Listeners func(call syntax.Node) (Registration, bool)

// Finder answers for one file. It remembers what it found for named
// functions, so a file with many registrations in one helper climbs once.
type Finder struct {
	p        *analyzer.Pass
	listener Listeners
	opt      Options
	// named caches the repeat found for a named function's call sites
	// (nil entries included), keyed by the function's node index.
	named map[int]*Repeat
}

// New returns a Finder for a pass; listeners reads listener additions.
func New(p *analyzer.Pass, listeners Listeners) *Finder {
	return NewWith(p, listeners, Options{})
}

// NewWith returns a Finder that counts what o says.
func NewWith(p *analyzer.Pass, listeners Listeners, o Options) *Finder {
	return &Finder{p: p, listener: listeners, opt: o, named: make(map[int]*Repeat)}
}

// Of returns what makes the registration call n run many times, or nil
// when nothing evidently does. reg, when not nil, is what n registers.
func (f *Finder) Of(n syntax.Node, reg *Registration) *Repeat { return f.walk(n, 0, reg) }

// Around returns what makes the code around statement n (a loop, say) run
// many times, as a helper's call site would be judged, or nil.
func (f *Finder) Around(n syntax.Node) *Repeat { return f.walk(n, 1, nil) }

// walk climbs from n to the construct that makes it run many times. reg is
// the registration when n is its call (depth 0); deeper calls climb from a
// call site of the helper the registration is in.
func (f *Finder) walk(n syntax.Node, depth int, reg *Registration) *Repeat {
	var executor syntax.Node
	child := n
	for p := n.Parent(); p.Valid(); child, p = p, p.Parent() {
		if f.opt.Enclosing && IsLoop(p) {
			return &Repeat{Kind: Loop, Phrase: "each loop iteration", Node: p, Regions: []syntax.Node{regionOf(p)}}
		}
		if IsLoop(p) && child.Field() == "body" {
			if f.loopRepeats(p, n, reg, executor) {
				return &Repeat{Kind: Loop, Phrase: "each loop iteration", Node: p, Regions: []syntax.Node{regionOf(p)}}
			}
			continue
		}
		if !scope.IsFunction(p) {
			continue
		}
		if f.opt.Enclosing {
			return f.enclosingRepeat(p)
		}
		if IsIIFE(p) {
			continue
		}
		if r := f.callbackRepeat(p); r != nil {
			if r.Kind == Loop && !f.loopRepeats(p, n, reg, executor) {
				continue
			}
			return r
		}
		if IsExecutor(p) {
			if !executor.Valid() {
				executor = p
			}
			continue
		}
		if r := signatureRepeat(f.p, p); r != nil {
			return r
		}
		if IsArgument(p) {
			continue // a callback runs within whatever runs its caller
		}
		return f.functionRepeat(p, executor, depth, n, reg)
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

func IsLoop(n syntax.Node) bool {
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
// per item. For a helper's call site (reg == nil) the call's arguments must
// not depend on the iteration either, unless the helper waits on a promise.
func (f *Finder) loopRepeats(loop, site syntax.Node, reg *Registration, executor syntax.Node) bool {
	if reg == nil {
		return executor.Valid() || !f.dependsOn(site.Get("arguments"), loop, syntax.Node{})
	}
	if f.dependsOn(reg.Target, loop, syntax.Node{}) || f.dependsOn(reg.Event, loop, syntax.Node{}) {
		return false
	}
	if executor.Valid() && loop.Contains(executor) {
		return true
	}
	return !f.dependsOn(reg.Handler, loop, scope.Unwrap(reg.Handler))
}

// dependsOn reports whether expression e refers to a name declared inside
// region (other than inside own, the expression's own function).
func (f *Finder) dependsOn(e, region, own syntax.Node) bool {
	dep := false
	e.Walk(func(c syntax.Node) bool {
		if dep {
			return false
		}
		if c.Kind() == "identifier" || c.Kind() == "shorthand_property_identifier" {
			if b := f.p.Scope.Resolve(c); b != nil && region.Contains(b.Decl) && !(own.Valid() && own.Contains(b.Decl)) {
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

// IsIIFE reports a function that is called where it is written, once.
func IsIIFE(fn syntax.Node) bool {
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

// IsExecutor reports the function given to `new Promise(...)`.
func IsExecutor(fn syntax.Node) bool {
	nw := astutil.CallTaking(fn)
	return nw.Kind() == "new_expression" && astutil.Arg(nw, 0).Index() == fn.Index() && nw.Get("constructor").Text() == "Promise"
}

// IsArgument reports a function passed directly to a call.
func IsArgument(fn syntax.Node) bool {
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
	"use": true, "options": true, "head": true, "route": true, "handle": true,
}

// routers are receiver names that register HTTP handlers.
var routers = map[string]bool{
	"app": true, "router": true, "server": true, "api": true, "fastify": true, "routes": true,
	"route": true, "koa": true, "apiRouter": true, "instance": true,
}

// callbackRepeat classifies a function by where it is passed: an iteration
// callback, an HTTP or connection handler, a handler of a repeating event,
// a setInterval callback, a JSX event handler.
func (f *Finder) callbackRepeat(fn syntax.Node) *Repeat {
	p := fn.Parent()
	for p.Kind() == "parenthesized_expression" {
		p = p.Parent()
	}
	switch p.Kind() {
	case "arguments":
		return f.callbackAt(p.Parent(), fn, fn)
	}
	if f.opt.CallsOnly {
		return nil
	}
	switch p.Kind() {
	case "jsx_expression":
		attr := p.Parent()
		if attr.Kind() != "jsx_attribute" {
			return nil
		}
		name := attr.Child(0).Text()
		if len(name) > 2 && strings.HasPrefix(name, "on") && name[2] >= 'A' && name[2] <= 'Z' {
			ev := strings.ToLower(name[2:])
			return &Repeat{Kind: Event, Phrase: "each " + ev, Node: fn, Regions: []syntax.Node{fn}}
		}
	case "pair":
		// fastify.route({ method: "GET", url, handler: async (request, reply) => ... })
		obj := p.Parent()
		if k := p.Get("key").Text(); (k == "handler" || k == "preHandler") && obj.Parent().Kind() == "arguments" &&
			astutil.MethodName(obj.Parent().Parent()) == "route" {
			return requestRepeat(f.p, fn)
		}
	}
	return nil
}

// callbackAt classifies fn (a function, or the declaration of a named one
// whose reference ref is passed) as an argument of call c.
func (f *Finder) callbackAt(c, fn, ref syntax.Node) *Repeat {
	recv, name := astutil.Method(c)
	switch {
	case c.Kind() != "call_expression":
		return nil
	case iterationMethods[name] && recv.Valid() && !f.opt.CallsOnly:
		phrase := "each loop iteration"
		if name != "each" {
			phrase = "each " + name + " iteration"
		}
		return &Repeat{Kind: Loop, Phrase: phrase, Node: fn, Regions: []syntax.Node{fn}}
	case name == "setInterval" && (!recv.Valid() || windowAliasText[recv.Text()]) && astutil.Arg(c, 0).Index() == ref.Index():
		return &Repeat{Kind: Tick, Phrase: "each setInterval tick", Node: fn, Regions: []syntax.Node{fn}}
	case name == "createServer" || name == "createSecureServer":
		if connectionServer(f.p, recv) {
			return connectionRepeat(f.p, fn, "close")
		}
		return requestRepeat(f.p, fn)
	}
	if l, ok := f.listener(c); ok && l.Handler.Index() == ref.Index() {
		ev, named := astutil.StringValue(l.Event)
		switch {
		case ev == "request":
			return requestRepeat(f.p, fn)
		case f.opt.AnyEvent:
			r := &Repeat{Kind: Event, Phrase: "each event", Node: fn, Regions: []syntax.Node{fn}}
			if named {
				r.Phrase, r.Event = fmt.Sprintf("each %q event", ev), ev
			}
			return r
		case ev == "connection" || ev == "secureConnection":
			endEvent := "close"
			if m := moduleOf(f.p, l.Target, 0); m == "socket.io" || m == "" && lastName(astutil.RootOf(l.Target)) == "io" {
				endEvent = "disconnect" // socket.io sockets end with "disconnect"
			}
			return connectionRepeat(f.p, fn, endEvent)
		case apis.RepeatingEvent(ev):
			return &Repeat{Kind: Event, Phrase: fmt.Sprintf("each %q event", ev), Node: fn, Regions: []syntax.Node{fn}}
		}
		return nil
	}
	if routeMethods[name] && recv.Valid() && (f.opt.RoutePaths && routePath(scope.Unwrap(astutil.Arg(c, 0))) || !f.opt.RoutePaths && routers[lastName(recv)]) {
		return requestRepeat(f.p, fn)
	}
	return nil
}

// routePath accepts what routers take as a path: "/users/:id", "*", a
// regular expression, or a list of them.
func routePath(n syntax.Node) bool {
	switch n.Kind() {
	case "regex", "array":
		return true
	case "string", "template_string":
		t := strings.Trim(n.Text(), "'\"`")
		return strings.HasPrefix(t, "/") || t == "*"
	}
	return false
}

// enclosingRepeat judges the function code is written in, and it alone
// (Options.Enclosing): as a callback, by its signature, its decorators,
// or as a React component or hook.
func (f *Finder) enclosingRepeat(fn syntax.Node) *Repeat {
	if r := f.callbackRepeat(fn); r != nil {
		return r
	}
	if r := signatureRepeat(f.p, fn); r != nil {
		return r
	}
	if fn.Kind() == "method_definition" && len(f.opt.Decorators) > 0 {
		for c := fn.PrevNamed(); c.Valid() && c.Kind() == "decorator"; c = c.PrevNamed() {
			d := c.Child(0)
			if d.Kind() == "call_expression" {
				d = d.Get("function")
			}
			if slices.Contains(f.opt.Decorators, d.Text()) {
				return requestRepeat(f.p, fn)
			}
		}
	}
	if f.opt.Renders {
		if name := lifecycle.NameOf(fn, lifecycle.Declared); name != "" && reactFile(f.p) && (isHook(name) || name[0] >= 'A' && name[0] <= 'Z' && hasJSX(fn)) {
			return &Repeat{Kind: Render, Phrase: "each render of " + name, Node: fn, Regions: []syntax.Node{fn}}
		}
	}
	return nil
}

func isHook(name string) bool {
	return len(name) > 3 && strings.HasPrefix(name, "use") && name[3] >= 'A' && name[3] <= 'Z'
}

func hasJSX(fn syntax.Node) bool {
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if n.Is("jsx_element", "jsx_self_closing_element") {
			found = true
		}
		return !found
	})
	return found
}

// reactFile reports a file that imports React (or Preact) or is JSX.
func reactFile(p *analyzer.Pass) bool {
	if strings.HasSuffix(p.Path, ".jsx") || strings.HasSuffix(p.Path, ".tsx") {
		return true
	}
	for _, st := range p.Tree.Root().Children() {
		if st.Kind() == "import_statement" {
			src, _ := astutil.StringValue(st.Get("source"))
			if src == "react" || src == "preact" || strings.HasPrefix(src, "preact/") {
				return true
			}
		}
	}
	return false
}

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
func requestRepeat(p *analyzer.Pass, fn syntax.Node) *Repeat {
	r := &Repeat{Kind: Request, Phrase: "each request", Node: fn, Regions: []syntax.Node{fn}, EndEvent: "close"}
	ps := append(astutil.ParamNames(fn), "", "", "")
	var param string
	switch {
	case ps[0] == "err" || ps[0] == "error":
		param, r.EndObj = ps[2], ps[2]
	case ps[0] == "ctx" || ps[0] == "context":
		param, r.EndObj = ps[0], ps[0]+".res"
	case ps[1] == "reply":
		param, r.EndObj = ps[1], ps[1]+".raw"
	case ps[1] == "res" || ps[1] == "response":
		param, r.EndObj = ps[1], ps[1]
	}
	if param != "" {
		r.EndParam = paramBinding(p, fn, param)
	}
	if r.EndParam == nil {
		r.EndObj = ""
	}
	return r
}

// connectionRepeat describes a connection handler; its first parameter is
// the per-connection socket.
func connectionRepeat(p *analyzer.Pass, fn syntax.Node, endEvent string) *Repeat {
	r := &Repeat{Kind: Connection, Phrase: "each connection", Node: fn, Regions: []syntax.Node{fn}, EndEvent: endEvent}
	if ps := astutil.ParamNames(fn); len(ps) > 0 && ps[0] != "" {
		r.EndObj = ps[0]
		r.EndParam = paramBinding(p, fn, ps[0])
	}
	if r.EndParam == nil {
		r.EndObj = ""
	}
	return r
}

// signatureRepeat recognises HTTP handlers by their parameters wherever
// they are defined: (req, res), (request, reply), (err, req, res, next),
// (ctx, next).
func signatureRepeat(p *analyzer.Pass, fn syntax.Node) *Repeat {
	ps := append(astutil.ParamNames(fn), "", "", "")
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
func (f *Finder) functionRepeat(fn, executor syntax.Node, depth int, site syntax.Node, reg *Registration) *Repeat {
	name := lifecycle.NameOf(fn, lifecycle.CalledAs|lifecycle.ShortAssigned)
	r := f.callSiteRepeat(fn, depth, executor.Valid())
	if r != nil && r.ByRef && r.Kind == Loop && !f.loopRepeats(fn, site, reg, executor) {
		r = nil // items.forEach(register): one listener per item, on purpose
	}
	if r != nil {
		return r
	}
	if !executor.Valid() {
		return nil
	}
	if astutil.StartupName(name) || FunctionRunsOnce(f.p, fn, listenerOnce) {
		return nil
	}
	phrase := "each call of this function"
	if name != "" {
		phrase = "each call of " + name
	}
	return &Repeat{Kind: Call, Phrase: phrase, Node: fn, Regions: []syntax.Node{fn}}
}

// functionBinding returns the binding a named function is called through.
func functionBinding(p *analyzer.Pass, fn syntax.Node) *scope.Binding {
	if fn.Kind() == "function_declaration" || fn.Kind() == "generator_function_declaration" {
		return p.Scope.DeclaredAt(fn.Get("name"))
	}
	d := fn.Parent()
	for d.Kind() == "parenthesized_expression" {
		d = d.Parent()
	}
	if d.Kind() == "variable_declarator" && d.Get("name").Kind() == "identifier" {
		return p.Scope.DeclaredAt(d.Get("name"))
	}
	return nil
}

// callSiteRepeat follows the calls of a named function in this file: if
// one of them runs many times, so does the function.
func (f *Finder) callSiteRepeat(fn syntax.Node, depth int, waits bool) *Repeat {
	if depth >= 2 {
		return nil
	}
	key := fn.Index()
	if waits {
		key = -key - 1
	}
	if r, ok := f.named[key]; ok {
		return r
	}
	f.named[key] = nil // calls that recurse find nothing
	b := functionBinding(f.p, fn)
	if b == nil {
		return nil
	}
	var found *Repeat
	for _, ref := range f.p.Scope.References(b) {
		site := ref.Parent()
		var r *Repeat
		switch {
		case site.Kind() == "call_expression" && ref.Field() == "function":
			var executor syntax.Node
			if waits {
				executor = fn // any non-zero Node: the helper waits on a promise
			}
			r = f.walkSite(site, depth+1, executor)
		case site.Kind() == "arguments":
			// Passed as a callback: the function is the handler itself.
			if r = f.callbackAt(site.Parent(), fn, ref); r != nil {
				r.ByRef = true
			}
		}
		if r != nil {
			found = r
			break
		}
	}
	if found != nil && !found.ByRef {
		name := lifecycle.NameOf(fn, lifecycle.CalledAs|lifecycle.ShortAssigned)
		c := *found
		c.Regions = append(append([]syntax.Node(nil), found.Regions...), fn)
		c.Via = name
		c.EndObj, c.EndParam = "", nil // the helper cannot see the handler's parameters
		found = &c
	}
	if depth == 0 {
		f.named[key] = found
	} else {
		delete(f.named, key) // found under a depth limit: not the whole answer
	}
	return found
}

// walkSite climbs from a helper's call site; executor is non-zero when the
// helper waits on a promise (so a loop around the call repeats it).
func (f *Finder) walkSite(site syntax.Node, depth int, executor syntax.Node) *Repeat {
	if executor.Valid() {
		for p := site.Parent(); p.Valid() && !scope.IsFunction(p); p = p.Parent() {
			if IsLoop(p) {
				return &Repeat{Kind: Loop, Phrase: "each loop iteration", Node: p, Regions: []syntax.Node{regionOf(p)}}
			}
		}
	}
	return f.walk(site, depth, nil)
}
