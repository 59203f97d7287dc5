package subscriptions

import (
	"regexp"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// lifespan says whether what is subscribed to can keep the subscription
// alive after its owner ends.
type lifespan uint8

const (
	// unknown: a service method's result (usually a one-shot HTTP request)
	// or anything we cannot follow. Not reported: precision first.
	unknown lifespan = iota
	// completes: the source ends by itself (HttpClient, of, timer(n)), is
	// ended for us (ActivatedRoute, toObservable), or the pipe completes it
	// (take, first, takeUntil, ...).
	completes
	// ownedHere: created by the owner itself or locally; it dies with the
	// subscription, so nothing outlives anything.
	ownedHere
	// longLived: a store, a service's observable, a module-level or
	// injected source, props, a form or router event stream.
	longLived
)

// source is what a subscribe call subscribes to.
type source struct {
	life lifespan
	// rx is set when the source evidently is an RxJS observable (a pipe, a
	// `$` name, an RxJS creation function, NgRx select), so subscribe
	// returns a Subscription.
	rx bool
	// node is the innermost source expression, for names and messages.
	node syntax.Node
}

// completingOperators end a subscription by themselves.
var completingOperators = map[string]bool{
	"take": true, "first": true, "takeUntil": true, "takeWhile": true,
	"takeUntilDestroyed": true, "untilDestroyed": true, "elementAt": true,
	"find": true, "findIndex": true,
}

// passThroughOperators keep the source's lifespan when written in the
// RxJS 5 patch style (`source.map(f).subscribe(...)`).
var passThroughOperators = map[string]bool{
	"asObservable": true, "map": true, "filter": true, "debounceTime": true, "throttleTime": true,
	"distinctUntilChanged": true, "switchMap": true, "mergeMap": true, "concatMap": true,
	"exhaustMap": true, "tap": true, "do": true, "startWith": true, "share": true,
	"shareReplay": true, "pluck": true, "skip": true, "delay": true, "auditTime": true,
	"sampleTime": true, "scan": true, "withLatestFrom": true, "catchError": true, "retry": true,
}

// endlessCreators make observables that never complete.
var endlessCreators = map[string]bool{
	"interval": true, "fromEvent": true, "fromEventPattern": true, "animationFrames": true,
}

// oneShotCreators make observables that complete on their own.
var oneShotCreators = map[string]bool{
	"of": true, "throwError": true, "ajax": true, "firstValueFrom": true, "lastValueFrom": true,
	// Angular's interop ends these when the injection context is destroyed.
	"toObservable": true, "outputToObservable": true,
}

// rxjsConstants are RxJS's ready-made observables that hold no
// subscriber: `cond ? this.store.changes$ : EMPTY`.
var rxjsConstants = map[string]bool{"EMPTY": true, "NEVER": true}

// combinators complete only when their inputs do.
var combinators = map[string]bool{"combineLatest": true, "merge": true, "forkJoin": true, "concat": true}

// routeStreams are ActivatedRoute's observables, which the router
// completes when the route's component is destroyed.
var routeStreams = map[string]bool{
	"params": true, "paramMap": true, "queryParams": true, "queryParamMap": true,
	"data": true, "fragment": true, "url": true, "title": true,
}

// endlessProperties are event streams of long-lived framework objects
// (forms, the router, QueryList) whatever object they hang off.
var endlessProperties = map[string]bool{
	"valueChanges": true, "statusChanges": true, "events": true, "changes": true,
}

// storeFactories create stores and subjects: a source made by one of them
// here is owned here.
var storeFactories = map[string]bool{
	"writable": true, "readable": true, "derived": true, "createStore": true, "configureStore": true,
	"atom": true, "map": true,
}

var (
	httpName  = regexp.MustCompile(`^[_$]?(http|httpClient|\w*Http|\w*HttpClient)$`)
	routeName = regexp.MustCompile(`(?i)^_?(activated|active|current)?route$`)
	storeName = regexp.MustCompile(`(?i)store$`)
	hookName  = regexp.MustCompile(`^use[A-Z0-9]`)
	// getterName: a method that returns something its object holds.
	getterName = regexp.MustCompile(`^_?get[A-Z]`)
)

// classifier decides what a subscribe call subscribes to.
type classifier struct {
	p         *analyzer.Pass
	o         *lifecycle.Owner
	operators map[string]bool
}

func (c *classifier) classify(n syntax.Node, depth int) source {
	n = scope.Unwrap(n)
	s := source{node: n}
	if depth > 12 || !n.Valid() {
		return s
	}
	switch n.Kind() {
	case "call_expression":
		return c.classifyCall(n, depth)
	case "member_expression":
		return c.classifyMember(n, depth)
	case "identifier":
		return c.classifyName(n, depth)
	case "ternary_expression":
		return c.conditional(n, depth)
	case "new_expression", "object", "array", "class":
		s.life = ownedHere
	case "this":
		s.life = ownedHere
	}
	return s
}

func (c *classifier) classifyCall(n syntax.Node, depth int) source {
	recv, name := astutil.Method(n)
	s := source{node: n}
	if !recv.Valid() {
		fn := scope.Unwrap(n.Get("function"))
		if fn.Kind() != "identifier" {
			return s
		}
		switch {
		case name == "fromEvent" || name == "fromEventPattern":
			s.life, s.rx = c.eventTargetLife(astutil.Arg(n, 0)), true
		case endlessCreators[name]:
			s.life, s.rx = longLived, true
		case name == "timer":
			s.rx = true
			s.life = completes
			if len(astutil.Args(n)) > 1 {
				s.life = longLived // timer(delay, period) repeats
			}
		case oneShotCreators[name]:
			s.life, s.rx = completes, true
		case name == "from":
			// from([...]) and from(promise) complete; from(observable) is
			// the observable's business.
			if a := scope.Unwrap(astutil.Arg(n, 0)); a.Kind() == "array" || a.Kind() == "string" || a.Kind() == "call_expression" || a.Kind() == "await_expression" {
				s.life, s.rx = completes, true
			}
		case combinators[name]:
			return c.combined(n, name, depth)
		case storeFactories[name]:
			s.life = ownedHere
		case name == "inject" || name == "useContext" || hookName.MatchString(name):
			// An injected service, a context value, what a hook returns:
			// they outlive the code that subscribes.
			s.life = longLived
		}
		return s
	}
	switch {
	case name == "pipe":
		for _, op := range astutil.Args(n) {
			if c.completingOperator(op) {
				return source{life: completes, rx: true, node: n}
			}
		}
		inner := c.classify(recv, depth+1)
		inner.rx = true
		if inner.life != longLived {
			if flat, ok := c.flattenedLongLived(n, depth); ok {
				return flat
			}
		}
		return inner
	case c.operators[name]:
		return source{life: completes, rx: true, node: n}
	case passThroughOperators[name]:
		// source.map(f) in the RxJS 5 patch style, but only on something
		// that is a stream: this.seriesService.scan(id) is a service's
		// request that happens to share an operator's name.
		inner := c.classify(recv, depth+1)
		if !inner.rx {
			return s
		}
		return inner
	case apis.DialogStream(name) && c.isRef(recv):
		// dialogRef.afterClosed(): completes when the dialog closes.
		return source{life: completes, rx: true, node: n}
	case name == "select" || name == "observe" && strings.Contains(strings.ToLower(lastName(recv)), "breakpoint"):
		// NgRx store.select(...), CDK BreakpointObserver.observe(...).
		return source{life: longLived, rx: true, node: n}
	case apis.HTTPRequestMethod(name) && c.isHTTPClient(recv):
		return source{life: completes, rx: true, node: n}
	case name == "get" || name == "getJSON":
		if r := scope.Unwrap(recv); r.Kind() == "identifier" && r.Text() == "ajax" {
			return source{life: completes, rx: true, node: n}
		}
	case c.injected(recv) && c.p.Life.RequestMethod(c.serviceType(recv), name):
		// this.versions.check(): the injected service's method only
		// returns one request of its HttpClient (facts of its file), which
		// completes after its one response, whatever its name says.
		return source{life: completes, rx: true, node: n}
	case apis.StreamMethod(name) && c.injected(recv):
		// this.focusMonitor.monitor(el), this.svc.onChange(), this.config
		// .getChangeEventFor(x): a method of an injected service whose name
		// says stream hands out the service's long-lived events.
		return source{life: longLived, rx: true, node: n}
	}
	return s
}

// injected reports a receiver that is an injected service: a constructor
// parameter property, an inject(...) field, or a member declared with a
// class type of a service.
func (c *classifier) injected(recv syntax.Node) bool {
	r := scope.Unwrap(recv)
	if r.Kind() != "member_expression" || scope.Unwrap(r.Get("object")).Kind() != "this" {
		return false
	}
	def := findMember(c.p.Scope.ThisOwner(r), r.Get("property").Text())
	if def.injected {
		return true
	}
	if v := scope.Unwrap(def.value); v.Kind() == "call_expression" && astutil.MethodName(v) == "inject" {
		return true
	}
	return false
}

// serviceType returns the class name an injected this.<member> is
// declared with: `inject(VersionService)`, `private versions:
// VersionService` in the constructor, or a field typed so; "" otherwise.
func (c *classifier) serviceType(recv syntax.Node) string {
	r := scope.Unwrap(recv)
	def := findMember(c.p.Scope.ThisOwner(r), r.Get("property").Text())
	if v := scope.Unwrap(def.value); v.Kind() == "call_expression" && astutil.MethodName(v) == "inject" {
		if a := scope.Unwrap(astutil.Arg(v, 0)); a.Kind() == "identifier" {
			return a.Text()
		}
		return ""
	}
	if t := def.decl.Get("type"); t.Valid() {
		name := strings.TrimSpace(strings.TrimPrefix(t.Text(), ":"))
		if typeName.MatchString(name) {
			return name
		}
	}
	return ""
}

// typeName matches a plain class name (no generics, unions or members).
var typeName = regexp.MustCompile(`^[A-Za-z_$][\w$]*$`)

// combined classifies combineLatest/merge/forkJoin/concat: they end when
// every input ends, so one endless input keeps them alive.
func (c *classifier) combined(n syntax.Node, name string, depth int) source {
	var inputs []syntax.Node
	for _, a := range astutil.Args(n) {
		a = scope.Unwrap(a)
		switch a.Kind() {
		case "array":
			inputs = append(inputs, a.Children()...)
		case "object":
			for _, pair := range a.Children() {
				if pair.Kind() == "pair" {
					inputs = append(inputs, pair.Get("value"))
				}
			}
		default:
			inputs = append(inputs, a)
		}
	}
	s := source{rx: true, node: n}
	all := len(inputs) > 0
	for _, in := range inputs {
		switch c.classify(in, depth+1).life {
		case longLived:
			s.life = longLived
			return s
		case completes, ownedHere:
		default:
			all = false
		}
	}
	if all {
		s.life = completes
	}
	return s
}

// conditional classifies `cond ? a : b` by its longest-lived branch
// (`this.dir ? this.dir.change : of(null)`): either may be the one taken.
func (c *classifier) conditional(n syntax.Node, depth int) source {
	a := c.classify(n.Get("consequence"), depth+1)
	b := c.classify(n.Get("alternative"), depth+1)
	s := source{node: n, rx: a.rx || b.rx}
	switch {
	case a.life == longLived || b.life == longLived:
		s.life = longLived
	case a.life == b.life:
		s.life = a.life
	case (a.life == completes || a.life == ownedHere) && (b.life == completes || b.life == ownedHere):
		s.life = completes
	}
	return s
}

func (c *classifier) completingOperator(op syntax.Node) bool {
	op = scope.Unwrap(op)
	if op.Kind() != "call_expression" {
		return false
	}
	name := astutil.MethodName(op)
	if name == "takeUntil" && !c.notifierFires(astutil.Arg(op, 0)) {
		return false
	}
	return c.operators[name]
}

// notifierFires decides whether takeUntil(notifier) ends the subscription
// when the owner ends. A subject the owner makes itself (this.destroy$ =
// new Subject()) only does when the teardown calls its next() or
// complete(); one that ngOnDestroy never fires, or a different subject it
// fires, ends nothing. Any other notifier is trusted.
func (c *classifier) notifierFires(notifier syntax.Node) bool {
	n := scope.Unwrap(notifier)
	if n.Kind() != "member_expression" || scope.Unwrap(n.Get("object")).Kind() != "this" || c.o == nil || !c.o.Class.Valid() {
		return true
	}
	def := findMember(c.o.Class, n.Get("property").Text())
	made := false
	for _, v := range append([]syntax.Node{def.value}, def.assigned...) {
		if v := scope.Unwrap(v); v.Kind() == "new_expression" && strings.HasSuffix(scope.Unwrap(v.Get("constructor")).Text(), "Subject") {
			made = true
		}
	}
	if !made {
		return true
	}
	key := c.p.Scope.Key(n)
	return c.p.Life.FindInTeardown(c.o, func(m syntax.Node) bool {
		if m.Kind() != "call_expression" {
			return false
		}
		recv, name := astutil.Method(m)
		return (name == "next" || name == "complete" || name == "error") && recv.Valid() && c.p.Scope.Key(recv) == key
	}).Valid()
}

func (c *classifier) classifyMember(n syntax.Node, depth int) source {
	prop := n.Get("property").Text()
	obj := scope.Unwrap(n.Get("object"))
	s := source{node: n, rx: strings.HasSuffix(prop, "$")}
	if routeStreams[prop] && c.isActivatedRoute(obj) {
		s.life, s.rx = completes, true
		return s
	}
	if apis.DialogStream(prop) && c.isRef(obj) {
		// modalRef.closed / .dismissed complete when the modal closes.
		s.life, s.rx = completes, true
		return s
	}
	root := astutil.RootOf(n)
	if root.Kind() == "this" && c.parentInput(n) {
		return s // the parent's emitter: no verdict
	}
	if c.ownedByThis(n) || c.ownForm(n) {
		s.life = ownedHere
		return s
	}
	if endlessProperties[prop] {
		s.life, s.rx = longLived, true
		return s
	}
	switch root.Kind() {
	case "this":
		if def := c.memberInit(n); def.Valid() {
			inner := c.classify(def, depth+1)
			inner.rx = inner.rx || s.rx
			inner.node = n
			return inner
		}
		if c.p.Scope.LifetimeOf(n) == scope.Member {
			s.life = longLived
		}
		return s
	case "identifier":
		inner := c.classify(root, depth+1)
		switch inner.life {
		case longLived:
			s.life = longLived
		case ownedHere:
			s.life = ownedHere
		}
		return s
	case "call_expression":
		// inject(Store).select$, useStore().subscribe: a part of what the
		// call returns.
		if inner := c.classify(root, depth+1); inner.life == longLived {
			s.life = longLived
		}
		// this.tree._getExpansionModel().changed: what an injected
		// service's (a parent component's, a root service's) getter
		// returns is something it holds, and lives with it. Other methods
		// may make a new object per call (message.loading(...).onClose,
		// notification.blank(...).onClick), which ends on its own.
		if recv, name := astutil.Method(root); getterName.MatchString(name) && c.injected(recv) {
			s.life = longLived
		}
	}
	return s
}

func (c *classifier) classifyName(n syntax.Node, depth int) source {
	s := source{node: n, rx: strings.HasSuffix(n.Text(), "$")}
	b := c.p.Scope.Resolve(n)
	if b == nil {
		s.life = longLived // a global
		return s
	}
	switch b.Kind {
	case scope.Import:
		s.life = longLived
		if rxjsConstants[n.Text()] && c.p.Life.ImportedFrom(n.Text()) == "rxjs" {
			// EMPTY completes at once; NEVER never emits and holds nothing.
			s.life, s.rx = completes, true
		}
		return s
	case scope.Param:
		s.life = c.paramLife(b)
		return s
	case scope.FunctionDecl, scope.ClassDecl, scope.EnumDecl, scope.CatchParam:
		return s
	}
	init := initOf(b)
	// The top level of a Svelte instance script or Vue <script setup> runs
	// per component: its variables are the component's own.
	if b.ModuleLevel() && c.p.Life.RunsAtLoad(b.Decl) {
		// A module-level source lives as long as the program unless it
		// completes by itself.
		s.life = longLived
		if init.Valid() {
			inner := c.classify(init, depth+1)
			s.rx = s.rx || inner.rx
			if inner.life == completes {
				s.life = completes
			}
		}
		return s
	}
	if !init.Valid() || b.Reassigned || c.swapped(b, init) {
		return s
	}
	inner := c.classify(init, depth+1)
	inner.rx = inner.rx || s.rx
	inner.node = n
	if inner.life == ownedHere && c.p.Scope.Escapes(b) {
		inner.life = unknown
	}
	return inner
}

// swapped reports `const old = this.x; this.x = next;`: the variable holds
// the value the owner is letting go of, which nothing else keeps alive.
func (c *classifier) swapped(b *scope.Binding, init syntax.Node) bool {
	init = scope.Unwrap(init)
	if init.Kind() != "member_expression" || scope.Unwrap(init.Get("object")).Kind() != "this" {
		return false
	}
	key := c.p.Scope.Key(init)
	fn := b.Scope.Function().Node
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		if n.Kind() == "assignment_expression" && key != "" && c.p.Scope.Key(n.Get("left")) == key {
			found = true
		}
		return true
	})
	return found
}

