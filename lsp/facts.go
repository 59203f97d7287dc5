package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/leakwatch/leakwatch/analyzer/facts"
	lc "github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// workspaceFacts keeps facts about the workspace's files (analyzer/facts)
// so each document is analysed knowing what it imports: base classes,
// helpers, singletons. Open buffers win over the disk. When a document's
// own facts change (a base class's dispose() is edited), the open
// documents whose imports reach it are analysed again.
type workspaceFacts struct {
	s *server

	mu       sync.Mutex
	programs map[string]*facts.Program // by project root
	// own holds the encoded facts of an open document's text as last
	// computed, to notice when an edit changes them. They are computed
	// only while another open document depends on them: a keystroke in a
	// file nobody open imports costs no parse for facts.
	own map[string]string
	// digests holds, per open document, the digest of the imported facts
	// its last analysis used, and deps the files that digest read.
	digests map[uri.URI]facts.Sum
	deps    map[uri.URI]map[string]bool

	// computed counts the open documents' facts computed on edits (for
	// tests).
	computed atomic.Int64
}

func newWorkspaceFacts(s *server) *workspaceFacts {
	return &workspaceFacts{s: s, programs: map[string]*facts.Program{}, own: map[string]string{},
		digests: map[uri.URI]facts.Sum{}, deps: map[uri.URI]map[string]bool{}}
}

// overlay reads open documents from their buffers and the rest from disk.
type overlay struct{ s *server }

func (o overlay) buffer(name string) (string, bool) {
	o.s.mu.Lock()
	defer o.s.mu.Unlock()
	for _, d := range o.s.docs {
		if d.path == name {
			return d.text, true
		}
	}
	return "", false
}

// ReadFile returns an open buffer's text without copying it: facts.FS
// callers only read what they are given.
func (o overlay) ReadFile(name string) ([]byte, error) {
	if text, ok := o.buffer(name); ok {
		return readOnlyBytes(text), nil
	}
	return os.ReadFile(name)
}

func (o overlay) SubDirs(name string) []string { return facts.DiskFS{}.SubDirs(name) }

// Files lists a folder's files on disk and its open buffers not saved yet.
func (o overlay) Files(name string) []string {
	out := facts.DiskFS{}.Files(name)
	have := map[string]bool{}
	for _, f := range out {
		have[f] = true
	}
	o.s.mu.Lock()
	defer o.s.mu.Unlock()
	for _, d := range o.s.docs {
		if filepath.Dir(d.path) == name && !have[filepath.Base(d.path)] {
			have[filepath.Base(d.path)] = true
			out = append(out, filepath.Base(d.path))
		}
	}
	return out
}

func (o overlay) IsFile(name string) bool {
	if _, ok := o.buffer(name); ok {
		return true
	}
	st, err := os.Stat(name)
	return err == nil && st.Mode().IsRegular()
}

