package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The real binary with facts: a finding that depends on a base class in
// another file appears only with facts, the cached result is not reused
// once that base class changes (the file itself did not), and a corrupted
// cache file is ignored.
func TestCheckUsesFactsAndCachesThem(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		".git/":     "",
		"view.ts":   "export class View {\n  render(): void {}\n}\n",
		"widget.ts": "import { View } from \"./view\";\n\nexport class Widget extends View {\n  constructor() {\n    super();\n    window.addEventListener(\"resize\", this.onResize);\n  }\n\n  onResize = () => {};\n}\n",
	})
	cacheFile := filepath.Join(dir, "lw.cache")
	run := func(args ...string) result {
		t.Helper()
		return runReal(t, dir, append([]string{"check", "--no-frame"}, args...)...)
	}
	r := run("--cache", "--cache-location", cacheFile, "-v", "widget.ts")
	expectCode(t, r, exitOK)
	if !strings.Contains(r.stderr, "facts: 1 imported files read") {
		t.Errorf("a check of widget.ts reads only view.ts: %s", r.stderr)
	}

	// The base class gets a teardown: Widget is now an owner whose
	// listener outlives it. widget.ts is unchanged; its cached result
	// must not be reused.
	write(t, dir, map[string]string{"view.ts": "export class View {\n  render(): void {}\n  dispose(): void {}\n}\n"})
	r = run("--cache", "--cache-location", cacheFile, "widget.ts")
	expectCode(t, r, exitFindings)
	if !strings.Contains(r.stdout, "widget.ts:6:12: warning: \"resize\" listener added to window is never removed; call removeEventListener in an override of the inherited dispose that calls super.dispose()") {
		t.Errorf("with the inherited dispose(): %s", r.stdout)
	}
	r = run("--no-facts", "widget.ts")
	expectCode(t, r, exitOK)

	// Again from the cache: the same finding.
	r = run("--cache", "--cache-location", cacheFile, "-v", "widget.ts")
	expectCode(t, r, exitFindings)
	if !strings.Contains(r.stderr, "1 of 1 files reused") || !strings.Contains(r.stderr, "0 parsed for facts") {
		t.Errorf("second run: result and facts from the cache: %s", r.stderr)
	}

	// A corrupted cache is ignored, and the verdict stands.
	data, err := os.ReadFile(cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(cacheFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	r = run("--cache", "--cache-location", cacheFile, "widget.ts")
	expectCode(t, r, exitFindings)
}
