package listeners

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// NotRemoved is listener-not-removed.
var NotRemoved = &analyzer.Rule{
	ID:       "listener-not-removed",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"call_expression"},
	APIs:     listenerAPIs,
	// jQuery's bind is read only on a `$(x)` or `jQuery(x)` written in place.
	Needles: append(append(append(append(apis.Builtin().Needles(listenerAPIs), apis.SetterNeedles()...), apis.DisposableEventNeedles()...),
		apis.EventHelperNeedles()...), "$(", "jQuery("),
	NeedsOwner: true,
	// A class whose instances register on its own static emitter needs no
	// teardown to be reported (staticSourceOfOwnClass).
	OwnerlessNeedles: []string{"static"},
	New: func(p *analyzer.Pass) analyzer.Visitor {
		return &notRemoved{p: p}
	},
	Doc: analyzer.Doc{
		Title: "Event listener added by a component or disposable object is never removed",
		Text: `A listener keeps its handler alive, and the handler keeps alive everything it
closes over: the component, its props and state, detached DOM. When a React effect, a
class component, an Angular, Vue, Svelte or Lit component, or any class with a
teardown method (dispose, destroy, close, ...) adds a listener to something that
outlives it (window, document, a shared emitter, a socket, an element it was given),
the listener must be removed when the owner ends; otherwise every mount adds another
one and none is ever collected.

The same holds for a closure a component hands to a global object's callback slot
(window.launchQueue.setConsumer(fn), navigator.mediaSession.setActionHandler(action, fn)):
the teardown must set the slot again (to a no-op or null).

VS Code and Monaco events (model.onDidChangeContent(fn), workspace.onWillSaveTextDocument(fn),
emitter.event(fn)) have no removal call: the IDisposable they return is the only way to
take the listener off. Dropping it (or keeping it where nothing reads it) is reported in
the same owners, and in a class whose instances register on a static emitter of the
class itself, which outlives them all. A signal object that is its own event (BlockSuite's
Slot: slot.on(fn), with a function and no event name) works the same way: the disposable
its on() returns is the only removal.

Lumino signals (JupyterLab, Phosphor: model.changed.connect(fn, thisArg)) are
listeners too: the signal is the receiver, and disconnect(fn, thisArg) takes the
handler off. connect() is read as a signal only in a file that imports from
@lumino/, @phosphor/ or @jupyterlab/, since sockets, MQTT clients and Web Audio
nodes have connect() too.

Leaflet's layers, controls and handlers (L.Layer.extend({...}) and Leaflet's other
classes) take off in onRemove what onAdd put on the map they were given (map, this._map,
the map's renderer): the map goes on without them. Tiptap's extensions
(Extension.create({...}) from @tiptap/core) take off in onDestroy what they put on the
objects in this.options, such as a collaboration provider other editors share, and
its node views (classes extending NodeView from @tiptap/core) take off in destroy()
what they put on this.editor, which goes on after the node leaves the document.

Registrations at module top level and on objects created and kept locally are not
reported: they live exactly as long as their target.`,
		Accepts: []string{
			"the matching removeEventListener / off / removeListener / $off (same target, event, handler and capture flag) in the owner's teardown, directly or through a method or local function it calls, or through a variable the file assigns a cleanup function to (`let cleanup` set when a drag starts, `cleanup()` in the function the teardown runs); event helper modules' off(...) likewise (evtd's off(type, target, fn), dom-helpers' events.off(target, type, fn)), and an application module's own target-first removeEventListener (`dom.removeEventListener(el, \"click\", fn)` through its import, told from an imported EventTarget's method by naming the event second or passing four arguments)",
			"in a Vue options component, a removal in a method that a mixin from another file of the project calls from its own teardown hook (`mixins: [floating]`, whose destroyed() calls this.close(), directly or through the mixin's methods): Vue runs the mixin's hook too, and a fix writes the removal into that method",
			"removeAllListeners() or off() without a handler for the event, on the same target",
			"in a Lumino widget (JupyterLab, Theia; a class extending @lumino/widgets' Widget or its panels), a removal in onBeforeDetach or onAfterDetach: disposing an attached widget detaches it first (a removal in onBeforeHide alone is not enough)",
			"in a React effect that runs once per mount (dependencies `[]`), a listener on an element the component renders itself and reads from its ref (`<div ref={box}>`, `box.current`): the element and the listener go together; with dependencies the effect adds another listener each time it runs again, which is reported",
			"a namespace removal, `off(\".grid\")`, on the same target, for handlers added as `type.grid` (jQuery, Konva and d3 event namespaces; every namespace it names must be on the handler)",
			"for d3, which has no off(): on(type, null) for the event on the same target, in a file that imports d3 or on a global d3; for a target that leads back to a d3 function (d3.select(window), a zoom, a simulation) the message and the fix say so",
			"listeners on a dev server's hot-module-replacement API (import.meta.hot), which the shipped build does not have",
			"a drag's listeners removed when it ends (in the handler of mouseup, pointerup, touchend, or a function named for it); in a component, on window or document only for a mouse drag, whose mouseup always comes, since a touch or pointer gesture can end in a cancel that handler never hears",
			"handlers filed in a collection (a Map, an array, an object) by the code that adds them, removed by a loop over that collection in the teardown (forEach, for...of) that removes the same event",
			"for a Lumino signal: signal.disconnect(fn[, thisArg]) with the same handler in the teardown",
			"closing or destroying the target itself in the teardown (close, destroy, disconnect, terminate, abort, dispose, remove)",
			"a listener on a member the owner makes itself (this.el = document.createElement(...), new X(), a factory, or an entry of the object a Vue component's data() returns: data() { return { player: new Player() } }) or gets from a member it made (this.rendition = this.book.renderTo(el) after this.book = new Book(url)), also through an alias of the instance (const self = this): it belongs to what the owner made and goes with it",
			"an AbortSignal: { signal } in the options",
			"a disposer the call returns that is stored and called (or returned to the framework) in the teardown",
			"a listener on the owner itself (this.addEventListener in a custom element, this.$on in Vue)",
			"in a class component, an element found in the document by what its render writes (document.querySelector(\".title\") or getElementById(\"canvas\") for a class or id its JSX names), or looked up in a setState callback when the render injects the state just set as HTML (dangerouslySetInnerHTML, or an HTML parser such as html-react-parser given this.state.html); lookups of other elements (the app's header, the body) are reported",
			"a listener on what the owner makes with d3: a behaviour, simulation or element from a d3 factory (d3.zoom(), d3.forceSimulation(nodes), d3.create(\"svg\")), through d3's chained calls, locals, an empty Vue ref or a member the owner fills with it, and elements selection.append made under anything but the page (d3.select(window), d3.select(\"body\") and module-level simulations are reported)",
			"in a Vue component, a listener on its own markup, which goes with its template: its root element (this.$el in an options component) and what this.$refs holds (an element, or what a child component keeps, such as its editor), a template ref (useTemplateRef, or a ref() made empty that the script never writes; read as box.value, unref(box) or toValue(box)), a parameter of a helper every call of which passes one, what a handler the markup binds only to child components' events is given (the editor <Ckeditor @ready=onEditorReady> made), and the elements of such a collection (for (const item of toolbar.items), nodes.forEach(node => ...), also when the variable is set again the same way); not what those lead out to (ownerDocument, parents, form, closest(), a child's $root or $store)",
			"in a Vue component, a listener on a widget it builds on an element of its own markup and keeps in a member or a variable of its instance script (this.cm = CodeMirror.fromTextArea(this.$refs.area), await Editor.create(el), new Chart(box.value)) or on a part of it (editor.model.document): the widget hangs off that element; one built on the page, on what the element leads out to, or got from a registry by the element's name or id is reported",
			"for onDidX / onWillX / emitter.event / slot.on(fn): the IDisposable handed to this._register, pushed or added to a list or DisposableStore, kept in a field the teardown disposes, returned or passed on; a disposables argument (fn, this, this._disposables); Event.once; or a source the owner creates and disposes itself",
			"in a class whose lifetime the rule cannot see, a handler of a request channel (ipcMain.on(\"settings-get\", fn) with a literal channel): a program answers each channel once, so such a class is one of its services, made at startup",
			".once(...) for emitters; { once: true } is accepted outside components only, since an event that never fires keeps the listener",
			"in a video.js component (a class the file registers with registerComponent or registerTech): the removal in dispose() or in a handler of the component's own dispose event (this.on(\"dispose\", fn), this.one(...)), the evented this.on(target, type, fn), which dispose takes off, and one(); listeners on the player, its options and its track lists are reported only when the class takes some listener off those objects itself, since a component that never does usually lives as long as the player; a removal in a handler of the player's dispose or of another event is no teardown",
		},
		Bad: analyzer.Example{Path: "Chart.jsx", Code: `import { useEffect } from "react";

export function Chart({ onResize }) {
  useEffect(() => {
    window.addEventListener("resize", onResize);
  }, [onResize]);
  return null;
}
`},
		Good: analyzer.Example{Path: "Chart.jsx", Code: `import { useEffect } from "react";

export function Chart({ onResize }) {
  useEffect(() => {
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, [onResize]);
  return null;
}
`},
	},
}

