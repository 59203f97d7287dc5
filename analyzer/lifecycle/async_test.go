package lifecycle_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// An async setup returns a promise: what it returns is lost, not a
// teardown, and code there is no cleanup. Hooks that ignore the return
// value (Vue's onMounted) have nothing to lose.
func TestAsyncSetupLosesItsReturn(t *testing.T) {
	cases := []struct {
		name, src       string
		async           bool
		lost, teardowns int
		inLost          string // a call inside the lost cleanup, "" for none
	}{
		{"async effect", "useEffect(async () => { reg(); await x; return () => undo(); }, []);", true, 1, 0, "undo"},
		{"async onMount", "import { onMount } from 'svelte';\nonMount(async () => { reg(); return () => undo(); });", true, 1, 0, "undo"},
		{"async expression body", "useEffect(async () => reg(), []);", true, 1, 0, "reg"},
		{"sync effect", "useEffect(() => { reg(); return () => undo(); }, []);", false, 0, 1, ""},
		{"sync effect with an async inner function", "useEffect(() => { reg(); (async () => { await x; })(); return () => undo(); }, []);", false, 0, 1, ""},
		{"async onMounted", "import { onMounted } from 'vue';\nexport function useX() { onMounted(async () => { reg(); }); }", false, 0, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, m, call := ownerAt(t, syntax.JavaScript, c.src, "reg", lifecycle.Config{})
			if o == nil {
				t.Fatal("no owner")
			}
			if got := o.AsyncSetup(); got != c.async {
				t.Errorf("AsyncSetup() = %v, want %v", got, c.async)
			}
			if len(o.Lost) != c.lost || len(o.Teardowns) != c.teardowns {
				t.Errorf("lost %d, teardowns %d; want %d, %d", len(o.Lost), len(o.Teardowns), c.lost, c.teardowns)
			}
			if c.inLost != "" {
				_, m2, in := ownerAt(t, syntax.JavaScript, c.src, c.inLost, lifecycle.Config{})
				if !m2.InLostCleanup(in) {
					t.Errorf("%s() is not in the lost cleanup", c.inLost)
				}
			}
			if c.inLost != "reg" && m.InLostCleanup(call) {
				t.Error("the registration is taken for lost cleanup")
			}
		})
	}
}
