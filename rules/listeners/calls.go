// Package listeners holds the event-listener rules: listener-not-removed
// and listener-removal-mismatch.
package listeners

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
)

// Style is the API family a listener call belongs to; a removal undoes an
// addition of the same style only. The names of each style are in the
// registration API table, analyzer/apis.
type Style = apis.Style

const (
	DOM     = apis.DOM     // addEventListener / removeEventListener
	Emitter = apis.Emitter // on / addListener / prependListener and off / removeListener
	VueBus  = apis.VueBus  // $on / $off (Vue 2 event buses)
	Signal  = apis.Signal  // Lumino's sig.connect(fn) / sig.disconnect(fn)
)

// listenerAPIs is the part of the table the listener rules follow: the
// registrations that stay until removed (once() removes itself; an adder
// that only returns its undo has no removal to pair).
var listenerAPIs = apis.Use{Family: apis.Listener, Styles: []apis.Style{DOM, Emitter, VueBus, Signal}}

// perCallAPIs leaves out Vue buses: a component's own $on ends with it.
var perCallAPIs = apis.Use{Family: apis.Listener, Styles: []apis.Style{DOM, Emitter, Signal}}

// removalAPIs is listenerAPIs seen from the removals.
var removalAPIs = apis.Use{Family: apis.Listener, Styles: listenerAPIs.Styles, Undos: true}

// undoOf returns the removal a fix writes for a built-in adder: the first
// undo the table gives it.
func undoOf(method string) string {
	if a, ok := apis.Builtin().Adder(apis.Listener, method); ok && len(a.Undos) > 0 {
		return a.Undos[0]
	}
	return "off"
}

// adders and removers map the built-in names to their style; layouts gives
// each style's argument positions.
var adders, removers, layouts = styleTables(apis.Builtin(), listenerAPIs)

// styleTables indexes the APIs u selects in t by name. It panics when an
// undo name or a style's argument positions are ambiguous: the rules pair
// calls by style, so one name must mean one style.
func styleTables(t *apis.Table, u apis.Use) (adds, removes map[string]Style, layout map[Style]apis.Args) {
	adds, removes, layout = map[string]Style{}, map[string]Style{}, map[Style]apis.Args{}
	for _, a := range t.Select(u) {
		if l, ok := layout[a.Style]; ok && l != a.Args {
			panic(fmt.Sprintf("listeners: %s APIs %v take their arguments in another order than the others of their style", a.Style, a.Adders))
		}
		layout[a.Style] = a.Args
		for _, n := range a.Adders {
			adds[n] = a.Style
		}
		for _, n := range a.Undos {
			if s, ok := removes[n]; ok && s != a.Style {
				panic(fmt.Sprintf("listeners: %q undoes both %s and %s listeners", n, s, a.Style))
			}
			removes[n] = a.Style
		}
	}
	return adds, removes, layout
}

// vocab is the listener API of one file: the built-in tables plus the
// pairs configured in owners.listenerPairs.
type vocab struct {
	adders, removers map[string]Style
	removerOf        map[string]string
}

type vocabKey struct{}

var builtinVocab = &vocab{adders: adders, removers: removers}

// vocabulary returns the file's listener API, built once per file: the
// table the engine gives the pass includes owners.listenerPairs.
func vocabulary(p *analyzer.Pass) *vocab {
	// Every rule asks for every call; without configured pairs the answer
	// needs no memo lookup.
	if p.APIs == nil || p.APIs == apis.Builtin() {
		return builtinVocab
	}
	return p.Memo(vocabKey{}, func() any {
		v := &vocab{removerOf: map[string]string{}}
		v.adders, v.removers, _ = styleTables(p.APIs, listenerAPIs)
		for _, a := range p.APIs.Select(listenerAPIs) {
			if a.Configured {
				v.removerOf[a.Adders[0]] = a.Undos[0]
			}
		}
		return v
	}).(*vocab)
}