// paramLife decides what a parameter holds. Parameters of the function
// that encloses the owner (a component's props, a composable's arguments)
// and constructor parameters (injected services) outlive the owner's
// setup; a method's or callback's parameter could be anything.
func (c *classifier) paramLife(b *scope.Binding) lifespan {
	fn := b.Scope.Node
	if fn.Kind() == "method_definition" && fn.Get("name").Text() == "constructor" {
		return longLived
	}
	if c.o.Setup.Valid() && fn.Contains(c.o.Setup) {
		return longLived
	}
	return unknown
}

// initOf returns the value a binding starts with; for a name taken apart
// from a pattern (`const { store } = props`) the whole value.
func initOf(b *scope.Binding) syntax.Node {
	if b.Init.Valid() {
		return b.Init
	}
	for p := b.Decl.Parent(); p.Valid(); p = p.Parent() {
		switch p.Kind() {
		case "variable_declarator":
			return p.Get("value")
		case "object_pattern", "array_pattern", "pair_pattern", "shorthand_property_identifier_pattern",
			"assignment_pattern", "object_assignment_pattern", "rest_pattern":
			continue
		}
		return syntax.Node{}
	}
	return syntax.Node{}
}

// lastName is the last identifier of an expression (`this.route` ->
// "route"), or "".
func lastName(n syntax.Node) string {
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "identifier":
		return n.Text()
	case "member_expression":
		return n.Get("property").Text()
	}
	return ""
}

