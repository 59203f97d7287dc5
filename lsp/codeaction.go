package lsp

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/leakwatch/leakwatch/analyzer"
)

// codeAction answers textDocument/codeAction with, for each finding in the
// range: its fixes as quick fixes (the first safe one preferred), "Ignore
// <rule> on this line" and "Ignore <rule> in this file", or for an unused
// suppression "Remove unused suppression"; and source.fixAll.leakwatch with
// every safe fix of the document. Edits carry the document version they
// were computed for, so a client whose buffer moved on rejects them
// instead of corrupting the text.
//
// Validating a fix costs a parse of the fixed text, and editors ask for
// code actions at every cursor move. Clients that can resolve an action's
// edit later (codeAction/resolve) get the actions without edits, and only
// the one the user picks is computed and validated; other clients get
// validated edits at once, and never see a fix that fails validation.
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
	s.mu.Lock()
	lazy := s.client.resolveEdits
	s.mu.Unlock()
	file := sync.OnceValue(a.file)
	start := toOffset(a.index, a.enc, p.Range.Start)
	end := toOffset(a.index, a.enc, p.Range.End)

	var offers []offer
	if wants(p.Context.Only, protocol.CodeActionKindQuickFix) {
		comments := map[[2]int]bool{}
		for i := range a.result.Diagnostics {
			d := &a.result.Diagnostics[i]
			if d.Start > end || d.End < start {
				continue
			}
			offers = append(offers, s.findingOffers(ctx, a, file, i, comments)...)
		}
	}
	if wants(p.Context.Only, fixAllKind) {
		if o, ok := s.fixAllOffer(ctx, a, file); ok {
			offers = append(offers, o)
		}
	}
	preferred := map[int]bool{} // findings whose preferred fix is chosen
	for _, o := range offers {
		act := &protocol.CodeAction{Title: o.title, Kind: ptr(o.kind)}
		if lazy {
			data, err := protocol.Marshal(&o.key)
			if err != nil {
				return nil, fmt.Errorf("encoding a code action's data: %w", err)
			}
			act.Data = data
		} else {
			edits, title, err := o.edits(ctx)
			if err != nil {
				if ctx.Err() == nil {
					s.log.debugf("action %q at %d dropped: %v", o.title, o.key.Start, err)
				}
				continue
			}
			if title != "" {
				act.Title = title
			}
			act.Edit = s.workspaceEdit(a, edits)
		}
		if o.preferred || (o.safe && !preferred[o.finding]) {
			act.IsPreferred = ptr(true)
			preferred[o.finding] = preferred[o.finding] || o.safe
		}
		for _, i := range o.resolves {
			act.Diagnostics = append(act.Diagnostics, a.diags[i])
		}
		actions = append(actions, act)
		if err := cancelled(ctx); err != nil {
			return nil, err
		}
	}
	if err := cancelled(ctx); err != nil {
		return nil, err
	}
	return actions, nil
}

// resolveCodeAction answers codeAction/resolve: it computes the edit of
// an action codeAction offered without one, validating a fix first. The
// action's data names the document version and the finding it was made
// for; if the document changed since, the client is told to ask again.
func (s *server) resolveCodeAction(ctx context.Context, raw jsonrpc2.RawMessage) (any, error) {
	var act protocol.CodeAction
	if err := decode(raw, &act); err != nil {
		return nil, err
	}
	if act.Edit != nil || len(act.Data) == 0 {
		return &act, nil // nothing left to resolve
	}
	var key offerKey
	if err := protocol.Unmarshal(act.Data, &key); err != nil || key.Action == "" || key.URI == "" {
		return nil, errorf(jsonrpc2.InvalidParams, "the code action's data is not from this server: %s", act.Data)
	}
	a, open := s.current(ctx, key.URI)
	if err := cancelled(ctx); err != nil {
		return nil, err
	}
	if a == nil || !open {
		return nil, errorf(protocol.CodeContentModified, "%s is not open any more; ask for code actions again", key.URI)
	}
	if a.snap.version != key.Version {
		return nil, errorf(protocol.CodeContentModified, "%s changed since the action was offered (version %d, now %d); ask for code actions again",
			key.URI, key.Version, a.snap.version)
	}
	o, ok := s.findOffer(ctx, a, key)
	if !ok {
		return nil, errorf(protocol.CodeContentModified, "the finding of %q is gone (the configuration changed?); ask for code actions again", act.Title)
	}
	edits, _, err := o.edits(ctx)
	if err := cancelled(ctx); err != nil {
		return nil, err
	}
	if err != nil {
		return nil, errorf(codeRequestFailed, "%q cannot be applied: %v", act.Title, err)
	}
	act.Edit = s.workspaceEdit(a, edits)
	return &act, nil
}

