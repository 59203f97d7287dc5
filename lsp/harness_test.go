package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	lspuri "go.lsp.dev/uri"

	"github.com/leakwatch/leakwatch/analyzer"
)

// The tests drive the server the way an editor does: over a pipe, through
// the real jsonrpc2 connection and handler chain. They wait for the message
// they expect with a deadline, never for a fixed time.

const deadline = 10 * time.Second

type tPos struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type tRange struct {
	Start tPos `json:"start"`
	End   tPos `json:"end"`
}

type tDiag struct {
	Range           tRange `json:"range"`
	Severity        int    `json:"severity"`
	Code            string `json:"code"`
	Source          string `json:"source"`
	Message         string `json:"message"`
	CodeDescription struct {
		Href string `json:"href"`
	} `json:"codeDescription"`
	RelatedInformation []struct {
		Location struct {
			URI   string `json:"uri"`
			Range tRange `json:"range"`
		} `json:"location"`
		Message string `json:"message"`
	} `json:"relatedInformation"`
}

type tPublish struct {
	URI         string  `json:"uri"`
	Version     *int    `json:"version"`
	Diagnostics []tDiag `json:"diagnostics"`
}

type tEdit struct {
	Range   tRange `json:"range"`
	NewText string `json:"newText"`
}

type tAction struct {
	Title       string  `json:"title"`
	Kind        string  `json:"kind"`
	IsPreferred bool    `json:"isPreferred"`
	Diagnostics []tDiag `json:"diagnostics"`
	Edit        struct {
		Changes         map[string][]tEdit `json:"changes"`
		DocumentChanges []struct {
			TextDocument struct {
				URI     string `json:"uri"`
				Version *int   `json:"version"`
			} `json:"textDocument"`
			Edits []tEdit `json:"edits"`
		} `json:"documentChanges"`
	} `json:"edit"`
}

// message is one notification or request the server sent the client.
type message struct {
	method string
	params json.RawMessage
}

type client struct {
	t      *testing.T
	conn   jsonrpc2.Conn
	raw    net.Conn
	exit   chan int
	cancel context.CancelFunc

	// srv is the session, for tests that look at what the server holds.
	srv chan *server

	mu     sync.Mutex
	msgs   []message
	notify chan struct{} // closed and replaced on every message
}

type config struct {
	engine   *analyzer.Engine
	initOpts any
	caps     map[string]any
	folders  []string
	noInit   bool
	// onServer is called with the session before it serves, to set test
	// hooks.
	onServer func(*server)
}

func defaultCaps() map[string]any {
	return map[string]any{
		"textDocument": map[string]any{
			"codeAction": map[string]any{"codeActionLiteralSupport": map[string]any{
				"codeActionKind": map[string]any{"valueSet": []string{"quickfix", "source", "source.fixAll"}}}},
			"hover":              map[string]any{"contentFormat": []string{"markdown", "plaintext"}},
			"publishDiagnostics": map[string]any{"relatedInformation": true, "versionSupport": true},
		},
		"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}},
		"window":    map[string]any{"workDoneProgress": true},
	}
}

// start runs a server on one end of a pipe and a client on the other, and
// initializes the session unless cfg.noInit.
func start(t *testing.T, cfg config) *client {
	t.Helper()
	if cfg.engine == nil {
		cfg.engine = testEngine()
	}
	if cfg.caps == nil {
		cfg.caps = defaultCaps()
	}
	if cfg.initOpts == nil {
		cfg.initOpts = map[string]any{"debounceMs": 0}
	}
	srv, cli := net.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	c := &client{t: t, raw: cli, exit: make(chan int, 1), cancel: cancel, notify: make(chan struct{}), srv: make(chan *server, 1)}
	go func() {
		c.exit <- Run(ctx, srv, srv, Options{Engine: cfg.engine, Version: "test", Log: testLog{t},
			onServer: func(s *server) {
				if cfg.onServer != nil {
					cfg.onServer(s)
				}
				c.srv <- s
			}})
	}()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewHeaderStream(cli), jsonrpc2.WithCodec(codec{}))
	c.conn.Go(context.Background(), c.handle)
	t.Cleanup(func() {
		cancel()
		_ = c.conn.Close()
		select {
		case <-c.exit:
		case <-time.After(deadline):
			t.Errorf("server did not stop")
		}
	})
	if !cfg.noInit {
		c.initialize(cfg)
	}
	return c
}

func (c *client) initialize(cfg config) map[string]any {
	c.t.Helper()
	params := map[string]any{
		"processId":             nil,
		"clientInfo":            map[string]any{"name": "leakwatch-test"},
		"capabilities":          cfg.caps,
		"initializationOptions": cfg.initOpts,
	}
	if len(cfg.folders) > 0 {
		var fs []map[string]any
		for _, f := range cfg.folders {
			fs = append(fs, map[string]any{"uri": "file://" + f, "name": f})
		}
		params["workspaceFolders"] = fs
		params["rootUri"] = "file://" + cfg.folders[0]
	} else {
		params["rootUri"] = nil
	}
	var res map[string]any
	if err := c.call("initialize", params, &res); err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	c.notifyServer("initialized", map[string]any{})
	return res
}

