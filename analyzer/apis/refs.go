package apis

import "strings"

// Reactive refs. Vue keeps a value in a ref and code reads it as r.value,
// or through a function that unwraps it: unref(r) and toValue(r) (Vue
// 3.3+, and VueUse, which re-exports them and had resolveUnref before) are
// r.value for a ref. A timer id stored in r.value and cleared as
// clearInterval(unref(r)) is the same id.
var refUnwrappers = map[string]bool{"unref": true, "toValue": true, "resolveUnref": true}

// refModules are where the unwrappers come from; a name imported from
// anywhere else (lodash has no unref, but a project may) is not one.
var refModules = []string{"vue", "@vue/", "vue-demi", "@vueuse/", "@nuxtjs/composition-api", "nuxt", "#app", "#imports"}

// UnwrapsRef reports a call of name, imported from module ("" when the
// name is not imported: a Nuxt or unplugin-auto-import global), that
// returns a ref's value.
func UnwrapsRef(name, module string) bool {
	if !refUnwrappers[name] {
		return false
	}
	if module == "" {
		return true
	}
	for _, m := range refModules {
		if module == m || strings.HasSuffix(m, "/") && strings.HasPrefix(module, m) {
			return true
		}
	}
	return false
}
