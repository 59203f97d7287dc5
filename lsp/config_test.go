package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInitializationOptionsSetSeverity(t *testing.T) {
	c := start(t, config{initOpts: map[string]any{"debounceMs": 0, "leakwatch": map[string]any{"rules": map[string]any{"test-leak": "error"}}}})
	const uri = "file:///work/app.js"
	c.open(uri, "javascript", "leak();", 1)
	p, next := c.waitPublish(0, uri, nil)
	if p.Diagnostics[0].Severity != 1 {
		t.Fatalf("severity %d, want 1 (error) from initializationOptions", p.Diagnostics[0].Severity)
	}
	// Settings override initializationOptions, in either shape, and every
	// open document is analysed again.
	c.notifyServer("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"leakwatch": map[string]any{"rules": map[string]any{"test-leak": "hint"}}}})
	p, next = c.waitPublish(next, uri, nil)
	if p.Diagnostics[0].Severity != 4 {
		t.Fatalf("severity %d, want 4 (hint) from didChangeConfiguration", p.Diagnostics[0].Severity)
	}
	c.notifyServer("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"rules": map[string]any{"test-leak": "off"}}})
	p, next = c.waitPublish(next, uri, nil)
	if len(p.Diagnostics) != 0 {
		t.Fatalf("rule switched off, still %+v", p.Diagnostics)
	}
	// A bad setting is reported and the previous settings stay.
	c.notifyServer("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"rules": map[string]any{"no-such-rule": "off"}}})
	m, _ := c.waitMessage(next, "a logMessage about the bad setting", func(m message) bool {
		return m.method == "window/logMessage"
	})
	t.Logf("%s", m.params)
	c.changeFull(uri, 2, "leak(); leak();")
	if acts := c.codeActions(uri, tRange{}); len(acts) != 0 {
		t.Errorf("the rule is still off, yet actions: %+v", acts)
	}
}

func TestConfigFileIsReadAndWatched(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, ".leakwatch.json")
	write := func(s string) {
		if err := os.WriteFile(cfgPath, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`{"rules": {"test-leak": "info"}, "ignore": ["gen/**"]}`)
	caps := defaultCaps()
	caps["workspace"].(map[string]any)["didChangeWatchedFiles"] = map[string]any{"dynamicRegistration": true}
	c := start(t, config{caps: caps, folders: []string{dir}})
	// The server asks to watch config files.
	reg, _ := c.waitMessage(0, "client/registerCapability", func(m message) bool { return m.method == "client/registerCapability" })
	if want := `"globPattern":"**/.leakwatch.json"`; !strings.Contains(string(reg.params), want) {
		t.Errorf("registration %s lacks %s", reg.params, want)
	}

	uri := "file://" + filepath.Join(dir, "src", "app.js")
	c.open(uri, "javascript", "leak();", 1)
	p, next := c.waitPublish(0, uri, nil)
	if p.Diagnostics[0].Severity != 3 {
		t.Fatalf("severity %d, want 3 (info) from .leakwatch.json", p.Diagnostics[0].Severity)
	}
	ignored := "file://" + filepath.Join(dir, "gen", "out.js")
	c.open(ignored, "javascript", "leak();", 1)
	if p, _ := c.waitPublish(0, ignored, nil); len(p.Diagnostics) != 0 {
		t.Errorf("ignored file has diagnostics: %+v", p.Diagnostics)
	}

	write(`{"rules": {"test-leak": "error"}}`)
	c.notifyServer("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": "file://" + cfgPath, "type": 2}}})
	p, next = c.waitPublish(next, uri, nil)
	if p.Diagnostics[0].Severity != 1 {
		t.Fatalf("severity %d after the config file changed, want 1", p.Diagnostics[0].Severity)
	}
	// Client settings beat the file.
	c.notifyServer("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"rules": map[string]any{"test-leak": "warning"}}})
	p, next = c.waitPublish(next, uri, nil)
	if p.Diagnostics[0].Severity != 2 {
		t.Fatalf("severity %d, want 2 from settings over the file", p.Diagnostics[0].Severity)
	}
	// A broken config file falls back to the defaults (and settings).
	write(`{"rules": `)
	c.notifyServer("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{}})
	c.notifyServer("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": "file://" + cfgPath, "type": 2}}})
	c.waitMessage(next, "a logMessage about the broken file", func(m message) bool {
		return m.method == "window/logMessage" && strings.Contains(string(m.params), ".leakwatch.json")
	})
}