// server returns the session serving this client.
func (c *client) server() *server {
	c.t.Helper()
	select {
	case s := <-c.srv:
		c.srv <- s
		return s
	case <-time.After(deadline):
		c.t.Fatal("the server did not start")
		return nil
	}
}

// text is what the server holds as the text of an open document, and
// whether it holds the document at all.
func (c *client) text(uri string) (string, bool) {
	s := c.server()
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[lspuri.URI(uri)]
	if d == nil {
		return "", false
	}
	return d.text, true
}

// handle records what the server sends and answers its requests.
func (c *client) handle(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	c.mu.Lock()
	c.msgs = append(c.msgs, message{method: strings.Clone(req.Method()), params: append(json.RawMessage(nil), req.Params()...)})
	close(c.notify)
	c.notify = make(chan struct{})
	c.mu.Unlock()
	return nil, nil
}

func (c *client) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	raw, err := json.Marshal(params)
	if err != nil {
		return err
	}
	var out jsonrpc2.RawMessage
	if _, err := c.conn.Call(ctx, method, jsonrpc2.RawMessage(raw), &out); err != nil {
		return err
	}
	if result != nil && len(out) > 0 {
		return json.Unmarshal(out, result)
	}
	return nil
}

func (c *client) notifyServer(method string, params any) {
	c.t.Helper()
	raw, err := json.Marshal(params)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := c.conn.Notify(context.Background(), method, jsonrpc2.RawMessage(raw)); err != nil {
		c.t.Fatalf("notify %s: %v", method, err)
	}
}

// mark is the number of messages received so far; waits can start there.
func (c *client) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.msgs)
}

// waitMessage waits for a message from index since on that satisfies ok.
func (c *client) waitMessage(since int, what string, ok func(message) bool) (message, int) {
	c.t.Helper()
	timeout := time.After(deadline)
	i := since
	for {
		c.mu.Lock()
		msgs, notify := c.msgs, c.notify
		c.mu.Unlock()
		for ; i < len(msgs); i++ {
			if ok(msgs[i]) {
				return msgs[i], i + 1
			}
		}
		select {
		case <-notify:
		case <-timeout:
			c.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// waitPublish waits for diagnostics for uri, from message index since on,
// that satisfy ok (nil: any).
func (c *client) waitPublish(since int, uri string, ok func(tPublish) bool) (tPublish, int) {
	c.t.Helper()
	var got tPublish
	_, next := c.waitMessage(since, "publishDiagnostics for "+uri, func(m message) bool {
		if m.method != "textDocument/publishDiagnostics" {
			return false
		}
		var p tPublish
		if err := json.Unmarshal(m.params, &p); err != nil {
			c.t.Fatalf("bad publishDiagnostics: %v", err)
		}
		if p.URI != uri || (ok != nil && !ok(p)) {
			return false
		}
		got = p
		return true
	})
	return got, next
}

type tLog struct {
	Type    int    `json:"type"`
	Message string `json:"message"`
}

// logMessages returns the window/logMessage notifications received so far.
func (c *client) logMessages() []tLog {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []tLog
	for _, m := range c.msgs {
		if m.method == "window/logMessage" {
			var l tLog
			_ = json.Unmarshal(m.params, &l)
			out = append(out, l)
		}
	}
	return out
}

// waitLog waits for a window/logMessage, from message index since on,
// that contains sub.
func (c *client) waitLog(since int, sub string) tLog {
	c.t.Helper()
	var l tLog
	c.waitMessage(since, fmt.Sprintf("a logMessage containing %q", sub), func(m message) bool {
		if m.method != "window/logMessage" {
			return false
		}
		_ = json.Unmarshal(m.params, &l)
		return strings.Contains(l.Message, sub)
	})
	return l
}

func (c *client) publishes(uri string) []tPublish {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []tPublish
	for _, m := range c.msgs {
		if m.method != "textDocument/publishDiagnostics" {
			continue
		}
		var p tPublish
		_ = json.Unmarshal(m.params, &p)
		if p.URI == uri {
			out = append(out, p)
		}
	}
	return out
}

func (c *client) open(uri, lang, text string, version int) {
	c.t.Helper()
	c.notifyServer("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": lang, "version": version, "text": text}})
}

func (c *client) changeFull(uri string, version int, text string) {
	c.t.Helper()
	c.notifyServer("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": []any{map[string]any{"text": text}},
	})
}

func (c *client) changeRange(uri string, version int, edits ...tEdit) {
	c.t.Helper()
	var changes []any
	for _, e := range edits {
		changes = append(changes, map[string]any{"range": e.Range, "text": e.NewText})
	}
	c.notifyServer("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": changes,
	})
}

