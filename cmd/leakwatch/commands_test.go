package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/analyzer"
)

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"clean.js": "noleak();\n",
		"leak.js":  "leak();\n",
		"boom.js":  "boom();\nleak();\n",
	})
	for _, tt := range []struct {
		name string
		args []string
		code int
	}{
		{"nothing found", []string{"clean.js"}, exitOK},
		{"findings", []string{"clean.js", "leak.js"}, exitFindings},
		{"bad flag", []string{"--nope"}, exitUsage},
		{"bad format", []string{"--format", "xml"}, exitUsage},
		{"missing path", []string{"clean.js", "missing.js"}, exitUsage},
		{"unknown rule", []string{"--rules", "test-lek"}, exitUsage},
		{"negative -j", []string{"-j", "-1"}, exitUsage},
		{"bad size", []string{"--max-file-size", "lots"}, exitUsage},
		{"diff with json", []string{"--diff", "--format", "json"}, exitUsage},
		{"internal error wins over findings", []string{"."}, exitInternal},
		{"help", []string{"check", "--help"}, exitOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := lw(t, dir, tt.args...)
			expectCode(t, r, tt.code)
		})
	}
}

func TestInternalErrorIsReported(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"boom.js": "boom();\nleak();\n"})
	r := lw(t, dir, "-v")
	expectCode(t, r, exitInternal)
	if !strings.Contains(r.stdout, "boom.js:1:1: error: rule test-panic crashed here") {
		t.Errorf("internal error not shown:\n%s", r)
	}
	// The other rules still ran on the file.
	if !strings.Contains(r.stdout, "boom.js:2:1: warning: leak() leaks") {
		t.Errorf("other rules did not run:\n%s", r)
	}
	// The message names where the rule panicked, for the bug report.
	if !strings.Contains(r.stdout, "test rule exploded at leakwatch/main_test.go:") {
		t.Errorf("the panic site is not named:\n%s", r)
	}
}

func TestMissingPathMessage(t *testing.T) {
	r := lw(t, t.TempDir(), "nope/src")
	expectCode(t, r, exitUsage)
	if r.stderr != "leakwatch: nope/src: no such file or folder\n" || r.stdout != "" {
		t.Errorf("%s", r)
	}
}

func TestDefaultCommand(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"src/a.js": "leak();\n"})
	for _, args := range [][]string{
		{"src"},              // a path
		{"--format", "json"}, // a flag
		{},                   // nothing: check .
		{"check", "src", "--no-frame", "--format", "json"}, // flags after paths
		{"-j4", "--format=json", "--", "src"},              // -jN and --
	} {
		r := lw(t, dir, args...)
		expectCode(t, r, exitFindings)
		if !strings.Contains(r.stdout, "a.js") {
			t.Errorf("%v: no finding\n%s", args, r)
		}
	}
	r := lw(t, dir, "chek")
	expectCode(t, r, exitUsage)
	if !strings.Contains(r.stderr, `"chek" is neither a command nor an existing file or folder; did you mean check?`) {
		t.Errorf("unknown command: %s", r.stderr)
	}
	// After "--" a name that looks like a flag is a path.
	write(t, dir, map[string]string{"-odd.js": "leak();\n"})
	r = lw(t, dir, "check", "--", "-odd.js")
	expectCode(t, r, exitFindings)
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"-h"}} {
		r := lw(t, "", args...)
		expectCode(t, r, exitOK)
		for _, cmd := range []string{"check", "lsp", "rules", "explain", "version", "debug"} {
			if !strings.Contains(r.stdout, "\n  "+cmd+" ") {
				t.Errorf("%v: usage does not list %s:\n%s", args, cmd, r.stdout)
			}
		}
	}
	for _, cmd := range []string{"check", "rules", "explain", "version", "debug", "lsp"} {
		r := lw(t, "", cmd, "--help")
		expectCode(t, r, exitOK)
		if !strings.HasPrefix(r.stdout, "Usage: leakwatch") {
			t.Errorf("%s --help: %q", cmd, r.stdout)
		}
		if r2 := lw(t, "", "help", cmd); r2.stdout != r.stdout {
			t.Errorf("help %s differs from %s --help", cmd, cmd)
		}
	}
	r := lw(t, "", "check", "--help")
	for _, flag := range []string{"-format", "-config", "-rules", "-j", "-max-file-size", "-parse-timeout", "-no-frame", "-v", "-fix", "-fix-unsafe", "-diff", "-no-ignore"} {
		if !strings.Contains(r.stdout, "  "+flag+" ") && !strings.Contains(r.stdout, "  "+flag+"\n") && !strings.Contains(r.stdout, "  "+flag+"\t") {
			t.Errorf("check --help lacks %s", flag)
		}
	}
}

