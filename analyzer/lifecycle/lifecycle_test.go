package lifecycle_test

import (
	"context"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// ownerAt parses src and returns the owner of the call whose text starts
// with marker.
func ownerAt(t *testing.T, lang syntax.Lang, src, marker string, cfg lifecycle.Config) (*lifecycle.Owner, *lifecycle.Model, syntax.Node) {
	t.Helper()
	tr, err := syntax.Parse(context.Background(), lang, []byte(src), syntax.Options{})
	if err != nil || tr.HasErrors() {
		t.Fatalf("parse: %v %v", err, tr.Errors(0))
	}
	m := lifecycle.Build(tr, scope.Build(tr), cfg)
	var call syntax.Node
	tr.Root().Walk(func(n syntax.Node) bool {
		if !call.Valid() && n.Kind() == "call_expression" && strings.HasPrefix(n.Text(), marker) {
			call = n
		}
		return true
	})
	if !call.Valid() {
		t.Fatalf("no call starting with %q", marker)
	}
	return m.OwnerOf(call), m, call
}

func TestOwners(t *testing.T) {
	cases := []struct {
		name, src, marker string
		lang              syntax.Lang
		kind              lifecycle.Kind
		teardown          string // name of the first teardown, "" when none
		cfg               lifecycle.Config
	}{
		{"react effect", `useEffect(() => { reg(); return () => undo(); }, []);`, "reg", syntax.JavaScript, lifecycle.ReactEffect, "", lifecycle.Config{}},
		{"configured effect hook", `useMountEffect(() => { reg(); });`, "reg", syntax.JavaScript, lifecycle.ReactEffect, "", lifecycle.Config{EffectHooks: []string{"useMountEffect"}}},
		{"react class", `class A extends React.Component { componentDidMount() { reg(); } componentWillUnmount() {} }`, "reg", syntax.JavaScript, lifecycle.ReactClass, "componentWillUnmount", lifecycle.Config{}},
		{"angular", `@Component({}) class A { ngOnInit() { reg(); } ngOnDestroy() {} }`, "reg", syntax.TypeScript, lifecycle.Angular, "ngOnDestroy", lifecycle.Config{}},
		{"vue options", `export default defineComponent({ mounted() { reg(); }, unmounted() {} });`, "reg", syntax.JavaScript, lifecycle.VueOptions, "unmounted", lifecycle.Config{}},
		{"vue composable", "import { onMounted } from 'vue';\nexport function useX() { onMounted(() => reg()); }", "reg", syntax.JavaScript, lifecycle.VueSetup, "", lifecycle.Config{}},
		{"svelte onMount", "import { onMount } from 'svelte';\nonMount(() => { reg(); });", "reg", syntax.JavaScript, lifecycle.SvelteMount, "", lifecycle.Config{}},
		{"lit", `class A extends LitElement { connectedCallback() { reg(); } disconnectedCallback() {} }`, "reg", syntax.JavaScript, lifecycle.WebComponent, "disconnectedCallback", lifecycle.Config{}},
		{"disposable", `class A { start() { reg(); } dispose() {} }`, "reg", syntax.JavaScript, lifecycle.Disposable, "dispose", lifecycle.Config{}},
		{"configured teardown", `class A { start() { reg(); } release2() {} }`, "reg", syntax.JavaScript, lifecycle.Disposable, "release2", lifecycle.Config{TeardownMethods: []string{"release2"}}},
		{"react class from preact", "import { Component } from 'preact';\nclass A extends Component { componentDidMount() { reg(); } }", "reg", syntax.JavaScript, lifecycle.ReactClass, "componentWillUnmount", lifecycle.Config{}},
		{"global React", `class A extends React.Component { componentDidMount() { reg(); } }`, "reg", syntax.JavaScript, lifecycle.ReactClass, "componentWillUnmount", lifecycle.Config{}},
		// A Component that is not React's is a plain class: its dispose() counts.
		{"other Component", "import { Component } from 'videojs';\nclass A extends Component { start() { reg(); } dispose() {} }", "reg", syntax.JavaScript, lifecycle.Disposable, "dispose", lifecycle.Config{}},
		{"factory object", `const Ctl = L.Control.extend({ onAdd(map) { reg(); }, onRemove(map) {} });`, "reg", syntax.JavaScript, lifecycle.Disposable, "onRemove", lifecycle.Config{}},
		{"inherited teardown", "class Base { destroy() {} }\nclass Panel extends Base { show() { reg(); } }", "reg", syntax.JavaScript, lifecycle.Disposable, "destroy", lifecycle.Config{}},
		{"vue options in .vue without hooks", `export default { methods: { start() { reg(); } } };`, "reg", syntax.JavaScript, lifecycle.VueOptions, "beforeUnmount", lifecycle.Config{Component: lifecycle.Component{Framework: "vue"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, _, _ := ownerAt(t, c.lang, c.src, c.marker, c.cfg)
			if o == nil {
				t.Fatal("no owner")
			}
			if o.Kind != c.kind {
				t.Errorf("kind = %v, want %v", o.Kind, c.kind)
			}
			if c.teardown != "" && o.TeardownName != c.teardown {
				t.Errorf("teardown = %q, want %q", o.TeardownName, c.teardown)
			}
		})
	}
}

func TestNotOwners(t *testing.T) {
	for _, src := range []string{
		`reg();`,
		`function init() { reg(); }`,
		`class Plain { start() { reg(); } }`,
		`@Injectable({ providedIn: "root" }) class S { constructor() { reg(); } }`,
		`class A { dispose() { reg(); } }`,                         // inside the teardown itself
		`const Ctl = L.Control.extend({ onAdd(map) { reg(); } });`, // a factory object without a known teardown
		`export default { mounted() { reg(); } };`,                 // an options object in a .js file is a mixin
		`@Component({ selector: "app-root" }) class AppComponent { ngOnInit() { reg(); } }`,
	} {
		if o, _, _ := ownerAt(t, syntax.TypeScript, src, "reg", lifecycle.Config{}); o != nil {
			t.Errorf("%s: owner %v, want none", src, o.Kind)
		}
	}
}

func TestFindInTeardownFollowsHelpers(t *testing.T) {
	src := `import { Component } from "react";
class Clock extends Component {
  componentDidMount() { reg(); }
  componentWillUnmount() { this.stop(); }
  stop() { helper(); }
}
function helper() { undo(); }
`
	o, m, _ := ownerAt(t, syntax.JavaScript, src, "reg", lifecycle.Config{})
	if o == nil {
		t.Fatal("no owner")
	}
	found := m.FindInTeardown(o, func(n syntax.Node) bool { return n.Kind() == "call_expression" && n.Text() == "undo()" })
	if !found.Valid() {
		t.Error("undo() in a helper called from componentWillUnmount not found")
	}
	missing := m.FindInTeardown(o, func(n syntax.Node) bool { return n.Text() == "reg()" })
	if missing.Valid() {
		t.Error("found the registration itself in the teardown")
	}
}

func TestComponentInstanceScripts(t *testing.T) {
	src := "const x = 1;\nreg();\nonDestroy(() => undo());\n"
	tr, _ := syntax.Parse(context.Background(), syntax.JavaScript, []byte(src), syntax.Options{})
	cfg := lifecycle.Config{Component: lifecycle.Component{Framework: "svelte",
		Instance: []lifecycle.Range{{Start: 0, End: len(src)}}, Scripts: []lifecycle.Range{{Start: 0, End: len(src)}}}}
	m := lifecycle.Build(tr, scope.Build(tr), cfg)
	var reg syntax.Node
	tr.Root().Walk(func(n syntax.Node) bool {
		if n.Kind() == "call_expression" && n.Text() == "reg()" {
			reg = n
		}
		return true
	})
	o := m.OwnerOf(reg)
	if o == nil || o.Kind != lifecycle.SvelteComponent || len(o.Teardowns) != 1 {
		t.Fatalf("owner = %+v", o)
	}
	if m.RunsAtLoad(reg) {
		t.Error("instance script top level does not run at load")
	}
}

func TestDisposerHandedToTeardownHook(t *testing.T) {
	src := "import { onUnmounted } from 'vue';\nexport function useCount(store) {\n  const stop = store.subscribe(render);\n  onUnmounted(stop);\n}\n"
	o, m, _ := ownerAt(t, syntax.JavaScript, src, "store.subscribe", lifecycle.Config{})
	if o == nil || o.Kind != lifecycle.VueSetup {
		t.Fatalf("owner = %+v", o)
	}
	found := m.FindInTeardown(o, func(n syntax.Node) bool { return n.Kind() == "identifier" && n.Text() == "stop" })
	if !found.Valid() {
		t.Error("a disposer passed by name to onUnmounted is not part of the teardown")
	}
}

func TestEffectReturnsMemoisedCleanup(t *testing.T) {
	src := `import { useCallback, useEffect, useRef } from "react";
export function useInterval(fn, delay) {
  const timer = useRef(null);
  const clear = useCallback(() => {
    clearInterval(timer.current);
  }, []);
  useEffect(() => {
    timer.current = reg(fn, delay);
    return clear;
  }, [delay]);
  return clear;
}
`
	o, m, _ := ownerAt(t, syntax.JavaScript, src, "reg", lifecycle.Config{})
	if o == nil || o.Kind != lifecycle.ReactEffect {
		t.Fatalf("owner = %+v", o)
	}
	found := m.FindInTeardown(o, func(n syntax.Node) bool {
		return n.Kind() == "call_expression" && strings.HasPrefix(n.Text(), "clearInterval")
	})
	if !found.Valid() {
		t.Error("the useCallback-wrapped function an effect returns is not its teardown")
	}
}

func TestFieldInitializerHasClassOwner(t *testing.T) {
	src := `class Feed extends React.Component { socket = reg(); componentWillUnmount() {} }`
	o, _, _ := ownerAt(t, syntax.JavaScript, src, "reg", lifecycle.Config{})
	if o == nil || o.Kind != lifecycle.ReactClass {
		t.Fatalf("owner = %+v", o)
	}
	src = `class Feed extends React.Component { static socket = reg(); }`
	if o, _, _ := ownerAt(t, syntax.JavaScript, src, "reg", lifecycle.Config{}); o != nil {
		t.Errorf("static field has owner %v", o.Kind)
	}
}

func TestVue2HookEventIsTeardown(t *testing.T) {
	src := `export default {
  mounted() {
    reg();
    this.$once("hook:beforeDestroy", () => undo());
  },
};`
	o, m, _ := ownerAt(t, syntax.JavaScript, src, "reg", lifecycle.Config{Component: lifecycle.Component{Framework: "vue"}})
	if o == nil {
		t.Fatal("no owner")
	}
	found := m.FindInTeardown(o, func(n syntax.Node) bool {
		return n.Kind() == "call_expression" && strings.HasPrefix(n.Text(), "undo")
	})
	if !found.Valid() {
		t.Error(`this.$once("hook:beforeDestroy", fn) is not a teardown`)
	}
	if o.TeardownName != "beforeDestroy" {
		t.Errorf("a Vue 2 component's fix teardown = %q, want beforeDestroy", o.TeardownName)
	}
}

// The root component the Vue and Svelte scaffolds mount once (src/App.vue,
// src/App.svelte) and SvelteKit's root layout live as long as the page:
// nothing in them has an owner. The same component elsewhere does.
func TestAppRootFiles(t *testing.T) {
	src := `export default { mounted() { reg(); }, unmounted() {} };`
	vue := lifecycle.Component{Framework: "vue"}
	for _, c := range []struct {
		path  string
		owned bool
	}{
		{"web/src/App.vue", false},
		{"src/App.svelte", false},
		{"src/routes/+layout.svelte", false},
		{"src/components/App.vue", true},
		{"src/Apps.vue", true},
		{"src/views/Mail.vue", true},
	} {
		o, _, _ := ownerAt(t, syntax.JavaScript, src, "reg", lifecycle.Config{Path: c.path, Component: vue})
		if (o != nil) != c.owned {
			t.Errorf("%s: owner %v, want owned=%v", c.path, o, c.owned)
		}
	}
}
