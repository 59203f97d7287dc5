package lifecycle

import (
	"regexp"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// videojsComponent: video.js's components (the player's buttons, menus,
// track displays, techs). Every one extends Component, whose dispose() is
// the teardown: it announces itself with a "dispose" event on the
// component, then takes every listener the component holds on itself, and
// those it added with its evented `this.on(target, type, fn)`, off again.
// What the component adds with `target.on(type, fn)` or
// `target.addEventListener(...)` stays. A component file registers its
// class (`Component.registerComponent("TrackButton", TrackButton)`); a
// plugin's class is registered with `videojs.registerComponent`.
//
// Components hang off a player, which outlives many of them (menu items
// are made again on every update, a tech on every source change): the
// player, what it hands a component's constructor (its options, kept as
// this.options_, and the track lists in options.tracks) and the track lists a tech shares with the
// player are not the component's own. Whatever else the component reaches
// through `this` (its element, its children) dies with it, so apart from
// those the owner is judged like a plain class.
var videojsComponent = &Convention{
	Name: "videojs-component", Kind: Disposable,
	RegisteredBy:    []string{"registerComponent", "registerTech"},
	TeardownMethods: []string{"dispose"},
	EndEvents:       EndEvents{Methods: []string{"on", "one"}, Names: []string{"dispose"}},
	LifetimeUnknown: true,
	Shared: []string{"player_", "player", "options_", "textTracks", "remoteTextTracks", "remoteTextTrackEls",
		"audioTracks", "videoTracks"},
	ParamsOutlive: true,
	Cleanup:       Cleanup{Create: "dispose", SuperUnless: neverSuper, SuperLast: true},
}

// neverSuper matches no base name: a dispose() a fix writes always calls
// super.dispose(), which takes off what Component itself registered, and
// calls it last (Cleanup.SuperLast).
var neverSuper = regexp.MustCompile(`a^`)

// EndEvents says how an owner hears of its own end: Names are the events
// it emits on itself (video.js's "dispose"), Methods those it listens to
// itself with (`this.on`, `this.one`).
type EndEvents struct {
	Methods []string
	Names   []string
}

// registered reports a class passed by name to one of calls at the top of
// the file (`Component.registerComponent("Button", Button)`).
func (m *Model) registered(class syntax.Node, calls []string) bool {
	name := ClassName(class)
	if name == "" {
		return false
	}
	for _, st := range m.tree.Root().Children() {
		if st.Kind() != "expression_statement" {
			continue
		}
		call := scope.Unwrap(st.Child(0))
		if call.Kind() != "call_expression" || !contains(calls, CalleeName(call)) {
			continue
		}
		for _, a := range call.Get("arguments").Children() {
			if a = scope.Unwrap(a); a.Kind() == "identifier" && a.Text() == name {
				return true
			}
		}
	}
	return false
}

// endEventHandlers returns the functions a class hands its own listening
// methods for its end events (`this.on("dispose", () => ...)`, `this.one(
// "dispose", this.cleanup_)`): they run when the instance ends.
func (m *Model) endEventHandlers(class syntax.Node, ev EndEvents) []syntax.Node {
	var out []syntax.Node
	class.Get("body").Walk(func(n syntax.Node) bool {
		if n.Kind() == "class_declaration" || n.Kind() == "class" {
			return false // a nested class listens to itself
		}
		if n.Kind() != "call_expression" || !m.endEventCall(n, ev) {
			return true
		}
		if h := m.handlerFunction(class, scope.Unwrap(n.Get("arguments").Child(1))); h.Valid() {
			out = append(out, h)
		}
		return true
	})
	return out
}

// endEventCall reports `this.on("dispose", fn)`: a listener the owner
// gives itself for one of its end events.
func (m *Model) endEventCall(call syntax.Node, ev EndEvents) bool {
	fn := scope.Unwrap(call.Get("function"))
	if fn.Kind() != "member_expression" || scope.Unwrap(fn.Get("object")).Kind() != "this" ||
		!contains(ev.Methods, fn.Get("property").Text()) {
		return false
	}
	args := call.Get("arguments").Children()
	if len(args) != 2 {
		return false // this.on(target, type, fn) listens to another object
	}
	first := scope.Unwrap(args[0])
	return first.Kind() == "string" && contains(ev.Names, propertyName(first))
}

// handlerFunction resolves a handler written in place, a local function's
// name, or a method of the class (`this.cleanup_`, `this.cleanup_.bind(this)`).
func (m *Model) handlerFunction(class, h syntax.Node) syntax.Node {
	switch {
	case scope.IsFunction(h):
		return h
	case h.Kind() == "identifier":
		return m.functionOf(h)
	case h.Kind() == "call_expression" && CalleeName(h) == "bind":
		return m.handlerFunction(class, scope.Unwrap(scope.Unwrap(h.Get("function")).Get("object")))
	case h.Kind() == "member_expression" && scope.Unwrap(h.Get("object")).Kind() == "this":
		return m.method(class, h.Get("property").Text())
	}
	return syntax.Node{}
}

// EndEventHandler reports a function given as a listener, whether or not
// it is one of o's end-event handlers, for an owner whose convention says
// how it hears of its end. Such an owner ends only then: a removal in a
// handler of another event (a webkitbeginfullscreen, the player's own
// "dispose") runs when that event fires, not when the owner ends. end
// reports which of the two it is. ok=false for owners without EndEvents,
// and for functions that are not handed to a listening call.
func (m *Model) EndEventHandler(o *Owner, fn syntax.Node) (end, ok bool) {
	if o == nil || len(o.Follows().EndEvents.Names) == 0 {
		return false, false
	}
	for _, t := range o.Teardowns {
		if t.Index() == fn.Index() {
			return true, true
		}
	}
	args := fn.Parent()
	for args.Kind() == "parenthesized_expression" {
		args = args.Parent()
	}
	if args.Kind() != "arguments" {
		return false, false
	}
	call := args.Parent()
	if fn := scope.Unwrap(call.Get("function")); fn.Kind() != "member_expression" {
		return false, false
	}
	switch CalleeName(call) {
	case "on", "one", "once", "addEventListener", "addListener":
		return false, true
	}
	return false, false
}

// Outlives reports a listener target that belongs to something longer
// lived than owner o, as its convention names it (Convention.Shared,
// ParamsOutlive): `this.player_`, `this.textTracks()`, `player` or
// `options.tracks` given to the constructor, and locals holding one of
// them.
func (m *Model) Outlives(o *Owner, target syntax.Node) bool {
	if o == nil || !o.Class.Valid() {
		return false
	}
	c := o.Follows()
	if len(c.Shared) == 0 && !c.ParamsOutlive && !c.SetupParamsOutlive {
		return false
	}
	return m.sharedValue(o, c, target, 0)
}

func (m *Model) sharedValue(o *Owner, c *Convention, n syntax.Node, depth int) bool {
	if depth > 6 {
		return false
	}
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "call_expression":
		// this.textTracks(), this.player().textTracks()
		fn := scope.Unwrap(n.Get("function"))
		if fn.Kind() != "member_expression" || !contains(c.Shared, fn.Get("property").Text()) {
			return false
		}
		obj := scope.Unwrap(fn.Get("object"))
		return obj.Kind() == "this" && m.scope.ThisOwner(obj).Index() == o.Class.Index() || m.sharedValue(o, c, obj, depth+1)
	case "member_expression":
		obj := scope.Unwrap(n.Get("object"))
		if obj.Kind() == "this" {
			return m.scope.ThisOwner(obj).Index() == o.Class.Index() && contains(c.Shared, n.Get("property").Text())
		}
		// A part of the player or of its options: options.tracks.
		return m.sharedValue(o, c, obj, depth+1)
	case "identifier":
		b := m.scope.Resolve(n)
		if b == nil {
			return false
		}
		if b.Kind == scope.Param {
			return c.ParamsOutlive && m.constructorParam(o, b) || c.SetupParamsOutlive && m.setupParam(o, b)
		}
		if b.Reassigned || b.ModuleLevel() || !b.Init.Valid() {
			return false
		}
		return m.sharedValue(o, c, b.Init, depth+1)
	}
	return false
}

