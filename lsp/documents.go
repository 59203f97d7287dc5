package lsp

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

// document is an open editor buffer. Its fields are guarded by server.mu,
// except pubMu, which orders its publications.
type document struct {
	uri       uri.URI
	path      string
	lang      syntax.Lang
	component bool // .vue or .svelte: the engine finds the script blocks
	known     bool // the grammar is known: the document is analysed
	version   int32
	text      string
	// gen counts changes (and config changes); an analysis publishes only
	// if no change came after the one it started from.
	gen uint64

	timer  *time.Timer        // pending debounced analysis
	cancel context.CancelFunc // analysis in flight

	// last is the newest analysis made, possibly of an older text.
	last *analysis
	// skipped is the kind of reason the user was last told that the
	// document is not analysed ("" when it is).
	skipped string
	// publishedID identifies the set last pushed to the client ("" for
	// none), so an unchanged set is not sent again.
	publishedID string

	pubMu sync.Mutex

	// session keeps the document's syntax tree between analyses so each
	// edit reparses only what changed. Closed with the document.
	session *analyzer.Session
}

// snapshot is a consistent copy of what an analysis needs.
type snapshot struct {
	uri       uri.URI
	path      string
	lang      syntax.Lang
	component bool
	known     bool
	version   int32
	text      string
	gen       uint64
	open      bool // false for files read from disk
	session   *analyzer.Session
}

func (d *document) snapshot() snapshot {
	return snapshot{uri: d.uri, path: d.path, lang: d.lang, component: d.component, known: d.known,
		version: d.version, text: d.text, gen: d.gen, open: true, session: d.session}
}

// languages maps LSP language ids to grammars, for buffers whose name has
// no known extension (untitled buffers, unusual names).
var languages = map[protocol.LanguageKind]syntax.Lang{
	"javascript":      syntax.JavaScript,
	"javascriptreact": syntax.JavaScript,
	"typescript":      syntax.TypeScript,
	"typescriptreact": syntax.TSX,
}

// langFor picks the grammar: the file extension first, because it is more
// precise than the language id (.tsx and .ts are both "typescript" in some
// clients), then the language id. Single-file components (.vue, .svelte)
// are known but have no grammar of their own: the engine picks it from
// their script blocks.
func langFor(path string, id protocol.LanguageKind) (lang syntax.Lang, component, known bool) {
	if analyzer.IsComponentFile(path) {
		return 0, true, true
	}
	if l, ok := syntax.LangForPath(path); ok {
		return l, false, true
	}
	l, ok := languages[id]
	return l, false, ok
}

func (s *server) didOpen(ctx context.Context, raw jsonrpc2.RawMessage) {
	var p protocol.DidOpenTextDocumentParams
	if err := decode(raw, &p); err != nil {
		s.log.warnf("didOpen: %v", err)
		return
	}
	item := p.TextDocument
	// Clone the strings the document keeps: decoded strings may share
	// one buffer with the whole message.
	u := uri.URI(strings.Clone(string(item.URI)))
	path := uriPath(u)
	lang, component, known := langFor(path, item.LanguageID)
	d := &document{uri: u, path: path, lang: lang, component: component, known: known, version: item.Version, text: strings.Clone(item.Text),
		session: &analyzer.Session{}}

	s.mu.Lock()
	if old := s.docs[u]; old != nil {
		// Opened twice without a close: the new text wins.
		s.cancelAnalysisLocked(old)
		d.gen = old.gen + 1
	}
	s.docs[u] = d
	wasWorkspace := s.wsPublished[u]
	delete(s.wsPublished, u)
	pull := s.client.pull
	s.scheduleLocked(d)
	s.mu.Unlock()

	if wasWorkspace && pull {
		// checkWorkspace pushed diagnostics for this file while it was
		// closed; the client now pulls them, so take the pushed ones back
		// rather than show both.
		s.notifyDiagnostics(u, nil, nil)
	}
	s.log.debugf("opened %s (version %d, %d bytes, analysed: %v)", u, item.Version, len(item.Text), known)
}

