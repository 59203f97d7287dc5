package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigDiscoveryWalksUp(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		".leakwatch.json":             `{"rules": {"test-leak": "off"}}`,
		"top.js":                      "leak();\n",
		"pkg/.leakwatch.json":         `{"rules": {"test-leak": "error"}}`,
		"pkg/a.js":                    "leak();\n",
		"pkg/deeper/still/b.js":       "leak();\n",
		"other/c.js":                  "leak();\n",
		"ignored/.leakwatch.json":     `{"ignore": ["gen/**", "*.skip.js"]}`,
		"ignored/gen/g.js":            "leak();\n",
		"ignored/x.skip.js":           "leak();\n",
		"ignored/kept.js":             "leak();\n",
		"ignored/sub/also.skip.js":    "leak();\n",
		"ignored/sub/fine.js":         "noleak();\n",
		"ignored/sub/gen/not-root.js": "leak();\n", // gen/** is relative to the config's folder
	})
	r := lw(t, dir, "--no-frame", "-v")
	expectCode(t, r, exitFindings)
	want := "ignored/kept.js:1:1: warning: leak() leaks: call noleak() (test-leak)\n" +
		"ignored/sub/gen/not-root.js:1:1: warning: leak() leaks: call noleak() (test-leak)\n" +
		"pkg/a.js:1:1: error: leak() leaks: call noleak() (test-leak)\n" +
		"pkg/deeper/still/b.js:1:1: error: leak() leaks: call noleak() (test-leak)\n"
	if got := withoutNotes(r.stdout); got != want {
		t.Errorf("stdout:\n%s\nwant:\n%s\n%s", got, want, r)
	}
	for _, msg := range []string{
		`leakwatch: skipped ignored/gen/: ignored by "gen/**" in ignored/.leakwatch.json`,
		`leakwatch: skipped ignored/sub/also.skip.js: ignored by "*.skip.js" in ignored/.leakwatch.json`,
		`leakwatch: skipped ignored/x.skip.js: ignored by "*.skip.js" in ignored/.leakwatch.json`,
	} {
		if !strings.Contains(r.stderr, msg+"\n") {
			t.Errorf("stderr lacks %q:\n%s", msg, r.stderr)
		}
	}

	// Run from inside a subfolder: the config above the working folder
	// still applies.
	r = lw(t, filepath.Join(dir, "pkg", "deeper"), "--no-frame")
	if want := "still/b.js:1:1: error: leak() leaks: call noleak() (test-leak)\n"; withoutNotes(r.stdout) != want {
		t.Errorf("from a subfolder:\n%s", r)
	}

	// --config replaces discovery for every file.
	write(t, dir, map[string]string{"alt.json": `{"rules": {"test-leak": "info"}}`})
	r = lw(t, dir, "--no-frame", "--config", "alt.json", "top.js", "pkg/a.js")
	want = "top.js:1:1: info: leak() leaks: call noleak() (test-leak)\n" +
		"pkg/a.js:1:1: info: leak() leaks: call noleak() (test-leak)\n"
	if got := withoutNotes(r.stdout); got != want {
		t.Errorf("--config:\n%s", r)
	}
	expectCode(t, r, exitOK) // info findings only
}

// withoutNotes drops the related-information lines of text output.
func withoutNotes(s string) string {
	var keep []string
	for _, l := range strings.SplitAfter(s, "\n") {
		if !strings.Contains(l, ": note: ") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "")
}