// constructorParam reports a parameter of the owner class's constructor.
func (m *Model) constructorParam(o *Owner, b *scope.Binding) bool {
	ctor := Methods(o.Class)["constructor"]
	return ctor.Valid() && b.Decl.Valid() && ctor.Get("parameters").Contains(b.Decl)
}

// ListensToOwnEnd reports a call by which owner o listens for its own end
// (`this.on("dispose", fn)` in a video.js component): such a listener runs
// as the owner ends and goes with it, so it never needs removing.
func (m *Model) ListensToOwnEnd(o *Owner, call syntax.Node) bool {
	if o == nil || len(o.Follows().EndEvents.Names) == 0 || call.Kind() != "call_expression" {
		return false
	}
	return m.endEventCall(call, o.Follows().EndEvents)
}

// VideojsFramework is the framework base facts report for a class whose
// file registers it as a video.js component (RegisteringCall): a class in
// another file that extends it, registered or not, is a video.js component
// too.
const VideojsFramework = "videojs.Component"

// RegisteringCall returns the framework base a class is known by when its
// file passes it to the named call (`registerComponent`), or "".
func RegisteringCall(name string) string {
	if contains(videojsComponent.RegisteredBy, name) {
		return VideojsFramework
	}
	return ""
}

// videojsOwner makes a class whose base another file registers as a
// video.js component an owner of that convention.
func (m *Model) videojsOwner(class syntax.Node) *Owner {
	name := ClassName(class)
	if name == "" {
		name = "this class"
	}
	return m.ownerFor(videojsComponent, classFacts{class: class, base: ClassBase(class), methods: m.methodsWithBases(class), decorators: Decorators(class)}, name)
}
