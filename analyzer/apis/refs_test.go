package apis

import "testing"

// Only Vue's and VueUse's unwrappers (or an auto-imported global of the
// same name) read a ref's value; a same-named function of another module
// may do anything.
func TestUnwrapsRef(t *testing.T) {
	cases := []struct {
		name, module string
		want         bool
	}{
		{"unref", "vue", true},
		{"toValue", "vue", true},
		{"unref", "", true},
		{"toValue", "@vueuse/core", true},
		{"unref", "@vue/reactivity", true},
		{"resolveUnref", "@vueuse/shared", true},
		{"unref", "vue-demi", true},
		{"unref", "./refs", false},
		{"unref", "@vue", false},
		{"unref", "vuex", false},
		{"ref", "vue", false},
		{"toRaw", "vue", false},
	}
	for _, c := range cases {
		if got := UnwrapsRef(c.name, c.module); got != c.want {
			t.Errorf("UnwrapsRef(%q, %q) = %v, want %v", c.name, c.module, got, c.want)
		}
	}
}