// readAdd reads an addition with the file's vocabulary (parseAdd
// remembers what it read).
func readAdd(p *analyzer.Pass, n syntax.Node) (call, bool) {
	v := vocabulary(p)
	if c, ok := parseEventsModule(p, n, true); ok {
		return c, ok
	}
	c, ok := parse(n, v.adders)
	if ok && c.style == Signal && !signalCall(p, c) {
		return call{}, false
	}
	if ok && builderBinding(p, c) {
		return call{}, false // dom.on(type, fn) binds to the element being built
	}
	if ok {
		if r := v.removerOf[c.method]; r != "" {
			c.remover = r
		}
		c.nullRemoval = c.style == Emitter && c.method == "on" && d3Value(p, c.target)
		return c, ok
	}
	return parseHelper(p, n, true)
}

// readRemove reads a removal with the file's vocabulary (parseRemove
// remembers what it read).
func readRemove(p *analyzer.Pass, n syntax.Node) (call, bool) {
	// events.off(target, type, fn) before off(type, fn): the helper
	// module's call would read as an emitter removal on the module.
	if c, ok := parseEventsModule(p, n, false); ok {
		return c, ok
	}
	if c, ok := parse(n, vocabulary(p).removers); ok && (c.style != Signal || signalCall(p, c)) {
		return namespaced(c), ok
	}
	if c, ok := parseNullRemoval(p, n); ok {
		return namespaced(c), ok
	}
	return parseHelper(p, n, false)
}

// namespaced reads a removal whose event is a namespace alone, off(".tr"),
// as removing every handler added under that namespace.
func namespaced(c call) call {
	if c.style != DOM && c.eventIsText && len(c.eventName) > 1 && c.eventName[0] == '.' {
		c.namespace, c.eventIsText = c.eventName[1:], false
	}
	return c
}

// inNamespaces reports whether an event list ("dragmove.tr mouseup.tr")
// names only handlers in every namespace of ns ("tr", or "a.b" for both
// a and b), as a namespace removal takes them off.
func inNamespaces(events, ns string) bool {
	found := false
	for _, ev := range strings.Fields(events) {
		_, spaces, ok := strings.Cut(ev, ".")
		if !ok {
			return false
		}
		have := strings.Split(spaces, ".")
		for _, want := range strings.Split(ns, ".") {
			if !slices.Contains(have, want) {
				return false
			}
		}
		found = true
	}
	return found
}

// parseHelper reads a call to a helper imported from another file that
// adds (or removes) a listener on one of its arguments, as facts about that
// file describe it: `listen(el, "resize", onResize)`.
func parseHelper(p *analyzer.Pass, n syntax.Node, add bool) (call, bool) {
	if n.Kind() != "call_expression" {
		return call{}, false
	}
	f, ok := p.Life.Helper(n)
	if !ok || add && !f.Registers || !add && !f.Undoes || f.Event < 0 {
		return call{}, false
	}
	args := astutil.Args(n)
	pick := func(i int) syntax.Node {
		if i >= 0 && i < len(args) {
			return args[i]
		}
		return syntax.Node{}
	}
	c := call{node: n, style: Emitter, target: pick(f.Target), event: pick(f.Event), handler: pick(f.Handler),
		returnsUndo: f.ReturnsUndo || f.ReturnsDisposable, disposable: f.ReturnsDisposable}
	if f.DOM {
		c.style = DOM
	}
	if !c.target.Valid() || !c.event.Valid() || !c.handler.Valid() {
		return call{}, false
	}
	c.method = astutil.Callee(n).Text()
	c.eventName, c.eventIsText = astutil.StringValue(c.event)
	return c, true
}