type notRemoved struct {
	p       *analyzer.Pass
	pending []pendingAdd
	removes []call
	// removeIndex pairs removals with additions by event; built in Finish.
	removeIndex *callIndex
	// repeatedBy maps an addition (by node index) to the undo typo that
	// adds it again where the remover was meant; built in Finish.
	repeatedBy map[int]undoRepeat
}

type pendingAdd struct {
	add   call
	owner *lifecycle.Owner
	// shared: the target outlives the owner only because its convention
	// says it belongs to a longer-lived object (shared.go).
	shared bool
}

// endEvents announce that their target itself is going away.
var endEvents = map[string]bool{"dispose": true, "destroy": true, "destroyed": true, "close": true, "closed": true, "end": true, "finish": true}

// disposers are methods that end a target and every listener on it.
var disposers = map[string]bool{
	"close": true, "destroy": true, "disconnect": true, "terminate": true, "abort": true,
	"dispose": true, "remove": true, "removeAllListeners": true, "end": true, "kill": true, "stop": true,
	"$destroy": true, "unmount": true, "$off": true,
}

func (v *notRemoved) Visit(n syntax.Node) {
	if r, ok := parseRemove(v.p, n); ok {
		v.removes = append(v.removes, r)
		return
	}
	a, ok := parseAdd(v.p, n)
	if ok && a.disposable {
		v.visitDisposableEvent(disposableEvent{node: n, target: a.target, method: a.method, handler: a.handler, event: a.event})
		return
	}
	if !ok {
		if d, ok := parseDisposableEvent(v.p, n); ok {
			v.visitDisposableEvent(d)
			return
		}
		v.visitSetter(n)
		return
	}
	if v.p.Life.RunsAtLoad(n) {
		return
	}
	o := v.p.Life.OwnerOf(n)
	if o == nil {
		return
	}
	if a.style == DOM {
		if _, has := astutil.Property(a.options, "signal"); has {
			return
		}
	}
	if o.Follows().LifetimeUnknown && requestEndpoint(v.p, a) {
		return
	}
	target := unwrapJQuery(a.target)
	if devServerOnly(target) {
		return
	}
	if a.style == Signal {
		if signalCleared(v.p, o, a) {
			return
		}
		// A signal lives as long as the object it is a member of
		// (this.item.changed dies with this.item).
		target = signalSource(target)
	}
	// What the owner's convention says belongs to a longer-lived object (a
	// video.js component's player and the track lists it shares) outlives
	// the owner however the owner reaches it.
	shared := false
	if ownTarget(v.p, o, target) {
		if !v.p.Life.Outlives(o, target) {
			return
		}
		shared = true
	}
	// A listener for a target's own end (three.js 'dispose', a stream's
	// 'close') runs when the target goes away; it does not keep the owner
	// alive past that.
	if ev, ok := astutil.StringValue(a.event); ok && endEvents[ev] && v.p.Scope.LifetimeOf(target) != scope.Global {
		return
	}
	// A disposer the call returns counts, except for addEventListener,
	// which returns nothing (so `() => el.addEventListener(...)` is no
	// cleanup).
	if (a.style != DOM || a.returnsUndo) && cleanup.HandleUndone(v.p, o, n, cleanup.HandleOf(v.p, n)) {
		return
	}
	v.pending = append(v.pending, pendingAdd{add: a, owner: o, shared: shared})
}

// requestEndpoint reports a listener that answers a channel of a request
// bus (apis.EndpointBus: `ipcMain.on("config-get", ...)`) under a literal
// name. An owner whose lifetime the rule cannot see that registers one is
// one of the program's services: a second instance would answer each
// request twice. Added again per call, it is listener-added-per-call's.
func requestEndpoint(p *analyzer.Pass, a call) bool {
	if _, ok := astutil.StringValue(a.event); !ok {
		return false
	}
	t := scope.Unwrap(a.target)
	switch t.Kind() {
	case "identifier":
		return apis.EndpointBus(moduleValue(p, t))
	case "member_expression":
		obj := scope.Unwrap(t.Get("object"))
		if obj.Kind() != "identifier" {
			return false
		}
		mod, export := moduleValue(p, obj)
		return (export == "default" || export == "*") && apis.EndpointBus(mod, t.Get("property").Text())
	}
	return false
}