// isHTTPClient recognises Angular's HttpClient by name (this.http,
// httpClient) or by its declared type.
func (c *classifier) isHTTPClient(n syntax.Node) bool {
	if httpName.MatchString(lastName(n)) {
		return true
	}
	return c.declaredAs(n, "HttpClient")
}

// isActivatedRoute recognises ActivatedRoute (also its parent, firstChild
// and root routes) by name or declared type.
func (c *classifier) isActivatedRoute(n syntax.Node) bool {
	n = scope.Unwrap(n)
	for n.Kind() == "member_expression" {
		switch n.Get("property").Text() {
		case "parent", "firstChild", "root":
			n = scope.Unwrap(n.Get("object"))
			continue
		}
		break
	}
	if routeName.MatchString(lastName(n)) {
		return true
	}
	return c.declaredAs(n, "ActivatedRoute")
}

// declaredAs reports whether an identifier or this.x member is declared
// with type typ or initialised with inject(typ).
func (c *classifier) declaredAs(n syntax.Node, typ string) bool {
	n = scope.Unwrap(n)
	var decl syntax.Node
	switch n.Kind() {
	case "identifier":
		b := c.p.Scope.Resolve(n)
		if b == nil {
			return false
		}
		if init := scope.Unwrap(b.Init); init.Kind() == "call_expression" && astutil.MethodName(init) == "inject" {
			return astutil.Arg(init, 0).Text() == typ
		}
		decl = b.Decl.Parent()
	case "member_expression":
		if scope.Unwrap(n.Get("object")).Kind() != "this" {
			return false
		}
		class := c.p.Scope.ThisOwner(n)
		m := findMember(class, n.Get("property").Text())
		if init := scope.Unwrap(m.value); init.Kind() == "call_expression" && astutil.MethodName(init) == "inject" {
			return astutil.Arg(init, 0).Text() == typ
		}
		decl = m.decl
	}
	if !decl.Valid() {
		return false
	}
	t := decl.Get("type")
	if !t.Valid() {
		return false
	}
	text := strings.TrimSpace(strings.TrimPrefix(t.Text(), ":"))
	return text == typ || strings.HasPrefix(text, typ+"<")
}

