package lsp

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/analyzer/syntax"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/leakwatch/leakwatch/analyzer"
	lc "github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

// analysis is the engine's result for one version of a document, with what
// is needed to turn it into LSP values. It keeps no syntax tree.
type analysis struct {
	snap   snapshot
	cfg    *analyzer.Config
	index  *textpos.Index
	enc    textpos.Encoding
	result analyzer.Result
	diags  []protocol.Diagnostic // result.Diagnostics, converted, same order
	id     string                // diagnosticsID(diags)
	wire   []byte                // diags encoded for their publication (publish drops it)
	pieces [][]byte              // each of diags encoded, in large documents (encodeDiagnostics)
	// imports answers questions about the document's imports.
	imports lc.Imports
	// importsKey is the digest of the facts imports answers from, taken
	// before the analysis (analyzer.File.ImportsKey).
	importsKey string

	// fixes are result.Diagnostics' fixes, which the engine leaves out
	// (Engine.DeferFixes) until a code action needs them; fixMu guards
	// them and hasFixes says they are built.
	fixMu    sync.Mutex
	fixes    [][]analyzer.Fix
	hasFixes bool
}

// fixesOf returns the fixes of a's findings, in their order, building them
// the first time. A failure (the request was cancelled) is not kept, so the
// next request tries again; meanwhile the findings offer no fixes.
func (s *server) fixesOf(ctx context.Context, a *analysis) [][]analyzer.Fix {
	a.fixMu.Lock()
	defer a.fixMu.Unlock()
	if a.hasFixes {
		return a.fixes
	}
	if len(a.result.Diagnostics) == 0 {
		return nil
	}
	eng, _ := s.analysisEngine()
	fixes, err := eng.FixesIn(ctx, a.snap.session, a.file(), a.result.Diagnostics)
	if err != nil {
		if ctx.Err() == nil {
			s.log.warnf("building the fixes of %s v%d: %v", a.snap.uri, a.snap.version, err)
		}
		return make([][]analyzer.Fix, len(a.result.Diagnostics))
	}
	a.fixes, a.hasFixes = fixes, true
	return fixes
}

// scheduleLocked (re)starts the debounced analysis of d after a change.
// The next edit stops the timer and cancels an analysis already running,
// whose result could only be stale. Clients that pull diagnostics get no
// background analysis: their next pull analyses the current text.
func (s *server) scheduleLocked(d *document) {
	defer s.statusChanged()
	s.cancelAnalysisLocked(d)
	if s.client.pull || s.stopping || s.state != stateInitialized {
		return
	}
	u, gen := d.uri, d.gen
	s.wg.Add(1)
	d.timer = time.AfterFunc(s.debounce, func() {
		defer s.wg.Done()
		defer s.recoverPanic("analysing " + string(u))
		s.analyzeAndPublish(u, gen)
	})
}

// cancelAnalysisLocked stops d's pending timer and running analysis.
func (s *server) cancelAnalysisLocked(d *document) {
	if d.timer != nil {
		if d.timer.Stop() {
			// The timer will never run its function, which would have
			// marked it done.
			s.wg.Done()
		}
		d.timer = nil
	}
	if d.cancel != nil {
		d.cancel()
		d.cancel = nil
	}
}

// analyzeAndPublish analyses generation gen of a document and pushes the
// diagnostics if nothing changed meanwhile and the set differs from the
// one the client has.
func (s *server) analyzeAndPublish(u uri.URI, gen uint64) {
	s.mu.Lock()
	d := s.docs[u]
	if d == nil || d.gen != gen || s.stopping {
		s.mu.Unlock()
		return
	}
	ctx, cancel := context.WithCancel(s.ctx)
	d.cancel = cancel
	d.timer = nil
	snap := d.snapshot()
	s.mu.Unlock()
	defer cancel()

	a := s.analyze(ctx, snap)
	if a == nil {
		return
	}
	s.remember(d, a)
	s.publish(d, a)
}

// remember stores a as d's newest analysis unless a newer one is there.
func (s *server) remember(d *document, a *analysis) {
	s.mu.Lock()
	if d.last == nil || d.last.snap.gen <= a.snap.gen {
		d.last = a
	}
	s.mu.Unlock()
	s.statusChanged()
}