// moduleValue returns the module and export a top-level name is bound to,
// by an import or a require: `import { ipcMain } from "electron"` and
// `const { ipcMain } = require("electron")` give ("electron", "ipcMain"),
// `const electron = require("electron")` gives ("electron", "default").
func moduleValue(p *analyzer.Pass, id syntax.Node) (module, export string) {
	b := p.Scope.Resolve(id)
	if b == nil || !b.ModuleLevel() || b.Reassigned {
		return "", ""
	}
	if mod, export := p.Life.ImportedAs(id.Text()); mod != "" {
		return mod, export
	}
	d := b.Decl.Ancestor("variable_declarator")
	call := scope.Unwrap(d.Get("value"))
	if call.Kind() != "call_expression" || call.Get("function").Text() != "require" {
		return "", ""
	}
	mod, ok := astutil.StringValue(astutil.Arg(call, 0))
	if !ok {
		return "", ""
	}
	switch pat := d.Get("name"); {
	case pat.Kind() == "identifier":
		return mod, "default"
	case pat.Kind() == "object_pattern" && b.Decl.Parent().Index() == pat.Index():
		return mod, b.Decl.Text() // { ipcMain }
	case pat.Kind() == "object_pattern" && b.Decl.Parent().Kind() == "pair_pattern" && b.Decl.Parent().Parent().Index() == pat.Index():
		return mod, propertyKey(b.Decl.Parent().Get("key")) // { ipcMain: bus }
	}
	return "", ""
}

// propertyKey is the name a property key gives: ipcMain, "ipcMain".
func propertyKey(k syntax.Node) string {
	if s, ok := astutil.StringValue(k); ok {
		return s
	}
	return k.Text()
}

// devServerOnly reports a dev server's hot-module-replacement API
// (import.meta.hot, whose on() takes the server's events): it exists only
// while developing and is undefined in the shipped build, so nothing
// registered on it can leak in production.
func devServerOnly(target syntax.Node) bool {
	for t := scope.Unwrap(target); t.Kind() == "member_expression"; t = scope.Unwrap(t.Get("object")) {
		if t.Get("property").Text() == "hot" && scope.Unwrap(t.Get("object")).Kind() == "meta_property" {
			return true
		}
	}
	return false
}

// ownTarget reports a target that, by its lifetime, dies with owner o or
// may well live exactly as long as it.
func ownTarget(p *analyzer.Pass, o *lifecycle.Owner, target syntax.Node) bool {
	life := p.Scope.LifetimeOf(target)
	if !targetMayOutlive(o, life, apis.Accumulates(p.Scope.DeclaredType(target))) || life == scope.Unknown && madeByOwner(p, target) {
		return true
	}
	switch life {
	case scope.Parameter:
		if ownedParameter(p, target, o) || createdInstanceParam(p, target) {
			return true
		}
	case scope.Member:
		if createdByOwner(p, target, o) {
			return true
		}
	}
	if o.Follows().IsElement && rootedInThis(target) {
		return true // a part of the element itself
	}
	return ownMarkup(p, o, target) || builtOnMarkup(p, o, target) || angularElement(p, o, target) || madeByLibrary(p, o, target) || renderedQuery(p, o, target) ||
		mountOnceOwnRef(p, o, target)
}

// createdInstanceParam reports a target that is the parameter of a
// callback an init call hands the instance it creates to (apis
// InstanceCallback): tinymce.init({ setup: (editor) => editor.on(...) }).
func createdInstanceParam(p *analyzer.Pass, target syntax.Node) bool {
	id := scope.Unwrap(target)
	if id.Kind() != "identifier" {
		return false
	}
	b := p.Scope.Resolve(id)
	if b == nil || b.Kind != scope.Param {
		return false
	}
	fn := astutil.EnclosingFunction(b.Decl)
	if names := astutil.ParamNames(fn); !fn.Valid() || len(names) == 0 || names[0] != b.Name {
		return false // the instance is the first parameter
	}
	// setup: (editor) => ... or setup(editor) { ... } in an object literal.
	var key syntax.Node
	obj := fn.Parent()
	switch {
	case fn.Kind() == "method_definition":
		key = fn.Get("name")
	case obj.Kind() == "pair" && fn.Field() == "value":
		key, obj = obj.Get("key"), obj.Parent()
	default:
		return false
	}
	if fn.Kind() == "method_definition" {
		obj = fn.Parent()
	}
	if obj.Kind() != "object" || obj.Parent().Kind() != "arguments" {
		return false
	}
	call := obj.Parent().Parent()
	if call.Kind() != "call_expression" || astutil.Arg(call, 0).Index() != obj.Index() {
		return false
	}
	return apis.InstanceCallback(calleeTail(call), strings.Trim(key.Text(), `"'`))
}

// calleeTail names a call by the last two parts of its callee:
// `(window as any).tinymce.init(...)` is "tinymce.init".
func calleeTail(call syntax.Node) string {
	fn := scope.Unwrap(call.Get("function"))
	if fn.Kind() != "member_expression" {
		return fn.Text()
	}
	obj := scope.Unwrap(fn.Get("object"))
	if obj.Kind() == "member_expression" {
		obj = obj.Get("property")
	}
	return obj.Text() + "." + fn.Get("property").Text()
}

// targetMayOutlive decides from the target's lifetime alone whether a
// listener on it can outlive the owner. Objects the owner creates (kept
// locally, returned to its render code or stored on it) die with the owner
// or with whoever it hands them to; the listener is no leak of its own. A
// plain class with a teardown method is an owner whose lifetime we cannot
// see (a per-connection session, a per-request handler, an app-wide
// service): what it gets from outside may well live exactly as long as it,
// so only targets that certainly outlive everything (globals, module-level
// values) are reported there, and what it was given or keeps when its
// declared type is an emitter that accumulates listeners: a queue handed a
// shared `broker: EventEmitter` must take its listener off again.
func targetMayOutlive(o *lifecycle.Owner, life scope.Lifetime, accumulating bool) bool {
	switch life {
	case scope.Local, scope.Self, scope.Escaping:
		return false
	}
	if o.Follows().LifetimeUnknown {
		return life.LongLived() || accumulating && (life == scope.Parameter || life == scope.Member)
	}
	return true
}

// madeByOwner reports a target held in a local that the owner's code got
// from a call on something that is not long-lived: a layer its map made
// (this.map.circle(...)), an element its own render root holds
// (this.renderRoot.querySelector(...)), a child it built (await
// createEditor()). Such a target is the owner's own, or unknown; what
// comes from a long-lived root (window.matchMedia(...)), a hook or an
// injector (useSocket(), inject(Bus)) is not.
func madeByOwner(p *analyzer.Pass, target syntax.Node) bool {
	return madeByOwnerDepth(p, target, 0)
}

func madeByOwnerDepth(p *analyzer.Pass, target syntax.Node, depth int) bool {
	if depth > 4 {
		return false
	}
	id := scope.Unwrap(target)
	for id.Kind() == "member_expression" || id.Kind() == "subscript_expression" {
		id = scope.Unwrap(id.Get("object"))
	}
	if id.Kind() != "identifier" {
		return false
	}
	b := p.Scope.Resolve(id)
	if b == nil || b.ModuleLevel() || b.Kind == scope.Param {
		return false
	}
	// let editor = await this.load(); if (!editor) editor = create();
	values := bindingValues(p, b)
	if loop := b.Decl.Parent(); loop.Kind() == "for_in_statement" {
		values[0] = loop.Get("right") // for (const img of root.querySelectorAll("img"))
	}
	for _, v := range values {
		if !madeByOwnerValue(p, v, depth) {
			return false
		}
	}
	return true
}

