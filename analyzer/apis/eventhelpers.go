package apis

import (
	"regexp"
	"slices"
)

// EventHelper is a module of DOM event helpers: functions that add and
// remove a listener on an element given as an argument, keeping their own
// records, so that their calls pair only with each other. Called through
// a namespace import (events.on(window, "resize", fn)) or as named
// imports (on("resize", window, fn)).
type EventHelper struct {
	Adders, Undos []string
	// Args are the positions of the target, the event, the handler and
	// the options, which differ between modules.
	Args Args
	// ReturnsUndo: an adder returns the function that removes what it
	// added, and the module has no undo of its own.
	ReturnsUndo bool
	Note        string
}

// eventHelpers maps module paths to their helpers. A module matches when
// its import path matches the pattern.
var eventHelpers = []struct {
	module *regexp.Regexp
	// needle is text every import of the module holds: the prefilter's
	// cue, since a named import's calls (on(...)) have no receiver.
	needle string
	helper EventHelper
}{
	// Svelte 5's own helper, before the pattern below, which its path
	// matches: on() returns the function that removes the listener.
	{regexp.MustCompile(`^svelte/events$`), "svelte/events", EventHelper{
		Adders: []string{"on"}, Args: Args{Target: 0, Event: 1, Handler: 2, Options: 3}, ReturnsUndo: true,
		Note: "svelte/events: on(target, type, fn, options) returns its own undo"}},
	// Node's own "events" module has no slash and is left out: its on()
	// makes an async iterator.
	{regexp.MustCompile(`/events(\.[cm]?[jt]s)?$`), "/events", EventHelper{
		Adders: []string{"on"}, Undos: []string{"off"},
		Args: Args{Target: 0, Event: 1, Handler: 2, Options: 3},
		Note: "dom-helpers/events, video.js's utils/events.js: on(target, type, fn)"}},
	{regexp.MustCompile(`^evtd$`), "evtd", EventHelper{
		Adders: []string{"on"}, Undos: []string{"off"},
		Args: Args{Target: 1, Event: 0, Handler: 2, Options: 3},
		Note: "evtd (naive-ui, vueuc): on(type, target, fn, options), event first"}},
}

// EventHelperModule returns the event helpers a module exports, if it is
// such a module.
func EventHelperModule(module string) (EventHelper, bool) {
	for _, h := range eventHelpers {
		if h.module.MatchString(module) {
			return h.helper, true
		}
	}
	return EventHelper{}, false
}

// Names reports whether name is one of the helper's adders (add) or undos.
func (h EventHelper) Names(name string, add bool) bool {
	if add {
		return slices.Contains(h.Adders, name)
	}
	return slices.Contains(h.Undos, name)
}

// EventHelperNeedles are the texts without which a file imports no event
// helper module: for the listener rules' needles.
func EventHelperNeedles() []string {
	var out []string
	for _, h := range eventHelpers {
		out = append(out, h.needle)
	}
	return out
}

// domWrapper is the built-in pair re-exported with the target first,
// (target, type, handler, options): an application's own DOM utility module
// (jellyfin-web's utils/dom.js, which only adds a fallback for browsers
// without an options argument) called through its import,
// dom.addEventListener(el, "click", fn). No module path tells such modules
// apart, so any imported binding's call qualifies when its arguments have
// the wrapper's shape (see DOMWrapper).
var domWrapper = EventHelper{
	Adders: []string{"addEventListener"}, Undos: []string{"removeEventListener"},
	Args: Args{Target: 0, Event: 1, Handler: 2, Options: 3},
	Note: "a module's own addEventListener(target, type, fn, options)",
}

// DOMWrapper returns the target-first wrapper of the built-in listener
// methods when name is one of them. The caller must see the wrapper's shape
// in the call before reading it so: the built-in method of an imported
// EventTarget (`import window from "global/window"`) takes (type, handler,
// options), so its second argument never names an event and it takes at
// most three.
func DOMWrapper(name string, add bool) (EventHelper, bool) {
	return domWrapper, domWrapper.Names(name, add)
}

// eventHelperNames are every helper module's adder and undo names: a call
// by another name is no helper call, whatever its module.
var eventHelperNames = func() map[string]bool {
	out := map[string]bool{}
	helpers := []EventHelper{domWrapper}
	for _, h := range eventHelpers {
		helpers = append(helpers, h.helper)
	}
	for _, h := range helpers {
		for _, n := range append(append([]string(nil), h.Adders...), h.Undos...) {
			out[n] = true
		}
	}
	return out
}()

// EventHelperName reports a name some event helper module exports as an
// adder or an undo: the cheap test before the module is looked up.
func EventHelperName(name string) bool { return eventHelperNames[name] }