// parseEventsModule reads the calls of a DOM event helper module
// (apis.EventHelperModule): events.on(window, "resize", fn) through a
// namespace import, or on("resize", window, fn) as a named import, and
// their off(...); likewise a module's own target-first addEventListener
// (apis.DOMWrapper), dom.addEventListener(el, "click", fn). Such calls pair only with each other (mediaList's rule is
// the same: the module keeps its own records), and no fix is written for
// them.
func parseEventsModule(p *analyzer.Pass, n syntax.Node, add bool) (call, bool) {
	if n.Kind() != "call_expression" {
		return call{}, false
	}
	// Every call of the file comes here: the names rule out most before
	// any import is looked up.
	var module, name string
	switch callee := scope.Unwrap(n.Get("function")); callee.Kind() {
	case "member_expression":
		recv, method := astutil.Method(n)
		if recv.Kind() != "identifier" || !apis.EventHelperName(method) {
			return call{}, false
		}
		module, name = p.Life.ImportedFrom(recv.Text()), method
	case "identifier":
		var export string
		module, export = p.Life.ImportedAs(callee.Text())
		if export == "default" || export == "*" || !apis.EventHelperName(export) {
			return call{}, false
		}
		name = export
	default:
		return call{}, false
	}
	if module == "" {
		return call{}, false
	}
	h, ok := apis.EventHelperModule(module)
	byShape := false
	if !ok || !h.Names(name, add) {
		h, ok = apis.DOMWrapper(name, add)
		byShape = true
	}
	if !ok {
		return call{}, false
	}
	args := astutil.Args(n)
	target, event, handler := arg(args, h.Args.Target), arg(args, h.Args.Event), arg(args, h.Args.Handler)
	if !target.Valid() || !event.Valid() || !handler.Valid() || eventLikeLiteral(target) || !eventLike(event) && !computedEvent(event) || !handlerLike(handler) {
		return call{}, false
	}
	// An imported EventTarget's own method takes (type, handler,
	// options): only a call that names the event second or passes a
	// fourth argument is the target-first wrapper's.
	if byShape && len(args) < 4 && !eventLikeLiteral(event) && !computedEvent(event) {
		return call{}, false
	}
	// A wrapper whose result is kept may return its own undo
	// (excalidraw's addEventListener(target, type, fn) returns the
	// unsubscribe an effect returns), and one facts describe is read as
	// they say (parseHelper).
	if byShape {
		if n.Parent().Kind() != "expression_statement" {
			return call{}, false
		}
		if _, known := p.Life.Helper(n); known {
			return call{}, false
		}
	}
	c := call{node: n, style: DOM, method: name, target: target, event: event, handler: handler, viaModule: true, returnsUndo: h.ReturnsUndo}
	c.options = arg(args, h.Args.Options)
	c.eventName, c.eventIsText = astutil.StringValue(c.event)
	return c, true
}

// call is an addition or removal of a listener.
type call struct {
	node    syntax.Node
	style   Style
	method  string
	target  syntax.Node
	event   syntax.Node // may be zero for off() / removeAllListeners()
	handler syntax.Node // may be zero
	options syntax.Node // third argument, may be zero
	// remover is the configured undo of a custom adder (owners.listenerPairs).
	remover string
	// eventName is the event's string value when it is a literal; calls
	// are compared pairwise, so it is read once.
	eventName   string
	eventIsText bool
	// returnsUndo: a helper from another file whose result removes the
	// listener again.
	returnsUndo bool
	// disposable: such a helper whose result is an IDisposable
	// (addDisposableListener): read as a VS Code event, the result must be
	// kept and disposed.
	disposable bool
	// mediaList: MediaQueryList's legacy addListener(fn) /
	// removeListener(fn), whose event is always "change" and is not
	// written; such calls pair only with each other, by handler.
	mediaList bool
	// viaModule: events.on(target, type, fn) of an event helper module.
	viaModule bool
	// nullRemoval: d3's on(type, fn), which on(type, null) undoes.
	nullRemoval bool
	// namespace: a removal of every event in a namespace, off(".tr")
	// (jQuery, Konva and d3 name handlers "type.namespace"); its event is
	// then no text that must equal the addition's (eventIsText is false).
	namespace string
}