// madeByOwnerValue decides for one value a local is given.
func madeByOwnerValue(p *analyzer.Pass, v syntax.Node, depth int) bool {
	init := scope.Unwrap(v)
	for init.Kind() == "assignment_expression" {
		// const editor = (this.editor = CodeMirror(el, opts)): the value
		// an assignment gives is its right side.
		init = scope.Unwrap(init.Get("right"))
	}
	if scope.IsCreation(init) {
		return true
	}
	if init.Kind() == "await_expression" {
		init = scope.Unwrap(init.Child(0))
	}
	if init.Kind() == "call_expression" && scope.Unwrap(init.Get("function")).Text() == "Array.from" {
		init = scope.Unwrap(astutil.Arg(init, 0))
	}
	if init.Kind() == "member_expression" || init.Kind() == "identifier" || init.Kind() == "subscript_expression" {
		// const marker = circle.editing.marker: a part of what it made.
		return madeByOwnerDepth(p, init, depth+1)
	}
	if init.Kind() != "call_expression" {
		return false
	}
	name := astutil.MethodName(init)
	if strings.HasPrefix(name, "use") || name == "inject" || name == "getInstance" {
		return false
	}
	recv, _ := astutil.Method(init)
	if !recv.Valid() {
		return true
	}
	return !p.Scope.LifetimeOf(recv).LongLived()
}

// rootedInThis reports this.x.y and this.querySelector(...) shapes.
func rootedInThis(n syntax.Node) bool { return astutil.ChainRoot(n).Kind() == "this" }

// ownedParameter decides for a parameter target in a class-like owner. A
// method's parameter (setupDrag(header)) is usually a part the class made
// and passed to a helper: whether it outlives the owner cannot be told, so
// precision first. A constructor's parameter is handed in from outside and
// may be shared (a message broker); it counts as owned only when the
// class keeps it and its teardown deals with it (this._socket.end()).
func ownedParameter(p *analyzer.Pass, target syntax.Node, o *lifecycle.Owner) bool {
	if !o.Class.Valid() {
		return false
	}
	fn := astutil.EnclosingFunction(target)
	for fn.Valid() && fn.Kind() == "arrow_function" {
		fn = astutil.EnclosingFunction(fn)
	}
	if fn.Kind() != "method_definition" || fn.Get("name").Text() != "constructor" {
		return true
	}
	if !keptOnOwner(p, target, o) {
		return false
	}
	member := scope.MemberKey(o.Class, target.Text())
	for _, ref := range memberKeys(p, o, target) {
		if ref == member {
			return true
		}
	}
	return false
}

// memberKeys lists the keys of this.x expressions in the owner's teardown
// naming the kept target.
func memberKeys(p *analyzer.Pass, o *lifecycle.Owner, target syntax.Node) []string {
	var keys []string
	p.Life.FindInTeardown(o, func(n syntax.Node) bool {
		if n.Kind() == "member_expression" && scope.Unwrap(n.Get("object")).Kind() == "this" {
			keys = append(keys, p.Scope.Key(n))
		}
		return false
	})
	_ = target
	return keys
}

// keptOnOwner reports a local or parameter whose value is stored in a
// member of the owner's class (this.x = target).
func keptOnOwner(p *analyzer.Pass, target syntax.Node, o *lifecycle.Owner) bool {
	if target.Kind() != "identifier" || !o.Class.Valid() {
		return false
	}
	b := p.Scope.Resolve(target)
	if b == nil {
		return false
	}
	// constructor(private source: Emitter) keeps it as this.source.
	if strings.HasPrefix(p.Scope.Key(target), "this@") {
		return true
	}
	for _, ref := range p.Scope.References(b) {
		asg := ref.Parent()
		if asg.Kind() != "assignment_expression" || scope.Unwrap(asg.Get("right")).Index() != ref.Index() {
			continue
		}
		left := scope.Unwrap(asg.Get("left"))
		if left.Kind() == "member_expression" && scope.Unwrap(left.Get("object")).Kind() == "this" &&
			p.Scope.ThisOwner(left).Index() == o.Class.Index() {
			return true
		}
	}
	return false
}

// createdByOwner reports a member target (this.el) that the owner's class
// itself creates somewhere (this.el = document.createElement(...), new X()),
// or gets from a member it created (this.view = this.book.renderTo(el),
// with this.book = new Book(url)): the target belongs to the owner, or to
// what the owner made, and dies with it.
func createdByOwner(p *analyzer.Pass, target syntax.Node, o *lifecycle.Owner) bool {
	return createdByOwnerDepth(p, target, o, 0)
}

// madeFromDepth bounds how many members createdByOwner follows back
// (this.view from this.book from this.library ...).
const madeFromDepth = 2

func createdByOwnerDepth(p *analyzer.Pass, target syntax.Node, o *lifecycle.Owner, depth int) bool {
	target = scope.Unwrap(target)
	if target.Kind() != "member_expression" && target.Kind() != "identifier" || !o.Class.Valid() {
		return false
	}
	// An identifier counts when it is a copy of a member (const { x } = this).
	key := p.Scope.Key(target)
	if key == "" || target.Kind() == "identifier" && !strings.HasPrefix(key, scope.MemberKey(o.Class, "")) {
		return false
	}
	created := false
	o.Class.Walk(func(n syntax.Node) bool {
		if created {
			return false
		}
		switch {
		case n.Kind() == "assignment_expression" && p.Scope.Key(n.Get("left")) == key &&
			(scope.IsCreation(n.Get("right")) || madeByMethod(p, o, n.Get("right")) || madeByCreatedMember(p, o, n.Get("right"), key, depth)):
			created = true
		case (n.Kind() == "public_field_definition" || n.Kind() == "field_definition") && scope.IsCreation(n.Get("value")) &&
			n.Parent().Parent().Index() == o.Class.Index() && scope.MemberKey(o.Class, n.Get("name").Text()) == key:
			// canvas = new Image(); as a field of the owner's class
			created = true
		case n.Kind() == "pair" && scope.IsCreation(n.Get("value")) && o.InstanceDataEntry(n) &&
			scope.MemberKey(o.Class, propertyKey(n.Get("key"))) == key:
			// data() { return { player: new Player() } } of Vue options
			created = true
		}
		return true
	})
	return created
}

// madeByCreatedMember reports a call of a method of another member the
// owner created (`this.book.renderTo(el)`): what an object the owner made
// hands out is part of that object.
func madeByCreatedMember(p *analyzer.Pass, o *lifecycle.Owner, v syntax.Node, key string, depth int) bool {
	v = scope.Unwrap(v)
	if depth >= madeFromDepth || v.Kind() != "call_expression" {
		return false
	}
	fn := scope.Unwrap(v.Get("function"))
	if fn.Kind() != "member_expression" {
		return false
	}
	maker := scope.Unwrap(fn.Get("object"))
	return maker.Kind() == "member_expression" && p.Scope.Key(maker) != key && createdByOwnerDepth(p, maker, o, depth+1)
}

