package main

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

// span is a range in 1-based lines and 1-based UTF-16 columns, the end
// exclusive, as editors, ESLint and SARIF count.
type span struct {
	Line, Column, EndLine, EndColumn int
}

// problem is a diagnostic ready to print: positions resolved, the line it
// stands on kept for the code frame. Once a file is done only problems are
// kept, never its source or tree, so memory grows with findings, not files.
type problem struct {
	Rule     string
	Severity analyzer.Severity
	Message  string
	span
	Related []relatedInfo
	Fixes   []fixInfo
	frame   frame
}

type relatedInfo struct {
	span
	Message string
	// positioned is false for related notes that carry only text (the
	// stack trace of an internal error).
	positioned bool
}

type fixInfo struct {
	Title string
	Safe  bool
	Edits []editInfo
}

// suppresses reports whether the fix only adds a suppression comment,
// which --fix never applies (see chosenFix).
func (f fixInfo) suppresses() bool {
	for _, e := range f.Edits {
		if strings.Contains(e.NewText, "leakwatch-ignore") {
			return true
		}
	}
	return false
}

type editInfo struct {
	span
	NewText string
}

// frame is the source line a problem starts on, cleaned for a terminal,
// with the rune columns of the range to underline.
type frame struct {
	text       string
	start, end int
}

// converter resolves byte offsets of one source.
type converter struct {
	src string
	ix  *textpos.Index
}

func newConverter(src []byte) *converter {
	s := string(src)
	return &converter{src: s, ix: textpos.New(s)}
}

func (c *converter) span(start, end int) span {
	if end < start {
		end = start
	}
	l, col := c.ix.Position(start, textpos.UTF16)
	el, ecol := c.ix.Position(end, textpos.UTF16)
	return span{l + 1, col + 1, el + 1, ecol + 1}
}

func (c *converter) problems(diags []analyzer.Diagnostic) []problem {
	out := make([]problem, 0, len(diags))
	for _, d := range diags {
		p := problem{Rule: d.Rule, Severity: d.Severity, Message: d.Message, span: c.span(d.Start, d.End), frame: c.frame(d.Start, d.End)}
		for _, r := range d.Related {
			// The engine attaches a stack trace to internal errors as a
			// related note at offset 0; it has no place in the file.
			positioned := !(d.Rule == analyzer.RuleInternalError && r.Start == 0 && r.End == 0)
			p.Related = append(p.Related, relatedInfo{span: c.span(r.Start, r.End), Message: r.Message, positioned: positioned})
		}
		for _, f := range d.Fixes {
			fi := fixInfo{Title: f.Title, Safe: f.Safe}
			for _, e := range f.Edits {
				fi.Edits = append(fi.Edits, editInfo{span: c.span(e.Start, e.End), NewText: e.NewText})
			}
			p.Fixes = append(p.Fixes, fi)
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].span, out[j].span
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

// maxFrameWidth keeps code frames readable for long (often generated)
// lines: only a window around the problem is shown.
const maxFrameWidth = 160

func (c *converter) frame(start, end int) frame {
	line := c.ix.Line(start)
	ls, le := c.ix.LineStart(line), c.ix.LineEnd(line)
	if start > le {
		start = le
	}
	stop := min(max(end, start), le)
	runes := cleanRunes(c.src[ls:le])
	cs := utf8.RuneCountInString(c.src[ls:start])
	ce := cs + utf8.RuneCountInString(c.src[start:stop])
	if ce <= cs {
		ce = cs + 1
	}
	if len(runes) > maxFrameWidth {
		ws := max(0, cs-40)
		we := min(len(runes), ws+maxFrameWidth)
		window := append([]rune(nil), runes[ws:we]...)
		shift := 0
		if ws > 0 {
			window = append([]rune{'…'}, window...)
			shift = 1
		}
		if we < len(runes) {
			window = append(window, '…')
		}
		runes = window
		cs, ce = cs-ws+shift, min(ce-ws+shift, len(runes)+1)
	}
	return frame{text: string(runes), start: cs, end: ce}
}

// cleanRunes makes source text safe to print: invalid UTF-8 becomes U+FFFD
// (one per byte, as editors show it) and control characters other than tab
// become U+FFFD too, so a file cannot move the cursor or recolour the
// terminal of the person reading the report.
func cleanRunes(s string) []rune {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r != '\t' && (unicode.IsControl(r) || r == utf8.RuneError) || r == '\u2028' || r == '\u2029' {
			r = utf8.RuneError
		}
		out = append(out, r)
	}
	return out
}

// cleanText is cleanRunes for messages and paths printed in text form;
// newlines become spaces so one problem stays on one line.
func cleanText(s string) string {
	if isPlain(s) {
		return s
	}
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	return string(cleanRunes(s))
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// counts tallies problems by severity.
type counts struct {
	errors, warnings, infos, hints int
}

func (c *counts) add(s analyzer.Severity) {
	switch s {
	case analyzer.SeverityError:
		c.errors++
	case analyzer.SeverityWarning:
		c.warnings++
	case analyzer.SeverityInfo:
		c.infos++
	case analyzer.SeverityHint:
		c.hints++
	}
}

func (c counts) total() int { return c.errors + c.warnings + c.infos + c.hints }

// findings are what makes the exit code 1: warnings and errors. Info and
// hint diagnostics are shown but do not fail a build.
func (c counts) findings() int { return c.errors + c.warnings }