// isRef recognises a modal or dialog reference by name or declared type.
func (c *classifier) isRef(n syntax.Node) bool {
	return apis.DialogRef(lastName(n)) || apis.DialogRef(c.p.Scope.DeclaredType(n))
}

// parentInput reports a this.x member declared as an @Input() event
// emitter.
func (c *classifier) parentInput(n syntax.Node) bool {
	if scope.Unwrap(n.Get("object")).Kind() != "this" {
		return false
	}
	def := findMember(c.p.Scope.ThisOwner(n), n.Get("property").Text())
	if !def.decl.Valid() {
		return false
	}
	input := false
	for d := def.decl.FirstChild(); d.Valid(); d = d.NextSibling() {
		input = input || d.Kind() == "decorator" && strings.HasPrefix(strings.TrimPrefix(d.Text(), "@"), "Input")
	}
	if !input {
		return false
	}
	// An EventEmitter (or Subject) input is the parent's own event source,
	// made as a field of the parent and gone with it. An Observable input
	// may be a service's stream handed through and is still judged.
	switch scope.TypeName(def.decl.Get("type").Child(0)) {
	case "EventEmitter", "Subject":
		return true
	}
	return false
}

// classMember is what a class says about one of its members.
type classMember struct {
	decl     syntax.Node // the field or constructor parameter declaring it
	value    syntax.Node // its field initialiser
	injected bool        // a constructor parameter property
	assigned []syntax.Node
}