func (s *server) didChange(ctx context.Context, raw jsonrpc2.RawMessage) {
	var p protocol.DidChangeTextDocumentParams
	if err := decode(raw, &p); err != nil {
		s.log.warnf("didChange: %v", err)
		return
	}
	u := p.TextDocument.URI
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[u]
	if d == nil {
		s.log.warnf("didChange for %s, which is not open; ignored", u)
		return
	}
	if p.TextDocument.Version <= d.version {
		s.log.warnf("didChange for %s with version %d, not newer than %d; ignored", u, p.TextDocument.Version, d.version)
		return
	}
	text, err := applyChanges(d.text, p.ContentChanges, s.enc)
	if err != nil {
		s.log.warnf("didChange for %s: %v", u, err)
	}
	d.text = text
	d.version = p.TextDocument.Version
	d.gen++
	s.scheduleLocked(d)
}

func (s *server) didClose(ctx context.Context, raw jsonrpc2.RawMessage) {
	var p protocol.DidCloseTextDocumentParams
	if err := decode(raw, &p); err != nil {
		s.log.warnf("didClose: %v", err)
		return
	}
	u := p.TextDocument.URI
	s.mu.Lock()
	d := s.docs[u]
	if d == nil {
		s.mu.Unlock()
		s.log.debugf("didClose for %s, which is not open; ignored", u)
		return
	}
	s.cancelAnalysisLocked(d)
	delete(s.docs, u)
	defer s.facts.forget(u, d.path)
	pull := s.client.pull
	s.mu.Unlock()
	if d.session != nil {
		// Waits for a (now cancelled) analysis still using the tree, then
		// frees it. Not under s.mu: that analysis may be reading another
		// open buffer's facts (overlay.buffer takes s.mu), and would wait
		// for us while we wait for it.
		d.session.Close()
	}
	s.statusChanged()

	// Clear what the client shows for the closed buffer: nothing about it
	// is kept, so nothing would ever update those diagnostics again.
	if !pull {
		d.pubMu.Lock()
		if d.publishedID != "" {
			s.notifyDiagnostics(u, nil, nil)
		}
		d.pubMu.Unlock()
	}
}

// charEnd moves an offset that falls inside a UTF-8 sequence to the end of
// that character. A UTF-8 column can point there (textpos counts bytes);
// editing there would cut the character in two and leave invalid UTF-8
// that neither the client nor the server could address again. Rounding up
// matches what textpos does with half a UTF-16 surrogate pair.
func charEnd(text string, off int) int {
	for off > 0 && off < len(text) && !utf8.RuneStart(text[off]) {
		off++
	}
	return off
}

// applyChanges applies didChange events in order. Each range is in the
// text as left by the events before it, in the negotiated encoding.
func applyChanges(text string, changes []protocol.TextDocumentContentChangeEvent, enc textpos.Encoding) (string, error) {
	var errs []string
	for i, ch := range changes {
		switch c := ch.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			text = c.Text
		case *protocol.TextDocumentContentChangePartial:
			ix := textpos.New(text)
			start := charEnd(text, ix.Offset(int(c.Range.Start.Line), int(c.Range.Start.Character), enc))
			end := charEnd(text, ix.Offset(int(c.Range.End.Line), int(c.Range.End.Character), enc))
			if end < start {
				errs = append(errs, fmt.Sprintf("change %d has its end before its start; applied as an insertion", i))
				end = start
			}
			var b strings.Builder
			b.Grow(len(text) - (end - start) + len(c.Text))
			b.WriteString(text[:start])
			b.WriteString(c.Text)
			b.WriteString(text[end:])
			text = b.String()
		default:
			errs = append(errs, fmt.Sprintf("change %d is neither a range edit nor a full text; skipped", i))
		}
	}
	if len(errs) > 0 {
		return text, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return text, nil
}
