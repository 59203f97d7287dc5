package fixgen

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// WrapInFinally wraps the sibling statements first..last of one block in
// `try { ... } finally { cleanup }`, indenting them one step, and leaves out
// the statements in drop (which must lie in that range, each on lines of
// its own: the cleanup they did moves into the finally block). cleanup
// statements come without trailing semicolons. It returns false, adding no
// edit, when the statements do not start and end their lines, when a
// multi-line template string would change by re-indenting, or when nothing
// would be left inside the try block.
func (b *Builder) WrapInFinally(first, last syntax.Node, cleanup []string, drop []syntax.Node) bool {
	src := b.src()
	if !first.Valid() || !last.Valid() || last.End() < first.Start() {
		return false
	}
	start := lineStart(src, first.Start())
	if strings.TrimSpace(src[start:first.Start()]) != "" {
		return false
	}
	end := lineEnd(src, last.End())
	if tail := strings.TrimSpace(src[last.End():end]); tail != "" && !strings.HasPrefix(tail, "//") {
		return false
	}
	// Re-indenting lines inside a template literal changes its value.
	multiline := false
	first.Parent().Walk(func(n syntax.Node) bool {
		if n.End() <= start || n.Start() >= end {
			return false
		}
		if n.Kind() == "template_string" && strings.Contains(n.Text(), "\n") {
			multiline = true
		}
		return !multiline
	})
	if multiline {
		return false
	}
	type span struct{ start, end int }
	var dropped []span
	for _, d := range drop {
		ds, de := lineStart(src, d.Start()), lineEnd(src, d.End())
		if d.Start() < start || d.End() > end ||
			strings.TrimSpace(src[ds:d.Start()]) != "" || strings.TrimSpace(src[d.End():de]) != "" {
			return false
		}
		dropped = append(dropped, span{ds, de})
	}
	ind := b.lineIndent(first)
	var body strings.Builder
	kept := 0
	// A dropped statement between two blank lines leaves one of them.
	lastBlank, collapse := false, false
	for off := start; off <= end; {
		eol := strings.IndexByte(src[off:end], '\n')
		next := end + 1
		if eol >= 0 {
			eol += off
			next = eol + 1
		} else {
			eol = end
		}
		line := src[off:eol]
		skip := false
		for _, s := range dropped {
			if off >= s.start && off <= s.end {
				skip = true
			}
		}
		blank := strings.TrimSpace(line) == ""
		switch {
		case skip:
			collapse = lastBlank
		case blank && collapse:
			collapse = false
		case blank:
			body.WriteString("\n")
			lastBlank = true
		default:
			body.WriteString(b.Style.Indent + line + "\n")
			kept++
			lastBlank, collapse = false, false
		}
		off = next
	}
	if kept == 0 {
		return false
	}
	var sb strings.Builder
	sb.WriteString(ind + "try {\n")
	sb.WriteString(body.String())
	sb.WriteString(ind + "} finally {\n")
	for _, c := range cleanup {
		sb.WriteString(ind + b.Style.Indent + c + b.Style.Semi + "\n")
	}
	sb.WriteString(ind + "}")
	b.Edits = append(b.Edits, analyzer.Edit{Start: start, End: end, NewText: sb.String()})
	return true
}

func lineStart(src string, off int) int { return strings.LastIndexByte(src[:off], '\n') + 1 }

// lineEnd is the offset of the newline ending the line at off (or the end
// of the text).
func lineEnd(src string, off int) int {
	if i := strings.IndexByte(src[off:], '\n'); i >= 0 {
		e := off + i
		if e > off && src[e-1] == '\r' {
			e--
		}
		return e
	}
	return len(src)
}