// findMember collects a class member's declaration and the values
// assigned to this.<name> anywhere in the class.
func findMember(class syntax.Node, name string) classMember {
	var m classMember
	if !class.Valid() || class.Kind() == "object" {
		return m
	}
	body := class.Get("body")
	for _, c := range body.Children() {
		switch c.Kind() {
		case "public_field_definition", "field_definition":
			key := c.Get("name")
			if !key.Valid() {
				key = c.Get("property")
			}
			if key.Text() == name {
				m.decl = c
				m.value = c.Get("value")
			}
		case "method_definition":
			if c.Get("name").Text() == "constructor" {
				for _, prm := range c.Get("parameters").Children() {
					if prm.Get("pattern").Text() == name && isParameterProperty(prm) {
						m.decl, m.injected = prm, true
					}
				}
			}
		}
	}
	body.Walk(func(n syntax.Node) bool {
		if n.Kind() != "assignment_expression" {
			return true
		}
		left := scope.Unwrap(n.Get("left"))
		if left.Kind() == "member_expression" && scope.Unwrap(left.Get("object")).Kind() == "this" && left.Get("property").Text() == name {
			m.assigned = append(m.assigned, n.Get("right"))
		}
		return true
	})
	return m
}

func isParameterProperty(prm syntax.Node) bool {
	for c := prm.FirstChild(); c.Valid(); c = c.NextSibling() {
		switch c.Kind() {
		case "accessibility_modifier", "readonly", "override_modifier":
			return true
		}
	}
	return false
}

