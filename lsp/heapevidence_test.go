package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	heapanalysis "github.com/leakwatch/leakwatch/heap/analysis"
	"github.com/leakwatch/leakwatch/heap/report"
)

const heapApp = `function handle(req) {
  leak(req.url);
  const seen = [];
  seen.push(req);
}
`

// writeHeapReport saves a heap report with two groups in app.js: one on
// the line of the leak() call, one on a line no rule reports.
func writeHeapReport(t *testing.T, path, sourceRoot string) {
	t.Helper()
	doc := report.Document{Version: report.Version, Method: "three-snapshot", Load: "node load.js", Iterations: 100, SourceRoot: sourceRoot,
		Groups: []report.Group{
			{Group: heapanalysis.Group{Kind: heapanalysis.KindObject, Name: "RenderedPage", Leaked: 200, Retained: 13 << 20,
				Holders: []heapanalysis.Holder{{Kind: "collection", Text: "Map in variable `pages`"}}}, File: "app.js", Line: 2},
			{Group: heapanalysis.Group{Kind: heapanalysis.KindClosure, Name: "onData", Leaked: 100, Retained: 4096}, File: "app.js", Line: 4},
			{Group: heapanalysis.Group{Kind: heapanalysis.KindObject, Name: "Elsewhere", Leaked: 100, Retained: 4096}, File: "other.js", Line: 1},
		}}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func checkHeapEvidence(t *testing.T, c *client, uri string) {
	t.Helper()
	mark := c.mark()
	c.open(uri, "javascript", heapApp, 1)
	pub, _ := c.waitPublish(mark, uri, nil)
	if len(pub.Diagnostics) != 2 {
		t.Fatalf("diagnostics %+v", pub.Diagnostics)
	}
	leak, growth := pub.Diagnostics[0], pub.Diagnostics[1]
	if leak.Code != "test-leak" {
		t.Fatalf("first diagnostic %+v", leak)
	}
	var evidence string
	for _, r := range leak.RelatedInformation {
		if strings.HasPrefix(r.Message, "confirmed at runtime") {
			evidence = r.Message
			if r.Location.URI != uri || r.Location.Range.Start.Line != 1 {
				t.Errorf("evidence points at %+v", r.Location)
			}
		}
	}
	want := "confirmed at runtime: runtime: 200 new RenderedPage objects still alive, retaining 13.0 MB after 100 runs of `node load.js` (held by Map in variable `pages`)"
	if evidence != want {
		t.Errorf("evidence %q\nwant      %q", evidence, want)
	}
	if growth.Code != heapGrowthCode || growth.Severity != 3 || growth.Range.Start.Line != 3 ||
		!strings.Contains(growth.Message, "100 new onData() closures still alive") || !strings.Contains(growth.Message, "no rule reports this line") {
		t.Errorf("growth diagnostic %+v", growth)
	}
}

func TestHeapEvidenceFromWorkspaceReport(t *testing.T) {
	dir := t.TempDir()
	writeHeapReport(t, filepath.Join(dir, ".leakwatch", "heap.json"), "")
	c := start(t, config{folders: []string{dir}})
	checkHeapEvidence(t, c, "file://"+filepath.Join(dir, "app.js"))
}

func TestHeapEvidenceFromSetting(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	// The report names files under its source root, the workspace.
	writeHeapReport(t, filepath.Join(elsewhere, "run1.json"), dir)
	c := start(t, config{folders: []string{dir}, initOpts: map[string]any{"debounceMs": 0, "heapReport": filepath.Join(elsewhere, "run1.json")}})
	checkHeapEvidence(t, c, "file://"+filepath.Join(dir, "app.js"))
}

func TestHeapEvidenceBadReport(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".leakwatch"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".leakwatch", "heap.json"), []byte(`{"version": 99}`), 0o644); err != nil {
		t.Fatal(err)
	}
	c := start(t, config{folders: []string{dir}})
	uri := "file://" + filepath.Join(dir, "app.js")
	mark := c.mark()
	c.open(uri, "javascript", heapApp, 1)
	pub, _ := c.waitPublish(mark, uri, nil)
	if len(pub.Diagnostics) != 1 || len(pub.Diagnostics[0].RelatedInformation) != 1 {
		t.Errorf("an unreadable report must leave the diagnostics alone: %+v", pub.Diagnostics)
	}
	c.waitLog(0, "heap report version 99")
}

// TestHeapEvidenceFollowsTheReport changes the report under an open
// document: the evidence appears once the client says the file changed.
func TestHeapEvidenceFollowsTheReport(t *testing.T) {
	dir := t.TempDir()
	c := start(t, config{folders: []string{dir}})
	uri := "file://" + filepath.Join(dir, "app.js")
	mark := c.mark()
	c.open(uri, "javascript", heapApp, 1)
	pub, next := c.waitPublish(mark, uri, nil)
	if len(pub.Diagnostics) != 1 {
		t.Fatalf("before the report: %+v", pub.Diagnostics)
	}
	report := filepath.Join(dir, ".leakwatch", "heap.json")
	writeHeapReport(t, report, "")
	c.notifyServer("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": "file://" + report, "type": 1}}})
	c.waitPublish(next, uri, func(p tPublish) bool {
		return len(p.Diagnostics) == 2 && p.Diagnostics[1].Code == heapGrowthCode
	})
}
