package lifecycle_test

import (
	"slices"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Every convention must tell a fix enough to write its cleanup: fixgen has
// no framework knowledge of its own to fall back on.
func TestConventionsSayHowToClean(t *testing.T) {
	names := map[string]bool{}
	for _, c := range lifecycle.Conventions {
		if names[c.Name] {
			t.Errorf("convention %q listed twice", c.Name)
		}
		names[c.Name] = true
		cl := c.Cleanup
		switch {
		case cl.Site == lifecycle.InHook && (cl.Create == "" || cl.Module == ""):
			t.Errorf("%s: a teardown hook fix needs the hook and its module, got %q from %q", c.Name, cl.Create, cl.Module)
		case cl.Implements != "" && cl.Module == "":
			t.Errorf("%s: interface %s has no module to import it from", c.Name, cl.Implements)
		case cl.Site == lifecycle.InMethod && !c.NeedsTeardown && cl.Create == "":
			// An owner without a teardown of its own is still an owner:
			// the fix must know which method to create.
			t.Errorf("%s: owners may lack a teardown, but no method to create is named", c.Name)
		}
		for _, m := range c.SetupFirst {
			if !slices.Contains(c.SetupMethods, m) {
				t.Errorf("%s: %s runs first but is no setup method", c.Name, m)
			}
		}
		// A fix that ends subscriptions with the convention's operator
		// imports it, and injects what it takes outside construction.
		if end := c.Subscriptions.End; end != nil {
			switch {
			case end.Name == "" || end.Module == "":
				t.Errorf("%s: end operator %q has no module to import it from", c.Name, end.Name)
			case end.Ref != "" && (end.Inject == "" || end.RefModule == ""):
				t.Errorf("%s: %s takes a %s, but nothing says how to inject it", c.Name, end.Name, end.Ref)
			case end.Since > 0 && end.Package == "":
				t.Errorf("%s: %s exists since version %d of no package", c.Name, end.Name, end.Since)
			}
		}
	}
}

// Each owner the model finds follows the convention that says how its
// teardown is written; the Vue major version picks between two.
func TestOwnersFollowTheirConvention(t *testing.T) {
	vue := lifecycle.Config{Component: lifecycle.Component{Framework: "vue"}}
	cases := []struct {
		name, src  string
		lang       syntax.Lang
		cfg        lifecycle.Config
		convention string
		site       lifecycle.Site
		create     string // the teardown a fix creates, "" for a returned cleanup
	}{
		{"react effect", `useEffect(() => { reg(); }, []);`, syntax.JavaScript, lifecycle.Config{}, "react-effect", lifecycle.InReturned, ""},
		{"svelte onMount", "import { onMount } from 'svelte';\nonMount(() => { reg(); });", syntax.JavaScript, lifecycle.Config{}, "svelte-mount", lifecycle.InReturned, ""},
		{"svelte $effect.pre", "$effect.pre(() => { reg(); });", syntax.JavaScript, lifecycle.Config{}, "svelte-effect", lifecycle.InReturned, ""},
		// The same hook name from another framework is that framework's.
		{"solid onMount", "import { onMount } from 'solid-js';\nonMount(() => { reg(); });", syntax.JavaScript, lifecycle.Config{}, "solid-effect", lifecycle.InHook, "an onCleanup callback"},
		{"vue composable", "import { onMounted } from 'vue';\nexport function useX() { onMounted(() => reg()); }", syntax.JavaScript, lifecycle.Config{}, "vue-composable", lifecycle.InHook, "onBeforeUnmount"},
		{"vue 3 options", `export default { methods: { start() { reg(); } }, emits: [] };`, syntax.JavaScript, vue, "vue-options", lifecycle.InMethod, "beforeUnmount"},
		{"vue 2 options", `export default { methods: { start() { reg(); this.$set(this, "a", 1); } } };`, syntax.JavaScript, vue, "vue2-options", lifecycle.InMethod, "beforeDestroy"},
		{"angular", `@Component({}) class A { ngOnInit() { reg(); } }`, syntax.TypeScript, lifecycle.Config{}, "angular-component", lifecycle.InMethod, "ngOnDestroy"},
		{"lit", `class A extends LitElement { connectedCallback() { reg(); } }`, syntax.JavaScript, lifecycle.Config{}, "custom-element", lifecycle.InMethod, "disconnectedCallback"},
		{"plain class", `class A { start() { reg(); } dispose() {} }`, syntax.JavaScript, lifecycle.Config{}, "disposable", lifecycle.InMethod, "dispose"},
		// A video.js component needs no dispose() of its own: Component has it.
		{"video.js component", "class A extends Button { start() { reg(); } }\nComponent.registerComponent('A', A);", syntax.JavaScript, lifecycle.Config{}, "videojs-component", lifecycle.InMethod, "dispose"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, _, _ := ownerAt(t, c.lang, c.src, "reg", c.cfg)
			if o == nil {
				t.Fatal("no owner")
			}
			f := o.Follows()
			if f.Name != c.convention || f.Cleanup.Site != c.site {
				t.Errorf("follows %s (site %d), want %s (site %d)", f.Name, f.Cleanup.Site, c.convention, c.site)
			}
			if c.create != "" && o.TeardownName != c.create {
				t.Errorf("teardown = %q, want %q", o.TeardownName, c.create)
			}
		})
	}
}

func TestSetupCallbacks(t *testing.T) {
	for name, want := range map[string]bool{
		"useEffect": true, "useLayoutEffect": true, "useMount": true, "onMount": true, "onMounted": true,
		"onBeforeMount": true, "onBeforeUnmount": false, "onDestroy": false, "useState": false,
	} {
		if got := lifecycle.SetupCallback(name); got != want {
			t.Errorf("SetupCallback(%q) = %v, want %v", name, got, want)
		}
	}
}
