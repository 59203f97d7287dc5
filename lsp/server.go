// Package lsp is leakwatch's language server. It is the only package that
// imports go.lsp.dev; it runs the same engine as `leakwatch check`, so the
// editor and the CLI always agree.
//
// The files split the server by job: server.go (process lifecycle),
// transport.go (framing, codec), handler.go (the jsonrpc2 handler chain),
// initialize.go (capability negotiation), documents.go (text sync),
// diagnostics.go (analysis scheduling, push and pull), workspacediag.go
// (workspace/diagnostic), convert.go (engine results to LSP values),
// codeaction.go (actions, codeAction/resolve), suppress.go and
// unsuppress.go (writing and removing ignore comments), hover.go,
// status.go (leakwatch/status), config.go and workspace.go
// (checkWorkspace).
package lsp

import (
	"context"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/uri"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

// Options configure a server.
type Options struct {
	// Engine is the analysis engine with the rules registered.
	Engine *analyzer.Engine
	// Version is reported in serverInfo.
	Version string
	// Log receives the server's log lines (stderr); never stdout.
	Log io.Writer
	// Verbose adds debug lines to the log.
	Verbose bool
	// Debounce is how long the server waits after an edit before analysing
	// the document; each edit restarts the wait. Zero means
	// DefaultDebounce; clients can override it with the initialization
	// option "debounceMs" (0 analyses at once, as the benchmarks do).
	Debounce time.Duration

	// onServer, for tests in this package, is called with the session
	// before it serves, so a test can look at what the server holds.
	onServer func(*server)
}

// DefaultDebounce is short enough to feel immediate and long enough that a
// burst of keystrokes is analysed once.
const DefaultDebounce = 150 * time.Millisecond

// splitRulesFrom is the document size from which the rules run in two
// groups side by side (analyzer.Engine.SplitRulesFrom). Below it an
// analysis takes a few milliseconds and a second scope and lifecycle model
// would cost more than they save.
const splitRulesFrom = 64 << 10

// lifecycle states, in the order the LSP specification allows.
type lifecycle int

const (
	stateNew         lifecycle = iota // before initialize
	stateInitialized                  // initialize answered
	stateShutdown                     // shutdown answered; only exit is left
)

// server is one client's session.
type server struct {
	engine *analyzer.Engine
	opts   Options
	log    *logger
	conn   jsonrpc2.Conn

	// ctx ends when the session ends (exit, lost client); every analysis
	// and server-to-client call derives from it.
	ctx    context.Context
	cancel context.CancelFunc
	// wg counts the goroutines and pending timers the server started, so
	// Run returns only when none is left.
	wg sync.WaitGroup
	// sem bounds concurrent analyses to the number of cores: a config
	// change re-analyses every open document at once. At least two, so
	// that one huge document cannot hold up every other one on a
	// single-core machine.
	sem chan struct{}

	exitOnce sync.Once
	exited   chan struct{}

	mu       sync.Mutex // guards everything below
	state    lifecycle
	stopping bool // no new goroutines or timers once set
	client   clientCaps
	enc      textpos.Encoding
	debounce time.Duration
	limits   limits
	folders  []string
	docs     map[uri.URI]*document
	// wsPublished lists the files outside the editor whose diagnostics
	// checkWorkspace published, so a rerun can clear the ones now clean.
	wsPublished map[uri.URI]bool
	// progress maps work-done tokens to the cancel of their task, for
	// window/workDoneProgress/cancel.
	progress map[string]context.CancelFunc

	cfg *configStore
	// cfgGen counts configuration changes, which invalidate disk.
	cfgGen uint64
	// disk keeps the analyses of workspace files for workspace/diagnostic.
	disk diskCache
	// facts knows what the workspace's files export (lsp/facts.go).
	facts *workspaceFacts

	heap heapEvidence // runtime evidence from a heap report (heapevidence.go)

	inflight inflight

	reqs  map[string]requestFunc
	notes map[string]notificationFunc

	// act is what the analyses are doing, for the status; statusWake
	// tells the status sender that something changed.
	act          activity
	statusWake   chan struct{}
	statusNotify bool // the client asked for $/leakwatch/status

	// beforeAnalysis, for tests, runs when an analysis holds its slot and
	// is about to start the engine.
	beforeAnalysis func(context.Context, snapshot)
}

func newServer(opts Options) *server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	s := &server{
		engine:      opts.Engine,
		opts:        opts,
		log:         &logger{w: opts.Log, verbose: opts.Verbose},
		sem:         make(chan struct{}, max(2, runtime.GOMAXPROCS(0))),
		exited:      make(chan struct{}),
		statusWake:  make(chan struct{}, 1),
		debounce:    opts.Debounce,
		docs:        make(map[uri.URI]*document),
		wsPublished: make(map[uri.URI]bool),
		progress:    make(map[string]context.CancelFunc),
		enc:         textpos.UTF16,
		limits:      limits{maxFileSize: opts.Engine.MaxFileSize, parseTimeout: opts.Engine.ParseTimeout},
	}
	s.cfg = newConfigStore(s.engine.RuleIDs(), s.log)
	s.facts = newWorkspaceFacts(s)
	s.reqs = s.requests()
	s.notes = s.notifications()
	return s
}