// codeRequestFailed is LSP's RequestFailed: the request was valid, and
// failed.
const codeRequestFailed jsonrpc2.Code = -32803

// offer is a code action before its edit is computed.
type offer struct {
	title string
	kind  protocol.CodeActionKind
	// finding is the finding the action belongs to (-1 for fix-all), and
	// resolves the findings it makes go away, for the action's
	// diagnostics.
	finding  int
	resolves []int
	// safe marks a safe fix: the first valid one of a finding is
	// preferred. preferred marks an action preferred on its own.
	safe, preferred bool
	key             offerKey
	// edits computes the edit; a fix that fails validation returns an
	// error. title, when not empty, replaces the offer's title.
	edits func(ctx context.Context) (edits []analyzer.Edit, title string, err error)
}

// offerKey is a code action's data: enough to find the same offer again in
// the same version of the document.
type offerKey struct {
	URI     uri.URI `json:"uri"`
	Version int32   `json:"version"`
	// Action is "fix", "ignoreLine", "ignoreFile", "removeSuppression" or
	// "fixAll".
	Action string `json:"action"`
	// Rule, Start and End identify the finding (byte offsets); Fix is the
	// index of the fix among its fixes.
	Rule  string `json:"rule,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Fix   int    `json:"fix"`
}

func (a *analysis) key(action string, d *analyzer.Diagnostic, fix int) offerKey {
	k := offerKey{URI: a.snap.uri, Version: a.snap.version, Action: action, Fix: fix}
	if d != nil {
		k.Rule, k.Start, k.End = d.Rule, d.Start, d.End
	}
	return k
}

// findingOffers lists the actions for finding i. comments holds the
// suppression comments already offered for removal, which may carry
// several findings (one per unused rule id).
func (s *server) findingOffers(ctx context.Context, a *analysis, file func() analyzer.File, i int, comments map[[2]int]bool) []offer {
	d := &a.result.Diagnostics[i]
	var out []offer
	for fi, fix := range s.fixesOf(ctx, a)[i] {
		out = append(out, offer{
			title: fix.Title, kind: protocol.CodeActionKindQuickFix, finding: i, resolves: []int{i}, safe: fix.Safe,
			key: a.key("fix", d, fi),
			edits: func(ctx context.Context) ([]analyzer.Edit, string, error) {
				if err := s.checkFix(ctx, a, file(), *d, fix); err != nil {
					return nil, "", err
				}
				return fix.Edits, "", nil
			},
		})
	}
	if s.engine.Rule(d.Rule) != nil {
		out = append(out,
			offer{
				title: fmt.Sprintf("Ignore %s on this line", d.Rule), kind: protocol.CodeActionKindQuickFix, finding: i, resolves: []int{i},
				key: a.key("ignoreLine", d, 0),
				edits: func(ctx context.Context) ([]analyzer.Edit, string, error) {
					return []analyzer.Edit{s.ignoreLineEdit(ctx, a, i)}, "", nil
				},
			},
			offer{
				title: fmt.Sprintf("Ignore %s in this file", d.Rule), kind: protocol.CodeActionKindQuickFix, finding: i, resolves: []int{i},
				key: a.key("ignoreFile", d, 0),
				edits: func(context.Context) ([]analyzer.Edit, string, error) {
					return []analyzer.Edit{ignoreFileEdit(a.snap.text, d.Rule)}, "", nil
				},
			})
	}
	if d.Rule == analyzer.RuleUnusedSuppression {
		if o, ok := s.removeSuppressionOffer(a, i, comments); ok {
			out = append(out, o)
		}
	}
	return out
}

// findOffer finds the offer a code action's data names.
func (s *server) findOffer(ctx context.Context, a *analysis, key offerKey) (offer, bool) {
	file := sync.OnceValue(a.file)
	if key.Action == "fixAll" {
		return s.fixAllOffer(ctx, a, file)
	}
	for i := range a.result.Diagnostics {
		d := &a.result.Diagnostics[i]
		if d.Rule != key.Rule || d.Start != key.Start || d.End != key.End {
			continue
		}
		for _, o := range s.findingOffers(ctx, a, file, i, map[[2]int]bool{}) {
			if o.key.Action == key.Action && o.key.Fix == key.Fix {
				return o, true
			}
		}
	}
	return offer{}, false
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
	return analyzer.File{Path: a.snap.path, Lang: a.snap.lang, HasLang: !a.snap.component, Src: readOnlyBytes(a.snap.text), Config: a.cfg, Imports: a.imports, ImportsKey: a.importsKey}
}

// checkFix validates a fix under the session's limits, from the
// document's kept syntax tree when it is of the analysed text.
func (s *server) checkFix(ctx context.Context, a *analysis, f analyzer.File, d analyzer.Diagnostic, fix analyzer.Fix) error {
	eng, _ := s.analysisEngine()
	return eng.CheckFixIn(ctx, a.snap.session, f, d, fix)
}

// ignoreLineEdit is the comment that silences finding i on its line.
func (s *server) ignoreLineEdit(ctx context.Context, a *analysis, i int) analyzer.Edit {
	d := a.result.Diagnostics[i]
	choices := ignoreLineEdits(a.snap.text, a.index, d.Start, d.Rule)
	if len(choices) > 1 {
		// Where the comment can go more than one way (JSX), take the first
		// placement the engine actually honours.
		for _, e := range choices {
			if s.silences(ctx, a, d, e) {
				return e
			}
		}
	}
	return choices[0]
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

// fixAllOffer merges the first valid safe fix of every finding; fixes that
// overlap one already taken wait for the next run. Offered eagerly, it is
// left out when no fix applies; offered lazily, when no finding has a
// safe fix.
func (s *server) fixAllOffer(ctx context.Context, a *analysis, file func() analyzer.File) (offer, bool) {
	all := s.fixesOf(ctx, a)
	hasSafe := false
	for i := range a.result.Diagnostics {
		for _, fix := range all[i] {
			hasSafe = hasSafe || fix.Safe
		}
	}
	if !hasSafe {
		return offer{}, false
	}
	const title = "Fix all leakwatch problems"
	return offer{title: title, kind: fixAllKind, finding: -1, key: a.key("fixAll", nil, 0),
		edits: func(ctx context.Context) ([]analyzer.Edit, string, error) {
			var fixes []analyzer.Fix
			for i, d := range a.result.Diagnostics {
				for _, fix := range all[i] {
					if !fix.Safe {
						continue
					}
					if err := s.checkFix(ctx, a, file(), d, fix); err != nil {
						continue
					}
					fixes = append(fixes, fix)
					break
				}
				if err := cancelled(ctx); err != nil {
					return nil, "", err
				}
			}
			edits, skipped := analyzer.MergeFixes(fixes)
			if len(edits) == 0 {
				return nil, "", fmt.Errorf("no fix applies safely to the current text")
			}
			if len(skipped) > 0 {
				return edits, fmt.Sprintf("Fix %d of %d leakwatch problems (run again for the rest)", len(fixes)-len(skipped), len(fixes)), nil
			}
			return edits, title, nil
		}}, true
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
