package lifecycle_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
)

// Only components and JSX modules of the project itself may be the root
// an entry mounts; a dependency's never is.
func TestMayBeMountedRoot(t *testing.T) {
	for _, c := range []struct {
		path, src string
		want      bool
	}{
		{"src/Forms.vue", "", true},
		{"src/App.svelte", "", true},
		{"src/App.tsx", "export const App = () => <main />;", true},
		{"src/util.ts", "export const x = 1;", false},
		{"src/plain.js", "export function f() { return 1; }", false},
		{"node_modules/lib/Button.vue", "", false},
		{"app/node_modules/lib/App.jsx", "export const App = () => <div />;", false},
	} {
		if got := lifecycle.MayBeMountedRoot(c.path, c.src); got != c.want {
			t.Errorf("%s: %v, want %v", c.path, got, c.want)
		}
	}
}
