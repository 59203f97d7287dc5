package lifecycle

import (
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// PackageMajor returns the major version of a package the project depends
// on, read from the range package.json gives ("^2.7.14" is 2, ">=16.0.0"
// is 16), or 0 when the project's packages are unknown, the package is not
// among them, or the range names no version (a tag, a path, a workspace).
func (m *Model) PackageMajor(name string) int {
	r, ok := m.packages[name]
	if !ok {
		return 0
	}
	r = strings.TrimLeft(strings.TrimSpace(r), "^~>=<v ")
	end := 0
	for end < len(r) && r[end] >= '0' && r[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(r[:end])
	if err != nil {
		return 0
	}
	return n
}

// vue2Members are instance APIs Vue 3 removed; vue3Options are options
// only Vue 3 knows. A file using one of them says which Vue it is written
// for.
var (
	vue2Members = map[string]bool{"$set": true, "$delete": true, "$on": true, "$once": true, "$off": true,
		"$listeners": true, "$scopedSlots": true, "$children": true}
	vue2Options = map[string]bool{"beforeDestroy": true, "destroyed": true, "filters": true}
	vue3Options = map[string]bool{"beforeUnmount": true, "unmounted": true, "emits": true}
	vue2Globals = map[string]bool{"extend": true, "component": true, "set": true, "delete": true, "use": true, "mixin": true}
)

// VueMajor returns the Vue version the file is written for: the project's
// (package.json) when known, else what the file's own API use says (Vue
// 2's instance events, $set, $listeners, `new Vue`, Vue.extend, the
// beforeDestroy hook; Vue 3's beforeUnmount, emits, createApp), or 0 when
// neither tells.
func (m *Model) VueMajor() int {
	if m.vueMajor >= 0 {
		return m.vueMajor
	}
	m.vueMajor = 0
	if n := m.packagesVue(); n != 0 {
		m.vueMajor = n
		return n
	}
	v2, v3 := false, false
	t := m.tree
	for i := 0; i < t.Len(); i++ {
		n := t.At(i)
		switch n.Kind() {
		case "member_expression":
			obj, prop := n.Get("object"), n.Get("property").Text()
			if vue2Members[prop] && (obj.Kind() == "this" || vueInstanceLink(obj)) {
				v2 = true
			}
			if obj.Kind() == "identifier" && obj.Text() == "Vue" && m.ImportedFrom("Vue") == "vue" && vue2Globals[prop] {
				v2 = true
			}
		case "new_expression":
			if c := n.Get("constructor"); c.Text() == "Vue" && m.ImportedFrom("Vue") == "vue" {
				v2 = true
			}
		case "method_definition", "pair":
			key := n.Get("name")
			if n.Kind() == "pair" {
				key = n.Get("key")
			}
			if n.Parent().Kind() != "object" {
				continue
			}
			name := strings.Trim(key.Text(), `"'`)
			v2 = v2 || vue2Options[name]
			v3 = v3 || vue3Options[name]
		case "identifier":
			if n.Text() == "createApp" && m.ImportedFrom("createApp") == "vue" {
				v3 = true
			}
		}
	}
	switch {
	case v2 && !v3:
		m.vueMajor = 2
	case v3 && !v2:
		m.vueMajor = 3
	}
	return m.vueMajor
}

// packagesVue returns the Vue major the project's dependencies name, or 0:
// vue itself, else what brings it in. A Nuxt 2 application depends on
// nuxt alone (baserow's web frontend), and Nuxt 3 on Vue 3; only Vue 2
// compiles templates with vue-template-compiler or adds setup() through
// @vue/composition-api.
func (m *Model) packagesVue() int {
	if n := m.PackageMajor("vue"); n == 2 || n == 3 {
		return n
	}
	switch n := m.PackageMajor("nuxt"); {
	case n == 2:
		return 2
	case n >= 3:
		return 3
	}
	if _, ok := m.packages["vue-template-compiler"]; ok {
		return 2
	}
	if _, ok := m.packages["@vue/composition-api"]; ok {
		return 2
	}
	return 0
}

// vueInstanceLink reports a path from a component to another component
// instance: this.$root, this.$parent, this.$refs.child, this.$children[0].
// Vue 3 dropped the instance event API from every instance, so
// this.$root.$on(...) (a Vue 2 app's event bus) says Vue 2 as this.$on
// does. Other objects' $on (an AngularJS scope kept as this.$scope) say
// nothing.
func vueInstanceLink(n syntax.Node) bool {
	switch n.Kind() {
	case "member_expression":
		obj, prop := n.Get("object"), n.Get("property").Text()
		if obj.Kind() == "this" {
			return prop == "$root" || prop == "$parent"
		}
		return isThisMember(obj, "$refs")
	case "subscript_expression":
		obj := n.Get("object")
		return isThisMember(obj, "$refs") || isThisMember(obj, "$children")
	}
	return false
}

// isThisMember reports this.<name>.
func isThisMember(n syntax.Node, name string) bool {
	return n.Kind() == "member_expression" && n.Get("object").Kind() == "this" && n.Get("property").Text() == name
}

// DependsOn reports whether the project's package.json lists the package,
// whatever its version range; false when the packages are unknown.
func (m *Model) DependsOn(name string) bool {
	_, ok := m.packages[name]
	return ok
}
