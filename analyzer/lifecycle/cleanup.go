package lifecycle

import (
	"regexp"
	"strings"
)

// Cleanup says, for one convention, where a fix writes the code that undoes
// a registration and what teardown it creates when the owner has none.
// Fixes read it instead of knowing frameworks: a Vue 2 options component
// gets beforeDestroy because its convention says so, never Vue 3's
// beforeUnmount.
type Cleanup struct {
	// Site is where the code goes.
	Site Site
	// Create is the teardown a fix creates when the owner has none: the
	// method (InMethod, "componentWillUnmount") or the hook it registers
	// (InHook, "onBeforeUnmount"). "" when a fix must not guess one.
	Create string
	// Module is where Create (InHook) or Implements comes from ("vue",
	// "@angular/core"); a fix imports it when the file does not.
	Module string
	// ReturnType follows a created method's parameters in TypeScript
	// (": void" for ngOnDestroy).
	ReturnType string
	// Implements is the interface a TypeScript class declares once a fix
	// gives it the teardown (OnDestroy).
	Implements string
	// SuperUnless: a created method first calls the base class's own
	// teardown (a LitElement's disconnectedCallback), unless the base's
	// name matches (HTMLElement has none). nil: it never does.
	SuperUnless *regexp.Regexp
	// SuperLast: the base's teardown runs last, for it drops what the
	// cleanup still needs (video.js's Component.dispose() nulls player_
	// and the element): a created method calls it after the cleanup, and
	// cleanup added to a teardown goes before its closing super call.
	SuperLast bool
	// HandedOut is the code in which a cleanup handed to the framework
	// may be written for the owner (see Region).
	HandedOut Region
	// None: no fix writes cleanup for the owner. A React function
	// component's effect cleanup closes over the render that made it, so
	// an id a later render's handler stores in a new variable is out of
	// its reach; where it goes is the developer's call.
	None bool
}

// Site is where a fix writes cleanup code.
type Site uint8

const (
	// InMethod: the end of the owner's first teardown method, or a new
	// method Create after its last setup method.
	InMethod Site = iota
	// InReturned: the function the setup callback returns (React
	// effects, Svelte onMount), created at the end of the callback.
	InReturned
	// InHook: a teardown hook's callback in the setup (an existing one,
	// or `Create(() => { ... })` written after the registration).
	InHook
)

// Region is code around an owner.
type Region uint8

const (
	// OwnSetup is the owner's setup function, or its class.
	OwnSetup Region = iota
	// Caller is the function that calls the owner's hook: the component
	// around a useEffect, where `useEffect(() => () => clear(t), [])`
	// beside it cleans up too.
	Caller
	// WholeFile is the whole file: a Svelte component's script.
	WholeFile
)

// Follows returns the convention o follows: the one that recognised it, or
// the plain-class one for an owner built without (a class whose teardown
// another file's facts supply).
func (o *Owner) Follows() *Convention {
	if o.Convention != nil {
		return o.Convention
	}
	return plainClass
}

// Phrase names the owner in a message that says it lacks a teardown.
func (o *Owner) Phrase() string {
	if p := o.Follows().Phrase; p != "" {
		return strings.ReplaceAll(p, "%s", o.Name)
	}
	return o.Name
}

// Ends names what ends when the owner does ("the effect", "the component
// using useTimer").
func (o *Owner) Ends() string {
	if e := o.Follows().Ends; e != "" {
		return strings.ReplaceAll(e, "%s", o.Name)
	}
	return o.Name
}

// SetupCallback reports a call whose callback runs when an owner starts
// (useEffect, onMount, onMounted): code there runs once, before any
// teardown, so what it clears is no cleanup for later.
func SetupCallback(name string) bool {
	for _, c := range Conventions {
		if contains(c.SetupCallbacks, name) || c.SetupCallbackPattern != nil && c.SetupCallbackPattern.MatchString(name) {
			return true
		}
	}
	return false
}

// SetupMember reports whether a class or options-object member of the
// given name sets up an owner of o's convention (the constructor always
// does): a created teardown goes after the last of them.
func (o *Owner) SetupMember(name string) bool {
	return name == "constructor" || contains(o.Follows().SetupMethods, name)
}
