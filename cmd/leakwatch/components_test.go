package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// componentTree has a .vue and a .svelte file whose script blocks start
// after markup, with multi-byte text before a finding on its line, so a
// position that forgot where the script block starts, or counted bytes
// instead of UTF-16 units, shows.
var componentTree = map[string]string{
	"App.vue": "<template>\n  <div>{{ 'é' }}</div>\n</template>\n\n" +
		"<script setup lang=\"ts\">\nconst s: string = 'é𝒳'; leak(s);\n</script>\n",
	"Widget.svelte": "<script context=\"module\">\n  bad();\n</script>\n" +
		"<p>leak() in markup is not code</p>\n<script>\n\tleak(1);\n</script>\n",
	// No script at all: skipped with the engine's reason, not an error.
	"Static.vue": "<template><p>hi</p></template>\n",
	"notes.txt":  "leak();\n",
}

func TestComponentFilesAreWalkedAndPositioned(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, componentTree)

	r := lw(t, dir, "-v")
	expectCode(t, r, exitFindings)
	want := "App.vue:6:26: warning: leak() leaks: call noleak() (test-leak)\n" +
		" 6 | const s: string = 'é𝒳'; leak(s);\n" +
		"   |                         ^~~~~~~\n" +
		"App.vue:6:30: note: these arguments are kept alive\n" +
		"Widget.svelte:2:3: error: bad() is always wrong (test-bad)\n" +
		" 2 |   bad();\n" +
		"   |   ^~~~~\n" +
		"Widget.svelte:6:2: warning: leak() leaks: call noleak() (test-leak)\n" +
		" 6 | \tleak(1);\n" +
		"   | \t^~~~~~~\n" +
		"Widget.svelte:6:6: note: these arguments are kept alive\n"
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}
	if !strings.Contains(r.stderr, "leakwatch: skipped Static.vue: component file has no <script> block\n") {
		t.Errorf("the script-less component is not reported as skipped:\n%s", r.stderr)
	}

	// JSON: the same positions, and the fix edit lands on the callee.
	r = lw(t, dir, "--format", "json", "App.vue", "Widget.svelte")
	expectCode(t, r, exitFindings)
	var doc struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	type pos struct {
		File                                string
		Line, Column, EndLine, EndColumn    int
		EditLine, EditColumn, EditEndColumn int
	}
	var got []pos
	for _, d := range doc.Diagnostics {
		p := pos{File: d.File, Line: d.Line, Column: d.Column, EndLine: d.EndLine, EndColumn: d.EndColumn}
		if len(d.Fixes) > 0 {
			e := d.Fixes[0].Edits[0]
			p.EditLine, p.EditColumn, p.EditEndColumn = e.Line, e.Column, e.EndColumn
		}
		got = append(got, p)
	}
	wantPos := []pos{
		{"App.vue", 6, 26, 6, 33, 6, 26, 30},
		{"Widget.svelte", 2, 3, 2, 8, 0, 0, 0},
		{"Widget.svelte", 6, 2, 6, 9, 6, 2, 6},
	}
	if !reflect.DeepEqual(got, wantPos) {
		t.Errorf("JSON positions:\n%+v\nwant\n%+v", got, wantPos)
	}

	// SARIF: regions in the original file, fixes as replacements in it.
	r = lw(t, dir, "--format", "sarif", "App.vue")
	expectCode(t, r, exitFindings)
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation sarifPhysical `json:"physicalLocation"`
				} `json:"locations"`
				Fixes []sarifFix `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	res := log.Runs[0].Results
	if len(res) != 1 {
		t.Fatalf("%d SARIF results, want 1:\n%s", len(res), r.stdout)
	}
	if got, want := res[0].Locations[0].PhysicalLocation.Region, (sarifRegion{6, 26, 6, 33}); got == nil || *got != want {
		t.Errorf("SARIF region %+v, want %+v", got, want)
	}
	if got, want := res[0].Fixes[0].ArtifactChanges[0].Replacements[0].DeletedRegion, (sarifRegion{6, 26, 6, 30}); got != want {
		t.Errorf("SARIF fix region %+v, want %+v", got, want)
	}

	// --fix edits the script in place and leaves the markup alone.
	r = lw(t, dir, "--fix", "App.vue", "Widget.svelte")
	expectCode(t, r, exitFindings) // bad() has no fix
	if got, want := read(t, "App.vue"), strings.Replace(componentTree["App.vue"], "leak(s)", "noleak(s)", 1); got != want {
		t.Errorf("fixed App.vue:\n%s\nwant:\n%s", got, want)
	}
	if got, want := read(t, "Widget.svelte"), strings.Replace(componentTree["Widget.svelte"], "\tleak(1)", "\tnoleak(1)", 1); got != want {
		t.Errorf("fixed Widget.svelte:\n%s\nwant:\n%s", got, want)
	}
}
