package analyzer

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Session keeps the syntax tree of one document between analyses, so that
// re-analysing it after an edit reparses only what changed. The language
// server holds one per open document and closes it when the document
// closes; the CLI, which sees each file once, needs none.
//
// The session finds the edit itself by comparing the new text with the
// text it parsed last (common prefix and suffix), so callers need not
// translate editor positions into tree-sitter edits.
type Session struct {
	mu   sync.Mutex
	inc  *syntax.Incremental
	lang syntax.Lang
	last []byte // the text inc's tree was parsed from
	// lastRun is the last analysis's findings, for the next edit to
	// reuse (reuse.go); nil when there is none to reuse.
	lastRun *lastRun
	// counts are the occurrences of each of the engine's needles in last;
	// pendingCounts those in the text being analysed, which become counts
	// once it is parsed (findNeedles).
	counts, pendingCounts []int32
	// carried counts the rules whose findings an analysis carried over
	// from the last one instead of running them (for tests).
	carried int
	// lent counts the fix validations and fix builds that reused the
	// kept tree (for tests).
	lent int
}

// Close frees the kept tree. It is safe to call more than once.
func (s *Session) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inc != nil {
		s.inc.Close()
		s.inc = nil
	}
	s.last = nil
	s.lastRun = nil
	s.counts, s.pendingCounts = nil, nil
}