func (c *client) codeActions(uri string, r tRange, only ...string) []tAction {
	c.t.Helper()
	ctx := map[string]any{"diagnostics": []any{}}
	if len(only) > 0 {
		ctx["only"] = only
	}
	var actions []tAction
	if err := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": r, "context": ctx}, &actions); err != nil {
		c.t.Fatalf("codeAction: %v", err)
	}
	return actions
}

func (c *client) shutdownAndExit() int {
	c.t.Helper()
	if err := c.call("shutdown", nil, nil); err != nil {
		c.t.Fatalf("shutdown: %v", err)
	}
	c.notifyServer("exit", nil)
	return c.waitExit()
}

func (c *client) waitExit() int {
	c.t.Helper()
	select {
	case code := <-c.exit:
		c.exit <- code // for Cleanup
		return code
	case <-time.After(deadline):
		c.t.Fatalf("server did not exit")
		return -1
	}
}

// testLog sends the server's log to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	defer func() { _ = recover() }() // a log line after the test ended
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// applyEdits applies LSP text edits to text the way a client does,
// counting columns in enc ("utf-16" or "utf-8"). It is written
// independently of textpos so that the two check each other.
func applyEdits(t *testing.T, text string, edits []tEdit, enc string) string {
	t.Helper()
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{offsetOf(t, text, e.Range.Start, enc), offsetOf(t, text, e.Range.End, enc), e.NewText})
	}
	// Apply from the end so earlier offsets stay valid; equal starts keep
	// their given order.
	for i := len(spans) - 1; i >= 0; i-- {
		for j := 0; j < i; j++ {
			if spans[j].start > spans[j+1].start {
				spans[j], spans[j+1] = spans[j+1], spans[j]
			}
		}
	}
	for i := len(spans) - 1; i >= 0; i-- {
		s := spans[i]
		text = text[:s.start] + s.text + text[s.end:]
	}
	return text
}

func offsetOf(t *testing.T, text string, p tPos, enc string) int {
	t.Helper()
	lines := strings.SplitAfter(text, "\n")
	if p.Line >= len(lines) {
		return len(text)
	}
	off := 0
	for i := 0; i < p.Line; i++ {
		off += len(lines[i])
	}
	line := strings.TrimRight(lines[p.Line], "\r\n")
	if enc == "utf-8" {
		if p.Character > len(line) {
			t.Fatalf("utf-8 column %d past line end %d", p.Character, len(line))
		}
		return off + p.Character
	}
	units := 0
	for i, r := range line {
		if units == p.Character {
			return off + i
		}
		units += len(utf16.Encode([]rune{r}))
		if units > p.Character {
			t.Fatalf("utf-16 column %d splits a character", p.Character)
		}
	}
	if units == p.Character {
		return off + len(line)
	}
	t.Fatalf("utf-16 column %d past line end (%d units)", p.Character, units)
	return 0
}

// posOf is the position of the n-th occurrence (0-based) of sub in text.
func posOf(t *testing.T, text, sub string, n int, enc string) tPos {
	t.Helper()
	off := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(text[off+1:], sub)
		if j < 0 {
			t.Fatalf("%q not found %d times", sub, n+1)
		}
		off += 1 + j
	}
	line := strings.Count(text[:off], "\n")
	col := text[strings.LastIndex(text[:off], "\n")+1 : off]
	if enc == "utf-8" {
		return tPos{line, len(col)}
	}
	return tPos{line, len(utf16.Encode([]rune(col)))}
}

func rangeOf(t *testing.T, text, sub string, n int, enc string) tRange {
	t.Helper()
	start := posOf(t, text, sub, n, enc)
	end := start
	if enc == "utf-8" {
		end.Character += len(sub)
	} else {
		end.Character += len(utf16.Encode([]rune(sub)))
	}
	if strings.Contains(sub, "\n") || !utf8.ValidString(sub) {
		t.Fatalf("rangeOf takes one line of text")
	}
	return tRange{start, end}
}

// editsOf returns the edits of an action for uri, checking the version.
func editsOf(t *testing.T, a tAction, uri string, version int) []tEdit {
	t.Helper()
	if len(a.Edit.DocumentChanges) != 1 {
		t.Fatalf("action %q: want one versioned document edit, got %+v", a.Title, a.Edit)
	}
	dc := a.Edit.DocumentChanges[0]
	if dc.TextDocument.URI != uri || dc.TextDocument.Version == nil || *dc.TextDocument.Version != version {
		t.Fatalf("action %q edits %s version %v, want %s version %d", a.Title, dc.TextDocument.URI, dc.TextDocument.Version, uri, version)
	}
	return dc.Edits
}

func find(t *testing.T, actions []tAction, title string) tAction {
	t.Helper()
	for _, a := range actions {
		if a.Title == title {
			return a
		}
	}
	var titles []string
	for _, a := range actions {
		titles = append(titles, a.Title)
	}
	t.Fatalf("no action %q among %q", title, titles)
	return tAction{}
}

var _ = io.EOF
var _ = fmt.Sprint