// parse reads a listener call, or returns ok=false for anything else.
func parse(n syntax.Node, table map[string]Style) (c call, ok bool) {
	recv, name := astutil.Method(n)
	// Most calls name no listener method: ruling them out before reading
	// the arguments (a slice per call, read once as an addition and once
	// as a removal) took BenchmarkAnalyzeAll from 3.4 to 2.6 million
	// allocations (the arguments' slices: 53 to 31 MB).
	if _, found := table[name]; !found && name != "call" && jQueryBinds[name] == "" {
		return c, false
	}
	args := astutil.Args(n)
	// The method borrowed with call(): document.addEventListener.call(window,
	// "resize", fn) adds to window (nextcloud/mail's settings menu).
	if name == "call" && recv.Kind() == "member_expression" && len(args) > 0 {
		if method := recv.Get("property").Text(); table[method] != 0 {
			recv, name, args = args[0], method, args[1:]
		}
	}
	style, found := table[name]
	if !found && recv.Valid() {
		if c, ok := parseJQueryBind(n, recv, name, args, table); ok {
			return c, true
		}
	}
	if !found || !recv.Valid() {
		return c, false
	}
	at := layouts[style]
	c = call{node: n, style: style, method: name, target: recv}
	if c.event = arg(args, at.Event); c.event.Valid() {
		c.eventName, c.eventIsText = astutil.StringValue(c.event)
	}
	c.handler = arg(args, at.Handler)
	c.options = arg(args, at.Options)
	if (name == "addListener" || name == "removeListener") && len(args) == 1 && handlerLike(args[0]) && !eventLikeLiteral(args[0]) {
		c.event, c.handler, c.mediaList = syntax.Node{}, args[0], true
		c.eventName, c.eventIsText = "change", true
		return c, true
	}
	if style == Signal {
		// connect is a common name (sockets, databases, Web Audio nodes):
		// only a function, and at most a thisArg after it, is a listener.
		if len(args) == 0 || len(args) > 2 || !signalHandler(args[0]) {
			return c, false
		}
		return c, true
	}
	if table[name] == Emitter || table[name] == VueBus {
		// `on` is a common name; insist on the listener shape: an event
		// name first and a function second.
		if table[name] == Emitter && name != "off" && removers[name] == 0 && (len(args) < 2 || !eventLike(c.event) || !handlerLike(c.handler)) {
			return c, false
		}
	}
	if style == DOM && len(args) < 2 {
		return c, false
	}
	return c, true
}

// luminoFile reports a file that imports from a signal package
// (apis.ImportsSignals): only there are connect() and disconnect() read
// as a signal's.
func luminoFile(p *analyzer.Pass) bool {
	return p.Memo(luminoKey{}, func() any { return apis.ImportsSignals(p.Tree.Src) }).(bool)
}

type luminoKey struct{}

// signalCall keeps the connect/disconnect calls that read as Lumino's: in a
// Lumino file, on a signal (a member: model.changed, not this.connect(opts)),
// given a function the file can see is one when it is a plain name.
func signalCall(p *analyzer.Pass, c call) bool {
	if !luminoFile(p) || scope.Unwrap(c.target).Kind() != "member_expression" {
		return false
	}
	if h := scope.Unwrap(c.handler); h.Kind() == "identifier" {
		return p.Life.FunctionOf(h).Valid()
	}
	return true
}

// sameSignal compares two signals: the same expression, or the same signal
// of what may be the same object reached another way (settings.changed in
// the constructor, this.props.settings.changed in componentWillUnmount).
// The handler must match as well, which keeps unrelated objects apart.
func sameSignal(p *analyzer.Pass, a, b syntax.Node) bool {
	if sameTarget(p, a, b) {
		return true
	}
	a, b = scope.Unwrap(a), scope.Unwrap(b)
	return a.Kind() == "member_expression" && b.Kind() == "member_expression" &&
		a.Get("property").Text() == b.Get("property").Text()
}

// sameHandler reports a disconnect given the very function that was
// connected (an inline one is always a new function).
func sameHandler(p *analyzer.Pass, a, r call) bool {
	if _, fresh := freshFunction(r.handler); fresh {
		return false
	}
	return sameExpr(p, a.handler, r.handler)
}

// signalSource returns the object a signal is a member of (model for
// model.changed), whose lifetime is the signal's.
func signalSource(target syntax.Node) syntax.Node {
	if t := scope.Unwrap(target); t.Kind() == "member_expression" {
		return t.Get("object")
	}
	return target
}

// signalHandler accepts what a Lumino connect() is given: a function
// written inline, a method or function reference, or a bound one.
func signalHandler(n syntax.Node) bool {
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "arrow_function", "function_expression", "function", "identifier", "member_expression":
		return true
	case "call_expression":
		return astutil.MethodName(n) == "bind"
	}
	return false
}

