package main

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
)

// TestSummaryStartsOnItsOwnLine runs with stdout and stderr on one writer,
// as `2>&1` does, on files whose last line has no newline: the summary
// (stderr) must never continue the report's last line (stdout).
func TestSummaryStartsOnItsOwnLine(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.js": "const x = 1;\nleak(x)", "b.js": "bad()"})
	t.Chdir(dir)
	for _, args := range [][]string{
		{"a.js", "b.js"},
		{"--no-frame", "a.js", "b.js"},
		{"--diff", "a.js"},
		{"--format", "github", "a.js", "b.js"},
	} {
		var both bytes.Buffer
		code := run(args, strings.NewReader(""), &both, &both)
		if code != exitFindings {
			t.Fatalf("%v: exit %d\n%s", args, code, both.String())
		}
		out := both.String()
		if !strings.HasSuffix(out, "\n") {
			t.Errorf("%v: output does not end with a newline:\n%q", args, out)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		last := lines[len(lines)-1]
		if !strings.HasPrefix(last, "1 problem") && !strings.HasPrefix(last, "2 problems") && !strings.HasPrefix(last, "1 file would change") {
			t.Errorf("%v: the summary is not a line of its own; last line %q in:\n%s", args, last, out)
		}
	}
}

// TestFinishLine covers the guard itself with a report that ends mid-line
// (no reporter does today; a future one must not glue the summary to it).
func TestFinishLine(t *testing.T) {
	for _, tc := range []struct{ written, want string }{
		{"", ""},
		{"line\n", "line\n"},
		{"no newline", "no newline\n"},
	} {
		var both bytes.Buffer
		tail := &lineEnd{w: &both}
		out := bufio.NewWriter(tail)
		o := &checkOptions{diff: true, fix: true}
		rep := newReporter(o, testEngine(), out, tail, &both)
		if err := rep.file(&fileResult{diff: tc.written}); err != nil {
			t.Fatal(err)
		}
		if err := rep.end(&summary{}); err != nil {
			t.Fatal(err)
		}
		want := tc.want + "0 files would change (0 fixes)\n"
		if both.String() != want {
			t.Errorf("after %q: %q, want %q", tc.written, both.String(), want)
		}
	}
}
