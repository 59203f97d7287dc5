package lsp

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

// The ignore actions write the suppression comments the engine reads (see
// analyzer/suppress.go). The reason is left for the user to write: the
// engine flags a suppression without one, and the placeholder says so.
const reasonPlaceholder = "TODO explain why this is not a leak"

// lineComment is the suppression for the line below it in JavaScript.
func lineComment(rule string) string {
	return "// leakwatch-ignore " + rule + ": " + reasonPlaceholder
}

// jsxComment is the same suppression where only a JSX expression may stand
// (between a JSX element's children, a // comment would be rendered text).
func jsxComment(rule string) string {
	return "{/* leakwatch-ignore " + rule + ": " + reasonPlaceholder + " */}"
}

func fileComment(rule string) string {
	return "/* leakwatch-ignore-file " + rule + ": " + reasonPlaceholder + " */"
}

// eol is the file's line ending, so inserted lines match their neighbours.
func eol(text string) string {
	if i := strings.IndexByte(text, '\n'); i > 0 && text[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

func indentOf(line string) string {
	return line[:len(line)-len(strings.TrimLeft(line, " \t"))]
}

// ignoreLineEdits returns the ways to silence rule on the line of offset
// start, best first: normally one edit that puts a comment on its own line
// above, with the flagged line's indentation. When the line above already
// is a leakwatch-ignore comment, the rule is added to it instead, since a
// second comment line would separate the first from the line it covers.
// Inside JSX children the comment must be a JSX expression; the engine may
// only honour such a comment on the flagged line itself, so that placement
// is offered as the alternative.
func ignoreLineEdits(text string, ix *textpos.Index, start int, rule string) []analyzer.Edit {
	line := ix.Line(start)
	ls, le := ix.LineStart(line), ix.LineEnd(line)
	indent := indentOf(text[ls:le])
	if line > 0 {
		pls, ple := ix.LineStart(line-1), ix.LineEnd(line-1)
		if e, ok := extendIgnoreComment(text[pls:ple], pls, rule); ok {
			return []analyzer.Edit{e}
		}
	}
	if inJSXChildren(text, ls+len(indent)) {
		return []analyzer.Edit{
			{Start: ls, End: ls, NewText: indent + jsxComment(rule) + eol(text)},
			{Start: ls + len(indent), End: ls + len(indent), NewText: jsxComment(rule) + " "},
		}
	}
	return []analyzer.Edit{{Start: ls, End: ls, NewText: indent + lineComment(rule) + eol(text)}}
}

// extendIgnoreComment adds rule to a "// leakwatch-ignore a, b: reason"
// line that starts at offset base.
func extendIgnoreComment(line string, base int, rule string) (analyzer.Edit, bool) {
	trimmed := strings.TrimLeft(line, " \t")
	const prefix = "// leakwatch-ignore "
	if !strings.HasPrefix(trimmed, prefix) {
		return analyzer.Edit{}, false
	}
	colon := strings.IndexByte(trimmed, ':')
	if colon < 0 {
		return analyzer.Edit{}, false
	}
	ids := strings.FieldsFunc(trimmed[len(prefix):colon], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	for _, id := range ids {
		if id == rule {
			return analyzer.Edit{}, false
		}
	}
	at := base + (len(line) - len(trimmed)) + len(strings.TrimRight(trimmed[:colon], " \t"))
	return analyzer.Edit{Start: at, End: at, NewText: ", " + rule}, true
}

// ignoreFileEdit puts a file-wide suppression at the top, below a shebang
// line, which must stay first.
func ignoreFileEdit(text, rule string) analyzer.Edit {
	at := 0
	if strings.HasPrefix(text, "\uFEFF") {
		at = len("\uFEFF")
	}
	if strings.HasPrefix(text[at:], "#!") {
		if nl := strings.IndexByte(text[at:], '\n'); nl >= 0 {
			at += nl + 1
		} else {
			return analyzer.Edit{Start: len(text), End: len(text), NewText: eol(text) + fileComment(rule)}
		}
	}
	return analyzer.Edit{Start: at, End: at, NewText: fileComment(rule) + eol(text)}
}

// inJSXChildren tells, from the text alone (drivers do not see syntax
// trees), whether offset at, the first character of a line, stands among a
// JSX element's children: the line starts an element or an expression
// container, and the text before it ends a tag ("<div>", "</li>", "<br/>")
// or another expression container. A line after "(", "=>", "," or an
// operator is in JavaScript, where a // comment is right.
func inJSXChildren(text string, at int) bool {
	if at >= len(text) || (text[at] != '<' && text[at] != '{') {
		return false
	}
	i := at - 1
	for i >= 0 && strings.IndexByte(" \t\r\n", text[i]) >= 0 {
		i--
	}
	if i < 0 {
		return false
	}
	switch text[i] {
	case '>':
		// "=>" ends an arrow head; ">" after anything else at the end of a
		// line closes a tag.
		return i == 0 || text[i-1] != '='
	case '}':
		// A block ends with "}" too, but a line starting with "<" or "{"
		// right after a block is rare in JavaScript and common in JSX.
		return true
	}
	return false
}
