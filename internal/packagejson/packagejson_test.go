package packagejson

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
)

func TestNearestAndApply(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("package.json", `{"dependencies": {"vue": "^3.4.0"}}`)
	write("legacy/package.json", `{"dependencies": {"vue": "2.6.14"}, "devDependencies": {"typescript": "5"}}`)
	write("broken/package.json", `{"dependencies": `)
	var f Finder
	if deps, dir := f.Nearest(filepath.Join(root, "src", "a", "App.vue")); deps["vue"] != "^3.4.0" || dir != root {
		t.Errorf("src/a/App.vue: %v in %s, want vue ^3.4.0 from the root", deps, dir)
	}
	if deps, _ := f.Nearest(filepath.Join(root, "legacy", "src", "Old.vue")); deps["vue"] != "2.6.14" || deps["typescript"] != "5" {
		t.Errorf("legacy/src/Old.vue: %v, want its own package.json", deps)
	}
	if deps, dir := f.Nearest(filepath.Join(root, "broken", "x.js")); deps["vue"] != "^3.4.0" || dir != root {
		t.Errorf("broken/x.js: %v in %s, want the root's past the unreadable one", deps, dir)
	}
	base := &analyzer.Config{Ignore: []string{"gen/**"}}
	a := f.Apply(base, filepath.Join(root, "src", "a.js"))
	b := f.Apply(base, filepath.Join(root, "src", "b", "b.js"))
	c := f.Apply(base, filepath.Join(root, "legacy", "c.js"))
	if a != b || a == c || a == base || a.Packages["vue"] != "^3.4.0" || c.Packages["vue"] != "2.6.14" || len(a.Ignore) != 1 {
		t.Errorf("Apply: one copy per configuration and package.json, keeping the rest: %p %p %p", a, b, c)
	}
	if base.Packages != nil {
		t.Error("Apply changed the shared configuration")
	}
	if w := f.With(base, filepath.Join(root, "legacy", "c.js")); w == base || w.Packages["vue"] != "2.6.14" || base.Packages != nil {
		t.Errorf("With: want a copy with legacy's packages, got %+v", w)
	}
	if w := f.With(nil, "/"); w != nil {
		t.Errorf("With outside any project: %+v, want nil", w)
	}
	merged := (&analyzer.Config{Packages: map[string]string{"vue": "2.7.0", "a": "1"}}).Merge(&analyzer.Config{Packages: map[string]string{"vue": "3.0.0"}})
	if merged.Packages["vue"] != "3.0.0" || merged.Packages["a"] != "1" {
		t.Errorf("Merge: packages %v, want the override's vue and the base's a", merged.Packages)
	}
	own := &analyzer.Config{Packages: map[string]string{"vue": "2.7.0"}}
	if f.Apply(own, filepath.Join(root, "src", "a.js")) != own {
		t.Error("a configuration's own packages must win")
	}
}
