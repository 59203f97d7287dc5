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
	Note string
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

// eventHelperNames are every helper module's adder and undo names: a call
// by another name is no helper call, whatever its module.
var eventHelperNames = func() map[string]bool {
	out := map[string]bool{}
	for _, h := range eventHelpers {
		for _, n := range append(append([]string(nil), h.helper.Adders...), h.helper.Undos...) {
			out[n] = true
		}
	}
	return out
}()

// EventHelperName reports a name some event helper module exports as an
// adder or an undo: the cheap test before the module is looked up.
func EventHelperName(name string) bool { return eventHelperNames[name] }
