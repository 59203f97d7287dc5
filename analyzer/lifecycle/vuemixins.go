package lifecycle

import (
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// VueTeardownHooks are the hooks of a Vue options object (a component or a
// mixin) that run when the component ends.
func VueTeardownHooks() []string { return vueOptionsTeardowns }

// VueOptionsMethods returns the functions of a Vue options object by name:
// its hooks and the entries of its methods section. A mixin's hook calls
// `this.close()` by these names, whichever object declares them.
func VueOptionsMethods(obj syntax.Node) map[string]syntax.Node {
	out := map[string]syntax.Node{}
	var add func(obj syntax.Node, nested bool)
	add = func(obj syntax.Node, nested bool) {
		for _, c := range obj.Children() {
			switch c.Kind() {
			case "method_definition":
				out[propertyName(c.Get("name"))] = c
			case "pair":
				k, v := propertyName(c.Get("key")), scope.Unwrap(c.Get("value"))
				switch {
				case scope.IsFunction(v):
					out[k] = v
				case k == "methods" && !nested && v.Kind() == "object":
					add(v, true)
				}
			}
		}
	}
	add(obj, false)
	return out
}

// addMixinTeardowns adds to a Vue options component's teardowns its
// methods that a mixin imported from another file calls when the
// component ends: Vue runs every mixin's beforeDestroy / unmounted hook as
// well as the component's own, and a mixin's `destroyed() { this.hide() }`
// runs the hide() the component declares. What the mixin calls is a fact
// of its file (ImportedClass.VueMixin, Hooks).
func (m *Model) addMixinTeardowns(o *Owner, obj syntax.Node) {
	if m.facts == nil {
		return
	}
	var list syntax.Node
	for _, c := range obj.Children() {
		if c.Kind() == "pair" && propertyName(c.Get("key")) == "mixins" {
			list = scope.Unwrap(c.Get("value"))
		}
	}
	if list.Kind() != "array" {
		return
	}
	own := len(o.Teardowns)
	var methods map[string]syntax.Node
	for _, el := range list.Children() {
		el = scope.Unwrap(el)
		if el.Kind() != "identifier" {
			continue
		}
		spec, name, ok := m.importOf(el.Text())
		if !ok {
			continue
		}
		ic, ok := m.facts.Class(spec, name)
		if !ok || !ic.VueMixin {
			continue
		}
		if methods == nil {
			methods = VueOptionsMethods(obj)
		}
		for _, h := range ic.Hooks {
			meth, ok := methods[h]
			if !ok {
				continue
			}
			o.addTeardown(meth)
		}
	}
	if own == 0 && len(o.Teardowns) > 0 {
		// No hook of its own: the cleanup goes where the mixin's hook
		// already reaches, not into a new hook.
		o.TeardownName = methodName(o.Teardowns[0])
	}
}
