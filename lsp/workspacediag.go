package lsp

import (
	"context"
	"fmt"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// noDiagnosticsID is the result id of a clean file.
var noDiagnosticsID = diagnosticsID(nil)

// workspaceDiagnostics answers workspace/diagnostic, the pull clients'
// view of every file under the workspace folders. The report lists:
//   - the files with findings, in full;
//   - the files the client has a result for: "unchanged" when their
//     result id is still right, in full otherwise (an empty list clears a
//     file that became clean, was deleted or is now ignored);
//   - open documents as the editor has them, with their version.
//
// Clean files the client knows nothing of are left out, so a large clean
// workspace costs a small answer. Clients ask again every few seconds, so
// files read from disk are analysed again only when their size or
// modification time changed, or the configuration did.
func (s *server) workspaceDiagnostics(ctx context.Context, raw jsonrpc2.RawMessage) (any, error) {
	var p protocol.WorkspaceDiagnosticParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	prev := make(map[uri.URI]string, len(p.PreviousResultIds))
	for _, r := range p.PreviousResultIds {
		prev[r.URI] = r.Value
	}
	s.mu.Lock()
	folders := append([]string(nil), s.folders...)
	s.mu.Unlock()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Progress only with the client's token: a token of our own would
	// put a notification on screen at every one of its periodic pulls.
	prog := &progress{s: s}
	if p.WorkDoneToken != nil {
		prog = s.startProgress(ctx, p.WorkDoneToken, cancel)
	}
	defer prog.stop()
	prog.begin("leakwatch: checking the workspace")

	files := walkSources(ctx, folders)
	reports := make([]protocol.WorkspaceDocumentDiagnosticReport, len(files))
	var done atomic.Int64
	s.forEachFile(ctx, files, func(i int, path string) {
		reports[i] = s.workspaceReport(ctx, path, prev)
		prog.report(int(done.Add(1)), len(files))
	})
	if err := cancelled(ctx); err != nil {
		prog.end("cancelled")
		return nil, err
	}
	s.disk.retain(files)

	items := []protocol.WorkspaceDocumentDiagnosticReport{}
	listed := make(map[uri.URI]bool, len(files))
	withFindings := 0
	for i, r := range reports {
		listed[uri.File(files[i])] = true
		if r == nil {
			continue
		}
		if full, ok := r.(*protocol.WorkspaceFullDocumentDiagnosticReport); ok && len(full.Items) > 0 {
			withFindings++
		}
		items = append(items, r)
	}
	// Files the client knows that are gone from the workspace.
	var gone []uri.URI
	for u, id := range prev {
		if !listed[u] && id != noDiagnosticsID {
			gone = append(gone, u)
		}
	}
	sort.Slice(gone, func(i, j int) bool { return gone[i] < gone[j] })
	for _, u := range gone {
		items = append(items, fullReport(u, nil, noDiagnosticsID, nil))
	}
	prog.end(fmt.Sprintf("%d of %d files have findings", withFindings, len(files)))
	return &protocol.WorkspaceDiagnosticReport{Items: items}, nil
}

// workspaceReport is the report of one file, or nil when there is nothing
// to tell the client (a clean file it has no result for).
func (s *server) workspaceReport(ctx context.Context, path string, prev map[uri.URI]string) protocol.WorkspaceDocumentDiagnosticReport {
	u := uri.File(path)
	s.mu.Lock()
	_, open := s.docs[u]
	s.mu.Unlock()
	var (
		id      string
		diags   []protocol.Diagnostic
		version *int32
	)
	if open {
		a, stillOpen := s.current(ctx, u)
		if a == nil {
			return nil
		}
		if stillOpen {
			v := a.snap.version
			version = &v
		}
		id, diags = a.id, a.diags
	} else {
		e, ok := s.diskResult(ctx, u, path)
		if !ok {
			return nil
		}
		id, diags = e.id, e.diags
	}
	old, known := prev[u]
	switch {
	case known && old == id:
		return &protocol.WorkspaceUnchangedDocumentDiagnosticReport{
			UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{
				Kind: string(protocol.DocumentDiagnosticReportKindUnchanged), ResultID: id,
			},
			URI: u, Version: version,
		}
	case known || len(diags) > 0:
		return fullReport(u, version, id, diags)
	}
	return nil
}

func fullReport(u uri.URI, version *int32, id string, diags []protocol.Diagnostic) *protocol.WorkspaceFullDocumentDiagnosticReport {
	if diags == nil {
		diags = []protocol.Diagnostic{}
	}
	return &protocol.WorkspaceFullDocumentDiagnosticReport{
		FullDocumentDiagnosticReport: protocol.FullDocumentDiagnosticReport{
			Kind: string(protocol.DocumentDiagnosticReportKindFull), ResultID: &id, Items: diags,
		},
		URI: u, Version: version,
	}
}

// forEachFile calls fn for every file, on as many goroutines as analyses
// may run at once, until ctx ends. A panic in fn is logged and costs only
// that file.
func (s *server) forEachFile(ctx context.Context, files []string, fn func(i int, path string)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range cap(s.sem) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				func() {
					defer s.recoverPanic("checking " + files[i])
					fn(i, files[i])
				}()
			}
		}()
	}
feed:
	for i := range files {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
}

// diskEntry is the last analysis of a file on disk, kept without its text.
type diskEntry struct {
	modTime time.Time
	size    int64
	cfgGen  uint64 // the configuration it was analysed under
	id      string
	diags   []protocol.Diagnostic
}

// diskCache holds the workspace files' last analyses between pulls.
type diskCache struct {
	mu sync.Mutex
	m  map[string]diskEntry
}

func (c *diskCache) get(path string) (diskEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[path]
	return e, ok
}

func (c *diskCache) put(path string, e diskEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string]diskEntry)
	}
	c.m[path] = e
}

// retain forgets the files that are no longer in the workspace.
func (c *diskCache) retain(files []string) {
	keep := make(map[string]bool, len(files))
	for _, f := range files {
		keep[f] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.m {
		if !keep[p] {
			delete(c.m, p)
		}
	}
}

// diskResult analyses a file that is not open, or returns its cached
// result if neither the file nor the configuration changed since.
func (s *server) diskResult(ctx context.Context, u uri.URI, path string) (diskEntry, bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return diskEntry{}, false
	}
	s.mu.Lock()
	gen := s.cfgGen
	s.mu.Unlock()
	if e, ok := s.disk.get(path); ok && e.modTime.Equal(fi.ModTime()) && e.size == fi.Size() && e.cfgGen == gen {
		return e, true
	}
	snap, ok := s.diskSnapshot(u)
	if !ok {
		return diskEntry{}, false
	}
	a := s.analyze(ctx, snap)
	if a == nil {
		return diskEntry{}, false
	}
	e := diskEntry{modTime: fi.ModTime(), size: fi.Size(), cfgGen: gen, id: a.id, diags: a.diags}
	s.disk.put(path, e)
	return e, true
}
