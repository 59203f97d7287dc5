package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
)

// formatTree has findings of two severities, a tab before one and
// characters outside the BMP before another, so columns count UTF-16.
var formatTree = map[string]string{
	"src/a.js": "const x = 1;\n\tleak(x);\nconst s = 'é𝒳'; leak(s, 2);\n",
	"b.js":     "bad();\n",
	"c.js":     "const fine = 1;\n",
}

func TestTextFormat(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, formatTree)
	r := lw(t, dir)
	expectCode(t, r, exitFindings)
	want := "b.js:1:1: error: bad() is always wrong (test-bad)\n" +
		" 1 | bad();\n" +
		"   | ^~~~~\n" +
		"src/a.js:2:2: warning: leak() leaks: call noleak() (test-leak)\n" +
		" 2 | \tleak(x);\n" +
		"   | \t^~~~~~~\n" +
		"src/a.js:2:6: note: these arguments are kept alive\n" +
		"src/a.js:3:18: warning: leak() leaks: call noleak() (test-leak)\n" +
		" 3 | const s = 'é𝒳'; leak(s, 2);\n" +
		"   |                 ^~~~~~~~~~\n" +
		"src/a.js:3:22: note: these arguments are kept alive\n"
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}
	if want := "3 problems (1 error, 2 warnings) in 2 of 3 files; 2 fixable with --fix\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}

	r = lw(t, dir, "--no-frame", "b.js")
	if want := "b.js:1:1: error: bad() is always wrong (test-bad)\n"; r.stdout != want {
		t.Errorf("--no-frame: stdout = %q, want %q", r.stdout, want)
	}
}

func TestTextFormatLongLineAndControlCharacters(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("x", 300)
	write(t, dir, map[string]string{
		"long.js": "const a = '" + long + "'; leak(a); const b = '" + long + "';\n",
		"ctl.js":  "leak('\x1b[31mred'); // \x07\n",
	})
	r := lw(t, dir, "long.js", "ctl.js")
	lines := strings.Split(r.stdout, "\n")
	// long.js: a window around the finding, marked with ellipses.
	if !strings.HasPrefix(lines[0], "long.js:1:315: warning:") {
		t.Fatalf("long.js header: %q", lines[0])
	}
	code, caret := lines[1], lines[2]
	if !strings.HasPrefix(code, " 1 | …") || !strings.HasSuffix(code, "…") || len([]rune(code)) > maxFrameWidth+10 {
		t.Errorf("long line frame not windowed: %q", code)
	}
	at := strings.Index(caret, "^")
	if got := string([]rune(code)[len([]rune(caret[:at])):][:7]); got != "leak(a)" {
		t.Errorf("caret under %q, want under leak(a)\n%s\n%s", got, code, caret)
	}
	// ctl.js: the escape sequence and bell are not printed raw.
	if strings.ContainsAny(r.stdout, "\x1b\x07") {
		t.Errorf("control characters reached the terminal: %q", r.stdout)
	}
}

