package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
)

// The bad-input matrix: documents and settings an editor can send that a
// linter does not expect. Every row has one defined outcome:
//
//   - analysed: the diagnostics are published, at the right positions;
//   - skipped: an empty list is published (so a stale one disappears) and
//     the user is told why in a window/logMessage;
//   - config error: the user is told what is wrong in a window/logMessage
//     of type Error or Warning, and the server goes on with the defaults.
//
// After each row the session must still shut down cleanly.

type outcome int

const (
	analysed outcome = iota
	skipped
	configError
)

type badInput struct {
	name string
	uri  string // default file:///work/bad/<name>.js
	lang string // default javascript
	text string
	// raw, when set, is the didOpen params as JSON text, for what
	// json.Marshal cannot produce (invalid UTF-8, lone surrogates).
	raw      string
	initOpts map[string]any
	// files are written into the workspace folder (a temp dir) first;
	// uri may then name a file in it as {dir}.
	files map[string]string

	want outcome
	// findings are the ranges of test-leak findings, in order, for
	// analysed rows.
	findings []tRange
	severity int    // of the findings; default 2 (warning)
	held     string // what the server must hold as text, when it differs from text
	// log is a substring of the logMessage a skipped or config-error row
	// must send.
	log string
}

func TestBadInputMatrix(t *testing.T) {
	const ff = "\uFFFD"
	rows := []badInput{
		{name: "empty", text: "", want: analysed},
		{name: "only-whitespace", text: " \n\r\n\t", want: analysed},
		{name: "binary", text: "leak();\x00\x01\x02\xc3\xa9\x00", want: skipped, log: "binary file (contains NUL bytes)"},
		{name: "nul-after-8000-bytes", text: strings.Repeat("//\n", 3000) + "leak();\x00", want: analysed,
			findings: []tRange{{tPos{3000, 0}, tPos{3000, 6}}}},
		// JSON cannot carry invalid UTF-8: a client replaces it with U+FFFD
		// (one UTF-16 unit) before sending, or sends raw bytes anyway,
		// which the server reads as U+FFFD, one per byte.
		{name: "replacement-chars", text: "x=\"" + ff + ff + "\"; leak();", want: analysed,
			findings: []tRange{{tPos{0, 8}, tPos{0, 14}}}},
		{name: "raw-invalid-utf8", raw: `{"textDocument":{"uri":"file:///work/bad/raw-invalid-utf8.js","languageId":"javascript","version":1,"text":"x=\"` + "\xff\xfe" + `\"; leak();"}}`,
			want: analysed, held: "x=\"" + ff + ff + "\"; leak();", findings: []tRange{{tPos{0, 8}, tPos{0, 14}}}},
		// A lone surrogate is one UTF-16 unit in the client's buffer and
		// U+FFFD, also one unit, in the server's: positions after it agree.
		{name: "lone-surrogates", raw: `{"textDocument":{"uri":"file:///work/bad/lone-surrogates.js","languageId":"javascript","version":1,"text":"x=\"\udc00\ud800\ud83d\ude00\"; leak();"}}`,
			want: analysed, held: "x=\"" + ff + ff + "😀\"; leak();", findings: []tRange{{tPos{0, 10}, tPos{0, 16}}}},
		// The BOM is a character of the buffer the client sent.
		{name: "bom", text: "\uFEFFleak();\nleak();", want: analysed,
			findings: []tRange{{tPos{0, 1}, tPos{0, 7}}, {tPos{1, 0}, tPos{1, 6}}}},
		{name: "crlf", text: "a();\r\nb();\r\n  leak();\r\n", want: analysed,
			findings: []tRange{{tPos{2, 2}, tPos{2, 8}}}},
		{name: "lone-cr", text: "a();\rb();\r  leak();\r", want: analysed,
			findings: []tRange{{tPos{2, 2}, tPos{2, 8}}}},
		{name: "mixed-line-ends", text: "a();\r\n\n\r\r\n leak(); /*\r*/ leak();\u2028leak();", want: analysed,
			findings: []tRange{{tPos{4, 1}, tPos{4, 7}}, {tPos{5, 3}, tPos{5, 9}}, {tPos{5, 11}, tPos{5, 17}}}},
		{name: "deep-nesting", text: strings.Repeat("(", 20000) + "leak()" + strings.Repeat(")", 20000) + ";\n" +
			strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + ";\n" +
			strings.Repeat("function f(){", 20000) + "leak();" + strings.Repeat("}", 20000),
			want: analysed, findings: []tRange{{tPos{0, 20000}, tPos{0, 20006}}, {tPos{2, 260000}, tPos{2, 260006}}}},
		{name: "megabyte-string", text: "const s = \"" + strings.Repeat("x", 1<<20) + "\"; leak();\n", want: analysed,
			findings: []tRange{{tPos{0, 1<<20 + 14}, tPos{0, 1<<20 + 20}}}},
		{name: "declaration-file", uri: "file:///work/bad/types.d.ts", lang: "typescript",
			text: "declare function leak(): void;\nexport declare class Emitter {\n  on(event: string, f: () => void): void;\n}\n", want: analysed},
		{name: "syntax-errors", text: "leak();\nfunction (( {\n  if (\n", want: analysed,
			findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		{name: "unterminated", text: "leak(); `${", want: analysed, findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		// Languages: the extension decides, then the language id; others
		// are not analysed, and need no explanation.
		{name: "unknown-language", uri: "file:///work/bad/notes.txt", lang: "plaintext", text: "leak();", want: analysed},
		{name: "made-up-language", uri: "file:///work/bad/x.weird", lang: "no-such-language", text: "leak();", want: analysed},
		{name: "extension-wins", uri: "file:///work/bad/app.js", lang: "plaintext", text: "leak();", want: analysed,
			findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		{name: "untitled-by-language-id", uri: "untitled:Untitled-1", lang: "typescriptreact", text: "leak(<div/>);", want: analysed,
			findings: []tRange{{tPos{0, 0}, tPos{0, 12}}}},
		// URIs as editors spell them: percent-escapes, a Windows drive.
		{name: "percent-encoded-uri", uri: "file:///work/bad/with%20space%C3%A9.js", text: "leak();", want: analysed,
			findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		{name: "windows-drive-uri", uri: "file:///c%3A/Users/me/app.tsx", lang: "typescriptreact", text: "leak();", want: analysed,
			findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		// Config files. The server reads them as it analyses a file below
		// them, says what is wrong, and uses the defaults meanwhile.
		{name: "config-bad-json", files: map[string]string{".leakwatch.json": `{"rules": {"test-leak": "error",}}`},
			uri: "{dir}/a.js", text: "leak();", want: configError, log: ".leakwatch.json", findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		{name: "config-unknown-rule", files: map[string]string{".leakwatch.json": `{"rules": {"no-such-rule": "error", "test-leak": "error"}}`},
			uri: "{dir}/a.js", text: "leak();", want: configError, log: "no-such-rule", findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		{name: "config-wrong-severity-type", files: map[string]string{".leakwatch.json": `{"rules": {"test-leak": 5}}`},
			uri: "{dir}/a.js", text: "leak();", want: configError, log: ".leakwatch.json", findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		{name: "config-rules-not-an-object", files: map[string]string{".leakwatch.json": `{"rules": ["test-leak"]}`},
			uri: "{dir}/a.js", text: "leak();", want: configError, log: ".leakwatch.json", findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		{name: "config-ignore-not-a-list", files: map[string]string{".leakwatch.json": `{"ignore": "*.js", "rules": {"test-leak": "error"}}`},
			uri: "{dir}/a.js", text: "leak();", want: configError, log: ".leakwatch.json", findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		{name: "config-not-an-object", files: map[string]string{".leakwatch.json": `42`},
			uri: "{dir}/a.js", text: "leak();", want: configError, log: ".leakwatch.json", findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		{name: "config-empty-file", files: map[string]string{".leakwatch.json": ``},
			uri: "{dir}/a.js", text: "leak();", want: configError, log: ".leakwatch.json", findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		// The nearest config file is the one that counts: a broken one
		// means the defaults, not the good one further up.
		{name: "config-broken-below-good", files: map[string]string{".leakwatch.json": `{"rules": {"test-leak": "error"}}`, "sub/.leakwatch.json": `{`},
			uri: "{dir}/sub/a.js", text: "leak();", want: configError, log: filepath.Join("sub", ".leakwatch.json"), findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		{name: "config-good", files: map[string]string{".leakwatch.json": `{"rules": {"test-leak": "error"}}`},
			uri: "{dir}/a.js", text: "leak();", want: analysed, severity: 1, findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		// initializationOptions of the wrong types: the server says so and
		// keeps the defaults.
		{name: "init-options-wrong-types", initOpts: map[string]any{"debounceMs": 0, "maxFileSize": "big", "parseTimeoutMs": -1, "rules": []int{1}},
			text: "leak();", want: configError, log: "maxFileSize", findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
		{name: "init-options-not-an-object", initOpts: map[string]any{"leakwatch": "yes", "debounceMs": 0},
			text: "leak();", want: configError, log: "initializationOptions.leakwatch must be an object", findings: []tRange{{tPos{0, 0}, tPos{0, 6}}}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) { runBadInput(t, row) })
	}
}

func runBadInput(t *testing.T, row badInput) {
	dir := t.TempDir()
	for name, text := range row.files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := config{folders: []string{dir}}
	if row.initOpts != nil {
		cfg.initOpts = row.initOpts
	}
	c := start(t, cfg)
	uri := row.uri
	if uri == "" {
		uri = "file:///work/bad/" + row.name + ".js"
	}
	uri = strings.ReplaceAll(uri, "{dir}", "file://"+dir)
	lang := row.lang
	if lang == "" {
		lang = "javascript"
	}
	if row.raw != "" {
		if err := c.conn.Notify(context.Background(), "textDocument/didOpen", jsonrpc2.RawMessage(row.raw)); err != nil {
			t.Fatal(err)
		}
	} else {
		c.open(uri, lang, row.text, 1)
	}
	p, _ := c.waitPublish(0, uri, nil)
	if p.Version == nil || *p.Version != 1 {
		t.Errorf("published for version %v, want 1", p.Version)
	}
	held := row.text
	if row.held != "" {
		held = row.held
	}
	if got, ok := c.text(uri); !ok || got != held {
		t.Errorf("the server holds %q, want %q", abbreviate(got), abbreviate(held))
	}

	var got []tRange
	sev := row.severity
	if sev == 0 {
		sev = 2
	}
	for _, d := range p.Diagnostics {
		if d.Code != "test-leak" || d.Severity != sev {
			t.Errorf("unexpected diagnostic %+v (want test-leak, severity %d)", d, sev)
		}
		got = append(got, d.Range)
	}
	if row.want == skipped && len(got) > 0 {
		t.Errorf("skipped, yet diagnostics %+v", got)
	}
	if fmt.Sprint(got) != fmt.Sprint(row.findings) {
		t.Errorf("findings at %v, want %v", got, row.findings)
	}

	logs := c.logMessages()
	switch row.want {
	case analysed:
		for _, m := range logs {
			if m.Type <= 3 && !strings.Contains(m.Message, "initialized") {
				t.Errorf("analysed cleanly, yet the server said %+v", m)
			}
		}
	case skipped:
		m := c.waitLog(0, row.log)
		if m.Type != 3 || !strings.Contains(m.Message, "was not analysed") || !strings.Contains(m.Message, uri) {
			t.Errorf("skip reported as %+v; want an Info message saying which file was not analysed and why", m)
		}
	case configError:
		if m := c.waitLog(0, row.log); m.Type != 1 {
			t.Errorf("config error reported as %+v, want an Error", m)
		}
		c.waitMessage(0, "a showMessage about the config", func(m message) bool {
			return m.method == "window/showMessage" && strings.Contains(string(m.params), row.log)
		})
	}
	if code := c.shutdownAndExit(); code != 0 {
		t.Errorf("exit code %d after the row", code)
	}
}

func abbreviate(s string) string {
	if len(s) > 200 {
		return s[:100] + "..." + s[len(s)-100:]
	}
	return s
}