// madeByMethod reports a call of a method of the owner's class that
// returns something it creates: `this.wrapper = this.htmlToElement(html)`
// with htmlToElement returning a part of a template element it made
// (`template.content.firstChild`). Each call makes a new one, which is the
// owner's as much as one it made in place.
func madeByMethod(p *analyzer.Pass, o *lifecycle.Owner, v syntax.Node) bool {
	v = scope.Unwrap(v)
	if v.Kind() != "call_expression" {
		return false
	}
	fn := scope.Unwrap(v.Get("function"))
	if fn.Kind() != "member_expression" || scope.Unwrap(fn.Get("object")).Kind() != "this" {
		return false
	}
	m := lifecycle.Methods(o.Class)[fn.Get("property").Text()]
	if !m.Valid() || !m.Get("body").Valid() {
		return false
	}
	returns := 0
	ok := true
	m.Get("body").Walk(func(n syntax.Node) bool {
		if !ok {
			return false
		}
		if scope.IsFunction(n) && n.Index() != m.Index() {
			return false
		}
		if n.Kind() == "return_statement" {
			returns++
			var value syntax.Node
			for _, c := range n.Children() {
				if c.IsNamed() {
					value = c
					break
				}
			}
			ok = createdValue(p, m, value, 0)
		}
		return true
	})
	return ok && returns > 0
}

// createdValue reports an expression that is, or is a part of, an object
// made in fn: a creation, or a member of a const of fn set to one.
func createdValue(p *analyzer.Pass, fn, e syntax.Node, depth int) bool {
	e = scope.Unwrap(e)
	for e.Kind() == "member_expression" {
		e = scope.Unwrap(e.Get("object"))
	}
	if scope.IsCreation(e) {
		return true
	}
	if e.Kind() != "identifier" || depth > 2 {
		return false
	}
	b := p.Scope.Resolve(e)
	return b != nil && b.Kind == scope.Const && !b.Reassigned && fn.Contains(b.Decl) && createdValue(p, fn, b.Init, depth+1)
}

func (v *notRemoved) Finish() {
	p := v.p
	// A removal that matches no addition is the mismatch rule's business;
	// the addition it was evidently meant for is not reported twice.
	adds := make([]call, len(v.pending))
	for i, pa := range v.pending {
		adds[i] = pa.add
	}
	addIndex := indexCalls(adds)
	v.removeIndex = indexCalls(v.removes)
	// An addition written in an undo method where the remover was meant
	// (`$on` in unregisterListeners) is listener-removal-mismatch's to
	// report; the addition it repeats is still reported here, where it is
	// made.
	typos := make(map[int]bool)
	v.repeatedBy = make(map[int]undoRepeat)
	for _, a := range adds {
		if orig, name, ok := undoTypo(p, a, addIndex); ok {
			typos[a.node.Index()] = true
			v.repeatedBy[orig.node.Index()] = undoRepeat{typo: a, in: name}
		}
	}
	orphan := make(map[int]bool)
	for _, r := range v.removes {
		matched := false
		for a := range addIndex.matchable(p, r) {
			if matches(p, a, r) {
				matched = true
				break
			}
		}
		orphan[r.node.Index()] = !matched
	}
	for _, pa := range v.pending {
		a, o := pa.add, pa.owner
		if typos[a.node.Index()] || pa.shared && !v.sharedLeak(a, o) {
			continue
		}
		// The teardown's removal is asked for first: it is the usual one,
		// and the cheaper question (the verdict is the same either way).
		found := p.Life.FindInTeardown(o, func(m syntax.Node) bool {
			if m.Kind() != "call_expression" {
				return false
			}
			if r, ok := parseRemove(p, m); ok {
				return matches(p, a, r) || orphan[m.Index()] && meantFor(p, a, r)
			}
			recv, name := astutil.Method(m)
			return disposers[name] && recv.Valid() && sameTarget(p, recv, a.target)
		})
		if found.Valid() {
			continue
		}
		// A removal elsewhere in the owner counts only where it ends a
		// gesture (added on pointerdown, removed on pointerup): those
		// listeners live as long as the drag; in a component, only on
		// targets that are not global, or for a mouse drag (gestureEndFor).
		// A removal in the
		// other branch of a watcher, or in hide(), does not run when the
		// owner ends while open (unless its teardown closes it: then
		// FindInTeardown reaches that branch).
		// A removal in the cleanup an async callback returns never runs.
		if v.removedWithin(a, o.Node, func(p *analyzer.Pass, a, r call) bool {
			return !p.Life.InLostCleanup(r.node) && gestureEndFor(p, o, a, r)
		}) {
			continue
		}
		if !removedThroughCollection(p, a, o) {
			v.report(a, o)
		}
	}
}

// removalOffTeardown describes the first removal of a inside its owner's
// code that the rule did not count (it runs on a drag's end, when a panel
// hides, in one branch of a watcher), "in onUp (line 474)", and returns
// the removal.
func (v *notRemoved) removalOffTeardown(a call, o *lifecycle.Owner) (string, syntax.Node, bool) {
	for r := range v.removeIndex.matchable(v.p, a) {
		if !o.Node.Contains(r.node) || !matches(v.p, a, r) {
			continue
		}
		line := astutil.Line(r.node)
		if fn := astutil.EnclosingFunction(r.node); fn.Valid() && fn != o.Node {
			if name := astutil.FunctionName(fn); name != "" {
				return fmt.Sprintf("in %s (line %d)", name, line), r.node, true
			}
		}
		return fmt.Sprintf("at line %d", line), r.node, true
	}
	return "", syntax.Node{}, false
}

// removedWithin reports a removal matching a inside region, where accept
// says so.
func (v *notRemoved) removedWithin(a call, region syntax.Node, accept func(*analyzer.Pass, call, call) bool) bool {
	for r := range v.removeIndex.matchable(v.p, a) {
		if region.Contains(r.node) && matches(v.p, a, r) && accept(v.p, a, r) {
			return true
		}
	}
	return false
}

