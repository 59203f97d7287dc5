package lsp

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
)

// lockedBuffer collects the server's log from its goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// stdioClient runs a server whose input is a blocking pipe, as `leakwatch
// lsp` gets from an editor: a read of it cannot be interrupted. The client
// keeps its end open until the test ends, as an editor waiting for the
// server to exit does.
func stdioClient(t *testing.T) (*client, *lockedBuffer) {
	t.Helper()
	var fds [2]int
	if err := syscall.Pipe(fds[:]); err != nil {
		t.Fatal(err)
	}
	stdin, clientOut := os.NewFile(uintptr(fds[0]), "stdin"), os.NewFile(uintptr(fds[1]), "client-out")
	clientIn, stdout, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	log := &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	c := &client{t: t, exit: make(chan int, 1), cancel: cancel, notify: make(chan struct{}), srv: make(chan *server, 1)}
	go func() {
		c.exit <- Run(ctx, stdin, stdout, Options{Engine: testEngine(), Version: "test", Log: log,
			onServer: func(s *server) { c.srv <- s }})
	}()
	// Closing the client's connection (which jsonrpc2 does when the server
	// closes stdout) leaves the server's stdin open, as editors do.
	rwc := struct {
		io.Reader
		io.Writer
		io.Closer
	}{clientIn, clientOut, clientIn}
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewHeaderStream(rwc), jsonrpc2.WithCodec(codec{}))
	c.conn.Go(context.Background(), c.handle)
	t.Cleanup(func() {
		cancel()
		_ = clientOut.Close()
		_ = c.conn.Close()
		_ = stdin.Close()
		_ = stdout.Close()
	})
	c.initialize(config{caps: defaultCaps(), initOpts: map[string]any{"debounceMs": 0}})
	return c, log
}

// After exit, and when the process is told to stop (SIGTERM, SIGINT: Run's
// context ends), the server must return at once with code 0, its documents
// closed, without waiting for the client to close stdin.
func TestStopsPromptlyOnABlockingStdin(t *testing.T) {
	for _, how := range []string{"shutdown and exit", "signal"} {
		t.Run(how, func(t *testing.T) {
			c, log := stdioClient(t)
			const uri = "file:///work/app.js"
			c.open(uri, "javascript", "leak();\n", 1)
			c.waitPublish(0, uri, nil)
			s := c.server()

			var code int
			if how == "signal" {
				c.cancel()
				code = c.waitExit()
			} else {
				code = c.shutdownAndExit()
			}
			if code != 0 {
				t.Errorf("exit code %d, want 0", code)
			}
			if strings.Contains(log.String(), "did not close") {
				t.Errorf("the server waited for the client to close stdin:\n%s", log.String())
			}
			s.mu.Lock()
			open := len(s.docs)
			s.mu.Unlock()
			if open != 0 {
				t.Errorf("%d documents still open after the server stopped", open)
			}
		})
	}
}

// A server whose context ends while an analysis runs stops it and exits 0.
func TestSignalDuringAnalysis(t *testing.T) {
	g := newGate()
	c := start(t, config{engine: testEngine(g.rule())})
	c.open("file:///work/slow.js", "javascript", "slow();\n", 1)
	select {
	case <-g.entered:
	case <-time.After(deadline):
		t.Fatal("the analysis did not start")
	}
	c.cancel()
	// The rule holds the analysis until released; the engine notices the
	// cancellation only when the rule returns.
	close(g.release)
	if code := c.waitExit(); code != 0 {
		t.Errorf("exit code %d after the context ended, want 0", code)
	}
}
