package lsp

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/leakwatch/leakwatch/internal/walk"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

func (s *server) executeCommand(ctx context.Context, raw jsonrpc2.RawMessage) (any, error) {
	var p protocol.ExecuteCommandParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	if p.Command != commandCheckWorkspace {
		return nil, errorf(jsonrpc2.InvalidParams, "unknown command %q (the server knows %s)", p.Command, commandCheckWorkspace)
	}
	return s.checkWorkspace(ctx, p.WorkDoneToken)
}

// workspaceSummary is the result of leakwatch.checkWorkspace.
type workspaceSummary struct {
	Files             int  `json:"files"`
	FilesWithFindings int  `json:"filesWithFindings"`
	Findings          int  `json:"findings"`
	Cancelled         bool `json:"cancelled,omitempty"`
}

// checkWorkspace analyses every JavaScript and TypeScript file under the
// workspace folders and publishes the diagnostics of those not open in the
// editor (open ones already have theirs), reporting work-done progress.
func (s *server) checkWorkspace(ctx context.Context, token protocol.ProgressToken) (any, error) {
	s.mu.Lock()
	folders := append([]string(nil), s.folders...)
	s.mu.Unlock()
	if len(folders) == 0 {
		return nil, errorf(jsonrpc2.InvalidRequest, "the client opened no workspace folder, so there is no workspace to check")
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	prog := s.startProgress(ctx, token, cancel)
	defer prog.stop()
	prog.begin("leakwatch: checking the workspace")

	files := walkSources(ctx, folders)
	var sum workspaceSummary
	sum.Files = len(files)

	jobs := make(chan string)
	var done atomic.Int64
	var mu sync.Mutex // guards sum
	var wg sync.WaitGroup
	for range cap(s.sem) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer s.recoverPanic("checking the workspace")
			for path := range jobs {
				n := s.checkFile(ctx, path)
				mu.Lock()
				if n > 0 {
					sum.FilesWithFindings++
					sum.Findings += n
				}
				mu.Unlock()
				d := done.Add(1)
				prog.report(int(d), len(files))
			}
		}()
	}