// thisMember returns the this.<name> member at the root of a chain,
// through method calls on it (this.form.get('name').valueChanges ->
// this.form), or the zero Node.
func thisMember(n syntax.Node) syntax.Node {
	for {
		n = scope.Unwrap(n)
		switch n.Kind() {
		case "member_expression":
			if scope.Unwrap(n.Get("object")).Kind() == "this" {
				return n
			}
			n = n.Get("object")
		case "subscript_expression":
			n = n.Get("object")
		case "call_expression":
			if fn := scope.Unwrap(n.Get("function")); fn.Kind() == "member_expression" {
				n = fn.Get("object")
				continue
			}
			return syntax.Node{}
		default:
			return syntax.Node{}
		}
	}
}

// ownedByThis reports sources made by the owner itself: every value its
// class gives the member is a new object (a Subject, a FormGroup from
// FormBuilder, a store) or built by one of its own methods. A subscription
// to something the owner owns dies with it.
func (c *classifier) ownedByThis(n syntax.Node) bool {
	m := thisMember(n)
	if !m.Valid() {
		return false
	}
	class := c.p.Scope.ThisOwner(m)
	if !class.Valid() || class.Kind() == "object" {
		return false
	}
	def := findMember(class, m.Get("property").Text())
	if contentQuery(def.decl) {
		// Projected content is made by the parent's template, not this
		// component: its directives' streams are theirs (NG-ZORRO's
		// overflow suffix width$). The query's own QueryList.changes is
		// this component's.
		return isQueryChanges(m, n)
	}
	if viewPart(def.decl) {
		return true
	}
	if def.injected {
		return false
	}
	values := append([]syntax.Node(nil), def.assigned...)
	if def.value.Valid() {
		values = append(values, def.value)
	}
	if len(values) == 0 {
		return false
	}
	for _, v := range values {
		if !madeHere(v) {
			return false
		}
	}
	return true
}

