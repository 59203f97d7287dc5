package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/leakwatch/leakwatch/analyzer"
)

func TestPullDiagnostics(t *testing.T) {
	caps := defaultCaps()
	caps["textDocument"].(map[string]any)["diagnostic"] = map[string]any{"dynamicRegistration": false}
	caps["workspace"].(map[string]any)["diagnostics"] = map[string]any{"refreshSupport": true}
	c := start(t, config{caps: caps, noInit: true})
	res := c.initialize(config{caps: caps, initOpts: map[string]any{"debounceMs": 0}})
	if _, ok := res["capabilities"].(map[string]any)["diagnosticProvider"]; !ok {
		t.Fatalf("no diagnosticProvider for a client that pulls: %v", res["capabilities"])
	}
	const uri = "file:///work/pull.js"
	c.open(uri, "javascript", "leak();\n", 1)
	type report struct {
		Kind     string  `json:"kind"`
		ResultID string  `json:"resultId"`
		Items    []tDiag `json:"items"`
	}
	pull := func(prev string) report {
		params := map[string]any{"textDocument": map[string]any{"uri": uri}}
		if prev != "" {
			params["previousResultId"] = prev
		}
		var r report
		if err := c.call("textDocument/diagnostic", params, &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := pull("")
	if r.Kind != "full" || len(r.Items) != 1 || r.Items[0].Code != "test-leak" || r.ResultID == "" {
		t.Fatalf("first pull: %+v", r)
	}
	if r2 := pull(r.ResultID); r2.Kind != "unchanged" || r2.ResultID != r.ResultID {
		t.Fatalf("second pull: %+v, want unchanged", r2)
	}
	c.changeRange(uri, 2, tEdit{Range: tRange{tPos{0, 0}, tPos{0, 4}}, NewText: "noleak"})
	if r3 := pull(r.ResultID); r3.Kind != "full" || len(r3.Items) != 0 {
		t.Fatalf("after the fix: %+v", r3)
	}
	// Never both: a pulling client gets no pushed diagnostics.
	if ps := c.publishes(uri); len(ps) != 0 {
		t.Fatalf("pushed to a pulling client: %+v", ps)
	}
	// A config change asks the client to pull again.
	next := c.mark()
	c.notifyServer("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"rules": map[string]any{"test-leak": "error"}}})
	c.waitMessage(next, "workspace/diagnostic/refresh", func(m message) bool { return m.method == "workspace/diagnostic/refresh" })
	c.changeRange(uri, 3, tEdit{Range: tRange{tPos{0, 0}, tPos{0, 6}}, NewText: "leak"})
	if r4 := pull(""); len(r4.Items) != 1 || r4.Items[0].Severity != 1 {
		t.Fatalf("after the config change: %+v", r4)
	}
}

func TestPushCanBeForced(t *testing.T) {
	caps := defaultCaps()
	caps["textDocument"].(map[string]any)["diagnostic"] = map[string]any{}
	c := start(t, config{caps: caps, initOpts: map[string]any{"debounceMs": 0, "diagnosticMode": "push"}})
	c.open("file:///work/a.js", "javascript", "leak();", 1)
	c.waitPublish(0, "file:///work/a.js", nil)
}

// rawClient speaks to the server with hand-made frames. A goroutine reads
// everything the server sends (net.Pipe has no buffer, so a server write
// would otherwise block until the test reads it).
type rawClient struct {
	t     *testing.T
	conn  net.Conn
	resps chan map[string]any
	exit  chan int
}

func startRaw(t *testing.T, engine *analyzer.Engine) *rawClient {
	srv, cli := net.Pipe()
	rc := &rawClient{t: t, conn: cli, resps: make(chan map[string]any, 100), exit: make(chan int, 1)}
	go func() { rc.exit <- Run(context.Background(), srv, srv, Options{Engine: engine, Log: testLog{t}}) }()
	go rc.readLoop(bufio.NewReader(cli))
	t.Cleanup(func() {
		_ = cli.Close()
		<-rc.exit
	})
	return rc
}

func (rc *rawClient) send(body string) {
	rc.t.Helper()
	_ = rc.conn.SetWriteDeadline(time.Now().Add(deadline))
	if _, err := fmt.Fprintf(rc.conn, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		rc.t.Fatalf("write: %v", err)
	}
}

func (rc *rawClient) readLoop(r *bufio.Reader) {
	defer close(rc.resps)
	for {
		n := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				n, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			m = map[string]any{"badJSON": string(body)}
		}
		if _, isReq := m["method"]; !isReq {
			rc.resps <- m
		}
	}
}

// read returns the next response the server sends.
func (rc *rawClient) read() map[string]any {
	rc.t.Helper()
	select {
	case m, ok := <-rc.resps:
		if !ok {
			rc.t.Fatal("the server closed the connection")
		}
		if bad, ok := m["badJSON"]; ok {
			rc.t.Fatalf("server sent bad JSON: %q", bad)
		}
		return m
	case <-time.After(deadline):
		rc.t.Fatal("timed out waiting for a response")
		return nil
	}
}

func errCode(m map[string]any) int {
	e, _ := m["error"].(map[string]any)
	if e == nil {
		return 0
	}
	return int(e["code"].(float64))
}

func TestMalformedMessages(t *testing.T) {
	rc := startRaw(t, testEngine())
	rc.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":`) // cut short
	if m := rc.read(); errCode(m) != int(jsonrpc2.ParseError) || m["id"] != nil {
		t.Fatalf("bad JSON: %v, want a parse error with a null id", m)
	}
	rc.send(`{"jsonrpc":"2.0","id":2,"params":{}}`) // no method
	if m := rc.read(); errCode(m) != int(jsonrpc2.InvalidRequest) || m["id"] != float64(2) {
		t.Fatalf("no method: %v, want an invalid-request error for id 2", m)
	}
	rc.send(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":42}}`) // bad notification: no answer
	rc.send(`{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"capabilities":{},"initializationOptions":{"debounceMs":0}}}`)
	if m := rc.read(); m["id"] != float64(3) || m["result"] == nil {
		t.Fatalf("initialize after bad messages: %v", m)
	}
	rc.send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	rc.send(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nope.js","version":3},"contentChanges":[{"text":"x"}]}}`)
	rc.send(`{"jsonrpc":"2.0","id":4,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///x.js"},"range":"nope"}}`)
	if m := rc.read(); errCode(m) != int(jsonrpc2.InvalidParams) {
		t.Fatalf("bad params: %v", m)
	}
	rc.send(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":{"bad":true}}}`)
	rc.send(`{"jsonrpc":"2.0","id":5,"method":"shutdown"}`)
	if m := rc.read(); m["id"] != float64(5) || errCode(m) != 0 {
		t.Fatalf("shutdown: %v", m)
	}
	rc.send(`{"jsonrpc":"2.0","method":"exit"}`)
	select {
	case code := <-rc.exit:
		rc.exit <- code
		if code != 0 {
			t.Fatalf("exit code %d", code)
		}
	case <-time.After(deadline):
		t.Fatal("no exit")
	}
}

func TestPanickingRuleDoesNotAffectOthers(t *testing.T) {
	c := start(t, config{})
	const bad, good = "file:///work/bad.js", "file:///work/good.js"
	c.open(bad, "javascript", "boom();\nleak();\n", 1)
	c.open(good, "javascript", "leak();\n", 1)
	p, _ := c.waitPublish(0, bad, nil)
	codes := map[string]bool{}
	for _, d := range p.Diagnostics {
		codes[d.Code] = true
	}
	if !codes["internal-error"] || !codes["test-leak"] {
		t.Errorf("bad document: %+v, want the crash reported and the other rule still run", p.Diagnostics)
	}
	if p, _ := c.waitPublish(0, good, nil); len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "test-leak" {
		t.Errorf("good document: %+v", p.Diagnostics)
	}
	// The server still answers.
	if acts := c.codeActions(bad, tRange{tPos{0, 0}, tPos{2, 0}}); len(acts) == 0 {
		t.Errorf("no code actions after the crash")
	}
	if code := c.shutdownAndExit(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

func TestCancelRequest(t *testing.T) {
	g := newGate()
	rc := startRaw(t, testEngine(g.rule()))
	// A pulling client: nothing analyses in the background, so the pull
	// below is the only analysis, and the gate holds it in the engine.
	rc.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"textDocument":{"diagnostic":{}}},"initializationOptions":{"debounceMs":0}}}`)
	rc.read()
	rc.send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	rc.send(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///s.js","languageId":"javascript","version":1,"text":"slow();"}}}`)
	rc.send(`{"jsonrpc":"2.0","id":"pull-1","method":"textDocument/diagnostic","params":{"textDocument":{"uri":"file:///s.js"}}}`)
	<-g.entered
	// The read loop is free while the pull runs: other requests are
	// answered meanwhile.
	rc.send(`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///other.js"},"position":{"line":0,"character":0}}}`)
	if m := rc.read(); m["id"] != float64(2) {
		t.Fatalf("hover while a pull runs: %v", m)
	}
	rc.send(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"pull-1"}}`)
	// Let the cancel arrive before the rule returns: a round trip orders it.
	rc.send(`{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///other.js"},"position":{"line":0,"character":0}}}`)
	rc.read()
	close(g.release)
	if m := rc.read(); m["id"] != "pull-1" || errCode(m) != -32800 {
		t.Fatalf("cancelled pull: %v, want RequestCancelled", m)
	}
}

func TestShutdownDuringAnalysis(t *testing.T) {
	g := newGate()
	c := start(t, config{engine: testEngine(g.rule())})
	const uri = "file:///work/slow.js"
	c.open(uri, "javascript", "slow();", 1)
	<-g.entered // analysis running
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatalf("shutdown during analysis: %v", err)
	}
	close(g.release)
	c.notifyServer("exit", nil)
	if code := c.waitExit(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if ps := c.publishes(uri); len(ps) != 0 {
		t.Errorf("published after shutdown: %+v", ps)
	}
}

func TestCheckWorkspace(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"src/a.js":                 "leak();\nleak();\n",
		"src/b.ts":                 "export const b = 1;\n",
		"src/open.tsx":             "leak();\n",
		"src/readme.md":            "leak();\n",
		"node_modules/dep/x.js":    "leak();\n",
		"dist/bundle.js":           "leak();\n",
		"build/out.js":             "leak();\n",
		".git/hooks/pre-commit.js": "leak();\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := start(t, config{folders: []string{dir}})
	openURI := "file://" + filepath.Join(dir, "src/open.tsx")
	c.open(openURI, "typescriptreact", "export {};\n", 1) // the editor's copy is clean
	var sum workspaceSummary
	if err := c.call("workspace/executeCommand", map[string]any{"command": "leakwatch.checkWorkspace", "workDoneToken": "tok-1"}, &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Files != 3 || sum.Findings != 2 || sum.FilesWithFindings != 1 {
		t.Errorf("summary %+v, want 3 files (a.js, b.ts, open.tsx), 2 findings in 1 file", sum)
	}
	aURI := "file://" + filepath.Join(dir, "src/a.js")
	p, _ := c.waitPublish(0, aURI, nil)
	if len(p.Diagnostics) != 2 || p.Version != nil {
		t.Errorf("a.js: %+v", p)
	}
	for _, ps := range c.publishes(openURI) {
		if len(ps.Diagnostics) != 0 {
			t.Errorf("the open file's disk copy was published: %+v", ps)
		}
	}
	var kinds []string
	c.mu.Lock()
	for _, m := range c.msgs {
		if m.method == "$/progress" {
			var pp struct {
				Token string `json:"token"`
				Value struct {
					Kind string `json:"kind"`
				} `json:"value"`
			}
			_ = json.Unmarshal(m.params, &pp)
			if pp.Token == "tok-1" {
				kinds = append(kinds, pp.Value.Kind)
			}
		}
	}
	c.mu.Unlock()
	if len(kinds) < 2 || kinds[0] != "begin" || kinds[len(kinds)-1] != "end" {
		t.Errorf("progress %v, want begin ... end", kinds)
	}

	// Fixed on disk, the file is cleared by the next run.
	if err := os.WriteFile(filepath.Join(dir, "src/a.js"), []byte("noleak();\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	next := c.mark()
	if err := c.call("workspace/executeCommand", map[string]any{"command": "leakwatch.checkWorkspace"}, &sum); err != nil {
		t.Fatal(err)
	}
	if p, _ := c.waitPublish(next, aURI, nil); len(p.Diagnostics) != 0 {
		t.Errorf("a.js after the fix: %+v", p)
	}
	// Without a token the server creates one.
	if _, i := c.waitMessage(next, "window/workDoneProgress/create", func(m message) bool {
		return m.method == "window/workDoneProgress/create"
	}); i == 0 {
		t.Error("no progress token created")
	}
	if err := c.call("workspace/executeCommand", map[string]any{"command": "nope"}, nil); codeOf(err) != jsonrpc2.InvalidParams {
		t.Errorf("unknown command: %v", err)
	}
}

// TestClientVanishesMidRequest closes the pipe while an analysis is
// inside the engine: for a pull request, for a hover on a file that is not
// open (read from disk, so no document holds the analysis up), and for a
// background analysis. Run must return with the code for an unclean end,
// only once that analysis is over, and leave no goroutine behind.
func TestClientVanishesMidRequest(t *testing.T) {
	dir := t.TempDir()
	onDisk := filepath.Join(dir, "disk.js")
	if err := os.WriteFile(onDisk, []byte("slow();\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"pull request", "hover on disk", "background analysis"} {
		t.Run(mode, func(t *testing.T) {
			baseline := runtime.NumGoroutine()
			g := newGate()
			caps := defaultCaps()
			if mode != "background analysis" {
				caps["textDocument"].(map[string]any)["diagnostic"] = map[string]any{}
			}
			c := start(t, config{engine: testEngine(g.rule()), caps: caps})
			uri := "file:///work/slow.js"
			c.open(uri, "javascript", "slow();", 1)
			pulled := make(chan error, 1)
			if mode != "background analysis" {
				method, params := "textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}
				if mode == "hover on disk" {
					uri = "file://" + onDisk
					method, params = "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": tPos{0, 1}}
				}
				go func() {
					ctx, cancel := context.WithTimeout(context.Background(), deadline)
					defer cancel()
					_, err := c.conn.Call(ctx, method, params, nil)
					pulled <- err
				}()
			}
			select {
			case <-g.entered:
			case <-time.After(deadline):
				t.Fatal("the analysis did not start")
			}
			_ = c.raw.Close()
			// The rule is in the middle of its work; the engine cannot be
			// interrupted there (it checks for cancellation while parsing
			// only), so the server must wait for it, and no longer. Give a
			// server that does not wait the chance to return early: the
			// window only ever catches that bug, it never delays a pass.
			select {
			case code := <-c.exit:
				c.exit <- code
				t.Errorf("Run returned (code %d) while an analysis was still inside the engine", code)
			case <-time.After(100 * time.Millisecond):
			}
			close(g.release)
			if code := c.waitExit(); code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			select {
			case <-g.left:
			default:
				t.Errorf("Run returned while an analysis was still inside the engine")
			}
			if mode != "background analysis" {
				select {
				case err := <-pulled:
					if err == nil {
						t.Errorf("the request succeeded over a closed pipe")
					}
				case <-time.After(deadline):
					t.Fatal("the client's call never returned")
				}
			}
			_ = c.conn.Close()
			waitGoroutines(t, baseline)
		})
	}
}

// TestClientVanishesDuringLongParse closes the pipe while requests and a
// background analysis are in a parse that only stops when cancelled (a
// test hook stands in for tree-sitter on a huge file, which honours
// cancellation): the server must cancel them as soon as it sees the
// client gone, and return.
func TestClientVanishesDuringLongParse(t *testing.T) {
	baseline := runtime.NumGoroutine()
	entered := make(chan string, 10)
	parse := func(s *server) {
		s.beforeAnalysis = func(ctx context.Context, snap snapshot) {
			entered <- string(snap.uri)
			<-ctx.Done()
		}
	}
	c := start(t, config{onServer: parse})
	const uri = "file:///work/huge.js"
	c.open(uri, "javascript", "leak();", 1)
	waitEntered := func(what string) {
		select {
		case <-entered:
		case <-time.After(deadline):
			t.Fatalf("%s did not start", what)
		}
	}
	waitEntered("the background analysis")
	// A hover has no analysis to reuse yet, so it starts its own.
	hovered := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		defer cancel()
		_, err := c.conn.Call(ctx, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": tPos{0, 1}}, nil)
		hovered <- err
	}()
	waitEntered("the hover's analysis")
	_ = c.raw.Close()
	if code := c.waitExit(); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if err := <-hovered; err == nil {
		t.Errorf("the hover succeeded over a closed pipe")
	}
	_ = c.conn.Close()
	waitGoroutines(t, baseline)
}
