package analyzer

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

// Suppression comments:
//
//	// leakwatch-ignore <rule>[, <rule>...]: <reason>   this line or the next
//	/* leakwatch-ignore-file <rule>...: <reason> */     the whole file
//
// An ignore-file without rule ids silences every rule. A suppression that
// names an unknown rule, or has no reason, is reported
// (invalid-suppression); one that silences nothing is reported too
// (unused-suppression), so stale comments do not pile up.
const (
	ignoreDirective     = "leakwatch-ignore"
	ignoreFileDirective = "leakwatch-ignore-file"
)

type suppression struct {
	start, end int // the comment
	line       int // 0-based line the comment is on
	ownLine    bool
	file       bool
	rules      []string // empty with file=true: all rules
	used       []bool
}

// comments are the nodes suppressions are read from.
var comments = syntax.NewKinds("comment")

// findSuppressions reads suppression comments from the tree's comments.
func findSuppressions(t *syntax.Tree, lines *textpos.Index, known func(string) bool, report func(Diagnostic)) []*suppression {
	var out []*suppression
	if !strings.Contains(t.Src, ignoreDirective) {
		return nil // every file without one: no comment to read
	}
	for n := range t.Root().Of(comments) {
		text := n.Text()
		if !strings.Contains(text, ignoreDirective) {
			continue
		}
		body := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(text, "//"), "/*"), "*/"))
		var s suppression
		switch {
		case strings.HasPrefix(body, ignoreFileDirective):
			s.file = true
			body = body[len(ignoreFileDirective):]
		case strings.HasPrefix(body, ignoreDirective):
			body = body[len(ignoreDirective):]
		default:
			continue // mentions the directive in prose
		}
		if body != "" && body[0] != ' ' && body[0] != ':' && body[0] != '\t' {
			continue // leakwatch-ignored-something: not ours
		}
		s.start, s.end = n.Start(), n.End()
		s.line = lines.Line(n.Start())
		// In JSX children the comment is wrapped, {/* leakwatch-ignore ... */},
		// and alone on its line it still covers the next line.
		before := strings.TrimSpace(t.Src[lines.LineStart(s.line):n.Start()])
		s.ownLine = before == "" || before == "{"
		ids, reason, hasColon := strings.Cut(body, ":")
		for _, id := range strings.FieldsFunc(ids, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			if !known(id) {
				report(Diagnostic{Rule: RuleInvalidSuppression, Severity: SeverityWarning, Start: s.start, End: s.end,
					Message: fmt.Sprintf("suppression names unknown rule %q; run `leakwatch rules` for the list", id)})
				continue
			}
			s.rules = append(s.rules, id)
		}
		if len(s.rules) == 0 && !s.file {
			if len(strings.Fields(ids)) == 0 {
				report(Diagnostic{Rule: RuleInvalidSuppression, Severity: SeverityWarning, Start: s.start, End: s.end,
					Message: "suppression must name the rule it silences: // leakwatch-ignore <rule>: <reason>"})
			}
			continue
		}
		if !hasColon || strings.TrimSpace(reason) == "" {
			report(Diagnostic{Rule: RuleInvalidSuppression, Severity: SeverityWarning, Start: s.start, End: s.end,
				Message: "suppression needs a reason after a colon: // leakwatch-ignore <rule>: <reason>"})
		}
		s.used = make([]bool, max(len(s.rules), 1))
		out = append(out, &s)
	}
	return out
}

// suppressed reports whether d is silenced, marking the suppression used.
func suppressed(d *Diagnostic, sups []*suppression, lines *textpos.Index) bool {
	line := lines.Line(d.Start)
	hit := false
	for _, s := range sups {
		if !s.file {
			// A comment on its own line covers the next line; a trailing
			// comment covers its own line.
			target := s.line
			if s.ownLine {
				target = s.line + 1
			}
			if line != target && line != s.line {
				continue
			}
		}
		if len(s.rules) == 0 {
			s.used[0] = true
			hit = true
			continue
		}
		for i, id := range s.rules {
			if id == d.Rule {
				s.used[i] = true
				hit = true
			}
		}
	}
	return hit
}