// publish pushes a's diagnostics for d. pubMu makes publications of one
// document leave in the order their checks passed, so an older set can
// never overwrite a newer one in the client.
func (s *server) publish(d *document, a *analysis) {
	d.pubMu.Lock()
	defer d.pubMu.Unlock()
	s.mu.Lock()
	current := s.docs[d.uri] == d && d.gen == a.snap.gen && s.state == stateInitialized && !s.stopping
	changed := d.publishedID != a.id
	if current && changed {
		d.publishedID = a.id
	}
	s.mu.Unlock()
	// The encoding is kept only until the publication: an open document
	// keeps its analysis, and the diagnostics are in a.diags.
	wire := a.wire
	a.wire = nil
	if !current || !changed {
		return
	}
	if wire == nil {
		wire = encodeDiagnostics(a.diags, nil, false).wire
	}
	params, err := publishParams(d.uri, a.snap.version, wire)
	if err == nil {
		err = s.conn.Notify(s.ctx, protocol.MethodTextDocumentPublishDiagnostics, params)
	}
	if err != nil && s.ctx.Err() == nil {
		s.log.warnf("publishing diagnostics for %s: %v", d.uri, err)
	}
}

func (s *server) notifyDiagnostics(u uri.URI, version *int32, diags []protocol.Diagnostic) {
	p := &protocol.PublishDiagnosticsParams{URI: u, Diagnostics: diags}
	if p.Diagnostics == nil {
		p.Diagnostics = []protocol.Diagnostic{}
	}
	if version != nil {
		p.Version = protocol.NewOptional(*version)
	}
	if err := s.conn.Notify(s.ctx, protocol.MethodTextDocumentPublishDiagnostics, p); err != nil && s.ctx.Err() == nil {
		s.log.warnf("publishing diagnostics for %s: %v", u, err)
	}
}

// analyze runs the engine on a snapshot. It returns nil if ctx ended first.
// Files the config ignores, and documents in languages leakwatch does not
// know, get an empty analysis so that they still answer requests.
func (s *server) analyze(ctx context.Context, snap snapshot) *analysis {
	cfg, ignored := s.cfg.forPath(snap.path)
	s.mu.Lock()
	enc := s.enc
	s.mu.Unlock()
	a := &analysis{snap: snap, cfg: cfg, enc: enc}
	if snap.known && !ignored {
		s.facts.sync(snap)
		a.imports = s.facts.importsFor(snap.path)
		eng, lim := s.analysisEngine()
		if lim.maxFileSize > 0 && int64(len(snap.text)) > lim.maxFileSize {
			// Checked here rather than left to the engine, whose message
			// names the command line's flag.
			a.result.Skipped = fmt.Sprintf("it is %d bytes, more than the limit of %d; raise the setting \"maxFileSize\" (bytes, 0 for no limit) to analyse it",
				len(snap.text), lim.maxFileSize)
		} else {
			s.waitForCore()
			select {
			case s.sem <- struct{}{}:
			case <-ctx.Done():
				s.gaveUpWaiting()
				return nil
			}
			s.beginAnalysis()
			if s.beforeAnalysis != nil {
				s.beforeAnalysis(ctx, snap)
			}
			// The digest of the facts the analysis depends on is taken
			// before it runs: taken after, it could describe facts another
			// document's edit brought in meanwhile, and that edit's refresh
			// would find nothing stale and leave this result, made with
			// the old facts, published. Taken before, such an edit at worst
			// costs one more analysis.
			a.importsKey = s.facts.analysed(snap)
			start := time.Now()
			a.result = eng.AnalyzeIn(ctx, snap.session, a.file())
			<-s.sem
			s.endAnalysis(snap, time.Since(start))
			if ctx.Err() != nil {
				return nil
			}
			if a.result.SkipKind == analyzer.SkipParseBudget {
				a.result.Skipped += "; raise the setting \"parseTimeoutMs\" (0 for no limit) to analyse it"
			}
			s.log.debugf("analysed %s v%d in %v: %d findings", snap.uri, snap.version, time.Since(start), len(a.result.Diagnostics))
		}
	}
	s.noteSkipped(snap, a.result.Skipped)
	a.index = textpos.New(snap.text)
	a.diags = make([]protocol.Diagnostic, len(a.result.Diagnostics))
	for i := range a.result.Diagnostics {
		a.diags[i] = s.toDiagnostic(snap.uri, a.index, enc, &a.result.Diagnostics[i])
	}
	a.diags = s.withHeapEvidence(snap, a.index, enc, a.result.Diagnostics, a.diags)
	// Large documents keep each diagnostic's encoding for the next edit.
	var prev *analysis
	keep := len(snap.text) >= syntax.ReuseMinBytes
	if keep {
		s.mu.Lock()
		if d := s.docs[snap.uri]; d != nil && d.last != nil && d.last.enc == enc {
			prev = d.last
		}
		s.mu.Unlock()
	}
	e := encodeDiagnostics(a.diags, prev, keep)
	a.wire, a.id, a.pieces = e.wire, e.id, e.pieces
	return a
}

