package subscriptions

import (
	"fmt"
	"regexp"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// NotDisposed is subscription-not-disposed.
var NotDisposed = &analyzer.Rule{
	ID:         "subscription-not-disposed",
	Severity:   analyzer.SeverityWarning,
	Kinds:      []string{"call_expression"},
	APIs:       subscriptionAPIs,
	Needles:    apis.Builtin().Needles(subscriptionAPIs),
	NeedsOwner: true,
	New: func(p *analyzer.Pass) analyzer.Visitor {
		ops := make(map[string]bool, len(completingOperators))
		for k := range completingOperators {
			ops[k] = true
		}
		// .leakwatch.json: {"rules": {"subscription-not-disposed":
		// {"options": {"completingOperators": ["untilComponentDestroyed"]}}}}
		if extra, ok := p.Options["completingOperators"].([]any); ok {
			for _, e := range extra {
				if s, ok := e.(string); ok {
					ops[s] = true
				}
			}
		}
		return &notDisposed{p: p, operators: ops}
	},
	Doc: analyzer.Doc{
		Title: "Subscription made by a component or disposable object is never unsubscribed",
		Text: `A subscription keeps its callback alive, and the callback keeps alive everything
it closes over: the component, its state, its DOM. When a component or any object with
a teardown subscribes to something that outlives it (a store, a service's observable,
the router, a form it was given, a module-level subject, props), the source holds the
subscription until it is unsubscribed. If the owner never unsubscribes, every mount
adds one more subscriber that runs on every emission and is never collected.

This covers RxJS (subscribe returns a Subscription: call unsubscribe()), Redux-style
stores, Svelte stores, Vuex and Zustand (subscribe returns an unsubscribe function: call
it), in Angular components, directives and services with ngOnDestroy, React effects and
class components, Vue (both APIs), Svelte, Web Components and Lit, and classes with a
teardown method (dispose, destroy, ...).

Not reported, precision first: subscriptions at module top level; sources the owner
creates itself (a Subject or FormGroup in its own field, a store made locally); and the
results of other objects' methods (this.api.load().subscribe()), which are usually
one-shot HTTP requests that complete by themselves.

An Angular service a component provides (providers: [...]) is destroyed with that
component, so it owns its subscriptions even before it has an ngOnDestroy. Which
@Injectable() is one is read from what it injects: what only an element injector gives
(ElementRef, ChangeDetectorRef, ViewContainerRef, TemplateRef, Renderer2) or its own class
from a parent injector (@SkipSelf() parent: SubmenuService). A root service, or an
@Injectable() nothing marks so, lives as long as the application and is left alone.

A pipe holds what its operators subscribe to: mergeMap, switchMap, concatMap and
exhaustMap keep the stream their callback returns until it completes, and withLatestFrom,
switchMapTo and friends subscribe to their arguments. A pipe over the owner's own subject
that switches to a service's stream is judged by that stream.

take(1) and first() end a subscription only when a value comes. One whose callback closes
its owner (popup.closeClick.pipe(take(1)).subscribe(() => this.close())) is reported when
the owner can be closed without that value: its close() is public or called elsewhere in
the class (another close path, Escape). Closed another way, it stays subscribed.

How the cleanup is written is decided by the shape of the code: in Angular, or when the
source looks like RxJS (a .pipe(...), a name ending in $, an RxJS creation function such
as interval or fromEvent, NgRx select, an observer object or an error callback), subscribe
returns a Subscription; when the receiver is named like a store (store, $store, useStore),
in Svelte, or in a file that imports a store library (redux, svelte/store, zustand, vuex,
nanostores), it returns an unsubscribe function. When neither is clear, no fix is offered.

A cleanup that comes back inside a promise never runs. An async effect or onMount
callback returns a promise, which React and Svelte ignore, so the unsubscribe function it
returns is lost (the listener, timer and observer rules say the same of their cleanups);
run the async work in an inner function of a sync callback, or clean up in onDestroy.
And some services' subscribe returns a promise of the subscription (Appwrite's
Realtime#subscribe resolves to an object whose close() ends it): returned from the
callback as if it were the cleanup, or dropped, it is reported, and the fix keeps the
promise and closes the subscription from the returned cleanup once it resolves.

Subscription helpers that are not a subscribe() method, such as Home Assistant's
subscribeXxx(hass, ...) functions and its connection's subscribeEvents and
subscribeMessage (they return an unsubscribe function, or a promise of one), are
reported in one shape, where the code itself shows it holds a subscription: the owner
keeps it in a field and calls it only right before subscribing again, and its teardown
ends other things but not this one, so the last subscription outlives it. A teardown
that only calls the base class's says nothing about whether the element is ever
removed (an application's sidebar never is), so that case is left alone. The fix calls
it in the teardown; it is safe when connectedCallback subscribes again, since a custom
element can be attached again.

The completing operators can be extended with the rule option completingOperators
(a list of operator names).`,
		Accepts: []string{
			"a pipe that completes: take(n), first() (unless its callback closes the owner, which can also be closed another way), takeUntil(x) (anywhere in the pipe), takeWhile(...), takeUntilDestroyed(...) with or without a DestroyRef, untilDestroyed(this), elementAt, find, findIndex, and operators named in the completingOperators option",
			"a stored Subscription or unsubscribe function that is unsubscribed or called in the owner's teardown (ngOnDestroy, DestroyRef.onDestroy, componentWillUnmount, beforeUnmount/onBeforeUnmount/onUnmounted, onDestroy, disconnectedCallback, dispose, ...), directly, with optional chaining, or through a method or local function the teardown calls",
			"a Subscription added to a parent (this.subs.add(a.subscribe()), sub.add(...)) or pushed into an array, when the teardown unsubscribes or iterates that parent",
			"a subscription or unsubscribe function returned to the framework: useEffect(() => store.subscribe(fn)), return unsubscribe, return () => sub.unsubscribe(), onMount(() => page.subscribe(fn)), onDestroy(unsubscribe)",
			"a subscription handed to another function, or unsubscribed by its own callback, directly or in a method of the owner the callback calls (this.drag = up$.subscribe(() => this.release()), where release() unsubscribes this.drag: it lasts one gesture)",
			"a subscription helper's unsubscribe function (Home Assistant's subscribeXxx(hass, ...), connection.subscribeEvents/subscribeMessage) called or awaited and called in the teardown or a helper it calls, kept in a list the teardown empties, returned from SubscribeMixin's hassSubscribe(), or ended in a method that does not subscribe again (a dialog's closeDialog)",
			"sources that complete by themselves or are completed for you: Angular HttpClient requests (this.http.get(...) and friends) and an injected service's method whose body, in the service's own file, only returns one such request of the service's HttpClient (through map, tap, first, take, retry, timeout, finalize or shareReplay), whatever its name says, ActivatedRoute streams (params, paramMap, queryParams, queryParamMap, data, fragment, url, title, also of parent routes), of(...), from([...]) or from(promise), timer(n), ajax, toObservable",
			"completing or destroying the source itself in the teardown (this.source$.complete(), client.unsubscribe(...), client.quit())",
			"sources the owner creates itself (a Subject, FormGroup or store in its own field or a local variable) and results of other objects' methods (this.api.load().subscribe())",
			"valueChanges and statusChanges of an Angular form control the owner builds (new FormGroup(...), fb.group(...)), also of a part of it (group.get(\"type\"), group.controls.type), when a method builds it and returns it into the owner's form, and of the form a base class keeps when the class overrides the method that builds it (getForm() { return new FormGroup(...) }); a control given from outside (an @Input(), a parameter, one handed to another object) is reported",
			"parts of an Angular component's own view: @ViewChild/@ViewChildren members (a child's outputs, QueryList changes), the changes of a @ContentChildren QueryList, the host ElementRef, and fromEvent on the component's own elements (fromEvent(window, ...) and fromEvent(document, ...) are reported); streams of projected content (@ContentChild/@ContentChildren directives) are reported",
			"Angular's bootstrap component (AppComponent, or selector app-root), which lives as long as the application",
			"subscriptions at module top level, or outside any component or disposable class",
			"{ signal } passed in the options",
			"a topic subscription that hands the client no callback: conn.subscribe(topic), its result dropped, on a client the file unsubscribes by name elsewhere (conn.unsubscribe(topic)); the client keeps nothing of the owner, and the messages come through a stream judged on its own",
		},
		Bad: analyzer.Example{Path: "user-card.component.ts", Code: `import { Component, OnInit } from "@angular/core";
import { Store } from "@ngrx/store";
import { selectUser, User } from "./user.state";

@Component({ selector: "app-user-card", template: "{{ user?.name }}" })
export class UserCardComponent implements OnInit {
  user?: User;

  constructor(private store: Store) {}

  ngOnInit(): void {
    this.store.select(selectUser).subscribe((user) => (this.user = user));
  }
}
`},
		Good: analyzer.Example{Path: "user-card.component.ts", Code: `import { Component, DestroyRef, OnInit, inject } from "@angular/core";
import { takeUntilDestroyed } from "@angular/core/rxjs-interop";
import { Store } from "@ngrx/store";
import { selectUser, User } from "./user.state";

@Component({ selector: "app-user-card", template: "{{ user?.name }}" })
export class UserCardComponent implements OnInit {
  user?: User;
  private readonly destroyRef = inject(DestroyRef);

  constructor(private store: Store) {}

  ngOnInit(): void {
    this.store
      .select(selectUser)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((user) => (this.user = user));
  }
}
`},
	},
}

// subscriptionAPIs is the part of the registration API table the rule
// follows.
var subscriptionAPIs = apis.Use{Family: apis.Subscription}

type notDisposed struct {
	p         *analyzer.Pass
	operators map[string]bool
}

// sourceDisposers end a source and every subscription on it.
var sourceDisposers = map[string]bool{
	"complete": true, "unsubscribe": true, "destroy": true, "dispose": true, "close": true,
	"quit": true, "disconnect": true, "end": true, "terminate": true, "$destroy": true, "stop": true,
}

// registration is one subscribe call that may leak.
type registration struct {
	call   syntax.Node
	recv   syntax.Node
	owner  *lifecycle.Owner
	src    source
	style  subscribeStyle
	topic  syntax.Node // the topic of topic-based pub/sub (`client.subscribe("news")`)
	holder holder
	// oneShot is set for a take(1) subscription that closes its owner
	// and is left behind when the owner is closed another way.
	oneShot *closingOneShot
}

// holder is where the subscription went.
type holder struct {
	// kind is "discarded", "variable", "member" or "collection".
	kind   string
	node   syntax.Node // the variable, member or collection
	key    string
	method string // the collection's method: add, push, ...
}

func (v *notDisposed) Visit(n syntax.Node) {
	p := v.p
	if _, ok := helperSubscription(n); ok {
		v.visitHelper(n)
		return
	}
	recv, name := astutil.Method(n)
	if _, subscribes := apis.Builtin().Adder(apis.Subscription, name); !subscribes || !recv.Valid() {
		return
	}
	switch scope.Unwrap(recv).Kind() {
	case "this", "super":
		return
	}
	if p.Life.RunsAtLoad(n) {
		return
	}
	// A class that lives as long as the application never ends: only
	// subscriptions it opens again on every emission of another stream
	// can pile up there.
	o, appLifetime := p.Life.OwnerOf(n), false
	outer := perEmission(n)
	if o == nil {
		if !outer.Valid() {
			return
		}
		if o = p.Life.AppLifetimeOwnerOf(n); o == nil {
			return
		}
		appLifetime = true
	}
	for _, a := range astutil.Args(n) {
		if _, ok := astutil.Property(a, "signal"); ok {
			return
		}
	}
	// A service whose subscribe returns a promise of the subscription:
	// that promise returned as the cleanup, or dropped, closes nothing,
	// wherever the service lives.
	if d, ok := promisedDisposerOf(p, n); ok && !appLifetime && v.reportPromised(n, o, d) {
		return
	}
	c := &classifier{p: p, o: o, operators: v.operators}
	r := registration{call: n, recv: recv, owner: o}
	r.src = c.classify(recv, 0)
	if r.src.life == completes {
		if once, ok := c.closesOwnerOnce(n, recv); ok {
			r.src = source{life: longLived, rx: true, node: once.source}
			r.oneShot = &once
		}
	}
	if r.src.life != longLived {
		return
	}
	topicClient := false
	if first := astutil.Arg(n, 0); first.Valid() {
		_, named := astutil.StringValue(first)
		topicClient = !astutil.IsFunction(first) && unsubscribesByName(p, recv)
		if named || topicClient {
			r.topic = first
		}
	}
	h, undone := v.holderOf(o, n)
	if undone || v.opaqueCleanup(o, h) {
		return
	}
	r.holder = h
	if topicClient && h.kind == "discarded" && handsNoFunction(p, o, n) {
		return // a topic pair that keeps nothing of the owner (topics.go)
	}
	if outer.Valid() && h.kind == "discarded" && c.emitsRepeatedly(outer) {
		v.reportPerEmission(r, outer)
		return
	}
	if appLifetime {
		return
	}
	if v.sourceEnded(o, recv) {
		return
	}
	r.style = c.styleOf(n, r.src)
	v.report(r)
}

// holderOf follows the subscription's result: undone reports whether it
// is evidently disposed of (or handed to code we cannot see, precision
// first).
func (v *notDisposed) holderOf(o *lifecycle.Owner, call syntax.Node) (h holder, undone bool) {
	p := v.p
	// [a.subscribe(), b.subscribe()] and { a: x.subscribe() } are held by
	// whatever holds the literal.
	held := call
	for {
		parent := held.Parent()
		for parent.Kind() == "parenthesized_expression" {
			parent = parent.Parent()
		}
		if parent.Kind() == "pair" {
			parent = parent.Parent()
		}
		if parent.Kind() == "array" || parent.Kind() == "object" || parent.Kind() == "spread_element" {
			held = parent
			continue
		}
		break
	}
	ch := cleanup.HandleOf(p, held)
	if cleanup.HandleUndone(p, o, call, ch) {
		return h, true
	}
	h = holder{kind: ch.Kind, node: ch.Holder, key: ch.Key}
	switch ch.Kind {
	case "discarded":
		return h, false
	case "returned":
		// HandleUndone let it through: an async callback returns it.
		return h, false
	case "variable":
		undone, moved := v.variableHandedOn(o, ch.Holder)
		if moved.kind != "" {
			h = moved
		}
		return h, undone
	case "member":
		if ch.Key == "" || v.disposedIn(o, call, ch.Key) {
			return h, true
		}
		return h, false
	case "collection":
		if ch.Key == "" {
			return h, true
		}
		// A local collection that is handed on or disposed elsewhere.
		if id := scope.Unwrap(ch.Holder); id.Kind() == "identifier" {
			if undone, _ := v.variableHandedOn(o, id); undone {
				return h, true
			}
		}
		_, h.method = astutil.Method(astutil.UseOf(held).Holder)
		return h, false
	}
	// Handed to another function, returned, or used in an expression we
	// do not follow.
	return h, true
}

// opaqueCleanup reports an effect or onMount callback that returns a
// cleanup we cannot read (a parameter, an imported function): it may well
// undo the subscription, so precision first. A useCallback-wrapped cleanup
// is read through.
func (v *notDisposed) opaqueCleanup(o *lifecycle.Owner, h holder) bool {
	for _, r := range o.Returned {
		r = scope.Unwrap(r)
		if r.Kind() != "identifier" || r.Text() == "undefined" {
			continue
		}
		b := v.p.Scope.Resolve(r)
		if b == nil {
			return true
		}
		init := scope.Unwrap(b.Init)
		if init.Kind() != "call_expression" {
			if h.key != "" && v.p.Scope.Key(r) == h.key {
				continue
			}
			return true
		}
		switch astutil.MethodName(init) {
		case "useCallback", "useMemo", "useEvent", "useEffectEvent", "useMemoizedFn", "useLatestCallback":
			fn := scope.Unwrap(astutil.Arg(init, 0))
			if h.key == "" || !scope.IsFunction(fn) {
				return true
			}
			found := false
			fn.Walk(func(n syntax.Node) bool {
				if !found && n.Kind() != "call_expression" && v.p.Scope.Key(n) == h.key {
					found = true
				}
				return !found
			})
			if found {
				return true
			}
		default:
			// A disposer some other call returned (const off = x.on(...)).
			continue
		}
	}
	return false
}

// variableHandedOn reports whether a variable holding the subscription is
// disposed of anywhere (its own callback, a later branch), returned,
// handed to a function, or copied into something the teardown disposes.
// When it is only added to a collection the teardown ignores, moved is
// that collection.
func (v *notDisposed) variableHandedOn(o *lifecycle.Owner, id syntax.Node) (undone bool, moved holder) {
	p := v.p
	b := p.Scope.Resolve(id)
	if b == nil {
		return false, moved
	}
	for _, ref := range p.Scope.References(b) {
		// The cleanup an async callback returns never runs: what it
		// does with the handle does not count.
		if ref.Index() == id.Index() || p.Life.InLostCleanup(ref) {
			continue
		}
		if disposes(ref) {
			return true, moved
		}
		use := astutil.UseOf(ref)
		switch use.Kind {
		case "returned":
			return true, moved
		case "argument":
			h := cleanup.HandleOf(p, ref)
			if h.Kind != "collection" || h.Key == "" || cleanup.Mentioned(p, o, h.Key).Valid() {
				return true, moved
			}
			_, method := astutil.Method(use.Holder)
			moved = holder{kind: "collection", node: h.Holder, key: h.Key, method: method}
		case "variable", "member":
			if key := p.Scope.Key(use.Holder); key == "" || cleanup.Mentioned(p, o, key).Valid() {
				return true, moved
			}
		}
	}
	return false, moved
}

// disposes reports whether a reference to a handle unsubscribes it:
// `h.unsubscribe()`, `h()`, `h?.()`.
func disposes(ref syntax.Node) bool {
	parent := ref.Parent()
	for parent.Kind() == "parenthesized_expression" || parent.Kind() == "non_null_expression" {
		ref, parent = parent, parent.Parent()
	}
	switch parent.Kind() {
	case "call_expression":
		return ref.Field() == "function"
	case "member_expression":
		if ref.Field() == "object" && parent.Get("property").Text() == "unsubscribe" {
			return parent.Parent().Kind() == "call_expression"
		}
	}
	return false
}

// disposedIn reports a member handle unsubscribed by the subscription's
// own callback (`this.sub = x$.subscribe(v => { ...; this.sub.unsubscribe() })`),
// directly or in a method of the owner the callback calls
// (`this.drag = up$.subscribe(() => this.release())` where release
// unsubscribes this.drag): the first event ends it.
func (v *notDisposed) disposedIn(o *lifecycle.Owner, call syntax.Node, key string) bool {
	seen := map[int]bool{}
	var in func(region syntax.Node, depth int) bool
	in = func(region syntax.Node, depth int) bool {
		found := false
		region.Walk(func(n syntax.Node) bool {
			if found {
				return false
			}
			if n.Kind() == "member_expression" && v.p.Scope.Key(n) == key && disposes(n) {
				found = true
			}
			if n.Kind() == "call_expression" && depth < 2 {
				if m := v.ownMethod(o, n); m.Valid() && !seen[m.Index()] {
					seen[m.Index()] = true
					found = in(m, depth+1)
				}
			}
			return !found
		})
		return found
	}
	return in(call.Get("arguments"), 0)
}

// ownMethod returns the method of the owner that a call of this.name()
// runs, or the zero Node.
func (v *notDisposed) ownMethod(o *lifecycle.Owner, call syntax.Node) syntax.Node {
	recv, name := astutil.Method(call)
	if scope.Unwrap(recv).Kind() != "this" || name == "" {
		return syntax.Node{}
	}
	return v.p.Life.Method(o, name)
}

// sourceEnded reports whether the teardown completes or closes what is
// subscribed to (this.source$.complete(), client.quit()).
func (v *notDisposed) sourceEnded(o *lifecycle.Owner, recv syntax.Node) bool {
	p := v.p
	source := stripOperators(recv)
	key := p.Scope.Key(source)
	// The service that made the stream may end it: monitor(el) is undone
	// by stopMonitoring(el) on the same service.
	serviceKey := ""
	if source.Kind() == "call_expression" {
		if svc, _ := astutil.Method(source); svc.Valid() {
			serviceKey = p.Scope.Key(svc)
		}
	}
	if key == "" && serviceKey == "" {
		return false
	}
	return v.p.Life.FindInTeardown(o, func(n syntax.Node) bool {
		if n.Kind() != "call_expression" {
			return false
		}
		r, name := astutil.Method(n)
		if !r.Valid() {
			return false
		}
		k := p.Scope.Key(r)
		return sourceDisposers[name] && k == key && key != "" || serviceKey != "" && k == serviceKey && serviceUndo.MatchString(name)
	}).Valid()
}

// serviceUndo matches a service's methods that end what it handed out.
var serviceUndo = regexp.MustCompile(`^(stop|un[a-z]|remove|cancel|release|detach|dispose|destroy|close)`)

// stripOperators returns the source under .pipe(...) and patch-style
// operators: this.user$.pipe(map(f)) -> this.user$.
func stripOperators(n syntax.Node) syntax.Node {
	for {
		n = scope.Unwrap(n)
		if n.Kind() != "call_expression" {
			return n
		}
		recv, name := astutil.Method(n)
		if !recv.Valid() || name != "pipe" && !passThroughOperators[name] {
			return n
		}
		n = recv
	}
}

func (v *notDisposed) report(r registration) {
	o := r.owner
	what := "subscription to " + cleanup.Describe(stripOperators(r.recv))
	if r.topic.Valid() {
		what = fmt.Sprintf("subscription to %s on %s", cleanup.Describe(r.topic), cleanup.Describe(r.recv))
	}
	where := cleanup.WhereClause(o)
	var msg string
	switch r.holder.kind {
	case "variable", "member":
		held := cleanup.Describe(r.holder.node)
		if r.holder.kind == "variable" && !fixgen.Visible(v.p, fixgen.CleanupScope(o), r.holder.node) {
			msg = fmt.Sprintf("%s is kept in the local %s, which the teardown cannot reach; keep it on this and unsubscribe it %s", what, held, where)
			if end := o.Follows().Subscriptions.End; end != nil {
				msg += ", or end it with " + endOperatorPhrase(v.p, o, end)
			}
			break
		}
		never := map[subscribeStyle]string{styleRx: "unsubscribed", styleFunc: "called", styleUnknown: "disposed"}[r.style]
		msg = fmt.Sprintf("%s is kept in %s but never %s; %s %s", what, held, never, undoPhrase(r, r.holder.node.Text()), where)
	case "collection":
		msg = fmt.Sprintf("%s is added to %s, which is never unsubscribed; %s %s", what, cleanup.Describe(r.holder.node), collectionUndoPhrase(r), where)
	default:
		switch {
		case r.holder.kind == "returned":
			msg = fmt.Sprintf("%s is never undone: it is returned from an async callback, which hands %s a promise, so %s never receives the subscription; keep it and undo it %s",
				what, o.Name, o.Name, where)
		case r.oneShot != nil:
			msg = fmt.Sprintf("%s ends with %s only if it emits; it closes %s, but %s() can run without it (another close path, a caller), and then it stays subscribed; ",
				what, r.oneShot.operator, o.Name, r.oneShot.teardown)
			if end := o.Follows().Subscriptions.End; end != nil {
				msg += fmt.Sprintf("end it with %s too, or keep it and unsubscribe it %s", endOperatorPhrase(v.p, o, end), where)
			} else {
				msg += "keep it and unsubscribe it " + where
			}
		case r.topic.Valid():
			msg = fmt.Sprintf("%s is never undone; call %s.unsubscribe(%s) %s", what, cleanup.Describe(r.recv), r.topic.Text(), where)
		case o.Follows().Subscriptions.End != nil:
			msg = fmt.Sprintf("%s is never unsubscribed; end it with %s or keep it and unsubscribe %s", what, endOperatorPhrase(v.p, o, o.Follows().Subscriptions.End), where)
		case r.style == styleRx:
			msg = fmt.Sprintf("%s is never unsubscribed: the Subscription subscribe() returns is discarded; keep it and call its unsubscribe() %s", what, where)
		case r.style == styleFunc:
			msg = fmt.Sprintf("%s is never undone: the unsubscribe function subscribe() returns is discarded; keep it and call it %s", what, where)
		default:
			msg = fmt.Sprintf("%s is never disposed: what subscribe() returns is discarded; keep it and unsubscribe %s", what, where)
		}
	}
	callee := astutil.Callee(r.call)
	d := analyzer.Diagnostic{Start: callee.Start(), End: r.call.End(), Message: msg,
		Related: []analyzer.Related{cleanup.Where(o)}}
	if v.p.WantsFixes() {
		d.Fixes = v.fixes(r)
	}
	v.p.Report(d)
}

// undoPhrase words how a kept handle is undone.
func undoPhrase(r registration, h string) string {
	switch r.style {
	case styleRx:
		return "call " + h + ".unsubscribe()"
	case styleFunc:
		return "call " + h + "()"
	}
	return "unsubscribe it"
}

func collectionUndoPhrase(r registration) string {
	h := r.holder.node.Text()
	if r.holder.method == "add" && r.style != styleFunc {
		return "call " + h + ".unsubscribe()"
	}
	return "unsubscribe each of them"
}

// endOperatorPhrase names the operator the fix would add.
func endOperatorPhrase(p *analyzer.Pass, o *lifecycle.Owner, end *lifecycle.EndOperator) string {
	if t := existingTakeUntil(p, o); t.Valid() {
		return "takeUntil(" + t.Text() + ")"
	}
	return end.Name + "()"
}

// perEmission returns the stream whose every emission runs n: n is in a
// callback given to that stream's subscribe(), or to an operator in its
// pipe() (tap, map, ...). The zero Node otherwise.
func perEmission(n syntax.Node) syntax.Node {
	fn := astutil.EnclosingFunction(n)
	args := fn.Parent()
	for args.Kind() == "parenthesized_expression" {
		args = args.Parent()
	}
	if !fn.Valid() || args.Kind() != "arguments" {
		return syntax.Node{}
	}
	call := args.Parent()
	if recv, name := astutil.Method(call); name == "subscribe" && recv.Valid() {
		return recv
	}
	if call.Get("function").Kind() == "identifier" && call.Parent().Kind() == "arguments" {
		pipe := call.Parent().Parent()
		if recv, name := astutil.Method(pipe); name == "pipe" && recv.Valid() {
			return pipe
		}
	}
	return syntax.Node{}
}

// oneShotOperators make a stream emit at most once.
var oneShotOperators = map[string]bool{"take": true, "first": true, "last": true, "single": true, "elementAt": true, "find": true, "findIndex": true}

// emitsRepeatedly reports a stream that emits again and again for as long
// as its source lives: a long-lived source piped through no operator that
// stops it after one value. takeUntil and takeUntilDestroyed only stop it
// at the end: it still emits many times before.
func (c *classifier) emitsRepeatedly(stream syntax.Node) bool {
	for n := scope.Unwrap(stream); n.Kind() == "call_expression"; {
		recv, name := astutil.Method(n)
		if !recv.Valid() || name != "pipe" && !passThroughOperators[name] && !oneShotOperators[name] {
			break
		}
		if oneShotOperators[name] {
			return false
		}
		if name == "pipe" {
			for _, op := range astutil.Args(n) {
				if op = scope.Unwrap(op); op.Kind() == "call_expression" && oneShotOperators[astutil.MethodName(op)] {
					return false
				}
			}
		}
		n = scope.Unwrap(recv)
	}
	return c.classify(stripOperators(stream), 0).life == longLived
}

// reportPerEmission reports a subscription opened in a callback that runs
// on every emission of outer and never ended: each emission adds one, for
// as long as outer emits. Ending them at teardown would not stop the pile
// up, so no fix is offered; switchMap ends the previous inner subscription
// when the next begins.
func (v *notDisposed) reportPerEmission(r registration, outer syntax.Node) {
	msg := fmt.Sprintf("a new subscription to %s is opened on every emission of %s and never ended, so they pile up; "+
		"switch to it with switchMap (which ends the previous one) instead of subscribing inside",
		cleanup.Describe(stripOperators(r.recv)), cleanup.Describe(stripOperators(outer)))
	callee := astutil.Callee(r.call)
	v.p.Report(analyzer.Diagnostic{Start: callee.Start(), End: r.call.End(), Message: msg})
}
