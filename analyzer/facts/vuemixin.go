package facts

import (
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// vueMixinNeedles mark a file that may export a Vue mixin with teardown
// hooks: an options object, not a class, but asked about as one (a
// component's `mixins: [...]` is its bases).
var vueMixinNeedles = func() [][]byte {
	var out [][]byte
	for _, h := range lifecycle.VueTeardownHooks() {
		out = append(out, []byte(h))
	}
	return out
}()

// vueMixinFact reads a module-level Vue options object as a mixin: the
// teardown hooks it declares, and the methods they call on `this`,
// followed through the mixin's own methods (`beforeDestroy() {
// this._unselect() }` with `_unselect() { this.onUnselect() }` calls
// onUnselect, which the component mixing it in may declare). ok=false
// when the object declares no teardown hook.
func vueMixinFact(obj syntax.Node) (Class, bool) {
	var c Class
	teardown := map[string]bool{}
	for _, h := range lifecycle.VueTeardownHooks() {
		teardown[h] = true
	}
	// Most module-level objects are data (a dictionary, a config): look
	// for a hook's key before reading the object's functions.
	var keys []string
	for _, ch := range obj.Children() {
		var k string
		switch ch.Kind() {
		case "method_definition":
			k = unquote(ch.Get("name").Text())
		case "pair":
			k = unquote(ch.Get("key").Text())
		}
		if teardown[k] {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return Class{}, false
	}
	methods := lifecycle.VueOptionsMethods(obj)
	var queue []string
	seen := map[string]bool{}
	for _, k := range keys {
		if methods[k].Valid() && !seen[k] {
			c.Teardowns = append(c.Teardowns, k)
			queue = append(queue, k)
			seen[k] = true
		}
	}
	if len(c.Teardowns) == 0 {
		return Class{}, false
	}
	hooks := map[string]bool{}
	for len(queue) > 0 && len(seen) < 64 {
		name := queue[0]
		queue = queue[1:]
		methods[name].Walk(func(n syntax.Node) bool {
			if n.Kind() != "call_expression" {
				return true
			}
			fn := scope.Unwrap(n.Get("function"))
			if fn.Kind() != "member_expression" || scope.Unwrap(fn.Get("object")).Kind() != "this" {
				return true
			}
			prop := fn.Get("property").Text()
			hooks[prop] = true
			if _, own := methods[prop]; own && !seen[prop] {
				seen[prop] = true
				queue = append(queue, prop)
			}
			return true
		})
	}
	sortStrings(c.Teardowns)
	c.Hooks = sortedKeys(hooks)
	c.VueMixin = true
	return c, true
}
