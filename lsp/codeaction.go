package lsp

import (
	"context"
	"fmt"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/leakwatch/leakwatch/analyzer"
)

// codeAction answers textDocument/codeAction with, for each finding in the
// range: its fixes as quick fixes (each validated now, the first safe one
// preferred), "Ignore <rule> on this line" and "Ignore <rule> in this
// file"; and source.fixAll.leakwatch with every safe fix of the document.
// Edits carry the document version they were computed for, so a client
// whose buffer moved on rejects them instead of corrupting the text.
func (s *server) codeAction(ctx context.Context, raw jsonrpc2.RawMessage) (any, error) {
	var p protocol.CodeActionParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	actions := []protocol.CommandOrCodeAction{}
	a, open := s.current(ctx, p.TextDocument.URI)
	if err := cancelled(ctx); err != nil {
		return nil, err
	}
	if a == nil || !open {
		return actions, nil
	}
	file := a.file()
	start := toOffset(a.index, a.enc, p.Range.Start)
	end := toOffset(a.index, a.enc, p.Range.End)

	if wants(p.Context.Only, protocol.CodeActionKindQuickFix) {
		for i := range a.result.Diagnostics {
			d := &a.result.Diagnostics[i]
			if d.Start > end || d.End < start {
				continue
			}
			actions = append(actions, s.quickFixes(ctx, a, file, i)...)
			if s.engine.Rule(d.Rule) != nil {
				actions = append(actions, s.ignoreActions(ctx, a, i)...)
			}
			if err := cancelled(ctx); err != nil {
				return nil, err
			}
		}
	}
	if wants(p.Context.Only, fixAllKind) {
		if act := s.fixAll(ctx, a, file); act != nil {
			actions = append(actions, act)
		}
	}
	if err := cancelled(ctx); err != nil {
		return nil, err
	}
	return actions, nil
}

// wants reports whether an action of kind is asked for: kinds are
// hierarchical, so "source" asks for "source.fixAll.leakwatch".
func wants(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if kind == k || strings.HasPrefix(string(kind), string(k)+".") {
			return true
		}
	}
	return false
}

func (a *analysis) file() analyzer.File {
	return analyzer.File{Path: a.snap.path, Lang: a.snap.lang, HasLang: !a.snap.component, Src: []byte(a.snap.text), Config: a.cfg, Imports: a.imports}
}

// quickFixes turns the valid fixes of finding i into actions.
func (s *server) quickFixes(ctx context.Context, a *analysis, file analyzer.File, i int) []protocol.CommandOrCodeAction {
	d := a.result.Diagnostics[i]
	var out []protocol.CommandOrCodeAction
	preferred := false
	for _, fix := range d.Fixes {
		if err := s.checkFix(ctx, file, d, fix); err != nil {
			s.log.debugf("fix %q of %s at %d dropped: %v", fix.Title, d.Rule, d.Start, err)
			continue
		}
		act := s.action(a, fix.Title, protocol.CodeActionKindQuickFix, fix.Edits, a.diags[i])
		if fix.Safe && !preferred {
			act.IsPreferred = ptr(true)
			preferred = true
		}
		out = append(out, act)
	}
	return out
}

// checkFix validates a fix under the session's limits.
func (s *server) checkFix(ctx context.Context, f analyzer.File, d analyzer.Diagnostic, fix analyzer.Fix) error {
	eng, _ := s.analysisEngine()
	return eng.CheckFix(ctx, f, d, fix)
}