// noteSkipped tells the user why a document was not analysed: an editor
// shows no diagnostics either way, and without this an empty list would
// look like a clean file. An open document's reason is told once, not on
// every edit, until it changes.
func (s *server) noteSkipped(snap snapshot, reason string) {
	if snap.open {
		// Told once per kind of reason: a file that stays too large as
		// it is edited changes its size, not its reason.
		kind := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return -1
			}
			return r
		}, reason)
		s.mu.Lock()
		d := s.docs[snap.uri]
		told := d == nil || d.gen != snap.gen || d.skipped == kind
		if d != nil && !told {
			d.skipped = kind
		}
		s.mu.Unlock()
		if told {
			return
		}
	}
	if reason != "" {
		s.log.noticef("%s was not analysed: %s", snap.uri, reason)
	}
}

// current returns an analysis of the document's current text, reusing the
// last one when it is up to date. ok is false when the document is not
// open; then the analysis is of the file on disk, if there is one.
func (s *server) current(ctx context.Context, u uri.URI) (a *analysis, ok bool) {
	s.mu.Lock()
	d := s.docs[u]
	if d == nil {
		s.mu.Unlock()
		snap, found := s.diskSnapshot(u)
		if !found {
			return nil, false
		}
		return s.analyze(ctx, snap), false
	}
	if d.last != nil && d.last.snap.gen == d.gen {
		a := d.last
		s.mu.Unlock()
		return a, true
	}
	snap := d.snapshot()
	s.mu.Unlock()
	a = s.analyze(ctx, snap)
	if a != nil {
		s.remember(d, a)
	}
	return a, true
}

// diskSnapshot reads a file that is not open in the editor.
func (s *server) diskSnapshot(u uri.URI) (snapshot, bool) {
	if !u.IsFile() {
		return snapshot{}, false
	}
	path := uriPath(u)
	lang, component, known := langFor(path, "")
	if !known {
		return snapshot{}, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return snapshot{}, false
	}
	return snapshot{uri: u, path: path, lang: lang, component: component, known: true, text: string(data)}, true
}

// pullDiagnostics answers textDocument/diagnostic. An unchanged set is
// reported as such, so the client does not redraw.
func (s *server) pullDiagnostics(ctx context.Context, raw jsonrpc2.RawMessage) (any, error) {
	var p protocol.DocumentDiagnosticParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	a, _ := s.current(ctx, p.TextDocument.URI)
	if err := cancelled(ctx); err != nil {
		return nil, err
	}
	if a == nil {
		return &protocol.RelatedFullDocumentDiagnosticReport{FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{
			Kind: string(protocol.DocumentDiagnosticReportKindFull), Items: []protocol.Diagnostic{},
		}}, nil
	}
	if p.PreviousResultID != nil && *p.PreviousResultID == a.id {
		return &protocol.RelatedUnchangedDocumentDiagnosticReport{UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{
			Kind: string(protocol.DocumentDiagnosticReportKindUnchanged), ResultID: a.id,
		}}, nil
	}
	id := a.id
	return &protocol.RelatedFullDocumentDiagnosticReport{FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{
		Kind: string(protocol.DocumentDiagnosticReportKindFull), ResultID: &id, Items: a.diags,
	}}, nil
}

// reanalyzeAll re-checks every open document after a config change: push
// clients get fresh diagnostics, pull clients are asked to pull again.
func (s *server) reanalyzeAll() {
	s.mu.Lock()
	s.cfgGen++
	for _, d := range s.docs {
		s.restartLocked(d)
	}
	s.mu.Unlock()
	s.askPullRefresh()
}

// restartLocked forgets d's last analysis and schedules a new one; the
// caller holds s.mu.
func (s *server) restartLocked(d *document) {
	d.gen++
	d.last = nil
	s.scheduleLocked(d)
}

// askPullRefresh asks a pull client to pull diagnostics again
// (workspace/diagnostic/refresh), when it said it can.
func (s *server) askPullRefresh() {
	s.mu.Lock()
	refresh := s.client.pull && s.client.pullRefresh
	s.mu.Unlock()
	if !refresh {
		return
	}
	s.goSafe("asking the client to pull diagnostics", func() {
		ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
		defer cancel()
		if _, err := s.conn.Call(ctx, protocol.MethodWorkspaceDiagnosticRefresh, nil, nil); err != nil && s.ctx.Err() == nil {
			s.log.warnf("workspace/diagnostic/refresh: %v", err)
		}
	})
}