// contentQuery reports a @ContentChild/@ContentChildren member.
func contentQuery(decl syntax.Node) bool {
	for _, d := range memberDecorators(decl) {
		if d == "ContentChild" || d == "ContentChildren" {
			return true
		}
	}
	return false
}

// memberDecorators names the decorators of a class member
// (`@ViewChild("x")` gives ViewChild).
func memberDecorators(decl syntax.Node) []string {
	if !decl.Valid() {
		return nil
	}
	var names []string
	for c := decl.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.Kind() != "decorator" {
			continue
		}
		d := c.Child(0)
		if d.Kind() == "call_expression" {
			d = d.Get("function")
		}
		names = append(names, d.Text())
	}
	return names
}

// isQueryChanges reports n as member m's own changes stream
// (this.items.changes).
func isQueryChanges(m, n syntax.Node) bool {
	n = scope.Unwrap(n)
	return n.Kind() == "member_expression" && n.Get("property").Text() == "changes" &&
		scope.Unwrap(n.Get("object")).Index() == m.Index()
}

// viewQueries are Angular's decorators for parts of a component's own view.
var viewQueries = map[string]bool{"ViewChild": true, "ViewChildren": true, "ContentChild": true, "ContentChildren": true}

// viewPart reports a member that is part of the component's own view: a
// @ViewChild query (a child component's outputs, a QueryList's changes)
// or the host ElementRef (content queries are decided before, by
// contentQuery). Its streams die with the
// component.
func viewPart(decl syntax.Node) bool {
	if !decl.Valid() {
		return false
	}
	for _, d := range memberDecorators(decl) {
		if viewQueries[d] {
			return true
		}
	}
	t := strings.TrimSpace(strings.TrimPrefix(decl.Get("type").Text(), ":"))
	return strings.HasPrefix(t, "ElementRef") || strings.HasPrefix(t, "QueryList")
}

// eventTargetLife classifies fromEvent(target, ...) by its target: the
// component's own elements die with it, window and document do not.
func (c *classifier) eventTargetLife(target syntax.Node) lifespan {
	target = scope.Unwrap(target)
	if thisMember(target).Valid() {
		if c.ownedByThis(target) {
			return ownedHere
		}
		return longLived
	}
	switch c.p.Scope.LifetimeOf(target) {
	case scope.Self, scope.Local:
		return ownedHere
	case scope.Global, scope.ModuleLevel, scope.Parameter, scope.Member:
		return longLived
	}
	return unknown
}