func TestJSONFormat(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, formatTree)
	write(t, dir, map[string]string{"node_modules/m/i.js": "leak();\n"})
	r := lw(t, dir, "--format", "json")
	expectCode(t, r, exitFindings)

	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if keys := sortedKeys(doc); !reflect.DeepEqual(keys, []string{"diagnostics", "summary", "version"}) {
		t.Errorf("top-level keys = %v", keys)
	}
	if string(doc["version"]) != "1" {
		t.Errorf("version = %s", doc["version"])
	}
	var diags []map[string]json.RawMessage
	if err := json.Unmarshal(doc["diagnostics"], &diags); err != nil {
		t.Fatal(err)
	}
	if len(diags) != 3 {
		t.Fatalf("%d diagnostics, want 3:\n%s", len(diags), r.stdout)
	}
	wantKeys := []string{"column", "endColumn", "endLine", "file", "fixes", "line", "message", "related", "rule", "severity"}
	for _, d := range diags {
		if keys := sortedKeys(d); !reflect.DeepEqual(keys, wantKeys) {
			t.Errorf("diagnostic keys = %v, want %v", keys, wantKeys)
		}
	}

	var typed struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
		Summary     jsonSummary      `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &typed); err != nil {
		t.Fatal(err)
	}
	got := typed.Diagnostics
	wantFirst := jsonDiagnostic{File: "b.js", Line: 1, Column: 1, EndLine: 1, EndColumn: 6, Rule: "test-bad", Severity: "error",
		Message: "bad() is always wrong", Related: []jsonRelated{}, Fixes: []jsonFix{}}
	if !reflect.DeepEqual(got[0], wantFirst) {
		t.Errorf("diagnostic 0 = %+v\nwant %+v", got[0], wantFirst)
	}
	wantLeak := jsonDiagnostic{File: "src/a.js", Line: 3, Column: 18, EndLine: 3, EndColumn: 28, Rule: "test-leak", Severity: "warning",
		Message: "leak() leaks: call noleak()",
		Related: []jsonRelated{{Line: 3, Column: 22, EndLine: 3, EndColumn: 28, Message: "these arguments are kept alive"}},
		Fixes: []jsonFix{{Title: "Call noleak() instead", Safe: true,
			Edits: []jsonEdit{{Line: 3, Column: 18, EndLine: 3, EndColumn: 22, NewText: "noleak"}}}}}
	if !reflect.DeepEqual(got[2], wantLeak) {
		t.Errorf("diagnostic 2 = %+v\nwant %+v", got[2], wantLeak)
	}
	if got[1].Line != 2 || got[1].Column != 2 || got[1].File != "src/a.js" {
		t.Errorf("diagnostic 1 at %s:%d:%d", got[1].File, got[1].Line, got[1].Column)
	}

	s := typed.Summary
	wantSum := jsonSummary{Files: 3, FilesWithProblems: 2, Problems: 3, Errors: 1, Warnings: 2, Fixable: 2,
		Skipped: []jsonSkip{{File: "node_modules", Folder: true, Reason: "dependency folder"}},
		Failed:  []jsonFailure{}, SyntaxErrors: []jsonSyntaxError{}}
	if !reflect.DeepEqual(s, wantSum) {
		t.Errorf("summary = %+v\nwant %+v", s, wantSum)
	}

	// No findings: still a complete document with empty arrays.
	r = lw(t, dir, "--format", "json", "c.js")
	expectCode(t, r, exitOK)
	if !strings.HasPrefix(r.stdout, `{"version":1,"diagnostics":[],"summary":{"files":1,`) {
		t.Errorf("empty report: %s", r.stdout)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestSARIFFormat(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, formatTree)
	write(t, dir, map[string]string{"my dir/r.js": "risky();\n"})
	r := lw(t, dir, "--format", "sarif")
	expectCode(t, r, exitFindings)

	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name           string `json:"name"`
					Version        string `json:"version"`
					InformationURI string `json:"informationUri"`
					Rules          []struct {
						ID               string            `json:"id"`
						ShortDescription map[string]string `json:"shortDescription"`
						FullDescription  map[string]string `json:"fullDescription"`
						HelpURI          string            `json:"helpUri"`
						Default          map[string]string `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			OriginalURIBaseIDs map[string]struct {
				URI string `json:"uri"`
			} `json:"originalUriBaseIds"`
			ColumnKind string `json:"columnKind"`
			Results    []struct {
				RuleID    string            `json:"ruleId"`
				RuleIndex *int              `json:"ruleIndex"`
				Level     string            `json:"level"`
				Message   map[string]string `json:"message"`
				Locations []struct {
					PhysicalLocation sarifPhysical `json:"physicalLocation"`
				} `json:"locations"`
				RelatedLocations []sarifRelLocation `json:"relatedLocations"`
				Fixes            []sarifFix         `json:"fixes"`
			} `json:"results"`
			Invocations []struct {
				ExecutionSuccessful *bool `json:"executionSuccessful"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("header: version %q schema %q runs %d", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	drv := run.Tool.Driver
	if drv.Name != "leakwatch" || drv.Version == "" || !strings.HasPrefix(drv.InformationURI, "https://") {
		t.Errorf("driver: %+v", drv)
	}
	index := map[string]int{}
	for i, rule := range drv.Rules {
		index[rule.ID] = i
		if rule.ShortDescription["text"] == "" || rule.HelpURI != analyzer.DocURL(rule.ID) || rule.Default["level"] == "" {
			t.Errorf("rule %s incomplete: %+v", rule.ID, rule)
		}
	}
	for _, id := range []string{"test-leak", "test-bad", "test-unsafe", "internal-error", "unused-suppression"} {
		if _, ok := index[id]; !ok {
			t.Errorf("rules table lacks %s", id)
		}
	}
	if drv.Rules[index["test-leak"]].FullDescription["text"] != "Reports every call to leak()." {
		t.Errorf("fullDescription from the rule docs: %+v", drv.Rules[index["test-leak"]].FullDescription)
	}
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	wd, _ := os.Getwd()
	if base := run.OriginalURIBaseIDs["%SRCROOT%"].URI; base != "file://"+filepath.ToSlash(wd)+"/" {
		t.Errorf("%%SRCROOT%% = %q", base)
	}
	if len(run.Results) != 4 {
		t.Fatalf("%d results, want 4", len(run.Results))
	}
	for _, res := range run.Results {
		if res.RuleIndex == nil || drv.Rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex does not point at its rule", res.RuleID)
		}
		if res.Message["text"] == "" || len(res.Locations) != 1 {
			t.Errorf("result %s: message or location missing", res.RuleID)
		}
	}
	bad := run.Results[0]
	if bad.RuleID != "test-bad" || bad.Level != "error" {
		t.Errorf("result 0: %s %s", bad.RuleID, bad.Level)
	}
	risky := run.Results[1]
	if loc := risky.Locations[0].PhysicalLocation.ArtifactLocation; loc.URI != "my%20dir/r.js" || loc.URIBaseID != "%SRCROOT%" {
		t.Errorf("relative URI with a space: %+v", loc)
	}
	if len(risky.Fixes) != 1 || !strings.Contains(risky.Fixes[0].Description.Text, "needs review") {
		t.Errorf("unsafe fix: %+v", risky.Fixes)
	}
	leak := run.Results[3]
	if got := *leak.Locations[0].PhysicalLocation.Region; got != (sarifRegion{3, 18, 3, 28}) {
		t.Errorf("region = %+v", got)
	}
	if len(leak.RelatedLocations) != 1 || leak.RelatedLocations[0].Message.Text != "these arguments are kept alive" ||
		*leak.RelatedLocations[0].PhysicalLocation.Region != (sarifRegion{3, 22, 3, 28}) {
		t.Errorf("relatedLocations = %+v", leak.RelatedLocations)
	}
	wantFix := sarifFix{Description: sarifText{"Call noleak() instead"}, ArtifactChanges: []sarifArtifactChange{{
		ArtifactLocation: sarifArtifactLoc{URI: "src/a.js", URIBaseID: "%SRCROOT%"},
		Replacements:     []sarifReplacement{{DeletedRegion: sarifRegion{3, 18, 3, 22}, InsertedContent: sarifText{"noleak"}}},
	}}}
	if len(leak.Fixes) != 1 || !reflect.DeepEqual(leak.Fixes[0], wantFix) {
		t.Errorf("fixes = %+v\nwant %+v", leak.Fixes, wantFix)
	}
	if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful == nil || !*run.Invocations[0].ExecutionSuccessful {
		t.Errorf("invocations = %+v", run.Invocations)
	}
}

func TestSARIFLocations(t *testing.T) {
	for path, want := range map[string]sarifArtifactLoc{
		"a.js":          {URI: "a.js", URIBaseID: "%SRCROOT%"},
		"src/x y.ts":    {URI: "src/x%20y.ts", URIBaseID: "%SRCROOT%"},
		"c:d.js":        {URI: "./c:d.js", URIBaseID: "%SRCROOT%"},
		"/abs/p#q.js":   {URI: "file:///abs/p%23q.js"},
		"sub/100%.js":   {URI: "sub/100%25.js", URIBaseID: "%SRCROOT%"},
		"./dot/file.js": {URI: "dot/file.js", URIBaseID: "%SRCROOT%"},
	} {
		if got := artifactLocation(path); got != want {
			t.Errorf("%s: %+v, want %+v", path, got, want)
		}
	}
}

func TestGitHubFormat(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"we,ird:name.js": "bad();\nleak();\n",
		"q.js":           "quiet();\n",
	})
	write(t, dir, map[string]string{".leakwatch.json": `{"rules": {"test-quiet": "info"}}`})
	r := lw(t, dir, "--format", "github")
	expectCode(t, r, exitFindings)
	want := "::notice file=q.js,line=1,col=1,endLine=1,endColumn=8,title=leakwatch (test-quiet)::quiet() was called\n" +
		"::error file=we%2Cird%3Aname.js,line=1,col=1,endLine=1,endColumn=6,title=leakwatch (test-bad)::bad() is always wrong\n" +
		"::warning file=we%2Cird%3Aname.js,line=2,col=1,endLine=2,endColumn=7,title=leakwatch (test-leak)::leak() leaks: call noleak()\n"
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := githubData("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b"; got != want {
		t.Errorf("data: %q, want %q", got, want)
	}
	if got, want := githubProperty("a%b:c,d\ne"), "a%25b%3Ac%2Cd%0Ae"; got != want {
		t.Errorf("property: %q, want %q", got, want)
	}
}

func TestInfoFindingsDoNotFail(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"a.js":            "leak();\n",
		".leakwatch.json": `{"rules": {"test-leak": "info"}}`,
	})
	r := lw(t, dir)
	expectCode(t, r, exitOK)
	if !strings.HasPrefix(r.stdout, "a.js:1:1: info: ") || !strings.Contains(r.stderr, "1 problem (1 info)") {
		t.Errorf("info finding not shown:\n%s", r)
	}
}
