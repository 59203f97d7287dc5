package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
)

// reporter prints one run in one format. file is called once per walk
// entry, in the walk's order, as soon as the entry is done; nothing about
// a file is kept after it returns except the summary's totals.
type reporter interface {
	begin() error
	file(r *fileResult) error
	end(s *summary) error
}

func newReporter(o *checkOptions, eng *analyzer.Engine, out *bufio.Writer, tail *lineEnd, stderr io.Writer) reporter {
	switch {
	case o.diff:
		return &diffReporter{out: out, tail: tail, stderr: stderr, opts: o}
	case o.format == "json":
		return &jsonReporter{out: out}
	case o.format == "sarif":
		return newSARIFReporter(out, eng)
	case o.format == "github":
		return &githubReporter{out: out, tail: tail, stderr: stderr, opts: o}
	}
	return &textReporter{out: out, tail: tail, stderr: stderr, opts: o}
}

// lineEnd passes writes to stdout through and remembers whether the last
// byte written ended a line.
type lineEnd struct {
	w    io.Writer
	open bool // the last line written has no newline yet
}

func (l *lineEnd) Write(p []byte) (int, error) {
	n, err := l.w.Write(p)
	if n > 0 {
		l.open = p[n-1] != '\n'
	}
	return n, err
}

// finishLine flushes stdout and ends its last line if it is unfinished.
// The summary goes to stderr; when both streams reach one terminal or file
// (2>&1), a report ending mid-line would otherwise glue the summary to it.
func finishLine(out *bufio.Writer, tail *lineEnd) error {
	if err := out.Flush(); err != nil {
		return err
	}
	if tail == nil || !tail.open {
		return nil
	}
	if err := out.WriteByte('\n'); err != nil {
		return err
	}
	return out.Flush()
}

// textReporter prints `path:line:col: severity: message (rule-id)`, as
// compilers do so terminals and editors can jump to it, with the code line
// and a caret line under the range; the summary goes to stderr so the
// output can be piped to grep.
type textReporter struct {
	out    *bufio.Writer
	tail   *lineEnd
	stderr io.Writer
	opts   *checkOptions
}

func (t *textReporter) begin() error { return nil }

func (t *textReporter) file(r *fileResult) error {
	path := cleanText(r.entry.Path)
	for _, p := range r.problems {
		fmt.Fprintf(t.out, "%s:%d:%d: %s: %s (%s)\n", path, p.Line, p.Column, p.Severity, cleanText(p.Message), p.Rule)
		if !t.opts.noFrame {
			writeFrame(t.out, p)
		}
		for _, rel := range p.Related {
			switch {
			case rel.positioned:
				fmt.Fprintf(t.out, "%s:%d:%d: note: %s\n", path, rel.Line, rel.Column, cleanText(rel.Message))
			case t.opts.verbose:
				fmt.Fprintf(t.out, "%s\n", strings.TrimRight(rel.Message, "\n"))
			}
		}
	}
	return nil
}

// writeFrame prints the problem's line with a gutter and the caret line.
// Tabs are copied into the caret line so it stays aligned however wide the
// terminal shows them.
func writeFrame(w *bufio.Writer, p problem) {
	f := p.frame
	num := strconv.Itoa(p.Line)
	pad := strings.Repeat(" ", len(num))
	fmt.Fprintf(w, " %s | %s\n", num, f.text)
	var caret strings.Builder
	runes := []rune(f.text)
	for i := 0; i < f.start && i < len(runes); i++ {
		if runes[i] == '\t' {
			caret.WriteByte('\t')
		} else {
			caret.WriteByte(' ')
		}
	}
	caret.WriteByte('^')
	if n := f.end - f.start - 1; n > 0 {
		caret.WriteString(strings.Repeat("~", n))
	}
	fmt.Fprintf(w, " %s | %s\n", pad, caret.String())
}

func (t *textReporter) end(s *summary) error {
	if err := finishLine(t.out, t.tail); err != nil {
		return err
	}
	printSummary(t.stderr, s, t.opts)
	return nil
}

// printSummary prints the summary line, unless the run was stopped by a
// configuration error, where totals would only mislead.
func printSummary(w io.Writer, s *summary, o *checkOptions) {
	if !s.aborted {
		fmt.Fprintln(w, summaryLine(s, o))
	}
}

// summaryLine is the one-line account of a run printed on stderr.
func summaryLine(s *summary, o *checkOptions) string {
	var parts []string
	c := s.counts
	switch {
	case o.diff:
		parts = append(parts, fmt.Sprintf("%d %s would change (%d %s)", s.wouldChange, plural(s.wouldChange, "file", "files"),
			s.fixed, plural(s.fixed, "fix", "fixes")))
		if c.total() > 0 {
			parts = append(parts, fmt.Sprintf("%d %s would remain", c.total(), plural(c.total(), "problem", "problems")))
		}
	case c.total() == 0:
		parts = append(parts, fmt.Sprintf("no problems found in %d %s", s.files, plural(s.files, "file", "files")))
	default:
		var kinds []string
		for _, k := range []struct {
			n         int
			one, many string
		}{{c.errors, "error", "errors"}, {c.warnings, "warning", "warnings"}, {c.infos, "info", "infos"}, {c.hints, "hint", "hints"}} {
			if k.n > 0 {
				kinds = append(kinds, fmt.Sprintf("%d %s", k.n, plural(k.n, k.one, k.many)))
			}
		}
		parts = append(parts, fmt.Sprintf("%d %s (%s) in %d of %d %s", c.total(), plural(c.total(), "problem", "problems"),
			strings.Join(kinds, ", "), s.filesWithProblems, s.files, plural(s.files, "file", "files")))
	}
	if o.fix && !o.diff && s.fixed > 0 {
		parts = append(parts, fmt.Sprintf("fixed %d %s in %d %s", s.fixed, plural(s.fixed, "problem", "problems"),
			s.filesFixed, plural(s.filesFixed, "file", "files")))
	}
	if !o.fix && s.fixable > 0 {
		parts = append(parts, fmt.Sprintf("%d fixable with --fix", s.fixable))
	}
	if o.fix && s.fixesLeft > 0 {
		parts = append(parts, fmt.Sprintf("%d fixable left (see above)", s.fixesLeft))
	}
	if n := len(s.skipped); n > 0 && !o.verbose {
		parts = append(parts, fmt.Sprintf("%d skipped (-v says why)", n))
	} else if n > 0 {
		parts = append(parts, fmt.Sprintf("%d skipped", n))
	}
	if n := len(s.failed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d failed (see above)", n))
	}
	return strings.Join(parts, "; ")
}

// diffReporter prints what --fix would change as a unified diff.
type diffReporter struct {
	out    *bufio.Writer
	tail   *lineEnd
	stderr io.Writer
	opts   *checkOptions
}

func (d *diffReporter) begin() error { return nil }

func (d *diffReporter) file(r *fileResult) error {
	_, err := d.out.WriteString(r.diff)
	return err
}

func (d *diffReporter) end(s *summary) error {
	if err := finishLine(d.out, d.tail); err != nil {
		return err
	}
	printSummary(d.stderr, s, d.opts)
	return nil
}