feed:
	for _, f := range files {
		select {
		case jobs <- f:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()

	sum.Cancelled = ctx.Err() != nil
	msg := fmt.Sprintf("%d findings in %d of %d files", sum.Findings, sum.FilesWithFindings, sum.Files)
	if sum.Cancelled {
		msg = "cancelled after " + fmt.Sprint(done.Load()) + " files; " + msg
	}
	prog.end(msg)
	s.log.infof("checkWorkspace: %s", msg)
	return &sum, nil
}

// checkFile analyses one file from disk and publishes its diagnostics. It
// returns the number of findings.
func (s *server) checkFile(ctx context.Context, path string) int {
	u := uri.File(path)
	s.mu.Lock()
	_, open := s.docs[u]
	s.mu.Unlock()
	if open {
		return 0 // the editor's copy is the one that counts, and has its own
	}
	snap, ok := s.diskSnapshot(u)
	if !ok {
		return 0
	}
	a := s.analyze(ctx, snap)
	if a == nil {
		return 0
	}
	s.mu.Lock()
	_, open = s.docs[u]
	was := s.wsPublished[u]
	publish := !open && s.state == stateInitialized && (len(a.diags) > 0 || was)
	if publish {
		if len(a.diags) > 0 {
			s.wsPublished[u] = true
		} else {
			delete(s.wsPublished, u)
		}
	}
	s.mu.Unlock()
	if publish {
		s.notifyDiagnostics(u, nil, a.diags)
	}
	return len(a.diags)
}

// walkSources lists the files to analyse under folders with the CLI's
// walker: the same skipped folders, .gitignore files and symbolic-link
// rules, each file once.
func walkSources(ctx context.Context, folders []string) []string {
	var files []string
	opt := walk.Options{
		Match:    func(name string) bool { _, _, ok := langFor(name, ""); return ok },
		SkipDirs: walk.DefaultSkipDirs,
	}
	_ = walk.Walk(ctx, folders, opt, func(e walk.Entry) error {
		if ctx.Err() != nil {
			return walk.ErrStop
		}
		if e.Kind == walk.File {
			files = append(files, e.Abs)
		}
		return nil
	})
	return files
}

// progress reports a long task with $/progress, if the client gave a token
// or lets the server create one, and lets the client cancel it.
type progress struct {
	s     *server
	token protocol.ProgressToken // nil: report nothing
	key   string

	mu       sync.Mutex
	last     time.Time
	lastPct  uint32
	finished bool
}

var progressSeq atomic.Int64

func (s *server) startProgress(ctx context.Context, token protocol.ProgressToken, cancel context.CancelFunc) *progress {
	p := &progress{s: s, token: token}
	s.mu.Lock()
	create := token == nil && s.client.workDoneProgress
	s.mu.Unlock()
	if create {
		tok := protocol.String(fmt.Sprintf("leakwatch-%d", progressSeq.Add(1)))
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		_, err := s.conn.Call(cctx, protocol.MethodWindowWorkDoneProgressCreate, &protocol.WorkDoneProgressCreateParams{Token: tok}, nil)
		ccancel()
		if err == nil {
			p.token = tok
		} else {
			s.log.debugf("no progress token: %v", err)
		}
	}
	if p.token != nil {
		p.key = fmt.Sprint(p.token)
		s.mu.Lock()
		s.progress[p.key] = cancel
		s.mu.Unlock()
	}
	return p
}

func (p *progress) send(v any) {
	if p.token == nil {
		return
	}
	b, err := protocol.Marshal(v)
	if err != nil {
		return
	}
	_ = p.s.conn.Notify(p.s.ctx, protocol.MethodProgress, &protocol.ProgressParams{Token: p.token, Value: b})
}

func (p *progress) begin(title string) {
	p.send(&protocol.WorkDoneProgressBegin{Kind: "begin", Title: title, Cancellable: ptr(true), Percentage: ptr(uint32(0))})
}

// report sends at most ten updates a second; editors need no more.
func (p *progress) report(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished || total == 0 {
		return
	}
	pct := uint32(done * 100 / total)
	if time.Since(p.last) < 100*time.Millisecond && done != total || pct == p.lastPct && done != total {
		return
	}
	p.last, p.lastPct = time.Now(), pct
	p.send(&protocol.WorkDoneProgressReport{Kind: "report", Message: ptr(fmt.Sprintf("%d/%d files", done, total)), Percentage: &pct})
}

func (p *progress) end(msg string) {
	p.mu.Lock()
	p.finished = true
	p.mu.Unlock()
	p.send(&protocol.WorkDoneProgressEnd{Kind: "end", Message: &msg})
}

func (p *progress) stop() {
	if p.key == "" {
		return
	}
	p.s.mu.Lock()
	delete(p.s.progress, p.key)
	p.s.mu.Unlock()
}

func (s *server) workDoneProgressCancel(ctx context.Context, raw jsonrpc2.RawMessage) {
	var p protocol.WorkDoneProgressCancelParams
	if err := decode(raw, &p); err != nil {
		s.log.warnf("workDoneProgress/cancel: %v", err)
		return
	}
	s.mu.Lock()
	cancel := s.progress[fmt.Sprint(p.Token)]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

func (s *server) didChangeWorkspaceFolders(ctx context.Context, raw jsonrpc2.RawMessage) {
	var p protocol.DidChangeWorkspaceFoldersParams
	if err := decode(raw, &p); err != nil {
		s.log.warnf("didChangeWorkspaceFolders: %v", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	removed := map[string]bool{}
	for _, f := range p.Event.Removed {
		removed[uriPath(f.URI)] = true
	}
	var folders []string
	for _, f := range s.folders {
		if !removed[f] {
			folders = append(folders, f)
		}
	}
	for _, f := range p.Event.Added {
		folders = append(folders, uriPath(f.URI))
	}
	s.folders = folders
}