// eventLabel names a call's event in a message: a Lumino signal's event is
// its receiver, and a MediaQueryList's is always "change".
func eventLabel(c call) string {
	switch {
	case c.style == Signal:
		return "signal"
	case c.mediaList:
		return `"change"`
	}
	if e := scope.Unwrap(c.event); e.Kind() == "identifier" && strings.ToUpper(e.Text()) != e.Text() {
		// A variable, not a constant: "`name` listener" reads as code
		// (for (const n in handlers) wv.addEventListener(n, ...)).
		return "`" + cleanup.Describe(e) + "`"
	}
	return cleanup.Describe(c.event)
}

// arg returns argument i, or no node when there is none.
func arg(args []syntax.Node, i int) syntax.Node {
	if i < 0 || i >= len(args) {
		return syntax.Node{}
	}
	return args[i]
}

// eventLike accepts a string, a template, or a name (Events.CLOSE).
func eventLike(n syntax.Node) bool {
	switch scope.Unwrap(n).Kind() {
	case "string", "template_string", "identifier", "member_expression":
		return true
	case "binary_expression": // "room:" + id
		return scope.Unwrap(n).Get("operator").Text() == "+"
	}
	return false
}

// computedEvent reports an event name computed by a call
// (dom.whichAnimationEvent()), as a helper module's calls may pass it.
func computedEvent(n syntax.Node) bool {
	return scope.Unwrap(n).Kind() == "call_expression"
}

// eventLikeLiteral reports a string, which names an event, never a handler.
func eventLikeLiteral(n syntax.Node) bool {
	switch scope.Unwrap(n).Kind() {
	case "string", "template_string":
		return true
	}
	return false
}

func handlerLike(n syntax.Node) bool {
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "identifier", "member_expression", "arrow_function", "function_expression", "function", "call_expression":
		return true
	}
	return false
}

// sameText compares two expressions by value when both have keys, else
// by their text without whitespace.
func sameExpr(p *analyzer.Pass, a, b syntax.Node) bool {
	if ka, kb := valueKey(p, a), valueKey(p, b); ka != "" || kb != "" {
		return ka == kb
	}
	return squash(a.Text()) == squash(b.Text())
}

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
}

// sameTarget compares listener targets, treating `$(window)` like window.
func sameTarget(p *analyzer.Pass, a, b syntax.Node) bool {
	return sameExpr(p, unwrapJQuery(a), unwrapJQuery(b))
}

// unwrapJQuery turns $(x) and jQuery(x) into x.
func unwrapJQuery(n syntax.Node) syntax.Node {
	n = scope.Unwrap(n)
	// el.on("a", f).on("b", g): emitters and Leaflet layers return
	// themselves, so a chained registration is on the first receiver.
	for n.Kind() == "call_expression" {
		recv, name := astutil.Method(n)
		// Lumino's connect returns a boolean, not its receiver.
		if style, adds := adders[name]; (!adds || style == Signal) && !(name == "bind" && jQueryWrapper(recv)) || !recv.Valid() {
			break
		}
		n = scope.Unwrap(recv)
	}
	if n.Kind() == "call_expression" {
		if fn := n.Get("function"); apis.JQueryFunction(fn.Text()) {
			if args := astutil.Args(n); len(args) == 1 {
				return args[0]
			}
		}
	}
	return n
}

// jQueryBinds are jQuery's older names for on and off. Function's own
// bind shares the name, so they are read only on a jQuery wrapper.
var jQueryBinds = map[string]string{"bind": "on", "unbind": "off"}

// parseJQueryBind reads `$(document).bind("dragstart", fn)` and its
// unbind: a call on `$(x)` or `jQuery(x)` (or a chain of registrations on
// one) with the event written as a string.
func parseJQueryBind(n, recv syntax.Node, name string, args []syntax.Node, table map[string]Style) (call, bool) {
	as, ok := jQueryBinds[name]
	if !ok || table[as] != Emitter || len(args) == 0 || !jQueryWrapper(recv) {
		return call{}, false
	}
	if _, text := astutil.StringValue(args[0]); !text {
		return call{}, false
	}
	// A chain registers on the wrapper it starts from.
	target := scope.Unwrap(recv)
	for !apis.JQueryFunction(target.Get("function").Text()) {
		r, _ := astutil.Method(target)
		target = scope.Unwrap(r)
	}
	c := call{node: n, style: Emitter, method: name, target: target, event: args[0], handler: arg(args, 1)}
	c.eventName, c.eventIsText = astutil.StringValue(c.event)
	if name == "bind" {
		if !handlerLike(c.handler) {
			return call{}, false
		}
		c.remover = "unbind"
	}
	return c, true
}

