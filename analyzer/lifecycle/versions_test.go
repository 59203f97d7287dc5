package lifecycle_test

import (
	"context"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

func TestFrameworkVersions(t *testing.T) {
	const plain = "export default { mounted() { setInterval(tick, 1000); } };\n"
	cases := []struct {
		name, src string
		packages  map[string]string
		vue       int
		teardown  string // the teardown a fix creates in the options object
	}{
		{"nothing tells", plain, nil, 0, "beforeUnmount"},
		{"package.json says Vue 2", plain, map[string]string{"vue": "^2.7.14"}, 2, "beforeDestroy"},
		{"package.json says Vue 3", plain, map[string]string{"vue": "~3.4.0"}, 3, "beforeUnmount"},
		{"package.json beats the file", "export default { mounted() { this.$on('x', f); setInterval(tick, 1000); } };\n", map[string]string{"vue": "3.4.21"}, 3, "beforeUnmount"},
		{"instance events are Vue 2", "export default { mounted() { this.$on('x', f); setInterval(tick, 1000); } };\n", nil, 2, "beforeDestroy"},
		{"the root's events are Vue 2", "export default { mounted() { this.$root.$on('x', f); setInterval(tick, 1000); } };\n", nil, 2, "beforeDestroy"},
		{"a child's events are Vue 2", "export default { mounted() { this.$refs.list.$once('x', f); setInterval(tick, 1000); } };\n", nil, 2, "beforeDestroy"},
		{"another object's $on tells nothing", "export default { mounted() { this.$scope.$on('x', f); setInterval(tick, 1000); } };\n", nil, 0, "beforeUnmount"},
		{"new Vue is Vue 2", "import Vue from 'vue';\nnew Vue({});\nexport default { mounted() { setInterval(tick, 1000); } };\n", nil, 2, "beforeDestroy"},
		{"emits is Vue 3", "export default { emits: ['x'], mounted() { setInterval(tick, 1000); } };\n", nil, 3, "beforeUnmount"},
		{"both: unknown", "export default { emits: ['x'], mounted() { this.$set(a, 'b', 1); setInterval(tick, 1000); } };\n", nil, 0, "beforeUnmount"},
		{"a tag names no version", plain, map[string]string{"vue": "latest"}, 0, "beforeUnmount"},
		{"Nuxt 2 brings Vue 2", plain, map[string]string{"nuxt": "2.18.1"}, 2, "beforeDestroy"},
		{"Nuxt 3 brings Vue 3", plain, map[string]string{"nuxt": "^3.12.0"}, 3, "beforeUnmount"},
		{"vue beats nuxt", plain, map[string]string{"nuxt": "^2.17.0", "vue": "^3.4.0"}, 3, "beforeUnmount"},
		{"vue-template-compiler is Vue 2's", plain, map[string]string{"vue-template-compiler": "^2.6.14"}, 2, "beforeDestroy"},
		{"@vue/composition-api is Vue 2's", plain, map[string]string{"@vue/composition-api": "^1.7.2"}, 2, "beforeDestroy"},
		{"a tagged nuxt tells nothing", plain, map[string]string{"nuxt": "latest"}, 0, "beforeUnmount"},
	}
	for _, c := range cases {
		tr, err := syntax.Parse(context.Background(), syntax.JavaScript, []byte(c.src), syntax.Options{})
		if err != nil {
			t.Fatal(err)
		}
		cfg := lifecycle.Config{Packages: c.packages, Component: lifecycle.Component{Framework: "vue"}}
		m := lifecycle.Build(tr, scope.Build(tr), cfg)
		if got := m.VueMajor(); got != c.vue {
			t.Errorf("%s: VueMajor = %d, want %d", c.name, got, c.vue)
		}
		var call syntax.Node
		tr.Root().Walk(func(n syntax.Node) bool {
			if n.Kind() == "call_expression" && n.Get("function").Text() == "setInterval" {
				call = n
			}
			return true
		})
		if o := m.OwnerOf(call); o == nil || o.TeardownName != c.teardown {
			t.Errorf("%s: owner %+v, want teardown %s", c.name, o, c.teardown)
		}
	}
	m := lifecycle.Build(mustParse(t, "x;"), nil, lifecycle.Config{Packages: map[string]string{"@angular/core": ">=16.2.0 <17", "a": "workspace:*"}})
	if got := m.PackageMajor("@angular/core"); got != 16 {
		t.Errorf("PackageMajor(>=16.2.0 <17) = %d, want 16", got)
	}
	if got := m.PackageMajor("a") + m.PackageMajor("missing"); got != 0 {
		t.Errorf("PackageMajor of a workspace or missing package = %d, want 0", got)
	}
}

func mustParse(t *testing.T, src string) *syntax.Tree {
	tr, err := syntax.Parse(context.Background(), syntax.JavaScript, []byte(src), syntax.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// Vue 2 calls beforeDestroy and destroyed when a component ends, never Vue
// 3's beforeUnmount or unmounted: in a Vue 2 project cleanup written in
// those never runs, and no fix may add to them.
func TestVue2NeverCallsVue3Teardowns(t *testing.T) {
	const src = "export default { mounted() { setInterval(tick, 1000); }, unmounted() { stop(); } };\n"
	for _, c := range []struct {
		vue       string
		teardowns int
	}{{"^2.6.14", 0}, {"^3.4.0", 1}} {
		tr := mustParse(t, src)
		cfg := lifecycle.Config{Packages: map[string]string{"vue": c.vue}, Component: lifecycle.Component{Framework: "vue"}}
		m := lifecycle.Build(tr, scope.Build(tr), cfg)
		var call syntax.Node
		tr.Root().Walk(func(n syntax.Node) bool {
			if n.Kind() == "call_expression" && n.Get("function").Text() == "setInterval" {
				call = n
			}
			return true
		})
		o := m.OwnerOf(call)
		if o == nil || len(o.Teardowns) != c.teardowns {
			t.Errorf("vue %s: owner %+v, want %d teardowns", c.vue, o, c.teardowns)
		}
	}
}
