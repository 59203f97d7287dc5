package lifecycle

import (
	"sort"
	"strings"
)

// OwnerNeedles returns text one of which every file where OwnerOf can find
// an owner contains, outside single-file components (whose instance
// scripts are owners by position, so they always may hold one). The
// engine's prefilter skips rules that only report registrations with an
// owner in files that contain none of these.
//
// The list is derived from the same data the model recognises owners by,
// so a convention, hook or teardown name added there reaches it without
// another edit:
//   - effect hooks (built in and configured) and every convention's hook
//     calls (Svelte's onMount and $effect, Solid's onMount...), which own
//     the callbacks passed to them;
//   - per convention, what recognises a class: a base class needs the
//     `extends` keyword (framework bases, base-class patterns, and bases
//     declared in this or another file, which facts resolve), then
//     decorators, implemented interfaces, marker methods, factory and
//     registering calls by name, and for plain classes the teardown method names
//     (built in and configured);
//   - Vue options objects, which are owners only inside a definer call
//     (defineComponent, Vue.extend, ...) outside .vue files, and Vue
//     composables, which need an import from a Vue module.
//
// Needles are plain substrings, so `destroy` also matches `destroyAll`:
// they may keep too much, never too little.
func OwnerNeedles(cfg Config) []string {
	set := map[string]bool{}
	add := func(names ...string) {
		for _, n := range names {
			if n != "" {
				set[n] = true
			}
		}
	}
	add(DefaultEffectHooks...)
	add(cfg.EffectHooks...)
	for _, c := range Conventions {
		if len(c.Bases) > 0 || c.BasePattern != nil {
			add("extends")
		}
		add(c.Hooks...)
		add(c.Decorators...)
		add(c.Implements...)
		add(c.Markers...)
		add(c.Factories...)
		add(c.RegisteredBy...)
		if c.AnyTeardownMethod {
			add(DefaultTeardownMethods...)
			add(cfg.TeardownMethods...)
		}
	}
	// A class owned through the facts of another file (an inherited
	// teardown or framework base) names that base after `extends`.
	add("extends")
	for d := range vueDefiners {
		add(d)
	}
	add(vueModules...)
	// Hooks of Svelte modules (isSvelteHook): declared under a hook's
	// name, or calling onDestroy or $effect (a hook call, added above).
	add(svelteHookNeedles...)
	add(svelteHook.TeardownCallbacks...)
	// Substrings of others add nothing: drop them, so the scan is shorter.
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return minimalNeedles(out)
}

// minimalNeedles drops each needle that contains another: a file holding
// it holds the shorter one too.
func minimalNeedles(sorted []string) []string {
	var out []string
	for _, n := range sorted {
		redundant := false
		for _, m := range sorted {
			if len(m) < len(n) && strings.Contains(n, m) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, n)
		}
	}
	return out
}