// madeHere reports expressions that create a new object for the caller.
func madeHere(v syntax.Node) bool {
	v = scope.Unwrap(v)
	if scope.IsCreation(v) {
		return true
	}
	if v.Kind() != "call_expression" {
		return false
	}
	recv, name := astutil.Method(v)
	if !recv.Valid() {
		return storeFactories[name]
	}
	switch name {
	case "group", "control", "array", "record":
		return true // FormBuilder
	}
	// this.buildForm(): the class makes it itself.
	return scope.Unwrap(recv).Kind() == "this"
}

// memberInit returns the single value a class gives this.<name> when the
// subscription's source is that member, so `user$ = this.store.select(...)`
// is judged by its initialiser.
func (c *classifier) memberInit(n syntax.Node) syntax.Node {
	if scope.Unwrap(n.Get("object")).Kind() != "this" {
		return syntax.Node{}
	}
	class := c.p.Scope.ThisOwner(n)
	def := findMember(class, n.Get("property").Text())
	if def.injected {
		return syntax.Node{}
	}
	var values []syntax.Node
	for _, v := range append([]syntax.Node{def.value}, def.assigned...) {
		// `person$: Observable<Person> | null = null` then one real value.
		if v := scope.Unwrap(v); v.Valid() && v.Kind() != "null" && v.Kind() != "undefined" {
			values = append(values, v)
		}
	}
	if len(values) != 1 {
		return syntax.Node{}
	}
	return values[0]
}

// subscribeStyle is how a subscription is undone.
type subscribeStyle uint8

const (
	styleUnknown subscribeStyle = iota
	// styleRx: subscribe returns a Subscription; call .unsubscribe().
	styleRx
	// styleFunc: subscribe returns an unsubscribe function (Redux, Svelte
	// stores, Vuex, Zustand, nanostores); call it.
	styleFunc
)

// storeModules return stores whose subscribe gives back a function.
var storeModules = []string{"redux", "@reduxjs/toolkit", "react-redux", "svelte/store", "zustand", "vuex", "nanostores", "@nanostores", "effector", "valtio", "jotai", "$app/stores"}

// styleOf decides by the shape of the code how the subscription is
// undone: owners whose convention subscribes to Observables (Angular) and
// RxJS-looking sources (a pipe, a `$` name, an RxJS creation function, an
// observer object or error callback) give a Subscription; a receiver named
// like a store, an owner whose convention subscribes to stores (Svelte), or
// a file that imports a store library gives an unsubscribe function.
func (c *classifier) styleOf(call syntax.Node, src source) subscribeStyle {
	style := c.o.Follows().Subscriptions.Style
	if style == lifecycle.StyleRx || src.rx {
		return styleRx
	}
	args := astutil.Args(call)
	if len(args) == 0 || len(args) > 1 {
		return styleRx // subscribe() or subscribe(next, error)
	}
	if a := scope.Unwrap(args[0]); a.Kind() == "object" {
		return styleRx // an observer { next, error, complete }
	}
	recv, _ := astutil.Method(call)
	if storeName.MatchString(lastName(recv)) || hookName.MatchString(lastName(recv)) {
		return styleFunc
	}
	if style == lifecycle.StyleStore {
		return styleFunc
	}
	if id := astutil.RootOf(recv); id.Kind() == "identifier" {
		if mod := c.p.Life.ImportedFrom(id.Text()); mod != "" && (strings.Contains(mod, "store") || importsAny(c.p, storeModules...)) {
			return styleFunc
		}
	}
	if importsAny(c.p, storeModules...) && !importsAny(c.p, "rxjs") {
		return styleFunc
	}
	if importsAny(c.p, "rxjs") && !importsAny(c.p, storeModules...) {
		return styleRx
	}
	return styleUnknown
}

// importsAny reports whether the file imports from one of the modules (or
// their subpaths).
func importsAny(p *analyzer.Pass, modules ...string) bool {
	for _, st := range p.Tree.Root().Children() {
		if st.Kind() != "import_statement" {
			continue
		}
		src, _ := astutil.StringValue(st.Get("source"))
		for _, m := range modules {
			if src == m || strings.HasPrefix(src, m+"/") {
				return true
			}
		}
	}
	return false
}
