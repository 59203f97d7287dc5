package analyzer

import (
	"context"
	"reflect"
	"slices"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Reusing findings across an edit.
//
// In the editor an edit changes a few top-level statements of a large
// file, and running every rule over the whole file again is most of its
// cost. A session therefore remembers the raw findings (before config and
// suppressions) of its last analysis of a document of
// syntax.ReuseMinBytes or more, and after an edit keeps a rule's findings
// instead of running it again when the edit cannot have changed them:
//
//   - the edit replaced whole top-level statements (the "gap": statements
//     before and after it have the same text, and those after it only
//     moved), after the directive prologue, of kinds that set nothing for
//     the whole file (no import, export or directive), in two trees
//     without syntax errors;
//   - the gap is isolated: every name in its old and new text (any
//     identifier-like word, in code, strings or comments) occurs nowhere
//     else in the file, so no other statement can refer to what it
//     declares or share a binding, a property or a target with it;
//   - the rule cannot report in the gap: none of its needles (the literal
//     text without which it reports nothing) and none of its FileWords
//     (text whose presence anywhere changes its verdicts) occurs in the
//     gap's old or new text;
//   - everything else the analysis reads is unchanged: the configuration,
//     the facts of imported files (File.ImportsKey), and the prefilter
//     kept the rule last time too.
//
// A rule that fails the last test runs again on the whole new tree, the
// others keep their findings outside the gap, moved by the edit's length.
// A finding whose message may name a line (anything after a gap that
// changed the number of lines) is not moved: its rule runs again.
//
// Typing inside a function shares its names with the rest of the file,
// so it gets a full analysis; what is carried over are edits that add,
// remove or change statements of their own (new code, comments).
//
// Why not per owner. Keeping each owner's findings (a component, a class)
// and recomputing only the owners whose text changed would carry over
// most in-component edits, but an owner's verdicts read code outside it:
// the helpers its teardown calls, the base class whose dispose removes
// what it added, a mixin's hooks, the removals and clears of the same
// target and handler elsewhere in the file, and file words. An edit of a
// helper that is no owner then changes the findings of an owner whose
// text is the same (TestEditOutsideAnOwnerChangesItsFindings), even when
// the text typed shares no word with the owner (`, true` added to the
// helper's removal makes the owner's addition a mismatch). Doing it
// soundly means every rule recording what it read for each owner; until
// then the full analysis of a large file is kept fast instead
// (incremental parse that copies the untouched records into the memory of
// the tree before, rules split across two goroutines, fixes built only
// when asked). The tests hold every result to a fresh analysis: random isolated edits of
// every fixture and large corpus files (TestSessionCarriesOnly...), the
// edits that look isolated but are not (TestSessionCarryEdges), and the
// server end to end (lsp's TestLargeDocumentEditsMatchAFreshOpen).

// lastRun is what a session remembers of its last analysis for reuse.
type lastRun struct {
	src        string
	path       string
	lang       syntax.Lang
	config     *Config
	importsKey string
	enabled    []int
	units      []span
	// found is the analysis's raw findings by rule index: those of the
	// enabled rules, in the order they reported them.
	found map[int][]Diagnostic
}

// span is a top-level statement's extent and kind.
type span struct {
	start, end int
	kind       string
}

// topLevel lists a tree's top-level statements.
func topLevel(t *syntax.Tree) []span {
	var out []span
	for c := t.Root().FirstChild(); c.Valid(); c = c.NextSibling() {
		out = append(out, span{c.Start(), c.End(), c.Kind()})
	}
	return out
}

// gapKinds are the top-level statements an isolated edit may replace:
// none of them changes how the rest of the file is read (imports and
// exports make it a module and name what other files see; a string
// expression statement may be a directive).
var gapKinds = map[string]bool{
	"expression_statement": true, "lexical_declaration": true, "variable_declaration": true,
	"function_declaration": true, "generator_function_declaration": true, "class_declaration": true,
	"comment": true, "empty_statement": true, "if_statement": true, "for_statement": true,
	"for_in_statement": true, "while_statement": true, "do_statement": true, "try_statement": true,
	"statement_block": true,
}

// neutralWords are reserved words that name no binding and no property a
// rule follows from one statement to another.
var neutralWords = map[string]bool{
	"const": true, "let": true, "var": true, "function": true, "return": true, "if": true,
	"else": true, "for": true, "while": true, "do": true, "this": true, "true": true,
	"false": true, "null": true, "typeof": true, "void": true, "instanceof": true,
	"break": true, "continue": true, "switch": true, "case": true, "try": true,
	"catch": true, "finally": true, "throw": true, "in": true, "of": true,
}

// edit is an edit between two analyses, described by top-level statements.
type edit struct {
	// gapOld and gapNew are the replaced text, before and after.
	gapOld, gapNew string
	// oldLo..oldHi and newLo..newHi are the gap in each text; text before
	// oldLo is unchanged, text from oldHi on moved by shift.
	oldLo, oldHi, newLo, newHi int
	shift                      int
	linesChanged               bool
}

// isolatedEdit describes the change from last to the new tree as an
// isolated replacement of top-level statements, or reports that it is not
// one.
func isolatedEdit(last *lastRun, tree *syntax.Tree, units []span) (edit, bool) {
	old, cur := last.src, tree.Src
	// Statements wholly inside the common prefix are unchanged, and so
	// are those wholly inside the common suffix, moved. The two may
	// overlap ("function a(){} function b(){}" with "function x(){} "
	// inserted before b): a statement is in one or the other, never both.
	p := commonPrefix(old, cur)
	sf := commonSuffix(old, cur)
	ou, nu := last.units, units
	k := 0
	for k < len(ou) && k < len(nu) && ou[k] == nu[k] && ou[k].end <= p {
		k++
	}
	d := len(cur) - len(old)
	m := 0
	for m < len(ou)-k && m < len(nu)-k {
		o, n := ou[len(ou)-1-m], nu[len(nu)-1-m]
		if o.start < len(old)-sf || n.start != o.start+d || n.end != o.end+d || n.kind != o.kind {
			break
		}
		m++
	}
	var e edit
	if k > 0 {
		e.oldLo = ou[k-1].end
	}
	e.newLo = e.oldLo
	e.oldHi, e.newHi = len(old), len(cur)
	if m > 0 {
		e.oldHi, e.newHi = ou[len(ou)-m].start, nu[len(nu)-m].start
	}
	if e.oldLo > e.oldHi || e.newLo > e.newHi {
		return edit{}, false
	}
	for _, u := range ou[k : len(ou)-m] {
		if !gapKinds[u.kind] {
			return edit{}, false
		}
	}
	for _, u := range nu[k : len(nu)-m] {
		if !gapKinds[u.kind] {
			return edit{}, false
		}
	}
	e.gapOld, e.gapNew = old[e.oldLo:e.oldHi], cur[e.newLo:e.newHi]
	e.shift = d
	e.linesChanged = strings.Count(e.gapOld, "\n") != strings.Count(e.gapNew, "\n")
	if !afterPrologue(tree, k) {
		return edit{}, false
	}
	// Isolation: no word of the gap occurs outside it.
	rest := [2]string{cur[:e.newLo], cur[e.newHi:]}
	for _, gap := range [2]string{e.gapOld, e.gapNew} {
		isolated := true
		eachWord(gap, func(w string) bool {
			if !neutralWords[w] && (syntax.ContainsWord(rest[0], w) || syntax.ContainsWord(rest[1], w)) {
				isolated = false
			}
			return isolated
		})
		if !isolated {
			return edit{}, false
		}
	}
	return e, true
}

// afterPrologue reports whether one of the first k top-level statements
// ends the directive prologue: an edit before it could make a later
// "use strict" a directive or stop it being one, and a string statement
// after it is no directive.
func afterPrologue(t *syntax.Tree, k int) bool {
	i := 0
	for c := t.Root().FirstChild(); c.Valid() && i < k; c = c.NextSibling() {
		i++
		switch c.Kind() {
		case "comment", "hash_bang_line":
			continue
		case "expression_statement":
			if x := c.FirstChild(); x.Valid() && x.Kind() == "string" {
				continue
			}
		}
		return true
	}
	return false
}

// eachWord calls fn with every identifier-like word of s (ASCII letters,
// digits, _ and $, and any non-ASCII byte) until fn returns false.
func eachWord(s string, fn func(string) bool) {
	for i := 0; i < len(s); {
		if !syntax.IdentByte(s[i]) || (s[i] >= '0' && s[i] <= '9') {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && syntax.IdentByte(s[j]) {
			j++
		}
		if !fn(s[i:j]) {
			return
		}
		i = j
	}
}

// rerun reports whether rule ri must run again after e: the gap holds
// text it looks for, or one of its findings cannot be carried over.
func (e *Engine) rerun(ri int, ed edit, f File, found []Diagnostic) bool {
	r := e.rules[ri]
	if len(r.Needles) == 0 {
		return true
	}
	configured := configuredNames(f.Config)
	for _, gap := range [2]string{ed.gapOld, ed.gapNew} {
		for _, list := range [][]string{r.Needles, r.OwnerlessNeedles, r.FileWords, configured} {
			for _, n := range list {
				if strings.Contains(gap, n) {
					return true
				}
			}
		}
	}
	for _, d := range found {
		if !carried(d.Start, d.End, ed) {
			return true
		}
		for _, rel := range d.Related {
			if !carried(rel.Start, rel.End, ed) {
				return true
			}
		}
	}
	return false
}

// carried reports whether a finding's range can move over the edit: it
// lies wholly before the gap or wholly after it, and after it only when
// its line numbers did not change.
func carried(start, end int, ed edit) bool {
	switch {
	case end <= ed.oldLo:
		return true
	case start >= ed.oldHi:
		return !ed.linesChanged
	}
	return false
}

// move returns d as it reads after the edit.
func move(d Diagnostic, ed edit) Diagnostic {
	if d.Start >= ed.oldHi {
		d.Start += ed.shift
		d.End += ed.shift
	}
	if len(d.Related) > 0 {
		rel := make([]Related, len(d.Related))
		for i, r := range d.Related {
			if r.Start >= ed.oldHi {
				r.Start += ed.shift
				r.End += ed.shift
			}
			rel[i] = r
		}
		d.Related = rel
	}
	return d
}

// findingsIn runs the enabled rules on the session's new tree, keeping
// the findings of the last analysis the edit cannot have changed, and
// remembers this analysis for the next edit. The findings are those
// runOnTree would return, in the same order within each rule.
func (e *Engine) findingsIn(ctx context.Context, s *Session, tree *syntax.Tree, f File, enabled []int) []Diagnostic {
	last := s.lastRun
	s.lastRun = nil
	// Small documents are analysed afresh in a few milliseconds; keeping
	// their findings would cost the server memory for every open file.
	// Without DeferFixes the findings carry fixes, which are not moved.
	if !e.DeferFixes || len(tree.Src) < syntax.ReuseMinBytes {
		return e.runOnTree(ctx, tree, f, enabled)
	}
	units := topLevel(tree)
	var ed edit
	ok := last != nil && f.component.Framework == "" &&
		last.path == f.Path && last.lang == tree.Lang && sameConfig(last.config, f.Config) &&
		(f.Imports == nil || f.ImportsKey != "") && last.importsKey == f.ImportsKey && !tree.HasErrors()
	if ok {
		ed, ok = isolatedEdit(last, tree, units)
	}
	var again []int
	if ok {
		for _, ri := range enabled {
			// A rule the prefilter skipped last time has nothing to
			// carry; one it skips now reports nothing.
			if !slices.Contains(last.enabled, ri) || e.rerun(ri, ed, f, last.found[ri]) {
				again = append(again, ri)
			}
		}
	} else {
		again = enabled
	}
	if ok {
		s.carried += len(enabled) - len(again)
	}
	fresh := e.runOnTree(ctx, tree, f, again)
	if ctx.Err() != nil {
		return nil
	}
	byRule := make(map[int][]Diagnostic, len(enabled))
	var other []Diagnostic
	for _, d := range fresh {
		if ri := e.ruleIndex(d.Rule); ri >= 0 {
			byRule[ri] = append(byRule[ri], d)
		} else {
			other = append(other, d)
		}
	}
	var out []Diagnostic
	for _, ri := range enabled {
		if ok && !slices.Contains(again, ri) {
			kept := byRule[ri][:0:0]
			for _, d := range last.found[ri] {
				kept = append(kept, move(d, ed))
			}
			byRule[ri] = kept
		}
		out = append(out, byRule[ri]...)
	}
	out = append(out, other...)
	if len(other) == 0 && !tree.HasErrors() {
		s.lastRun = &lastRun{src: tree.Src, path: f.Path, lang: tree.Lang, config: f.Config,
			importsKey: f.ImportsKey, enabled: enabled, units: units, found: byRule}
	}
	return out
}

// sameConfig reports whether two configurations say the same; the
// language server builds one per analysis (merged with its settings).
func sameConfig(a, b *Config) bool {
	return a == b || reflect.DeepEqual(a, b)
}