// program returns the program of the project path belongs to: the
// innermost workspace folder holding it, else the folder with .git above
// it, else its own folder.
func (w *workspaceFacts) program(path string) *facts.Program {
	root := ""
	w.s.mu.Lock()
	for _, f := range w.s.folders {
		if (path == f || strings.HasPrefix(path, f+string(filepath.Separator))) && len(f) > len(root) {
			root = f
		}
	}
	w.s.mu.Unlock()
	if root == "" {
		root = filepath.Dir(path)
		for d := root; ; {
			if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
				root = d
				break
			}
			parent := filepath.Dir(d)
			if parent == d {
				break
			}
			d = parent
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	p, ok := w.programs[root]
	if !ok {
		p = facts.NewProgram(root, overlay{w.s}, func(msg string) { w.s.log.warnf("%s", msg) })
		w.programs[root] = p
	}
	return p
}

// importsFor answers the engine's questions about the imports of path.
func (w *workspaceFacts) importsFor(path string) lc.Imports {
	if !filepath.IsAbs(path) {
		return nil // an untitled buffer imports nothing we can find
	}
	return w.program(path).For(path)
}

// sync brings the program up to date with an open document's text before
// it is analysed, and analyses again the open documents whose imports
// reach this one when its facts changed.
//
// The document's own facts are computed only when another open document's
// last analysis read them. Otherwise the program merely forgets the file,
// and whoever asks about it later reads the buffer then.
func (w *workspaceFacts) sync(snap snapshot) {
	if !snap.open || !filepath.IsAbs(snap.path) {
		return
	}
	lang, ok := syntax.LangForPath(snap.path)
	if !ok {
		return
	}
	p := w.program(snap.path)
	if !w.hasDependents(snap.uri, filepath.Clean(snap.path)) {
		w.mu.Lock()
		delete(w.own, snap.path)
		_, analysed := w.digests[snap.uri]
		w.mu.Unlock()
		if analysed {
			// An edit of a buffer already open: the file went on
			// existing, so what imports resolve to is unchanged.
			p.Forget(snap.path)
		} else {
			p.Invalidate(snap.path)
		}
		return
	}
	m := facts.Compute(lang, readOnlyBytes(snap.text))
	w.computed.Add(1)
	enc, _ := facts.Encode(m)
	w.mu.Lock()
	old, seen := w.own[snap.path]
	w.own[snap.path] = string(enc)
	w.mu.Unlock()
	if seen && old == string(enc) {
		return
	}
	p.Invalidate(snap.path)
	// Facts changed, or were not known before (the dependents read them
	// while nobody kept them): the digests decide who is stale.
	w.refreshDependents(snap.uri)
}

// hasDependents reports whether the last analysis of an open document
// other than u read the facts of path.
func (w *workspaceFacts) hasDependents(u uri.URI, path string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for other, files := range w.deps {
		if other != u && files[path] {
			return true
		}
	}
	return false
}

// analysed records the imported facts an analysis of an open document
// used, and returns their digest ("" for a document without facts).
func (w *workspaceFacts) analysed(snap snapshot) string {
	if !snap.open || !filepath.IsAbs(snap.path) {
		return ""
	}
	d, deps := w.program(snap.path).DigestDeps(snap.path, readOnlyBytes(snap.text))
	w.mu.Lock()
	w.digests[snap.uri] = d
	w.deps[snap.uri] = deps
	w.mu.Unlock()
	return string(d[:])
}

// refreshDependents analyses again the open documents (other than
// changed) whose imported facts are no longer those they were analysed
// with.
func (w *workspaceFacts) refreshDependents(changed uri.URI) {
	type open struct {
		u          uri.URI
		path, text string
	}
	var docs []open
	w.s.mu.Lock()
	for u, d := range w.s.docs {
		if u != changed && d.known {
			docs = append(docs, open{u, d.path, d.text})
		}
	}
	w.s.mu.Unlock()
	var stale []uri.URI
	for _, d := range docs {
		if !filepath.IsAbs(d.path) {
			continue
		}
		now := w.program(d.path).Digest(d.path, readOnlyBytes(d.text))
		w.mu.Lock()
		before, ok := w.digests[d.u]
		w.mu.Unlock()
		if ok && before != now {
			stale = append(stale, d.u)
		}
	}
	if len(stale) > 0 {
		w.s.log.debugf("facts changed: analysing %d open documents again", len(stale))
		w.s.reanalyze(stale)
	}
}

// forget drops what is known about a file: its buffer closed (the disk
// wins again) or it changed on disk.
func (w *workspaceFacts) forget(u uri.URI, path string) {
	w.mu.Lock()
	delete(w.own, path)
	delete(w.digests, u)
	delete(w.deps, u)
	w.mu.Unlock()
	w.invalidate(path)
	// The disk's text may differ from the closed buffer's.
	w.refreshDependents(u)
}

// invalidate makes every program read path again.
func (w *workspaceFacts) invalidate(path string) {
	w.mu.Lock()
	progs := make([]*facts.Program, 0, len(w.programs))
	for _, p := range w.programs {
		progs = append(progs, p)
	}
	w.mu.Unlock()
	for _, p := range progs {
		p.Invalidate(path)
	}
}

// shellTemplateWatcher asks for changes of an Angular root component's
// template (app.component.html, app.html since Angular 20): the components
// it renders unconditionally live as long as the application
// (facts.Program's shell), so open components depend on it.
var shellTemplateWatcher = protocol.FileSystemWatcher{GlobPattern: protocol.Pattern("**/{app.component,app}.html")}

// diskChanged handles files that changed on disk (workspace/
// didChangeWatchedFiles): their facts are computed again, and open
// documents that depend on them are analysed again.
func (w *workspaceFacts) diskChanged(changes []protocol.FileEvent) {
	any := false
	for _, ch := range changes {
		path := uriPath(ch.URI)
		if _, ok := syntax.LangForPath(path); !ok && !strings.HasSuffix(path, ".json") && !strings.HasSuffix(path, ".yaml") && !strings.HasSuffix(path, ".html") {
			continue
		}
		w.invalidate(path)
		any = true
	}
	if any {
		w.refreshDependents("")
	}
}

// reanalyze schedules a new analysis of the given open documents, as a
// configuration change does for all of them.
func (s *server) reanalyze(uris []uri.URI) {
	s.mu.Lock()
	for _, u := range uris {
		if d := s.docs[u]; d != nil {
			s.restartLocked(d)
		}
	}
	s.mu.Unlock()
	s.askPullRefresh()
}
