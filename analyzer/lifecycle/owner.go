// Package lifecycle finds the owners of registrations and their teardowns.
//
// An owner is the construct whose end should undo a registration: a React
// effect (its returned cleanup), a React class component
// (componentWillUnmount), an Angular class (ngOnDestroy, DestroyRef.onDestroy),
// a Vue component (beforeUnmount and friends, onUnmounted in setup), a Svelte
// onMount (the function it returns, onDestroy), a Solid onMount or effect
// (onCleanup), a Web Component or Lit element (disconnectedCallback), or
// any class with a teardown method (dispose, destroy, close, ...). Each is
// a Convention value (conventions.go). Given a registration, the Model answers
// which owner, which teardown, and whether an undo is reachable from it.
package lifecycle

import (
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Kind is the shape of an owner. Rules do not read it: what they decide,
// what a fix writes and how messages name the owner come from its
// Convention. The model uses it only to pick a framework's convention for
// a class whose framework base another file declares (imported.go); a new
// framework picks the kind it is shaped like (Solid's effects are
// ReactEffect).
type Kind uint8

const (
	ReactEffect Kind = iota + 1
	ReactClass
	Angular
	VueOptions
	VueSetup
	SvelteMount
	SvelteComponent
	WebComponent
	Disposable
)

var kindNames = map[Kind]string{
	ReactEffect: "React effect", ReactClass: "React class component", Angular: "Angular class",
	VueOptions: "Vue component", VueSetup: "Vue setup", SvelteMount: "Svelte onMount", SvelteComponent: "Svelte component",
	WebComponent: "custom element", Disposable: "class",
}

func (k Kind) String() string { return kindNames[k] }

// Owner is a construct whose end should undo what it registered.
type Owner struct {
	Kind Kind
	// Node is the owning construct: the effect's call, the class, the Vue
	// options object, the setup function, the onMount call.
	Node syntax.Node
	// Setup is the function that runs the registrations: the effect or
	// onMount callback, the setup function. Zero for classes.
	Setup syntax.Node
	// Name says in messages which owner this is ("useEffect", "Clock").
	Name string
	// Teardowns are the functions that run when the owner ends: the
	// effect's returned function, componentWillUnmount, ngOnDestroy and
	// DestroyRef.onDestroy callbacks, disconnectedCallback, dispose, ...
	Teardowns []syntax.Node
	// Returned holds values an effect or onMount callback returns that are
	// not functions written in place (`return unsubscribe`,
	// `() => store.subscribe(fn)`): a returned disposer is a cleanup.
	Returned []syntax.Node
	// Lost holds what an async setup returns (`onMount(async () => { ...;
	// return () => off() })`): the callback hands the framework a promise,
	// not a function, so React and Svelte never run it as the cleanup
	// (Svelte's onMount docs; React warns "useEffect must not return
	// anything besides a function"). Rules word their message by it.
	Lost []syntax.Node
	// TeardownName names the teardown in messages and is the method a fix
	// creates when Teardowns is empty ("componentWillUnmount").
	TeardownName string
	// Class is the class or options object for class-like owners, the zero
	// Node for effects and setup functions.
	Class syntax.Node
	// Convention is the convention the owner follows: how it ends and
	// how a fix adds to its teardown. Read it through Follows, which
	// never returns nil.
	Convention *Convention
	// Inherited is set when the class extends a class declared in another
	// file: what its teardowns clean there.
	Inherited *ImportedClass
}

// AsyncSetup reports an owner whose setup is an async function while its
// convention takes the setup's return value as the cleanup: whatever it
// returns is a promise, so no cleanup can be returned from it.
func (o *Owner) AsyncSetup() bool {
	return o != nil && o.Setup.Valid() && o.Convention != nil && o.Convention.ReturnsTeardown &&
		o.Setup.HasToken("async")
}

// Config extends the built-in owner vocabulary.
type Config struct {
	// EffectHooks are extra React hooks whose callback's return value is
	// the cleanup (useIsomorphicLayoutEffect, useUpdateEffect).
	EffectHooks []string
	// TeardownMethods are extra method names that make a class an owner.
	TeardownMethods []string
	// Component describes a single-file component's instance scripts,
	// whose top-level code runs once per component instance.
	Component Component
	// Packages are the project's dependencies and their versions as
	// package.json writes them; nil when unknown. See PackageMajor.
	Packages map[string]string
	// Path is the file's path; some conventions are file names (a
	// SvelteKit app's root layout is src/routes/+layout.svelte).
	Path string
	// Imports answers questions about imported classes and helpers from
	// facts about other files; nil when the file is analysed alone.
	Imports Imports
}

// Component describes the script blocks of a .vue or .svelte file.
type Component struct {
	Framework string  // "vue" or "svelte"
	Instance  []Range // byte ranges of <script setup> (Vue) or the instance <script> (Svelte)
	Scripts   []Range // byte ranges of every script block
	// ChildHandlers are the script's functions the markup binds to child
	// components' events only (`<Editor @ready="onEditorReady">`): what
	// they are given is the child's, part of the component's own markup.
	ChildHandlers []string
}

// Range is a byte range.
type Range struct{ Start, End int }

// DefaultEffectHooks are the React hooks whose returned function is the
// cleanup, plus the common wrappers from popular hook libraries.
var DefaultEffectHooks = []string{
	"useEffect", "useLayoutEffect", "useInsertionEffect",
	"useIsomorphicLayoutEffect", "useUpdateEffect", "useDeepCompareEffect",
	"useCustomCompareEffect", "useShallowCompareEffect", "useEnhancedEffect",
}

// DefaultTeardownMethods make a plain class an owner.
var DefaultTeardownMethods = []string{
	"dispose", "destroy", "close", "cleanup", "teardown", "unmount", "disconnect",
	"stop", "detach", "unsubscribe", "destructor", "release", "shutdown",
}

// vueOptionsTeardowns are the hooks of a Vue options object that run when
// the component ends (Vue 3 and Vue 2 names).
var vueOptionsTeardowns = []string{"beforeUnmount", "unmounted", "beforeDestroy", "destroyed", "deactivated"}

// vue2Teardowns are the hooks Vue 2 calls when a component ends: it never
// calls Vue 3's beforeUnmount or unmounted, so cleanup written there (or
// added there by a fix) never runs.
var vue2Teardowns = []string{"beforeDestroy", "destroyed", "deactivated"}

// vueHookEvents are the lifecycle events a Vue 2 component can listen to on
// itself: `this.$once("hook:beforeDestroy", () => clearInterval(id))` runs
// when the component ends, like beforeDestroy.
var vueHookEvents = map[string]bool{
	"hook:beforeDestroy": true, "hook:destroyed": true, "hook:beforeUnmount": true, "hook:unmounted": true,
}

// InheritsTeardown reports a class with no teardown of its own that
// inherits TeardownName from a base class declared in another file: its
// cleanup goes in an override that calls the base's, or the base's own
// cleanup would stop running.
func (o *Owner) InheritsTeardown() bool {
	if o == nil || o.Inherited == nil || len(o.Teardowns) > 0 {
		return false
	}
	for _, t := range o.Inherited.Teardowns {
		if t == o.TeardownName {
			return true
		}
	}
	return false
}
