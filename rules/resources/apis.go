package resources

import (
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/apis"
)

// resourceAPIs is the part of the registration API table the rule follows:
// which names open a resource and which close one. Which module a name must
// come from is this package's own table (calls, constructors).
var resourceAPIs = apis.Use{Family: apis.Resource}

// streamListenerAPIs are the listener registrations a stream, socket or
// client can be driven by (its own events and handlers).
var streamListenerAPIs = apis.Use{Family: apis.Listener, Styles: []apis.Style{apis.DOM, apis.Emitter}, Once: true}

// openerNames returns the resource adders written in form f.
func openerNames(f apis.Form) []string {
	var out []string
	for _, a := range apis.Builtin().Select(resourceAPIs) {
		if a.Form == f {
			out = append(out, a.Adders...)
		}
	}
	return out
}

// chainingListenerAdders are the emitter-style adders that return their
// receiver (stream.on("data", f).on("end", g)).
func chainingListenerAdders() []string {
	var out []string
	for _, a := range apis.Builtin().Select(apis.Use{Family: apis.Listener, Styles: []apis.Style{apis.Emitter}, Once: true}) {
		if a.Returns.Chains() {
			out = append(out, a.Adders...)
		}
	}
	return out
}

// resourceNeedles are the table's opener names plus, for the modules whose
// default or namespace export is itself a resource class (import WS from
// "ws"), the module specifier: such a class can be named anything.
func resourceNeedles() []string {
	out := apis.Builtin().Needles(resourceAPIs)
	var mods []string
	seen := map[string]bool{}
	for _, table := range []map[string]*kind{calls, constructors} {
		for key := range table {
			mod, path, _ := strings.Cut(key, ":")
			if mod == "global" || (path != "" && path != "default") || seen[mod] {
				continue
			}
			seen[mod] = true
			mods = append(mods, mod)
		}
	}
	sort.Strings(mods)
	for _, m := range mods {
		out = append(out, `"`+m+`"`, `'`+m+`'`)
	}
	return out
}
