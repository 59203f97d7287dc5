package lifecycle

import (
	"regexp"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// A Convention is one framework's way of owning registrations, held as
// data: how an owner is recognised (a class, an object given to a factory,
// a hook's callback), where it is set up and torn down, how a fix writes
// cleanup into it, and how messages name it. Adding a framework is adding
// a value to Conventions plus fixtures.
type Convention struct {
	// Name identifies the convention in tests and docs ("react-class").
	Name string
	Kind Kind

	// Recognition: a class matches when any of the following holds.
	//
	// Bases are base classes, each with the modules it must be imported
	// from (none: any or no import).
	Bases []Base
	// BasePattern matches the last segment of the base class's name
	// (HTMLElement, LitElement, a mixin's innermost argument).
	BasePattern *regexp.Regexp
	// Decorators mark the class (@Component).
	Decorators []string
	// Implements names interfaces that mark it (OnDestroy).
	Implements []string
	// Markers are methods whose presence marks it (connectedCallback).
	Markers []string
	// Factories are calls whose object-literal argument is an owner with
	// the convention's teardown methods (L.Control.extend({...})).
	Factories []string
	// FactoryReceivers, when set, narrow Factories to calls on these
	// objects, by the last segment of their name (L.Control.extend:
	// "Control"), imported from one of FactoryModules, or a page global
	// or a relative import unless FactoryImported (Model.madeBy).
	FactoryReceivers []string
	FactoryModules   []string
	FactoryImported  bool
	// ElementTokens narrow the recognition above to classes that also
	// inject one of these (ElementRef), or their own class from a parent
	// injector (@SkipSelf): only a component provides such a class, and it
	// ends with that component (injectsFromElement).
	ElementTokens []string
	// RegisteredBy are calls, at the top of the file that declares a
	// class, that register it with its framework (video.js's
	// Component.registerComponent("Name", Name), Tech.registerTech).
	RegisteredBy []string

	// Hooks are calls whose first argument, a function written in place,
	// is the setup of an owner (onMount(() => ...), $effect(() => ...)),
	// matched by the callee's name or its whole text ("$effect.pre").
	Hooks []string
	// HookModules are the modules Hooks must be imported from, unless not
	// imported at all (a name the compiler provides); empty: any.
	HookModules []string
	// EffectHooks: the hooks are the model's effect hooks
	// (DefaultEffectHooks and Config.EffectHooks).
	EffectHooks bool
	// ReturnsTeardown: the function a hook's setup returns runs when the
	// owner ends, and so does a disposer it returns.
	ReturnsTeardown bool
	// CallbacksAnywhere: a hook owner's TeardownCallbacks count anywhere
	// in the file (Svelte's onDestroy beside onMount), not only in its
	// setup.
	CallbacksAnywhere bool
	// TeardownPhrase names a hook owner's teardown in messages; %s is the
	// hook ("the cleanup function %s returns").
	TeardownPhrase string

	// SetupMethods are the methods that set the owner up
	// (componentDidMount); a teardown a fix creates goes after the last of
	// them, or after the constructor.
	SetupMethods []string
	// SetupCallbacks are calls whose callback runs once when the owner
	// starts (onMounted), as do calls matching SetupCallbackPattern.
	SetupCallbacks       []string
	SetupCallbackPattern *regexp.Regexp

	// TeardownMethods are the methods that run when the owner ends.
	TeardownMethods []string
	// TeardownCallbacks are calls whose callback runs when the owner ends,
	// written in the class (DestroyRef.onDestroy(() => ...)) or in the
	// setup function, hook callback or instance script (onBeforeUnmount,
	// Solid's onCleanup); see CallbacksAnywhere.
	TeardownCallbacks []string
	// EndEvents are the events an owner emits on itself as it ends
	// (video.js's "dispose") and the methods it listens to itself with:
	// what it hands `this.on("dispose", fn)` runs at teardown; a handler of
	// another event, or of another object's end, does not (videojs.go).
	EndEvents EndEvents
	// NeedsTeardown: an instance with none of the teardowns lives as long
	// as the program (a root service), so it is no owner at all.
	NeedsTeardown bool
	// AnyTeardownMethod: the teardown methods are the model's configurable
	// set of plain-class teardown names (dispose, destroy, close, ...).
	AnyTeardownMethod bool

	// IsElement: the owner is itself a DOM element, so what hangs off it
	// (this.shadowRoot, this.querySelector(...)) goes when it goes.
	IsElement bool
	// Markup says how the owner's code reaches the markup it renders
	// (see Markup): what hangs off its elements and child components goes
	// when it goes.
	Markup Markup
	// InstanceData is the option of an options object whose function
	// returns a new object for each instance (Vue's data): the entries of
	// that object are members the instance makes (Owner.InstanceDataEntry).
	InstanceData string
	// LifetimeUnknown: nothing says how long an owner lives (a plain class
	// may be per connection or app-wide), so only what certainly outlives
	// everything, or what is declared as an accumulating emitter, is
	// reported for it.
	LifetimeUnknown bool
	// Shared names what an owner reaches through `this` that belongs to a
	// longer-lived object: members (video.js's this.player_) and getters
	// (this.player(), this.textTracks(): the track lists a player hands
	// each tech). With ParamsOutlive, what the constructor is given (a
	// video.js component's player and options) is such an object too. A
	// listener on one outlives the owner whatever LifetimeUnknown says
	// (Model.Outlives).
	Shared        []string
	ParamsOutlive bool
	// SetupParamsOutlive: what the setup methods are given outlives the
	// owner too (the map Leaflet hands a layer's onAdd).
	SetupParamsOutlive bool
	// SharedEnds: the library expects an owner to take off what it
	// registered on those longer-lived objects when it ends (a Leaflet
	// layer leaves a map that goes on; a Tiptap provider serves other
	// editors), so a listener left on one is reported as such. Without
	// it, many owners live exactly as long as that object (a video.js
	// player's control bar), and one is reported only where the owner
	// shows it must (it takes some listener off such an object itself).
	SharedEnds bool

	// SetupFirst are the SetupMethods that run before every teardown
	// (ngOnInit, componentDidMount; not firstUpdated, which an element
	// never rendered skips): a handle they store is set when the teardown
	// runs. The constructor always is; for a plain class it is the only
	// one.
	SetupFirst []string

	// What a fix writes, and where (see Cleanup).
	Cleanup Cleanup
	// How subscriptions in the owner are undone and ended (see
	// Subscriptions).
	Subscriptions Subscriptions

	// Words for messages.
	//
	// Phrase names the owner where a message says it lacks a teardown:
	// "this %s" gives "this useEffect" (%s is Owner.Name); "" is the
	// owner's name alone.
	Phrase string
	// Ends names what ends when the owner does ("the effect", "the
	// component"); "" is the owner's name.
	Ends string
	// Where says where the cleanup goes when the message cannot name one
	// teardown ("in an onBeforeUnmount (or onUnmounted) callback"); "" is
	// "in <teardown>".
	Where string
}

// Markup names the ways an owner's script holds the elements and child
// components of its own template. A listener on one of them (or on what a
// child component keeps, such as its editor) dies with the owner; what the
// template's parts lead out to (their ownerDocument, a child's $root or
// $store) does not, and rules that use Markup stop there.
type Markup struct {
	// Refs is the member of `this` that holds the template's parts by
	// name (Vue's this.$refs).
	Refs string
	// Root is the member of `this` that holds the element the owner
	// renders as its root (Vue's this.$el): it goes when the owner does.
	Root string
	// TemplateRefs are calls that make a reference the template fills
	// (Vue's useTemplateRef("name")).
	TemplateRefs []string
	// EmptyRefs are calls that make a reference the template fills when
	// they are made empty (ref(), ref(null)) and the script never writes
	// its value: only a ref="name" attribute can then set it.
	EmptyRefs []string
	// Reads are calls that give a reference's value, as reading its
	// .value does (Vue's unref(box), toValue(box)).
	Reads []string
	// Modules are where TemplateRefs, EmptyRefs and Reads come from; a name
	// neither imported nor declared in the file is an auto-import.
	Modules []string
}

// Base is a base class a convention recognises and the modules it comes
// from.
type Base struct {
	Name string   // "Component", "React.Component"
	From []string // modules it must be imported from; empty: any
}

var (
	reactModules = []string{"react", "preact", "preact/compat"}
	// customElementBase matches the base classes of custom elements.
	customElementBase = regexp.MustCompile(`^(HTML\w*Element|LitElement|ReactiveElement|FASTElement|PolymerElement|SVGElement)$`)
)

// Conventions are the built-in owner conventions, tried in order: the
// first that recognises a class, factory object or hook call decides its
// owner. Vue options objects, setup functions and the instance scripts of
// .vue and .svelte files are found by the model, which gives them the
// vue-* and svelte-instance values.
var Conventions = []*Convention{
	{
		Name: "react-class", Kind: ReactClass,
		// Component from elsewhere (a video player's, a game engine's) is
		// a plain class: its dispose() counts, not componentWillUnmount.
		Bases: []Base{
			{Name: "Component", From: reactModules}, {Name: "PureComponent", From: reactModules},
			{Name: "React.Component", From: reactModules}, {Name: "React.PureComponent", From: reactModules},
		},
		SetupMethods:    []string{"componentDidMount"},
		SetupFirst:      []string{"componentDidMount"},
		TeardownMethods: []string{"componentWillUnmount"},
		Cleanup:         Cleanup{Create: "componentWillUnmount"},
	},
	{
		Name: "custom-element", Kind: WebComponent,
		BasePattern:     customElementBase,
		IsElement:       true,
		Markers:         []string{"connectedCallback", "disconnectedCallback"},
		SetupMethods:    []string{"connectedCallback", "firstUpdated"},
		SetupFirst:      []string{"connectedCallback"},
		TeardownMethods: []string{"disconnectedCallback"},
		Cleanup:         Cleanup{Create: "disconnectedCallback", SuperUnless: plainElementBase},
	},
	{
		Name: "angular-component", Kind: Angular,
		Decorators:        []string{"Component", "Directive", "Pipe"},
		SetupMethods:      angularSetup,
		SetupFirst:        angularSetupFirst,
		TeardownMethods:   []string{"ngOnDestroy"},
		TeardownCallbacks: []string{"onDestroy"},
		Cleanup:           angularCleanup,
		Subscriptions:     angularSubscriptions,
	},
	{
		// A service a component provides (`providers: [SubmenuService]`),
		// known from what it injects: Angular destroys it with the
		// component, so it is an owner even before it has an ngOnDestroy.
		Name: "angular-element-service", Kind: Angular,
		Decorators:        []string{"Injectable"},
		ElementTokens:     angularElementTokens,
		SetupMethods:      angularSetup,
		SetupFirst:        angularSetupFirst,
		TeardownMethods:   []string{"ngOnDestroy"},
		TeardownCallbacks: []string{"onDestroy"},
		Cleanup:           angularCleanup,
		Subscriptions:     angularSubscriptions,
	},
	{
		// A service, module or plain class that takes part in Angular's
		// lifecycle. Without any teardown it lives as long as the app.
		Name: "angular-service", Kind: Angular,
		Decorators:        []string{"Injectable", "NgModule"},
		Implements:        []string{"OnDestroy"},
		Markers:           []string{"ngOnDestroy"},
		SetupMethods:      angularSetup,
		SetupFirst:        angularSetupFirst,
		TeardownMethods:   []string{"ngOnDestroy"},
		TeardownCallbacks: []string{"onDestroy"},
		NeedsTeardown:     true,
		Cleanup:           angularCleanup,
		Subscriptions:     angularSubscriptions,
	},
	{
		// Pre-class React components: React.createClass({...}) and the
		// create-react-class package.
		Name: "react-create-class", Kind: ReactClass,
		Factories:       []string{"createClass", "createReactClass"},
		SetupMethods:    []string{"componentDidMount"},
		SetupFirst:      []string{"componentDidMount"},
		TeardownMethods: []string{"componentWillUnmount"},
		Cleanup:         Cleanup{Create: "componentWillUnmount"},
	},
	leafletLayer,
	tiptapExtension,
	tiptapNodeView,
	{
		// Other classes made from an object literal the same way
		// (Class.extend({ init() {...}, destroy() {...} })).
		Name: "factory-object", Kind: Disposable,
		Factories:       []string{"extend", "include"},
		LifetimeUnknown: true,
		TeardownMethods: []string{"onRemove", "remove", "destroy", "dispose", "unbind", "teardown"},
		NeedsTeardown:   true,
	},
	videojsComponent,
	luminoWidget,
	plainClass,

	// Owners of hook callbacks, options objects and component scripts.
	reactEffect, svelteMount, svelteEffectRune, svelteInstance, svelteHook,
	vueSetup, vueComposable, vueOptions, vue2Component,
	{
		// Solid: what onMount(() => ...) or createEffect(() => ...) sets up
		// is undone by an onCleanup(() => ...) registered inside it (what
		// the callback returns is no cleanup in Solid).
		Name: "solid-effect", Kind: ReactEffect,
		Hooks:             []string{"onMount", "createEffect", "createRenderEffect", "createComputed"},
		HookModules:       []string{"solid-js"},
		SetupCallbacks:    []string{"onMount", "createEffect", "createRenderEffect", "createComputed"},
		TeardownCallbacks: []string{"onCleanup"},
		TeardownPhrase:    "an onCleanup callback",
		Cleanup:           Cleanup{Site: InHook, Create: "onCleanup", Module: "solid-js"},
		Phrase:            "this %s", Ends: "the effect",
	},
	// ES5 constructor functions with a teardown method (constructors.go).
	// Last: the classes a convention above recognises are ES2015 classes.
	constructorFunction,
}

var (
	angularSetup      = []string{"ngOnInit", "ngAfterViewInit", "ngAfterContentInit"}
	angularSetupFirst = []string{"ngOnInit"}
	angularCleanup    = Cleanup{Create: "ngOnDestroy", ReturnType: ": void", Implements: "OnDestroy", Module: "@angular/core"}
	// plainElementBase matches the bases whose custom elements have no
	// disconnectedCallback of their own to call.
	plainElementBase = regexp.MustCompile(`^(HTML|SVGElement$)`)

	// plainClass: any class with a teardown method (built in or
	// configured), its own or inherited from a base class declared in the
	// same file.
	plainClass = &Convention{
		Name: "disposable", Kind: Disposable,
		AnyTeardownMethod: true,
		LifetimeUnknown:   true,
		NeedsTeardown:     true,
	}

	// reactEffect: useEffect(() => { ...; return () => cleanup }) and
	// the other effect hooks (DefaultEffectHooks, Config.EffectHooks).
	reactEffect = &Convention{
		Name: "react-effect", Kind: ReactEffect,
		EffectHooks: true, ReturnsTeardown: true, TeardownPhrase: "the cleanup function %s returns",
		SetupCallbacks:       []string{"useMount"},
		SetupCallbackPattern: regexp.MustCompile(`^use.*Effect$`),
		Cleanup:              Cleanup{Site: InReturned, HandedOut: Caller},
		Phrase:               "this %s", Ends: "the effect",
	}

	// svelteMount: Svelte's onMount(() => { ...; return cleanup }), with
	// onDestroy callbacks anywhere in the component.
	svelteMount = &Convention{
		Name: "svelte-mount", Kind: SvelteMount,
		Hooks: []string{"onMount"}, HookModules: []string{"svelte"},
		ReturnsTeardown: true, CallbacksAnywhere: true, TeardownPhrase: "the function %s returns",
		SetupCallbacks:    []string{"onMount"},
		TeardownCallbacks: []string{"onDestroy"},
		Cleanup:           Cleanup{Site: InReturned, HandedOut: WholeFile},
		Phrase:            "this onMount", Ends: "the component",
		Subscriptions: svelteSubscriptions,
	}

	// svelteEffectRune: Svelte 5's $effect(() => { ...; return cleanup }).
	svelteEffectRune = &Convention{
		Name: "svelte-effect", Kind: SvelteMount,
		Hooks:           []string{"$effect", "$effect.pre"},
		ReturnsTeardown: true, TeardownPhrase: "the function $effect returns",
		Cleanup: Cleanup{Site: InReturned, HandedOut: WholeFile},
		Phrase:  "this onMount", Ends: "the component",
		Subscriptions: svelteSubscriptions,
	}

	// svelteInstance: a Svelte component's instance script, which runs
	// once per component instance.
	svelteInstance = &Convention{
		Name: "svelte-instance", Kind: SvelteComponent,
		TeardownCallbacks: []string{"onDestroy"},
		Cleanup:           Cleanup{Site: InHook, Create: "onDestroy", Module: "svelte"},
		Subscriptions:     svelteSubscriptions,
	}

	// svelteHook: a function of a `.svelte.ts`/`.svelte.js` module that
	// components call while they initialise (`useX`, or one that calls
	// onDestroy or $effect itself). Like a Vue composable, it runs once per
	// calling component, so what it leaves on an object it was given piles
	// up; its teardowns are onDestroy callbacks and what its $effect
	// callbacks return.
	svelteHook = &Convention{
		Name: "svelte-hook", Kind: SvelteComponent,
		TeardownCallbacks: []string{"onDestroy"},
		Cleanup:           Cleanup{Site: InHook, Create: "onDestroy", Module: "svelte"},
		Subscriptions:     svelteSubscriptions,
		Ends:              "the component using %s", Where: "in an onDestroy callback",
	}

	// vueSetup: a setup() function, or <script setup>; its teardowns are
	// onBeforeUnmount and friends called in it.
	vueSetup = &Convention{
		Name: "vue-setup", Kind: VueSetup,
		SetupCallbacks:    []string{"onMounted", "onBeforeMount"},
		TeardownCallbacks: vueTeardownHooks,
		Markup:            vueTemplateRefs,
		Cleanup:           Cleanup{Site: InHook, Create: "onBeforeUnmount", Module: "vue"},
		Ends:              "the component", Where: "in an onBeforeUnmount (or onUnmounted) callback",
	}

	// vueTemplateRefs: a setup function's template refs
	// (`const box = ref(null)` with `<div ref="box">`, useTemplateRef).
	vueTemplateRefs = Markup{
		TemplateRefs: []string{"useTemplateRef"},
		EmptyRefs:    []string{"ref", "shallowRef"},
		Reads:        []string{"unref", "toValue"},
		Modules:      []string{"vue", "@vue/runtime-core", "@vue/reactivity", "@vue/composition-api", "vue-demi"},
	}

	// vueComposable: a composable (`useX()` in a file that uses Vue); the
	// component that calls it owns what it registers.
	vueComposable = &Convention{
		Name: "vue-composable", Kind: VueSetup,
		SetupCallbacks:    []string{"onMounted", "onBeforeMount"},
		TeardownCallbacks: vueTeardownHooks,
		Cleanup:           Cleanup{Site: InHook, Create: "onBeforeUnmount", Module: "vue"},
		Ends:              "the component using %s", Where: "in an onBeforeUnmount (or onUnmounted) callback",
	}

	// vueOptions: a Vue 3 options component (`export default { mounted()
	// {...}, beforeUnmount() {...} }` in a .vue file, defineComponent).
	vueOptions = &Convention{
		Name: "vue-options", Kind: VueOptions,
		SetupMethods:    []string{"mounted", "created", "beforeMount", "setup"},
		SetupFirst:      []string{"mounted", "created", "beforeMount"},
		TeardownMethods: vueOptionsTeardowns,
		Markup:          Markup{Refs: "$refs", Root: "$el"},
		InstanceData:    "data",
		Cleanup:         Cleanup{Create: "beforeUnmount"},
		Ends:            "the component",
	}

	// vue2Component: Vue 2 options components end with beforeDestroy (Vue 3
	// renamed it beforeUnmount). The model picks it for files VueMajor
	// says are Vue 2, and for components that listen to
	// "hook:beforeDestroy".
	vue2Component = &Convention{
		Name: "vue2-options", Kind: VueOptions,
		SetupMethods:    vueOptions.SetupMethods,
		SetupFirst:      vueOptions.SetupFirst,
		TeardownMethods: vue2Teardowns,
		Markup:          vueOptions.Markup,
		InstanceData:    vueOptions.InstanceData,
		Cleanup:         Cleanup{Create: "beforeDestroy"},
		Ends:            "the component",
	}
)

// appRootName matches the names applications give their root component or
// shell element (App, AppComponent, HomeAssistantAppEl, AppShell): it is
// created once by the page and never torn down.
var appRootName = regexp.MustCompile(`^\w*App(Root|Shell)?(El|Element|Component)?$`)

// classFacts is what recognition reads of one class, gathered once.
type classFacts struct {
	class      syntax.Node
	base       string
	methods    map[string]syntax.Node
	decorators []string
}

// recognises reports whether convention c applies to a class.
func (m *Model) recognises(c *Convention, f classFacts) bool {
	if len(c.ElementTokens) > 0 && (f.class.Kind() == "object" || !injectsFromElement(f.class, c.ElementTokens)) {
		return false
	}
	if c.AnyTeardownMethod {
		for name := range f.methods {
			if m.teardowns[name] {
				return true
			}
		}
		return false
	}
	if len(c.RegisteredBy) > 0 && m.registered(f.class, c.RegisteredBy) {
		return true
	}
	for _, b := range c.Bases {
		if f.base == b.Name && m.importedFromAny(rootName(b.Name), b.From) {
			return true
		}
	}
	if c.BasePattern != nil && f.base != "" && c.BasePattern.MatchString(lastSegment(f.base)) {
		return true
	}
	for _, d := range f.decorators {
		if contains(c.Decorators, d) {
			return true
		}
	}
	for _, i := range c.Implements {
		if ClassImplements(f.class, i) {
			return true
		}
	}
	return hasAny(f.methods, c.Markers...)
}

// importedFromAny reports whether name is imported from one of modules
// (any module, or none, when the list is empty).
func (m *Model) importedFromAny(name string, modules []string) bool {
	if len(modules) == 0 {
		return true
	}
	src := m.ImportedFrom(name)
	for _, mod := range modules {
		if src == mod {
			return true
		}
	}
	// React.Component with React a page global (a UMD build): a name
	// neither imported nor declared in the file is the global one.
	return src == "" && name == "React" && m.scope.Module.Lookup(name) == nil
}

func rootName(dotted string) string {
	if i := strings.IndexByte(dotted, '.'); i >= 0 {
		return dotted[:i]
	}
	return dotted
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ownerFor builds the owner convention c makes of a class or object
// literal, or nil when the convention needs a teardown the owner lacks.
func (m *Model) ownerFor(c *Convention, f classFacts, name string) *Owner {
	o := &Owner{Kind: c.Kind, Node: f.class, Name: name, Class: f.class, TeardownName: c.Cleanup.Create, Convention: c}
	teardowns := c.TeardownMethods
	if c.AnyTeardownMethod {
		teardowns = nil
		for n := range f.methods {
			if m.teardowns[n] {
				teardowns = append(teardowns, n)
			}
		}
		sort.Strings(teardowns)
	}
	for _, t := range teardowns {
		if meth, ok := f.methods[t]; ok {
			o.Teardowns = append(o.Teardowns, meth)
			if len(o.Teardowns) == 1 {
				o.TeardownName = t
			}
		}
	}
	if len(c.TeardownCallbacks) > 0 && f.class.Kind() != "object" {
		o.Teardowns = append(o.Teardowns, m.callbacksOf(f.class.Get("body"), c.TeardownCallbacks...)...)
	}
	if len(c.EndEvents.Names) > 0 && f.class.Kind() != "object" {
		o.Teardowns = append(o.Teardowns, m.endEventHandlers(f.class, c.EndEvents)...)
	}
	if c.NeedsTeardown && len(o.Teardowns) == 0 {
		return nil
	}
	return o
}

// livesWithApp reports a class whose instances live as long as the
// application, so it is no owner: one the file creates once
// (moduleSingletons), an Angular service of the root injector
// (RootProvided), the application's root component or an element of
// its shell (a header its root template always renders), or an element a
// framework keeps for the session.
func (m *Model) livesWithApp(class syntax.Node) bool {
	if m.moduleSingletons()[ClassName(class)] || appRootName.MatchString(ClassName(class)) || RootProvided(class) {
		return true
	}
	if contains(Decorators(class), "Component") && (angularRoot(class) || m.inAppShell(class)) {
		return true
	}
	return m.keptByFramework(class, m.methodsWithBases(class))
}

// conventionOwner returns the owner the first convention that recognises
// the class makes of it, or nil.
func (m *Model) conventionOwner(class syntax.Node) *Owner {
	f := classFacts{class: class, base: ClassBase(class), methods: m.methodsWithBases(class), decorators: Decorators(class)}
	name := ClassName(class)
	if name == "" {
		name = "this class"
	}
	for _, c := range m.conventions {
		if len(c.Factories) > 0 || !m.recognises(c, f) {
			continue
		}
		return m.ownerFor(c, f, name)
	}
	return nil
}

// AppLifetimeOwnerOf returns, for n inside a class that lives as long as
// the application (livesWithApp), the owner its convention would make of
// it if it could end; nil otherwise. Such a class never ends, so what it
// sets up once is no leak, but what it sets up again and again piles up:
// rules that report the latter ask for it.
func (m *Model) AppLifetimeOwnerOf(n syntax.Node) *Owner {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if !p.Is("class_declaration", "abstract_class_declaration", "class") {
			continue
		}
		if m.isMixin(p) || !m.livesWithApp(p) {
			return nil
		}
		return m.conventionOwner(p)
	}
	return nil
}

// factoryOwner returns the owner an object literal given to a factory call
// makes (L.Layer.extend({...})), or nil.
func (m *Model) factoryOwner(obj syntax.Node) *Owner {
	if obj.Kind() != "object" || obj.Parent().Kind() != "arguments" {
		return nil
	}
	key := -obj.Index() - 1
	if cached, ok := m.owners[key]; ok {
		return cached
	}
	var o *Owner
	call := obj.Parent().Parent()
	for _, c := range m.conventions {
		if m.madeBy(c, call) {
			o = m.ownerFor(c, classFacts{class: obj, methods: objectMethods(obj)}, "this "+CalleeName(call)+"(...) object")
			break
		}
	}
	m.owners[key] = o
	return o
}

// objectMethods returns an object literal's methods and function-valued
// properties by name.
func objectMethods(obj syntax.Node) map[string]syntax.Node {
	out := make(map[string]syntax.Node)
	for _, c := range obj.Children() {
		switch c.Kind() {
		case "method_definition":
			out[propertyName(c.Get("name"))] = c
		case "pair":
			if v := scope.Unwrap(c.Get("value")); scope.IsFunction(v) {
				out[propertyName(c.Get("key"))] = v
			}
		}
	}
	return out
}

// methodsWithBases returns a class's methods together with those it
// inherits from base classes declared in the same file; its own win.
func (m *Model) methodsWithBases(class syntax.Node) map[string]syntax.Node {
	methods := Methods(class)
	seen := map[int]bool{class.Index(): true}
	for base := m.localBase(class); base.Valid() && !seen[base.Index()]; base = m.localBase(base) {
		seen[base.Index()] = true
		for name, meth := range Methods(base) {
			if _, own := methods[name]; !own {
				methods[name] = meth
			}
		}
	}
	return methods
}

// localBase returns the class declaration a class extends when it is
// declared in this file, or the zero Node.
func (m *Model) localBase(class syntax.Node) syntax.Node {
	base := ClassBase(class)
	if base == "" || strings.ContainsAny(base, ".(<") {
		return syntax.Node{}
	}
	b := m.scope.Module.Lookup(base)
	if b == nil || b.Kind != scope.ClassDecl {
		return syntax.Node{}
	}
	decl := b.Decl.Parent()
	if decl.Kind() != "class_declaration" && decl.Kind() != "abstract_class_declaration" {
		return syntax.Node{}
	}
	return decl
}

// conventionOfKind returns the first convention of a kind that names
// teardown methods (react-class for React classes, custom-element for
// custom elements).
func (m *Model) conventionOfKind(k Kind) *Convention {
	for _, c := range m.conventions {
		if c.Kind == k && len(c.TeardownMethods) > 0 {
			return c
		}
	}
	return nil
}