func TestMalformedConfig(t *testing.T) {
	for _, tt := range []struct {
		name, config, want string
	}{
		{"bad JSON", "{\n  \"rules\": {,}\n}\n",
			".leakwatch.json:2:13: invalid JSON: invalid character ',' looking for beginning of object key string"},
		{"unknown rule", "{\n  \"rules\": {\n    \"test-leek\": \"off\"\n  }\n}\n",
			".leakwatch.json:3:5: unknown rule \"test-leek\"; did you mean test-leak? (run `leakwatch rules` to list them)"},
		{"two unknown rules", "{\"rules\": {\"zz\": \"off\",\n \"aa\": \"off\"}}",
			".leakwatch.json:1:12: unknown rule \"zz\" (run `leakwatch rules` to list them)\n" +
				".leakwatch.json:2:2: unknown rule \"aa\" (run `leakwatch rules` to list them)"},
		{"unknown setting", "{\n  \"rulez\": {}\n}",
			`.leakwatch.json:2:3: unknown setting "rulez" (settings are "rules", "ignore" and "owners")`},
		{"unknown rule setting", "{\"rules\": {\"test-leak\": {\"sev\": \"off\"}}}",
			`.leakwatch.json:1:26: unknown setting "sev" (a rule's settings are "severity" and "options")`},
		{"bad severity", "{\n  \"rules\": {\"test-leak\": \"loud\"}\n}",
			`.leakwatch.json:2:26: rule "test-leak": unknown severity "loud" (want off, hint, info, warning or error)`},
		{"severity of the wrong type", "{\"rules\": {\"test-leak\": 5}}",
			`.leakwatch.json:1:25: rule "test-leak": a rule setting is a severity ("warning", "off", ...), true/false, or {"severity": ..., "options": {...}}, not number`},
		{"ignore not an array", "{\n  \"ignore\": \"dist\"\n}",
			`.leakwatch.json:2:13: ignore must be an array, not string`},
		{"ignore element not a string", "{\"ignore\": [\"a\", 1]}",
			`.leakwatch.json:1:18: ignore must be a string, not number`},
		{"bad glob", "{\"ignore\": [\"ok/**\", \"[z\"]}",
			`.leakwatch.json:1:22: ignore pattern "[z" is not a valid glob: syntax error in pattern`},
		{"not an object", "[1, 2]",
			`.leakwatch.json:1:1: the configuration must be a JSON object such as {"rules": {}}`},
		{"empty", "",
			`.leakwatch.json: empty file (write {} for defaults)`},
		{"trailing content", "{} {}",
			`.leakwatch.json: unexpected content after the configuration object`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, map[string]string{".leakwatch.json": tt.config, "a.js": "leak();\n"})
			r := lw(t, dir)
			expectCode(t, r, exitUsage)
			if want := "leakwatch: " + tt.want + "\n"; r.stderr != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
			}
			if r.stdout != "" {
				t.Errorf("stdout should be empty: %q", r.stdout)
			}
			// The same file given with --config fails the same way, before
			// anything is analysed.
			r = lw(t, dir, "--config", ".leakwatch.json", "a.js")
			expectCode(t, r, exitUsage)
			if want := "leakwatch: " + tt.want + "\n"; r.stderr != want {
				t.Errorf("--config stderr:\n%s\nwant:\n%s", r.stderr, want)
			}
		})
	}
}

func TestBadConfigStopsTheRunWithValidJSON(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"a/x.js":            "leak();\n",
		"b/.leakwatch.json": "{bad",
		"b/y.js":            "leak();\n",
		"c/z.js":            "leak();\n",
	})
	r := lw(t, dir, "--format", "json")
	expectCode(t, r, exitUsage)
	if !strings.Contains(r.stderr, "b/.leakwatch.json:1:2: invalid JSON") {
		t.Errorf("stderr: %s", r.stderr)
	}
	// What was reported before the error is a complete document; nothing
	// after the broken config was analysed.
	if !strings.HasPrefix(r.stdout, `{"version":1,"diagnostics":[`) || !strings.HasSuffix(r.stdout, "}\n") || strings.Contains(r.stdout, "z.js") {
		t.Errorf("stdout: %s", r.stdout)
	}
}

func TestMissingConfigFlag(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.js": ""})
	r := lw(t, dir, "--config", "nope.json")
	expectCode(t, r, exitUsage)
	if r.stderr != "leakwatch: nope.json: cannot read the configuration: no such file or directory\n" {
		t.Errorf("stderr: %q", r.stderr)
	}
}

func TestRulesFlag(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"a.js":            "leak();\nbad();\nrisky();\nquiet();\n// leakwatch-ignore test-bad: not here\n",
		".leakwatch.json": `{"rules": {"test-unsafe": "off"}}`,
	})
	rulesOf := func(r result) string {
		var ids []string
		for _, l := range strings.Split(r.stdout, "\n") {
			if i := strings.LastIndex(l, " ("); i > 0 && strings.HasSuffix(l, ")") {
				ids = append(ids, l[i+2:len(l)-1])
			}
		}
		return strings.Join(ids, " ")
	}
	for _, tt := range []struct {
		rules, want string
	}{
		{"", "test-leak test-bad unused-suppression"},
		// A suppression of a rule that is off is not "unused".
		{"test-leak", "test-leak"},
		{"test-leak,test-unsafe", "test-leak test-unsafe"}, // named: on despite the config
		{"-test-leak", "test-bad unused-suppression"},
		{"+test-quiet,-unused-suppression", "test-leak test-bad test-quiet"},
		{" test-bad , +test-quiet ", "test-bad test-quiet unused-suppression"},
	} {
		r := lw(t, dir, "--no-frame", "--rules", tt.rules)
		if got := rulesOf(r); got != tt.want {
			t.Errorf("--rules %q: %s, want %s\n%s", tt.rules, got, tt.want, r)
		}
	}
	r := lw(t, dir, "--rules", "test-leak,+tset-bad")
	expectCode(t, r, exitUsage)
	if want := "leakwatch: --rules: unknown rule \"tset-bad\"; did you mean test-bad? (run `leakwatch rules` to list them)\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	r = lw(t, dir, "--rules", "-internal-error")
	expectCode(t, r, exitUsage)
}
