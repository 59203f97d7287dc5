package lsp

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

type tWorkspaceItem struct {
	Kind     string  `json:"kind"`
	URI      string  `json:"uri"`
	Version  *int    `json:"version"`
	ResultID string  `json:"resultId"`
	Items    []tDiag `json:"items"`
}

func pullCaps() map[string]any {
	caps := defaultCaps()
	caps["textDocument"].(map[string]any)["diagnostic"] = map[string]any{"dynamicRegistration": false}
	return caps
}

// pullWorkspace sends workspace/diagnostic with the given previous result
// ids and returns the items by URI.
func (c *client) pullWorkspace(prev map[string]string) map[string]tWorkspaceItem {
	c.t.Helper()
	ids := []map[string]string{}
	for u, v := range prev {
		ids = append(ids, map[string]string{"uri": u, "value": v})
	}
	var res struct {
		Items []tWorkspaceItem `json:"items"`
	}
	if err := c.call("workspace/diagnostic", map[string]any{"previousResultIds": ids}, &res); err != nil {
		c.t.Fatalf("workspace/diagnostic: %v", err)
	}
	out := map[string]tWorkspaceItem{}
	for _, it := range res.Items {
		if _, dup := out[it.URI]; dup {
			c.t.Fatalf("%s reported twice", it.URI)
		}
		out[it.URI] = it
	}
	return out
}

func resultIDs(items map[string]tWorkspaceItem) map[string]string {
	out := map[string]string{}
	for u, it := range items {
		out[u] = it.ResultID
	}
	return out
}

func uris(items map[string]tWorkspaceItem) string {
	var us []string
	for u, it := range items {
		us = append(us, filepath.Base(u)+":"+it.Kind)
	}
	sort.Strings(us)
	return strings.Join(us, " ")
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWorkspaceDiagnostics(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.js"), "leak();\n")
	write(t, filepath.Join(dir, "b.js"), "noleak();\n")
	write(t, filepath.Join(dir, "sub", "c.ts"), "const x = 1;\nleak(x);\nleak();\n")
	write(t, filepath.Join(dir, "node_modules", "dep", "d.js"), "leak();\n")
	write(t, filepath.Join(dir, "notes.txt"), "leak();\n")
	c := start(t, config{caps: pullCaps(), folders: []string{dir}})
	a, b, cts := "file://"+filepath.Join(dir, "a.js"), "file://"+filepath.Join(dir, "b.js"), "file://"+filepath.Join(dir, "sub", "c.ts")

	// The first pull lists the files with findings, in full, for no
	// version (they are not open); clean files and dependencies are left out.
	first := c.pullWorkspace(nil)
	if got := uris(first); got != "a.js:full c.ts:full" {
		t.Fatalf("first report: %s", got)
	}
	if it := first[cts]; len(it.Items) != 2 || it.Items[0].Code != "test-leak" || it.Items[0].Range.Start.Line != 1 || it.Version != nil || it.ResultID == "" {
		t.Errorf("c.ts report: %+v", it)
	}
	analysed := c.status().Analyses
	if analysed != 3 {
		t.Errorf("%d files analysed, want 3 (a.js, b.js, c.ts)", analysed)
	}

	// Nothing changed: every file the client knows is unchanged, with the
	// same id, and nothing was analysed again.
	second := c.pullWorkspace(resultIDs(first))
	if got := uris(second); got != "a.js:unchanged c.ts:unchanged" {
		t.Fatalf("second report: %s", got)
	}
	for u, it := range second {
		if it.ResultID != first[u].ResultID || len(it.Items) != 0 {
			t.Errorf("%s: %+v, want unchanged with id %s", u, it, first[u].ResultID)
		}
	}
	if n := c.status().Analyses; n != analysed {
		t.Errorf("the second pull analysed %d files again; unchanged files must come from the cache", n-analysed)
	}

	// a.js is fixed on disk, c.ts deleted, b.js opened in the editor with
	// a finding the disk does not have.
	write(t, filepath.Join(dir, "a.js"), "noleak(1);\n")
	if err := os.Remove(filepath.Join(dir, "sub", "c.ts")); err != nil {
		t.Fatal(err)
	}
	c.open(b, "javascript", "leak(b);\n", 7)
	third := c.pullWorkspace(resultIDs(first))
	if got := uris(third); got != "a.js:full b.js:full c.ts:full" {
		t.Fatalf("third report: %s", got)
	}
	if it := third[a]; len(it.Items) != 0 || it.ResultID == first[a].ResultID {
		t.Errorf("fixed a.js: %+v, want an empty full report with a new id", it)
	}
	if it := third[cts]; len(it.Items) != 0 {
		t.Errorf("deleted c.ts: %+v, want an empty full report", it)
	}
	if it := third[b]; len(it.Items) != 1 || it.Version == nil || *it.Version != 7 {
		t.Errorf("open b.js: %+v, want the editor's finding at version 7", it)
	}
	// The open document's id is the one textDocument/diagnostic gives.
	var doc struct {
		ResultID string `json:"resultId"`
	}
	if err := c.call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": b}}, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.ResultID != third[b].ResultID {
		t.Errorf("document pull id %q, workspace pull id %q", doc.ResultID, third[b].ResultID)
	}

	// A clean file the client knows as clean stays unchanged; a deleted
	// one it was told about is not repeated.
	fourth := c.pullWorkspace(resultIDs(third))
	if got := uris(fourth); got != "a.js:unchanged b.js:unchanged" {
		t.Errorf("fourth report: %s", got)
	}
}

func TestWorkspaceDiagnosticsFollowTheConfig(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.js"), "leak();\n")
	c := start(t, config{caps: pullCaps(), folders: []string{dir}})
	first := c.pullWorkspace(nil)
	if len(first) != 1 {
		t.Fatalf("first: %s", uris(first))
	}
	// Turning the rule off changes the result without any file changing.
	c.notifyServer("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"leakwatch": map[string]any{"rules": map[string]any{"test-leak": "off"}}}})
	second := c.pullWorkspace(resultIDs(first))
	if it := second["file://"+filepath.Join(dir, "a.js")]; it.Kind != "full" || len(it.Items) != 0 {
		t.Errorf("after turning the rule off: %+v", it)
	}
}

func TestWorkspaceDiagnosticsAreOffered(t *testing.T) {
	c := start(t, config{noInit: true})
	res := c.initialize(config{caps: pullCaps(), initOpts: map[string]any{"debounceMs": 0}})
	dp, _ := res["capabilities"].(map[string]any)["diagnosticProvider"].(map[string]any)
	if dp["workspaceDiagnostics"] != true || dp["interFileDependencies"] != false {
		t.Errorf("diagnosticProvider %v", dp)
	}
	c2 := start(t, config{noInit: true})
	res = c2.initialize(config{caps: pullCaps(), initOpts: map[string]any{"workspaceDiagnostics": false}})
	if dp, _ := res["capabilities"].(map[string]any)["diagnosticProvider"].(map[string]any); dp == nil || dp["workspaceDiagnostics"] != false {
		t.Errorf("with workspaceDiagnostics false, diagnosticProvider %v", dp)
	}
	// Without a workspace folder the report is empty, not an error.
	if items := c.pullWorkspace(nil); len(items) != 0 {
		t.Errorf("no folder: %s", uris(items))
	}
}