// AnalyzeIn is Analyze reusing the session's tree. Results are identical to
// Analyze on the same file.
func (e *Engine) AnalyzeIn(ctx context.Context, s *Session, f File) Result {
	if s == nil {
		return e.Analyze(ctx, f)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return e.analyze(ctx, f, s.parse, s)
}

// CheckFixIn is CheckFix reusing the session's tree when it was parsed
// from f's current text: the fixed text is then reparsed incrementally
// from it, and only what the fix changed is walked, instead of parsing the
// whole file twice. The verdict is CheckFix's.
func (e *Engine) CheckFixIn(ctx context.Context, s *Session, f File, d Diagnostic, fix Fix) error {
	if s == nil {
		return e.CheckFix(ctx, f, d, fix)
	}
	pf, lang, _, reason := prepare(f)
	if reason != "" {
		return errors.New(reason)
	}
	lang = grammarFor(pf, lang)
	before, kept := s.kept(lang, pf.Src)
	if kept == nil {
		return e.CheckFix(ctx, f, d, fix)
	}
	defer kept.Close()
	return e.checkFix(ctx, pf, lang, baseOf(before), kept, e.ruleIndex(d.Rule), &d, fix)
}

// kept lends the session's last parse when it is of src, else nil. It
// does not wait for an analysis holding the session (most likely of a
// newer text): a code action is better served by parsing on its own.
func (s *Session) kept(lang syntax.Lang, src []byte) (*syntax.Tree, *syntax.Kept) {
	if !s.mu.TryLock() {
		return nil, nil
	}
	defer s.mu.Unlock()
	if s.inc == nil || s.lang != lang || s.last == nil || !bytes.Equal(s.last, src) {
		return nil, nil
	}
	t, k, ok := s.inc.Kept()
	if !ok {
		return nil, nil
	}
	s.lent++
	return t, k
}

// tree borrows the session's last tree if it was parsed from src, else
// returns nil; like kept, it does not wait for an analysis holding the
// session. Rules only read the tree, so no C tree is lent: the next edit's
// reparse still reuses the records of what it did not change. The caller
// gives the tree back with give once its last node is read.
func (s *Session) tree(lang syntax.Lang, src []byte) (t *syntax.Tree, give func()) {
	if !s.mu.TryLock() {
		return nil, func() {}
	}
	defer s.mu.Unlock()
	if s.inc == nil || s.lang != lang || s.last == nil || !bytes.Equal(s.last, src) {
		return nil, func() {}
	}
	t, give = s.inc.Borrow()
	if t != nil {
		s.lent++
	}
	return t, give
}

// parse reparses src incrementally from the last parsed text.
func (s *Session) parse(ctx context.Context, lang syntax.Lang, src []byte, opt syntax.Options) (*syntax.Tree, error) {
	if s.inc == nil || s.lang != lang {
		if s.inc != nil {
			s.inc.Close()
		}
		s.inc = syntax.NewIncremental(lang)
		s.lang = lang
		s.last = nil
	}
	if s.last != nil {
		s.inc.Edit(diffEdit(s.last, src))
	}
	t, err := s.inc.Parse(ctx, src, opt)
	if err != nil {
		s.last, s.counts = nil, nil
		return nil, err
	}
	s.last = append(s.last[:0], src...)
	s.counts, s.pendingCounts = s.pendingCounts, nil
	return t, nil
}

// diffEdit describes the change from old to new as one replaced range.
func diffEdit(old, new []byte) syntax.Edit {
	prefix := commonPrefix(old, new)
	suffix := commonSuffix(old[prefix:], new[prefix:])
	oldEnd, newEnd := len(old)-suffix, len(new)-suffix
	// The prefix is scanned once; both end points continue from its end,
	// so an edit costs the changed text, not three passes over the file.
	start := advance(syntax.Point{}, old[:prefix])
	return syntax.Edit{
		Start: prefix, OldEnd: oldEnd, NewEnd: newEnd,
		StartPoint:  start,
		OldEndPoint: advance(start, old[prefix:oldEnd]),
		NewEndPoint: advance(start, new[prefix:newEnd]),
	}
}

// diffBlock is how much text commonPrefix and commonSuffix compare at a
// time: comparing blocks is vectorised where a byte loop is not, and for a
// keystroke nearly all of a large document is common (a byte loop over
// it was a hundredth of an edit in a 20,000-line file).
const diffBlock = 256

// commonPrefix returns the length of the longest common prefix of a and b
// (document texts, as bytes or strings).
func commonPrefix[T ~string | ~[]byte](a, b T) int {
	n := min(len(a), len(b))
	i := 0
	for i+diffBlock <= n && string(a[i:i+diffBlock]) == string(b[i:i+diffBlock]) {
		i += diffBlock
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix returns the length of the longest common suffix of a and b.
func commonSuffix[T ~string | ~[]byte](a, b T) int {
	n := min(len(a), len(b))
	i := 0
	for i+diffBlock <= n && string(a[len(a)-i-diffBlock:len(a)-i]) == string(b[len(b)-i-diffBlock:len(b)-i]) {
		i += diffBlock
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// advance moves a tree-sitter point (row, byte column) over text.
func advance(pt syntax.Point, text []byte) syntax.Point {
	if lines := bytes.Count(text, []byte{'\n'}); lines > 0 {
		pt.Row += lines
		pt.Column = len(text) - 1 - bytes.LastIndexByte(text, '\n')
		return pt
	}
	pt.Column += len(text)
	return pt
}

// FixesIn builds the fixes of diagnostics that an analysis of f with
// DeferFixes returned, in their order: the rules that reported them run
// again with fixes, on the session's tree when it was parsed from f's text
// (else on a fresh parse). The fixes are those Analyze without DeferFixes
// reports, unvalidated. A diagnostic the rerun does not report again (an
// engine finding, a stale one) gets none.
func (e *Engine) FixesIn(ctx context.Context, s *Session, f File, diags []Diagnostic) ([][]Fix, error) {
	out := make([][]Fix, len(diags))
	var enabled []int
	for _, d := range diags {
		if ri := e.ruleIndex(d.Rule); ri >= 0 && !slices.Contains(enabled, ri) {
			enabled = append(enabled, ri)
		}
	}
	if len(enabled) == 0 {
		return out, nil
	}
	slices.Sort(enabled)
	pf, lang, _, reason := prepare(f)
	if reason != "" {
		return nil, errors.New(reason)
	}
	lang = grammarFor(pf, lang)
	var tree *syntax.Tree
	if s != nil {
		var give func()
		tree, give = s.tree(lang, pf.Src)
		defer give()
	}
	if tree == nil {
		var err error
		if tree, err = syntax.Parse(ctx, lang, pf.Src, syntax.Options{Timeout: e.ParseTimeout}); err != nil {
			return nil, err
		}
	}
	withFixes := *e
	withFixes.DeferFixes = false
	found := withFixes.runOnTree(ctx, tree, pf, enabled)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// A rule can report twice at one place with one message; both runs
	// report in the same order, so such twins are matched in turn.
	type key struct {
		rule       string
		start, end int
		msg        string
	}
	fixes := make(map[key][][]Fix, len(found))
	for _, d := range found {
		k := key{d.Rule, d.Start, d.End, d.Message}
		fixes[k] = append(fixes[k], d.Fixes)
	}
	for i, d := range diags {
		k := key{d.Rule, d.Start, d.End, d.Message}
		if q := fixes[k]; len(q) > 0 {
			out[i], fixes[k] = q[0], q[1:]
		}
	}
	return out, nil
}