// limits bound the work one document can cost. They start as the
// engine's and clients change them with the settings "maxFileSize" (bytes)
// and "parseTimeoutMs"; zero means no limit.
type limits struct {
	maxFileSize  int64
	parseTimeout time.Duration
}

func (s *server) applyLimitsLocked(st settings) {
	if st.maxFileSize != nil {
		s.limits.maxFileSize = *st.maxFileSize
	}
	if st.parseTimeout != nil {
		s.limits.parseTimeout = *st.parseTimeout
	}
}

// analysisEngine returns the engine with the session's limits. It is a
// copy (the engine is a small struct of shared read-only tables), so a
// settings change never races with an analysis that is running.
func (s *server) analysisEngine() (*analyzer.Engine, limits) {
	s.mu.Lock()
	lim := s.limits
	s.mu.Unlock()
	eng := *s.engine
	eng.MaxFileSize, eng.ParseTimeout = lim.maxFileSize, lim.parseTimeout
	return &eng, lim
}

// Run serves one client over in/out until it exits, and returns the process
// exit code the LSP specification asks for: 0 after shutdown, 1 when the
// client exits without shutdown or goes away. When ctx ends (the process
// got SIGTERM or SIGINT) the server stops cleanly and returns 0: it was
// asked to stop, it did not fail.
func Run(ctx context.Context, in io.Reader, out io.Writer, opts Options) int {
	if opts.Engine == nil {
		opts.Engine = analyzer.NewEngine(nil)
	}
	// The session works on its own copy of the engine, so that its
	// settings (below, and the limits a client sets in initialize) never
	// reach the caller's engine, which other sessions may share.
	eng := *opts.Engine
	// Published diagnostics carry unvalidated fixes; a code action request
	// validates the one it offers (Engine.CheckFix), which is far cheaper
	// than validating every fix on every keystroke.
	eng.ValidateFixes = false
	// Nor are fixes built for publishing: a code action builds those of
	// its document's findings once (analysis.fixesOf).
	eng.DeferFixes = true
	// A keystroke in a large document waits for every rule: with a core
	// to spare, its rules run in two groups side by side.
	if runtime.GOMAXPROCS(0) > 1 && eng.SplitRulesFrom == 0 {
		eng.SplitRulesFrom = splitRulesFrom
	}
	opts.Engine = &eng

	// stdout is the protocol channel. Anything in the process that prints
	// to os.Stdout by mistake would corrupt it, so point os.Stdout at
	// stderr while we own the real one.
	if f, ok := out.(*os.File); ok && f == os.Stdout {
		os.Stdout = os.Stderr
		defer func() { os.Stdout = f }()
	}

	s := newServer(opts)
	s.ctx, s.cancel = context.WithCancel(ctx)
	defer s.cancel()
	if opts.onServer != nil {
		opts.onServer(s)
	}

	stream := newTolerantStream(&pipe{in: in, out: out}, func(err error) {
		s.log.warnf("ignored a malformed message: %v", err)
	}, func() {
		// The client is gone. jsonrpc2 reports that (Done) only once every
		// request handler has returned, and a handler in a long analysis
		// returns only when cancelled: cancel everything now, or Run
		// would wait for the analysis to finish on its own.
		s.cancel()
	})
	s.conn = jsonrpc2.NewConn(stream, jsonrpc2.WithCodec(codec{}))
	s.conn.Go(s.ctx, s.handler())

	select {
	case <-s.exited:
	case <-s.conn.Done():
		if err := s.conn.Err(); err != nil {
			s.log.errorf("connection to the client failed: %v", err)
		} else {
			s.log.infof("the client closed the connection")
		}
	case <-ctx.Done():
	}
	// Asked to stop (SIGTERM, SIGINT), whichever of the cases above came
	// first: ending the context can also end the connection.
	stopped := ctx.Err() != nil
	if stopped {
		s.log.infof("asked to stop; closing the documents")
	}

	s.stop()
	s.log.detach()
	s.closeConn(in)

	s.mu.Lock()
	code := 1
	if s.state == stateShutdown || stopped {
		code = 0
	}
	s.mu.Unlock()
	return code
}