func TestRulesCommand(t *testing.T) {
	r := lw(t, "", "rules")
	expectCode(t, r, exitOK)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 1+len(testRules()) {
		t.Fatalf("rules table:\n%s", r.stdout)
	}
	// Columns are aligned: SEVERITY and TITLE start at the same offset on
	// every line.
	sevCol := strings.Index(lines[0], "SEVERITY")
	titleCol := strings.Index(lines[0], "TITLE")
	for i, rule := range testRules() {
		l := lines[i+1]
		if !strings.HasPrefix(l, rule.ID+" ") || l[sevCol:sevCol+len(rule.Severity.String())] != rule.Severity.String() ||
			l[titleCol:] != rule.Doc.Title {
			t.Errorf("row %q misaligned (severity at %d, title at %d)", l, sevCol, titleCol)
		}
	}

	r = lw(t, "", "rules", "--json")
	expectCode(t, r, exitOK)
	var rules []jsonRule
	if err := json.Unmarshal([]byte(r.stdout), &rules); err != nil {
		t.Fatal(err)
	}
	if len(rules) != len(testRules()) || rules[0] != (jsonRule{"test-leak", "warning", "Test rule test-leak", analyzer.DocURL("test-leak")}) {
		t.Errorf("rules --json: %+v", rules)
	}
	expectCode(t, lw(t, "", "rules", "test-leak"), exitUsage)
}

func TestExplainCommand(t *testing.T) {
	r := lw(t, "", "explain", "test-leak")
	expectCode(t, r, exitOK)
	want := `test-leak: Test rule test-leak
Default severity: warning

Reports every call to leak().

Accepted as cleanup:
  - calling noleak() instead

Leaks (bad.js):

    leak();

Fixed (good.js):

    noleak();

Documentation: ` + analyzer.DocURL("test-leak") + "\n"
	if r.stdout != want {
		t.Errorf("explain:\n%s\nwant:\n%s", r.stdout, want)
	}

	r = lw(t, "", "explain", "test-laek")
	expectCode(t, r, exitUsage)
	if !strings.Contains(r.stderr, `unknown rule "test-laek"; did you mean test-leak`) {
		t.Errorf("no suggestion: %s", r.stderr)
	}
	expectCode(t, lw(t, "", "explain"), exitUsage)
	r = lw(t, "", "explain", "unused-suppression")
	expectCode(t, r, exitOK)
	if !strings.Contains(r.stdout, "silences nothing") {
		t.Errorf("meta rule explain: %s", r.stdout)
	}
}

func TestVersionCommand(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := lw(t, "", args...)
		expectCode(t, r, exitOK)
		if !regexp.MustCompile(`^leakwatch \S+ \(go1\.\S+, \w+/\w+\)\n$`).MatchString(r.stdout) {
			t.Errorf("%v: %q", args, r.stdout)
		}
	}
	expectCode(t, lw(t, "", "version", "extra"), exitUsage)
}

func TestDebugTree(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.ts": "leak(x);\n", "a.txt": "leak(x);\n"})
	r := lw(t, dir, "debug", "tree", "a.ts")
	expectCode(t, r, exitOK)
	for _, want := range []string{"program\n", "call_expression\n", "function: identifier leak\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("tree lacks %q:\n%s", want, r.stdout)
		}
	}
	expectCode(t, lw(t, dir, "debug", "tree", "a.txt"), exitUsage)
	r = lw(t, dir, "debug", "tree", "--lang", "tsx", "a.txt")
	expectCode(t, r, exitOK)
	expectCode(t, lw(t, dir, "debug", "tree", "missing.js"), exitUsage)
	expectCode(t, lw(t, dir, "debug"), exitUsage)
}

func TestLSPCommandArguments(t *testing.T) {
	expectCode(t, lw(t, "", "lsp", "--help"), exitOK)
	expectCode(t, lw(t, "", "lsp", "extra"), exitUsage)
	expectCode(t, lw(t, "", "lsp", "--tcp"), exitUsage)
}

// The real binary, with the real rules: the plumbing a user sees.
func TestBinaryEndToEnd(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"empty.js": "", "bad/.leakwatch.json": "{\n  \"rules\": {\"no-such-rule\": \"off\"}\n}\n", "bad/a.js": ""})
	runBin := func(args ...string) result { return runReal(t, dir, args...) }
	r := runBin("version")
	expectCode(t, r, exitOK)
	if !strings.HasPrefix(r.stdout, "leakwatch ") {
		t.Errorf("version: %q", r.stdout)
	}
	r = runBin("rules", "--json")
	expectCode(t, r, exitOK)
	var rules []jsonRule
	if err := json.Unmarshal([]byte(r.stdout), &rules); err != nil {
		t.Errorf("rules --json: %v", err)
	}
	r = runBin("check", "empty.js", "--format", "json")
	expectCode(t, r, exitOK)
	if !strings.HasPrefix(r.stdout, `{"version":1,"diagnostics":[],"summary":{"files":1,`) {
		t.Errorf("empty file: %s", r)
	}
	r = runBin("bad")
	expectCode(t, r, exitUsage)
	if !strings.Contains(r.stderr, "bad/.leakwatch.json:2:13: unknown rule \"no-such-rule\"") {
		t.Errorf("bad config: %s", r)
	}
	expectCode(t, runBin("missing"), exitUsage)

	// No source files at all: nothing found, but said.
	write(t, dir, map[string]string{"docs/readme.md": "leak();\n"})
	r = runBin("docs")
	expectCode(t, r, exitOK)
	if !strings.Contains(r.stderr, "leakwatch: no JavaScript or TypeScript files in docs\n") {
		t.Errorf("no files: %s", r)
	}
}