// gestureEndFor reports a removal that ends a gesture of owner o: it runs in a handler of
// an end event (pointerup, touchend, ...), in a function named for one
// (onDragEnd, handleMouseUp, stopResize), or in the removed handler itself
// (a listener that takes itself off); or the addition runs in a handler of
// a start event (pointerdown, ...), so each gesture adds and removes once.
//
// A listener that takes itself off is accepted for classes with a teardown
// method only: in a component it is like { once: true }, which does not
// help when the event never fires before the component ends (a fullscreen
// Escape key listener of a player unmounted while fullscreen). Gestures on
// window or document likewise count in such classes only, but for mouse
// drags, whose mouseup always comes.
func gestureEndFor(p *analyzer.Pass, o *lifecycle.Owner, a, r call) bool {
	// A component can end mid-gesture (a route change, a v-if on the drag
	// state): window and document keep the drag's listeners, and the
	// component with them, unless its teardown removes them too (Vuetify's
	// time picker clock). A mouse drag is the exception: its end always
	// comes (apis.GestureAlwaysEnds) and its handler takes the listeners
	// off; a touch or pointer gesture can end in a cancel its end handler
	// never hears, and keeps them for good. A removal handed to a disposer
	// list still counts.
	if o.Kind != lifecycle.Disposable && p.Scope.LifetimeOf(unwrapJQuery(a.target)).LongLived() && !handedOut(r.node) && !apis.GestureAlwaysEnds(a.eventName) {
		return false
	}
	if inHandlerOf(p, a.node, apis.GestureStart) {
		return true
	}
	// A removal in a function handed out runs when its receiver calls it;
	// but when that function also makes the addition (a watcher that adds
	// when open and removes when closed), it is no disposer: the owner may
	// end while open.
	if out := handedOutIn(r.node); out.Valid() && !out.Contains(a.node) {
		// An owner that hears of its own end by an event (a video.js
		// component's "dispose") ends only then: a removal in a handler of
		// another event, or of another object's end, is no disposer.
		if end, listener := p.Life.EndEventHandler(o, out); !listener || end {
			return true
		}
	}
	for fn := astutil.EnclosingFunction(r.node); fn.Valid(); fn = astutil.EnclosingFunction(fn) {
		if apis.GestureEndName(astutil.FunctionName(fn)) || handlerFor(p, fn, apis.GestureEnd) {
			return true
		}
		if h := functionOf(p, a.handler); h.Valid() && h.Index() == fn.Index() && o.Kind == lifecycle.Disposable {
			return true
		}
	}
	return false
}

// handedOut reports a removal written in a function the owner hands to
// someone else to run later: pushed into a list of disposers
// (`this._listeners.push(() => window.removeEventListener(...))`),
// registered, or returned. Whoever receives it is trusted to call it.
func handedOut(n syntax.Node) bool { return handedOutIn(n).Valid() }

// handedOutIn returns the function handedOut found, or no node.
func handedOutIn(n syntax.Node) syntax.Node {
	for fn := astutil.EnclosingFunction(n); fn.Valid(); fn = astutil.EnclosingFunction(fn) {
		par := fn.Parent()
		for par.Kind() == "parenthesized_expression" {
			par = par.Parent()
		}
		switch par.Kind() {
		case "arguments", "return_statement", "pair", "array":
			return fn
		case "arrow_function":
			if par.Get("body").Index() == fn.Index() {
				return fn
			}
			return syntax.Node{}
		}
	}
	return syntax.Node{}
}

// inHandlerOf reports code that runs in a listener for one of events.
func inHandlerOf(p *analyzer.Pass, n syntax.Node, events func(string) bool) bool {
	for fn := astutil.EnclosingFunction(n); fn.Valid(); fn = astutil.EnclosingFunction(fn) {
		if handlerFor(p, fn, events) {
			return true
		}
	}
	return false
}

// handlerFor reports a function registered (in this file) as a listener
// for one of events: passed inline, or by name.
func handlerFor(p *analyzer.Pass, fn syntax.Node, events func(string) bool) bool {
	if call := astutil.CallTaking(fn); call.Valid() {
		if c, ok := parseAdd(p, call); ok && events(c.eventName) {
			return true
		}
	}
	key := functionKey(p, fn)
	if key == "" {
		return false
	}
	for _, ev := range handlerEvents(p)[key] {
		if events(ev) {
			return true
		}
	}
	return false
}

type handlerEventsKey struct{}

// handlerEvents maps the scope key of each handler added in the file to
// the event names it is added for, built once per file: handlerFor is
// asked for every function around every removal, and walking the file each
// time was most of the editor's time on a 20,000-line file.
func handlerEvents(p *analyzer.Pass) map[string][]string {
	return p.Memo(handlerEventsKey{}, func() any {
		byKey := map[string][]string{}
		p.Tree.Root().Walk(func(n syntax.Node) bool {
			if n.Kind() == "call_expression" {
				if c, ok := parseAdd(p, n); ok && c.handler.Valid() {
					if k := p.Scope.Key(c.handler); k != "" {
						byKey[k] = append(byKey[k], c.eventName)
					}
				}
			}
			return true
		})
		return byKey
	}).(map[string][]string)
}

// functionKey is the scope key of the name a function is known by (a
// variable, this.method), or "".
func functionKey(p *analyzer.Pass, fn syntax.Node) string {
	switch par := fn.Parent(); par.Kind() {
	case "variable_declarator":
		return p.Scope.Key(par.Get("name"))
	case "public_field_definition", "field_definition":
		if class := par.Parent().Parent(); par.Parent().Kind() == "class_body" {
			return scope.MemberKey(class, par.Get("name").Text())
		}
	}
	if fn.Kind() == "function_declaration" {
		return p.Scope.Key(fn.Get("name"))
	}
	if name := fn.Get("name"); fn.Kind() == "method_definition" && name.Valid() {
		if owner := p.Scope.ThisOwner(fn.Get("body")); owner.Valid() {
			return scope.MemberKey(owner, name.Text())
		}
	}
	return ""
}

// functionOf returns the function a handler expression names in this file.
func functionOf(p *analyzer.Pass, h syntax.Node) syntax.Node {
	h = scope.Unwrap(h)
	if scope.IsFunction(h) {
		return h
	}
	if h.Kind() == "identifier" {
		return p.Life.FunctionOf(h)
	}
	return syntax.Node{}
}

// meantFor reports whether a removal that matches nothing was evidently
// written for addition a: same style and event, and same target or same
// handler.
func meantFor(p *analyzer.Pass, a, r call) bool {
	if a.mediaList || r.mediaList {
		return a.mediaList && r.mediaList && (sameTarget(p, a.target, r.target) || sameExpr(p, a.handler, r.handler))
	}
	if a.style == Signal && r.style == Signal {
		return sameTarget(p, a.target, r.target) || sameExpr(p, a.handler, r.handler)
	}
	if r.style != a.style || !r.event.Valid() || !sameCallEvent(p, a, r) {
		return false
	}
	return sameTarget(p, a.target, r.target) || r.handler.Valid() && sameExpr(p, a.handler, r.handler)
}

