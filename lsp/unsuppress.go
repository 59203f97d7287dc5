package lsp

import (
	"context"
	"fmt"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

// The engine reports a suppression comment that silences nothing
// (unused-suppression), once per unused rule id, on the comment. The
// action below removes the comment, or, when some of the rules it names
// are still used, just the unused ones.

// removeSuppressionOffer is the action for the unused-suppression finding
// i. comments records the comments already offered: a comment with two
// unused rules has two findings and gets one action, which resolves both.
func (s *server) removeSuppressionOffer(a *analysis, i int, comments map[[2]int]bool) (offer, bool) {
	d := &a.result.Diagnostics[i]
	span := [2]int{d.Start, d.End}
	if comments[span] || d.End > len(a.snap.text) {
		return offer{}, false
	}
	comments[span] = true
	var findings []int
	unused := map[string]bool{}
	ids, listStart, listEnd := suppressionIDs(a.snap.text[d.Start:d.End])
	for j, o := range a.result.Diagnostics {
		if o.Rule != analyzer.RuleUnusedSuppression || o.Start != d.Start || o.End != d.End {
			continue
		}
		findings = append(findings, j)
		// The message names the unused rule: "no <rule> finding here".
		for _, id := range ids {
			if strings.Contains(o.Message, "no "+id+" finding") {
				unused[id] = true
			}
		}
	}
	var kept []string
	for _, id := range ids {
		if !unused[id] {
			kept = append(kept, id)
		}
	}
	o := offer{kind: protocol.CodeActionKindQuickFix, finding: i, resolves: findings, preferred: true,
		key: a.key("removeSuppression", d, 0)}
	switch {
	case len(kept) == 0:
		o.title = "Remove unused suppression"
		o.edits = func(context.Context) ([]analyzer.Edit, string, error) {
			return []analyzer.Edit{removeCommentEdit(a.snap.text, a.index, d.Start, d.End)}, "", nil
		}
	case len(unused) > 0:
		var gone []string
		for _, id := range ids {
			if unused[id] {
				gone = append(gone, id)
			}
		}
		o.title = fmt.Sprintf("Remove %s from this suppression", strings.Join(gone, ", "))
		o.edits = func(context.Context) ([]analyzer.Edit, string, error) {
			return []analyzer.Edit{{Start: d.Start + listStart, End: d.Start + listEnd, NewText: strings.Join(kept, ", ")}}, "", nil
		}
	default:
		// Which rule is unused cannot be told: offer nothing rather than
		// remove a suppression that is still needed.
		return offer{}, false
	}
	return o, true
}

// suppressionIDs returns the rule ids a suppression comment names and the
// span of their list in the comment ("a, b" in "// leakwatch-ignore a, b:
// why"); no ids for an ignore-file comment that silences every rule.
func suppressionIDs(comment string) (ids []string, start, end int) {
	const directive = "leakwatch-ignore"
	i := strings.Index(comment, directive)
	if i < 0 {
		return nil, 0, 0
	}
	j := i + len(directive)
	j += len(comment[j:]) - len(strings.TrimPrefix(comment[j:], "-file"))
	rest := comment[j:]
	if k := strings.IndexByte(rest, ':'); k >= 0 {
		rest = rest[:k]
	} else {
		rest = strings.TrimSuffix(rest, "*/")
	}
	start = j + len(rest) - len(strings.TrimLeft(rest, " \t"))
	end = j + len(strings.TrimRight(rest, " \t"))
	if end < start {
		end = start
	}
	ids = strings.FieldsFunc(comment[start:end], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	return ids, start, end
}

// removeCommentEdit deletes the comment at [start, end): with its line
// when it stands alone there, with the space before it when it trails
// code, and with the space after it when code follows. A JSX comment,
// {/* ... */}, goes with its braces (written tight, as the ignore action
// writes it: "{ /* */ }" may be an empty block).
func removeCommentEdit(text string, ix *textpos.Index, start, end int) analyzer.Edit {
	first, last := ix.Line(start), ix.Line(end)
	ls, le := ix.LineStart(first), ix.LineEnd(last)
	before, after := text[ls:start], text[end:le]
	if strings.HasSuffix(before, "{") && strings.HasPrefix(after, "}") && strings.HasPrefix(text[start:], "/*") {
		start--
		end++
		before, after = text[ls:start], text[end:le]
	}
	blankBefore, blankAfter := strings.TrimSpace(before) == "", strings.TrimSpace(after) == ""
	switch {
	case blankBefore && blankAfter:
		if last+1 < ix.Lines() {
			return analyzer.Edit{Start: ls, End: ix.LineStart(last + 1)}
		}
		if first > 0 {
			// The last line, without a line break: take the one before.
			return analyzer.Edit{Start: ix.LineEnd(first - 1), End: len(text)}
		}
		return analyzer.Edit{Start: 0, End: len(text)}
	case blankAfter:
		return analyzer.Edit{Start: ls + len(strings.TrimRight(before, " \t")), End: le}
	default:
		return analyzer.Edit{Start: start, End: end + len(after) - len(strings.TrimLeft(after, " \t"))}
	}
}