// jQueryWrapper reports `$(x)` or `jQuery(x)`, or a chain of jQuery
// registrations on one (`$(x).bind(...).bind(...)`).
func jQueryWrapper(n syntax.Node) bool {
	for n = scope.Unwrap(n); n.Kind() == "call_expression"; {
		if fn := n.Get("function"); apis.JQueryFunction(fn.Text()) {
			return len(astutil.Args(n)) == 1
		}
		recv, name := astutil.Method(n)
		if _, bind := jQueryBinds[name]; !bind && adders[name] != Emitter || !recv.Valid() {
			return false
		}
		n = scope.Unwrap(recv)
	}
	return false
}

// sameEvent compares event names by value.
func sameEvent(p *analyzer.Pass, a, b syntax.Node) bool {
	va, oka := astutil.StringValue(a)
	vb, okb := astutil.StringValue(b)
	if oka && okb {
		return va == vb
	}
	return sameEventExpr(p, a, b)
}

// sameCallEvent is sameEvent for parsed calls, using their cached names.
func sameCallEvent(p *analyzer.Pass, a, b call) bool {
	if a.namespace != "" || b.namespace != "" {
		if b.namespace != "" {
			a, b = b, a
		}
		return b.namespace == "" && b.eventIsText && inNamespaces(b.eventName, a.namespace) ||
			b.namespace == a.namespace
	}
	if a.eventIsText && b.eventIsText {
		return a.eventName == b.eventName
	}
	if a.eventIsText != b.eventIsText && a.event.Valid() && b.event.Valid() {
		return false
	}
	return sameEventExpr(p, a.event, b.event)
}

// sameEventExpr compares event names that are no strings. Code that reads
// a table of vendor-prefixed names often takes a local shorthand for it in
// one method (`const fsApi = FullscreenApi; on(document,
// fsApi.fullscreenchange, h)`) and spells it out in another (dispose's
// `off(document, FullscreenApi.fullscreenchange, h)`): both name the same
// event, so a const alias is read through before comparing.
func sameEventExpr(p *analyzer.Pass, a, b syntax.Node) bool {
	if sameExpr(p, a, b) {
		return true
	}
	ka, kb := aliasedKey(p, a, 0), aliasedKey(p, b, 0)
	return ka != "" && ka == kb
}

// aliasedKey is valueKey with each const name that is set once to a plain
// name or property chain (no call, so no new value) replaced by that
// chain; depth stops a chain of aliases from running on.
func aliasedKey(p *analyzer.Pass, n syntax.Node, depth int) string {
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "identifier":
		b := p.Scope.Resolve(n)
		if b == nil || b.Kind != scope.Const || b.Reassigned || depth >= 8 {
			break
		}
		switch init := scope.Unwrap(b.Init); init.Kind() {
		case "identifier", "member_expression":
			return aliasedKey(p, init, depth+1)
		}
	case "member_expression":
		if n.Get("optional_chain").Valid() || n.Get("property").Kind() == "private_property_identifier" {
			break
		}
		obj := aliasedKey(p, n.Get("object"), depth)
		if obj == "" {
			return ""
		}
		return obj + "." + n.Get("property").Text()
	}
	return valueKey(p, n)
}

// capture reads the capture flag of a DOM listener's third argument.
func capture(opts syntax.Node) bool {
	opts = scope.Unwrap(opts)
	if !opts.Valid() {
		return false
	}
	if astutil.IsTrue(opts) {
		return true
	}
	if v, ok := astutil.Property(opts, "capture"); ok {
		return astutil.IsTrue(v)
	}
	return false
}

// captureKnown reports whether the capture flag can be read statically.
func captureKnown(opts syntax.Node) bool {
	opts = scope.Unwrap(opts)
	switch opts.Kind() {
	case "", "true", "false", "object":
		return true
	}
	return false
}

// freshFunction reports handler expressions that create a new function
// every time they run, so a removal written that way matches nothing.
func freshFunction(n syntax.Node) (what string, fresh bool) {
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "arrow_function", "function_expression", "function":
		return "an inline function", true
	case "call_expression":
		switch name := astutil.MethodName(n); {
		case name == "bind":
			return "a fresh .bind() result", true
		case apis.FunctionWrapper(name):
			return "a fresh " + name + "() result", true
		}
	}
	return "", false
}