func (v *notRemoved) report(a call, o *lifecycle.Owner) {
	p := v.p
	event := eventLabel(a)
	remover := removerFor(a)
	if a.nullRemoval && a.event.Valid() {
		remover = "on(" + a.event.Text() + ", null)"
	}
	if r, ok := v.repeatedBy[a.node.Index()]; ok {
		// The undo code exists but adds it again (an undo typo, which
		// listener-removal-mismatch reports with its fix): say so, and
		// write no second removal.
		msg := fmt.Sprintf("%s listener added to %s is never removed: %s in %s (line %d) adds it again where %s was meant",
			event, cleanup.Describe(a.target), r.typo.method, r.in, astutil.Line(r.typo.node), removerFor(r.typo))
		p.Report(analyzer.Diagnostic{Start: astutil.Callee(a.node).Start(), End: a.node.End(), Message: msg,
			Related: []analyzer.Related{{Start: r.typo.node.Start(), End: r.typo.node.End(), Message: "the removal was meant here"}}})
		return
	}
	var msg string
	elsewhere, off, hasElsewhere := v.removalOffTeardown(a, o)
	if hasElsewhere {
		// Saying "never removed" of a listener the owner does remove, on
		// a drag's end or when a panel hides, reads as a false finding;
		// what is missing is the removal when the owner ends.
		msg = fmt.Sprintf("%s listener added to %s is removed %s, but not when %s ends; also call %s %s",
			event, cleanup.Describe(a.target), elsewhere, o.Ends(), remover, cleanup.WhereClause(o))
	} else if a.returnsUndo {
		// The call's own result is the removal (svelte/events' on(), a
		// helper that facts say returns its undo): there may be no
		// remover to name.
		what, use := "the function that removes it", "call it"
		if a.disposable {
			what, use = "a disposable that removes it", "dispose it"
		}
		msg = fmt.Sprintf("%s listener added to %s is never removed: %s() returns %s; keep it and %s %s",
			event, cleanup.Describe(a.target), a.method, what, use, cleanup.WhereClause(o))
	} else {
		msg = fmt.Sprintf("%s listener added to %s is never removed; call %s %s",
			event, cleanup.Describe(a.target), remover, cleanup.WhereClause(o))
	}
	if a.style == DOM {
		if once, ok := astutil.Property(a.options, "once"); ok && astutil.IsTrue(once) {
			msg += " ({ once: true } does not help if the event never fires)"
		}
	}
	callee := astutil.Callee(a.node)
	d := analyzer.Diagnostic{Start: callee.Start(), End: a.node.End(), Message: msg,
		Related: []analyzer.Related{cleanup.Where(o)}}
	if hasElsewhere {
		d.Related = append(d.Related, analyzer.Related{Start: off.Start(), End: off.End(),
			Message: "removed here, which does not run when " + o.Ends() + " ends"})
	}
	if p.WantsFixes() {
		d.Fixes = append(removalFixes(p, a, o), abortSignalFixes(p, a, o)...)
	}
	p.Report(d)
}

// undoRepeat is an undo typo that repeats an addition: the call, and the
// undo method it is written in.
type undoRepeat struct {
	typo call
	in   string
}

func removerFor(a call) string {
	if a.remover != "" {
		return a.remover
	}
	return undoOf(a.method)
}

// removalFixes writes the matching removal into the owner's teardown,
// hoisting an inline handler first so the removal can name it.
func removalFixes(p *analyzer.Pass, a call, o *lifecycle.Owner) []analyzer.Fix {
	if !a.handler.Valid() || !a.event.Valid() || a.viaModule {
		return nil
	}
	if a.nullRemoval {
		return nullRemovalFix(p, a, o)
	}
	b := fixgen.New(p)
	where := fixgen.CleanupScope(o)
	handler := a.handler.Text()
	safe, note := true, ""
	if _, fresh := freshFunction(a.handler); fresh {
		if fixgen.LosesParamTypes(p, a.handler) {
			safe, note = false, " (the moved handler needs its parameter types)"
		}
		name, ok := hoistHandler(p, b, a, o)
		if !ok {
			return nil
		}
		if o.Class.Kind() == "object" && !o.Setup.Valid() && p.Tree.Lang.IsTypeScript() {
			// this.handleX is a property the object's `this` type may
			// not declare (a Tiptap extension's context, a typed
			// component's options): the compiler would say so.
			safe, note = false, " (declare the moved handler on this's type)"
		}
		handler = name
	} else if !fixgen.Visible(p, where, a.handler) {
		return nil
	}
	if !fixgen.Visible(p, where, a.event) {
		return nil
	}
	if !fixgen.Visible(p, where, a.target) && !strings.HasPrefix(p.Scope.Key(a.target), "this@") {
		return nil
	}
	args := a.event.Text() + ", " + handler
	if a.style == DOM && capture(a.options) {
		args += ", true"
	}
	if ctx := contextArg(a); ctx.Valid() {
		args += ", this" // Leaflet's off() finds the listener by its context too
	}
	target := a.target.Text()
	if id := scope.Unwrap(a.target); id.Kind() == "identifier" && strings.HasPrefix(p.Scope.Key(id), "this@") {
		target = "this." + id.Text() // constructor(private source: Emitter)
	}
	stmt := fmt.Sprintf("%s%s%s(%s)", target, removalDot(p, a, o), removerFor(a), args)
	if !b.AddCleanup(o, a.node, []string{stmt}) {
		return nil
	}
	return []analyzer.Fix{b.Fix("Remove the listener "+cleanup.WhereClause(o)+note, safe)}
}

// removalDot is how a removal reaches the addition's target: "?." where
// the target may be missing when the owner ends, else ".". It may be when
// the addition itself allowed for it (socket?.on(...), ref.current?.
// addEventListener(...): a socket that starts null, a ref React empties
// before the cleanup runs), and for a member of the class set only after
// the constructor.
func removalDot(p *analyzer.Pass, a call, o *lifecycle.Owner) string {
	if fn := scope.Unwrap(a.node.Get("function")); fn.Kind() == "member_expression" && fn.Get("optional_chain").Valid() {
		return "?."
	}
	if t := scope.Unwrap(a.target); t.Kind() == "member_expression" && scope.Unwrap(t.Get("object")).Kind() == "this" &&
		fixgen.MemberMayBeUnset(p, o.Class, t.Get("property").Text()) {
		return "?."
	}
	return "."
}

// nullRemovalFix writes d3's removal, target.on(type, null), into the
// owner's teardown: it names no handler, so none is hoisted.
func nullRemovalFix(p *analyzer.Pass, a call, o *lifecycle.Owner) []analyzer.Fix {
	where := fixgen.CleanupScope(o)
	if !rereadable(p, a.target) || !fixgen.Visible(p, where, a.event) || !fixgen.Visible(p, where, a.target) && !strings.HasPrefix(p.Scope.Key(a.target), "this@") {
		return nil
	}
	b := fixgen.New(p)
	if !b.AddCleanup(o, a.node, []string{a.target.Text() + removalDot(p, a, o) + "on(" + a.event.Text() + ", null)"}) {
		return nil
	}
	return []analyzer.Fix{b.Fix("Remove the listener "+cleanup.WhereClause(o), true)}
}