// stop ends all the server's own work: pending debounce timers, analyses,
// workspace checks, calls to the client. It returns when their goroutines
// have returned, with every document closed and its syntax tree freed.
func (s *server) stop() {
	s.mu.Lock()
	s.stopping = true
	for _, d := range s.docs {
		s.cancelAnalysisLocked(d)
	}
	s.mu.Unlock()
	s.cancel()
	s.wg.Wait()
	// No analysis runs any more: free the documents' syntax trees.
	s.mu.Lock()
	for u, d := range s.docs {
		if d.session != nil {
			d.session.Close()
		}
		delete(s.docs, u)
	}
	s.mu.Unlock()
}

// closeConn closes the connection. jsonrpc2's Close waits for its read
// loop, and a read of a blocking file (stdin from a pipe or a terminal)
// cannot be interrupted: it returns only when the client closes its end,
// which a client waiting for the server to exit may never do. For such
// input, close in the background and return at once; the process exits
// right after Run, which ends that read. Other input (sockets, net.Pipe,
// os.Pipe) is interrupted by the close, so wait for it.
func (s *server) closeConn(in io.Reader) {
	done := make(chan struct{})
	go func() {
		_ = s.conn.Close()
		close(done)
	}()
	if f, ok := in.(*os.File); ok {
		// A file the runtime cannot poll has no deadlines: that is the
		// blocking kind.
		if err := f.SetReadDeadline(time.Now()); err != nil {
			return
		}
	}
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		s.log.warnf("the connection did not close within 2s; exiting anyway")
	}
}

// goSafe runs fn on a goroutine counted by s.wg, recovering a panic so that
// one bad document cannot end the session. It reports false, and does not
// run fn, once the server is stopping.
func (s *server) goSafe(what string, fn func()) bool {
	if !s.track() {
		return false
	}
	go func() {
		defer s.wg.Done()
		defer s.recoverPanic(what)
		fn()
	}()
	return true
}

// track counts one more piece of work in s.wg, unless the server is
// stopping; the caller then calls s.wg.Done when it is finished.
func (s *server) track() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopping {
		return false
	}
	s.wg.Add(1)
	return true
}

func (s *server) recoverPanic(what string) {
	if p := recover(); p != nil {
		s.log.errorf("internal error in %s (please report it): %v\n%s", what, p, stack())
	}
}

func stack() string {
	buf := make([]byte, 8<<10)
	return string(buf[:runtime.Stack(buf, false)])
}

// onExit ends the session; Run returns after it.
func (s *server) onExit() {
	s.exitOnce.Do(func() { close(s.exited) })
}