func TestInterruptedRun(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.js": "leak();\n", "b/c.js": "leak();\n"})
	t.Chdir(dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb strings.Builder
	code := runContext(ctx, []string{"--fix"}, strings.NewReader(""), &out, &errb)
	if code != exitInterrupted {
		t.Errorf("exit %d, want %d\n%s%s", code, exitInterrupted, out.String(), errb.String())
	}
	if got := read(t, filepath.Join(dir, "a.js")); got != "leak();\n" {
		t.Errorf("an interrupted --fix wrote %q", got)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestReportWriteFailure(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.js": "leak();\n"})
	t.Chdir(dir)
	var errb strings.Builder
	code := run([]string{"--format", "json"}, strings.NewReader(""), failingWriter{}, &errb)
	if code != exitInternal || !strings.Contains(errb.String(), "leakwatch: writing the report: disk full") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}

// `leakwatch lsp` serves the language server over stdin and stdout: the
// real binary answers initialize and exits 0 after shutdown and exit.
func TestBinaryLSPOverStdio(t *testing.T) {
	cmd := exec.Command(realBinary, "lsp", "--stdio")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	send := func(msg string) {
		if _, err := fmt.Fprintf(stdin, "Content-Length: %d\r\n\r\n%s", len(msg), msg); err != nil {
			t.Fatal(err)
		}
	}
	// Read framed messages until the response with the wanted id, with a
	// deadline rather than a sleep.
	responses := make(chan map[string]json.RawMessage)
	go func() {
		defer close(responses)
		br := bufio.NewReader(stdout)
		for {
			n := 0
			for {
				line, err := br.ReadString('\n')
				if err != nil {
					return
				}
				line = strings.TrimSpace(line)
				if line == "" {
					break
				}
				if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
					n, _ = strconv.Atoi(v)
				}
			}
			body := make([]byte, n)
			if _, err := io.ReadFull(br, body); err != nil {
				return
			}
			var m map[string]json.RawMessage
			if json.Unmarshal(body, &m) == nil {
				responses <- m
			}
		}
	}()
	await := func(id string) map[string]json.RawMessage {
		t.Helper()
		deadline := time.After(30 * time.Second)
		for {
			select {
			case m, ok := <-responses:
				if !ok {
					t.Fatalf("server closed stdout before answering %s; stderr:\n%s", id, stderr.String())
				}
				if string(m["id"]) == id {
					return m
				}
			case <-deadline:
				t.Fatalf("no answer to request %s; stderr:\n%s", id, stderr.String())
			}
		}
	}
	send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}`)
	init := await("1")
	var result struct {
		ServerInfo struct{ Name string } `json:"serverInfo"`
	}
	if err := json.Unmarshal(init["result"], &result); err != nil || result.ServerInfo.Name == "" {
		t.Errorf("initialize result: %s (%v)", init["result"], err)
	}
	send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	send(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`)
	await("2")
	send(`{"jsonrpc":"2.0","method":"exit"}`)
	stdin.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("lsp exited with %v; stderr:\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("lsp did not exit after shutdown and exit")
	}
}

// A bad flag is an error on stderr and nothing on stdout, where the report
// (say, `--format json > out.json`) would have gone; -h prints the usage.
func TestBadFlagPrintsNoUsage(t *testing.T) {
	for _, args := range [][]string{{"--nope"}, {"check", "--format"}, {"--shard", "x"}, {"-j", "many"}, {"rules", "--x"}, {"lsp", "--tcp"}} {
		r := lw(t, "", args...)
		expectCode(t, r, exitUsage)
		if r.stdout != "" || !strings.Contains(r.stderr, "--help\" for usage") {
			t.Errorf("%v:\n%s", args, r)
		}
	}
	r := lw(t, "", "check", "-h")
	expectCode(t, r, exitOK)
	if !strings.HasPrefix(r.stdout, "Usage: leakwatch [check]") || !strings.Contains(r.stdout, "-shard i/n") {
		t.Errorf("-h:\n%s", r)
	}
}