// contextArg returns the `this` an emitter-style addition passes after its
// handler (Leaflet's and Backbone's `map.on("zoomend", this.update,
// this)`), which the removal must pass again, or the zero Node.
func contextArg(a call) syntax.Node {
	if a.style == DOM || !a.handler.Valid() {
		return syntax.Node{}
	}
	args := astutil.Args(a.node)
	for i, arg := range args {
		if arg.Index() == a.handler.Index() && i+1 < len(args) && scope.Unwrap(args[i+1]).Kind() == "this" {
			return args[i+1]
		}
	}
	return syntax.Node{}
}

// hoistHandler moves an inline handler into a named constant (in an effect
// or setup function) or a class field arrow, and points the addition at it.
func hoistHandler(p *analyzer.Pass, b *fixgen.Builder, a call, o *lifecycle.Owner) (string, bool) {
	h := scope.Unwrap(a.handler)
	if h.Kind() == "call_expression" {
		return "", false // .bind(...): the mismatch fix's business
	}
	base := "handle" + pascal(a.event)
	if o.Setup.Valid() {
		st := astutil.Statement(a.node)
		// A constant of the setup is no name for a teardown written
		// outside it (a constructor's prototype.dispose).
		if !o.Setup.Contains(fixgen.CleanupScope(o)) {
			return "", false
		}
		if !st.Valid() || st.Parent().Index() != o.Setup.Get("body").Index() || !fixgen.Movable(p, h, st, st) {
			return "", false
		}
		name := fixgen.UniqueName(p, a.node, syntax.Node{}, base)
		b.InsertBefore(st, "const "+name+" = "+h.Text())
		b.Replace(a.handler, name)
		return name, true
	}
	if h.Kind() != "arrow_function" {
		return "", false // function() has its own this
	}
	if o.Class.Kind() == "object" {
		// Options objects have no fields: keep the handler on the
		// component where it is made (`this.handleX = (e) => ...` in
		// created), so it sees what it saw and the teardown can name it.
		st := astutil.Statement(a.node)
		fn := astutil.EnclosingFunction(a.node)
		if !st.Valid() || !fn.Valid() || st.Parent().Index() != fn.Get("body").Index() || p.Scope.ThisOwner(st).Index() != o.Class.Index() {
			return "", false
		}
		name := fixgen.UniqueName(p, a.node, o.Class, base)
		b.InsertBefore(st, "this."+name+" = "+h.Text())
		b.Replace(a.handler, "this."+name)
		return "this." + name, true
	}
	// class Foo { handleResize = (e) => {...}; componentDidMount() {...} }
	member := a.node
	for member.Valid() && member.Parent().Kind() != "class_body" {
		member = member.Parent()
	}
	if !member.Valid() || !fixgen.Movable(p, h, o.Class.Get("body"), syntax.Node{}) {
		return "", false // it uses a local of the method: a field cannot see it
	}
	name := fixgen.UniqueName(p, a.node, o.Class, base)
	ind := astutil.Indent(p.Tree.Src, member.Start())
	code := fixgen.Reindent(h.Text(), astutil.Indent(p.Tree.Src, h.Start()), ind)
	// Above the member's doc comment, which stays with the member.
	b.Insert(fixgen.LeadingComment(member).Start(), fixgen.FieldModifier(p, o.Class)+name+" = "+code+b.Style.Semi+"\n\n"+ind)
	b.Replace(a.handler, "this."+name)
	return "this." + name, true
}

// pascal turns an event name into an identifier part: "before-unload" ->
// "BeforeUnload".
func pascal(event syntax.Node) string {
	s, ok := astutil.StringValue(event)
	if !ok {
		return "Event"
	}
	var sb strings.Builder
	up := true
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			if up {
				r -= 'a' - 'A'
			}
			sb.WriteRune(r)
			up = false
		case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' && sb.Len() > 0:
			sb.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	if sb.Len() == 0 {
		return "Event"
	}
	return sb.String()
}

// statementKinds are the statements a controller can be declared before.
var statementKinds = []string{"expression_statement", "for_statement", "for_in_statement", "while_statement",
	"do_statement", "if_statement", "lexical_declaration", "variable_declaration", "try_statement", "statement_block"}

// removedElsewhere reports a removal of the same listener (target, event
// and handler written alike) inside setup, on a path other than the
// teardown: an AbortController would then be a second way of removing it
// next to the first, where the removal fix just adds the missing path.
func removedElsewhere(a call, setup syntax.Node) bool {
	found := false
	setup.Walk(func(n syntax.Node) bool {
		if found || n.Kind() != "call_expression" {
			return !found
		}
		fn := scope.Unwrap(n.Get("function"))
		args := n.Get("arguments").Children()
		if fn.Kind() == "member_expression" && fn.Get("property").Text() == removerFor(a) && len(args) >= 2 &&
			fn.Get("object").Text() == a.target.Text() && args[0].Text() == a.event.Text() && args[1].Text() == a.handler.Text() {
			found = true
		}
		return !found
	})
	return found
}

// abortSignalFixes is the alternative for DOM listeners in effect-like
// owners: pass { signal } from an AbortController that the cleanup aborts.
// One abort() then removes every listener given that signal, which reads
// well when an effect adds several.
func abortSignalFixes(p *analyzer.Pass, a call, o *lifecycle.Owner) []analyzer.Fix {
	if a.style != DOM || !o.Setup.Valid() || !a.handler.Valid() || a.viaModule || !o.Setup.Contains(fixgen.CleanupScope(o)) {
		return nil
	}
	body := o.Setup.Get("body")
	if o.Setup.Kind() == "program" {
		body = o.Setup
	}
	// The controller is declared before the setup's statement that holds
	// the registration, which may be a loop adding the listener to many
	// targets: one abort() removes them all. The registration must run as
	// the setup runs, not in a function of its own.
	st := a.node
	for st.Valid() && st.Parent().Index() != body.Index() {
		st = st.Parent()
	}
	if fn := astutil.EnclosingFunction(a.node); !st.Valid() || !st.Is(statementKinds...) ||
		(fn.Valid() || o.Setup.Kind() != "program") && fn.Index() != o.Setup.Index() || removedElsewhere(a, o.Setup) {
		return nil
	}
	b := fixgen.New(p)
	name := fixgen.UniqueName(p, a.node, syntax.Node{}, "controller")
	signal := "signal: " + name + ".signal"
	opts := scope.Unwrap(a.options)
	switch {
	case !a.options.Valid():
		b.Insert(a.handler.End(), ", { "+signal+" }")
	case opts.Kind() == "object":
		if len(opts.Children()) == 0 {
			b.Replace(opts, "{ "+signal+" }")
		} else {
			b.Insert(opts.Start()+1, " "+signal+",")
		}
	case opts.Kind() == "true" || opts.Kind() == "false":
		b.Replace(opts, "{ capture: "+opts.Text()+", "+signal+" }")
	default:
		return nil
	}
	b.InsertBefore(st, "const "+name+" = new AbortController()")
	if !b.AddCleanup(o, a.node, []string{name + ".abort()"}) {
		return nil
	}
	return []analyzer.Fix{b.Fix("Remove the listener with an AbortController aborted "+cleanup.WhereClause(o), true)}
}
