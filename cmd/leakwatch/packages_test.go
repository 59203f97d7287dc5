package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/rules"
)

// The same component in a Vue 2 and a Vue 3 project: --fix writes the
// teardown the project's Vue calls, read from the nearest package.json.
func TestFixWritesTheTeardownOfThePackageJSONVue(t *testing.T) {
	old := newEngine
	newEngine = rules.NewEngine
	t.Cleanup(func() { newEngine = old })
	dir := t.TempDir()
	clock := "<template><span /></template>\n<script>\nexport default {\n  mounted() {\n" +
		"    this.timer = setInterval(() => this.tick(), 1000);\n  },\n};\n</script>\n"
	write(t, dir, map[string]string{
		"legacy/package.json":   `{"dependencies": {"vue": "^2.6.14"}}`,
		"legacy/src/Clock.vue":  clock,
		"current/package.json":  `{"dependencies": {"vue": "^3.4.21"}}`,
		"current/src/Clock.vue": clock,
	})
	r := lw(t, dir, "--fix", "legacy", "current")
	expectCode(t, r, exitOK)
	for dirName, want := range map[string]string{"legacy": "beforeDestroy() {", "current": "beforeUnmount() {"} {
		got := read(t, filepath.Join(dir, dirName, "src", "Clock.vue"))
		if !strings.Contains(got, want) || !strings.Contains(got, "clearInterval(this.timer)") {
			t.Errorf("%s/src/Clock.vue, want %s:\n%s", dirName, want, got)
		}
	}
}
