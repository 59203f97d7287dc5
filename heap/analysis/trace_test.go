package analysis

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/heap/snapshot"
)

// widgetLeak keeps every Widget that makeWidgets (line 6) allocates and
// snapshots the heap around two rounds. The class is declared on another
// line (3) and the array that keeps them on another (4), so a site the
// heuristics find would be told apart.
const widgetLeak = `const v8 = require('v8');
const dir = process.argv[2];
class Widget { constructor(i) { this.i = i; } }
const kept = [];
function snap(name) { globalThis.gc(); v8.writeHeapSnapshot(dir + '/' + name + '.heapsnapshot'); }
function makeWidgets(n) {
  for (let i = 0; i < n; i++) kept.push(new Widget(i));
}
snap('base'); makeWidgets(40); snap('target'); makeWidgets(40); snap('final');
`

// TestAllocationTraceSite checks that, when Node tracked allocations, a
// group's site is the function that allocated its objects.
func TestAllocationTraceSite(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "widgets.js")
	if err := os.WriteFile(script, []byte(widgetLeak), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("node", "--track-heap-objects", "--expose-gc", script, dir).CombinedOutput(); err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var paths []string
	for _, n := range []string{"base", "target", "final"} {
		paths = append(paths, filepath.Join(dir, n+".heapsnapshot"))
	}
	rep, err := Compare(paths, snapshot.Options{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(rep.Groups, func(g Group) bool { return g.Kind == KindObject && g.Name == "Widget" })
	if i < 0 {
		t.Fatalf("no Widget group in %+v", rep.Groups)
	}
	g := rep.Groups[i]
	if g.Leaked != 40 {
		t.Errorf("leaked %d Widgets, want 40", g.Leaked)
	}
	if g.Site != (Site{Script: script, Line: 6, Column: 21}) || !strings.Contains(g.SiteReason, "allocation trace") || !strings.Contains(g.SiteReason, "makeWidgets()") {
		t.Errorf("site %s (%s), want %s:6:21 from the allocation trace in makeWidgets", g.Site, g.SiteReason, script)
	}
}