// ignoreActions offers the suppression comments for finding i.
func (s *server) ignoreActions(ctx context.Context, a *analysis, i int) []protocol.CommandOrCodeAction {
	d := a.result.Diagnostics[i]
	choices := ignoreLineEdits(a.snap.text, a.index, d.Start, d.Rule)
	line := choices[0]
	if len(choices) > 1 {
		// Where the comment can go more than one way (JSX), take the first
		// placement the engine actually honours.
		for _, e := range choices {
			if s.silences(ctx, a, d, e) {
				line = e
				break
			}
		}
	}
	return []protocol.CommandOrCodeAction{
		s.action(a, fmt.Sprintf("Ignore %s on this line", d.Rule), protocol.CodeActionKindQuickFix, []analyzer.Edit{line}, a.diags[i]),
		s.action(a, fmt.Sprintf("Ignore %s in this file", d.Rule), protocol.CodeActionKindQuickFix,
			[]analyzer.Edit{ignoreFileEdit(a.snap.text, d.Rule)}, a.diags[i]),
	}
}

// silences reports whether inserting e makes the engine drop finding d
// without complaining about the comment.
func (s *server) silences(ctx context.Context, a *analysis, d analyzer.Diagnostic, e analyzer.Edit) bool {
	fixed, err := analyzer.ApplyEdits(a.snap.text, []analyzer.Edit{e})
	if err != nil {
		return false
	}
	f := a.file()
	f.Src = []byte(fixed)
	eng, _ := s.analysisEngine()
	res := eng.Analyze(ctx, f)
	at := d.Start
	if e.End <= d.Start {
		at += len(e.NewText) - (e.End - e.Start)
	}
	for _, nd := range res.Diagnostics {
		if (nd.Rule == d.Rule && nd.Start == at) || nd.Rule == analyzer.RuleInvalidSuppression || nd.Rule == analyzer.RuleUnusedSuppression {
			return false
		}
	}
	return res.Skipped == ""
}

// fixAll merges the first valid safe fix of every finding; fixes that
// overlap one already taken wait for the next run.
func (s *server) fixAll(ctx context.Context, a *analysis, file analyzer.File) protocol.CommandOrCodeAction {
	var fixes []analyzer.Fix
	for _, d := range a.result.Diagnostics {
		for _, fix := range d.Fixes {
			if !fix.Safe {
				continue
			}
			if err := s.checkFix(ctx, file, d, fix); err != nil {
				continue
			}
			fixes = append(fixes, fix)
			break
		}
		if ctx.Err() != nil {
			return nil
		}
	}
	if len(fixes) == 0 {
		return nil
	}
	edits, skipped := analyzer.MergeFixes(fixes)
	if len(edits) == 0 {
		return nil
	}
	title := "Fix all leakwatch problems"
	if len(skipped) > 0 {
		title = fmt.Sprintf("Fix %d of %d leakwatch problems (run again for the rest)", len(fixes)-len(skipped), len(fixes))
	}
	return s.action(a, title, fixAllKind, edits, nil)
}

// action builds a code action whose edit changes the analysed version of
// the document.
func (s *server) action(a *analysis, title string, kind protocol.CodeActionKind, edits []analyzer.Edit, diag any) *protocol.CodeAction {
	act := &protocol.CodeAction{Title: title, Kind: ptr(kind), Edit: s.workspaceEdit(a, edits)}
	if pd, ok := diag.(protocol.Diagnostic); ok {
		act.Diagnostics = []protocol.Diagnostic{pd}
	}
	return act
}

func (s *server) workspaceEdit(a *analysis, edits []analyzer.Edit) *protocol.WorkspaceEdit {
	tes := make([]protocol.TextEdit, len(edits))
	for i, e := range edits {
		tes[i] = protocol.TextEdit{Range: toRange(a.index, a.enc, e.Start, e.End), NewText: e.NewText}
	}
	s.mu.Lock()
	versioned := s.client.documentChanges
	s.mu.Unlock()
	if !versioned {
		return &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{a.snap.uri: tes}}
	}
	elems := make([]protocol.TextDocumentEditElement, len(tes))
	for i := range tes {
		elems[i] = &tes[i]
	}
	v := a.snap.version
	return &protocol.WorkspaceEdit{DocumentChanges: []protocol.DocumentChange{&protocol.TextDocumentEdit{
		TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{
			TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: a.snap.uri}, Version: &v,
		},
		Edits: elems,
	}}}
}