// boundFrom returns x for a handler written x.bind(...).
func boundFrom(n syntax.Node) syntax.Node {
	n = scope.Unwrap(n)
	if n.Kind() == "call_expression" {
		if recv, name := astutil.Method(n); name == "bind" {
			return recv
		}
	}
	return syntax.Node{}
}

// matches reports whether removal r undoes addition a completely.
func matches(p *analyzer.Pass, a, r call) bool {
	if a.style == Signal && r.style == Signal {
		return sameSignal(p, a.target, r.target) && sameHandler(p, a, r)
	}
	if a.style != r.style || !sameTarget(p, a.target, r.target) {
		return false
	}
	if a.remover != "" && r.method != a.remover {
		return false // a configured pair: listen is undone by unlisten only
	}
	if a.viaModule != r.viaModule {
		return false
	}
	if a.mediaList || r.mediaList {
		_, fresh := freshFunction(r.handler)
		return a.mediaList && r.mediaList && !fresh && sameExpr(p, a.handler, r.handler)
	}
	if !r.event.Valid() {
		return true // off() / removeAllListeners()
	}
	if !sameCallEvent(p, a, r) {
		return false
	}
	if !r.handler.Valid() {
		return a.style != DOM // off('event') removes every handler
	}
	if _, fresh := freshFunction(r.handler); fresh {
		return false
	}
	if !sameExpr(p, a.handler, r.handler) {
		return false
	}
	if a.style == DOM && captureKnown(a.options) && captureKnown(r.options) && capture(a.options) != capture(r.options) {
		return false
	}
	return true
}

// callIndex groups listener calls so pairing an addition with removals (or
// the reverse) compares only calls that can have the same event: a file
// with hundreds of listeners would otherwise compare every pair.
type callIndex struct {
	calls []call
	// named holds the calls whose event is a string, by style and name.
	named map[namedEvent][]int
	// unnamed holds, by style, the calls whose event is not a string (a
	// constant, an expression) or is missing: they may equal any event.
	unnamed map[Style][]int
	// byStyle holds every call by style: what a call whose event is no
	// string may pair with.
	byStyle map[Style][]int
	// keyed holds the calls by target and handler (index.go).
	keyed keyedCalls
}

type namedEvent struct {
	style Style
	name  string
}

func indexCalls(calls []call) *callIndex {
	x := &callIndex{calls: calls, named: map[namedEvent][]int{}, unnamed: map[Style][]int{}, byStyle: map[Style][]int{}}
	for i, c := range calls {
		x.byStyle[c.style] = append(x.byStyle[c.style], i)
		if c.eventIsText {
			k := namedEvent{c.style, c.eventName}
			x.named[k] = append(x.named[k], i)
		} else {
			x.unnamed[c.style] = append(x.unnamed[c.style], i)
		}
	}
	return x
}

// pairable yields, in source order, the indexed calls of c's style that
// may have c's event. It leaves out only calls that sameCallEvent (and so
// matches and meantFor, where c's event is present) would reject: two
// string events of different names. Callers still compare the events. It
// yields copies rather than building a slice: on a file with hundreds of
// listeners for one event, copying them into fresh slices was a sixth of
// an edit's time.
func (x *callIndex) pairable(c call) iter.Seq[call] {
	return func(yield func(call) bool) {
		if !c.eventIsText {
			// An event that is no string, or none (off() removes every
			// event), may match calls of any event name.
			for i := range x.byStyle[c.style] {
				if !yield(x.calls[x.byStyle[c.style][i]]) {
					return
				}
			}
			return
		}
		named, unnamed := x.named[namedEvent{c.style, c.eventName}], x.unnamed[c.style]
		i, j := 0, 0
		for i < len(named) || j < len(unnamed) {
			var k int
			if j == len(unnamed) || i < len(named) && named[i] < unnamed[j] {
				k, i = named[i], i+1
			} else {
				k, j = unnamed[j], j+1
			}
			if !yield(x.calls[k]) {
				return
			}
		}
	}
}
