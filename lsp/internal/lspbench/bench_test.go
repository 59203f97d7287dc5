// Package lspbench measures the language server with the real rules:
// didChange-to-publishDiagnostics latency on 5,000- and 20,000-line TSX files, and
// the memory of 1,000 open files. It lives apart from package lsp so that
// lsp's own tests never depend on the rules others are writing.
//
//	go test ./lsp/internal/lspbench -run '^$' -bench . -benchtime 200x
package lspbench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/lsp"
	"github.com/leakwatch/leakwatch/rules"
)

// marker reports calls to benchLeak(); toggling one at the end of the file
// changes the diagnostic set on every edit, so every edit publishes.
var marker = &analyzer.Rule{
	ID: "bench-marker", Severity: analyzer.SeverityWarning,
	Kinds: []string{"call_expression"}, Needles: []string{"benchLeak"},
	New: func(p *analyzer.Pass) analyzer.Visitor {
		return analyzer.VisitFunc(func(n syntax.Node) {
			if n.Get("function").Text() == "benchLeak" {
				p.Reportf(n, "marker")
			}
		})
	},
}

// component is 25 lines of the code the rules look at: effects with and
// without cleanup, listeners, timers, subscriptions, observers.
const component = `export function Widget%[1]d({ source }: { source: Source }) {
  const [size, setSize] = useState<number>(%[1]d);
  useEffect(() => {
    const onResize = () => setSize(window.innerWidth);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  useEffect(() => {
    const id = setInterval(() => setSize((s) => s + 1), 1000);
    document.addEventListener("keydown", onKey%[1]d);
  }, []);
  useEffect(() => {
    const sub = source.changes.subscribe((v) => setSize(v));
    const ro = new ResizeObserver(() => setSize(%[1]d));
    ro.observe(document.body);
    return () => { sub.unsubscribe(); ro.disconnect(); };
  }, [source]);
  return (
    <div className="widget-%[1]d" onClick={() => setSize(0)}>
      <span>{size}</span>
      {items%[1]d.map((it) => <Item key={it.id} item={it} />)}
    </div>
  );
}
const cache%[1]d = new Map<string, number>();
`

func tsxFile(lines int) string {
	var b strings.Builder
	b.WriteString("import { useEffect, useState } from \"react\";\n")
	for i := 0; strings.Count(b.String(), "\n") < lines-1; i++ {
		fmt.Fprintf(&b, component, i)
	}
	return b.String()
}

type client struct {
	conn jsonrpc2.Conn
	exit chan int

	mu        sync.Mutex
	published map[string]chan int // uri -> versions published (-1: unversioned)
	stopOnce  sync.Once
}

func startServer(tb testing.TB) *client {
	engine := analyzer.NewEngine(append(rules.All(), marker))
	// The collector as `leakwatch lsp` sets it.
	tb.Cleanup(lsp.TuneCollector())
	srv, cli := net.Pipe()
	c := &client{exit: make(chan int, 1), published: map[string]chan int{}}
	go func() {
		c.exit <- lsp.Run(context.Background(), srv, srv, lsp.Options{Engine: engine})
	}()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewHeaderStream(cli))
	c.conn.Go(context.Background(), func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if req.Method() == "textDocument/publishDiagnostics" {
			u, v := publishedVersion(req.Params())
			c.ch(u) <- v
		}
		return nil, nil
	})
	c.call(tb, "initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{},
		"initializationOptions": map[string]any{"debounceMs": 0}})
	c.notify(tb, "initialized", map[string]any{})
	tb.Cleanup(c.stop)
	return c
}

// publishedVersion reads the uri and version of publishDiagnostics params
// (-1: unversioned). jsonrpc2 has already decoded the message once; the
// server writes the two fields before the diagnostics, so they are read
// from the front and the 1,500 diagnostics of the large file are not
// decoded a second time on the cores the server is measured on. Other
// orders fall back to decoding the whole value.
func publishedVersion(params []byte) (string, int) {
	var p struct {
		URI     string `json:"uri"`
		Version *int   `json:"version"`
	}
	dec := json.NewDecoder(bytes.NewReader(params))
	if t, err := dec.Token(); err == nil && t == json.Delim('{') {
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				break
			}
			switch k {
			case "uri":
				err = dec.Decode(&p.URI)
			case "version":
				err = dec.Decode(&p.Version)
			default:
				k = nil
			}
			if err != nil || k == nil {
				break
			}
			if p.URI != "" && p.Version != nil {
				return p.URI, *p.Version
			}
		}
	}
	p.URI, p.Version = "", nil
	_ = json.Unmarshal(params, &p)
	if p.Version == nil {
		return p.URI, -1
	}
	return p.URI, *p.Version
}

// stop shuts the server down; later calls do nothing.
func (c *client) stop() {
	c.stopOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, _ = c.conn.Call(ctx, "shutdown", nil, nil)
		_ = c.conn.Notify(ctx, "exit", nil)
		<-c.exit
		_ = c.conn.Close()
	})
}

func (c *client) ch(uri string) chan int {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := c.published[uri]
	if ch == nil {
		ch = make(chan int, 256)
		c.published[uri] = ch
	}
	return ch
}

func (c *client) call(tb testing.TB, method string, params any) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := c.conn.Call(ctx, method, params, nil); err != nil {
		tb.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(tb testing.TB, method string, params any) {
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		tb.Fatalf("%s: %v", method, err)
	}
}

// waitVersion waits for diagnostics of uri with the given version.
func (c *client) waitVersion(tb testing.TB, uri string, version int) {
	timeout := time.After(time.Minute)
	for {
		select {
		case v := <-c.ch(uri):
			if v == version {
				return
			}
		case <-timeout:
			tb.Fatalf("no diagnostics for %s version %d", uri, version)
		}
	}
}

// BenchmarkDidChangeToPublish measures, on a 5,000-line and a 20,000-line
// TSX file, the time from sending didChange to receiving the
// publishDiagnostics for that version, with the debounce set to 0. It
// reports the median and p95.
func BenchmarkDidChangeToPublish(b *testing.B) {
	for _, lines := range []int{5000, 20000} {
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) { didChangeToPublish(b, lines, false) })
	}
}

// BenchmarkDidChangeInComponent is BenchmarkDidChangeToPublish with the
// marker line toggled inside the last component instead of after it: the
// edited statement shares names with the rest of the file, so no finding
// can be carried over (analyzer/reuse.go) and every rule runs again.
func BenchmarkDidChangeInComponent(b *testing.B) {
	for _, lines := range []int{5000, 20000} {
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) { didChangeToPublish(b, lines, true) })
	}
}

func didChangeToPublish(b *testing.B, size int, inside bool) {
	c := startServer(b)
	const uri = "file:///bench/Widgets.tsx"
	text := tsxFile(size)
	lines := strings.Count(text, "\n")
	at := lines
	if inside {
		// The line after the last component's signature.
		at = strings.Count(text[:strings.LastIndex(text, "export function Widget")], "\n") + 1
	}
	c.notify(b, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "typescriptreact", "version": 1, "text": text}})
	c.waitVersion(b, uri, 1)

	durations := make([]time.Duration, 0, b.N)
	cpuBefore := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := i + 2
		// Add the marker line, or take it away again.
		change := map[string]any{"range": map[string]any{"start": map[string]int{"line": at, "character": 0},
			"end": map[string]int{"line": at, "character": 0}}, "text": "benchLeak();\n"}
		if i%2 == 1 {
			change["range"].(map[string]any)["end"] = map[string]int{"line": at + 1, "character": 0}
			change["text"] = ""
		}
		start := time.Now()
		c.notify(b, "textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": v}, "contentChanges": []any{change}})
		c.waitVersion(b, uri, v)
		durations = append(durations, time.Since(start))
	}
	b.StopTimer()
	cpu := cpuTime() - cpuBefore
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(durations[len(durations)/2]), "ms-median")
	b.ReportMetric(ms(durations[(len(durations)*95+99)/100-1]), "ms-p95")
	// The CPU time the process spent per edit (server and client, all
	// threads) depends far less on what else runs on the machine than the
	// latencies do.
	b.ReportMetric(ms(cpu)/float64(b.N), "ms-cpu/edit")
	b.ReportMetric(float64(lines), "lines")
}

// BenchmarkOpenFiles measures the server's heap with 1,000 open files of
// about 200 lines each, all analysed.
func BenchmarkOpenFiles(b *testing.B) {
	text := tsxFile(200)
	for i := 0; i < b.N; i++ {
		func() {
			before := heap()
			c := startServer(b)
			for f := 0; f < 1000; f++ {
				c.notify(b, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{
					"uri": fmt.Sprintf("file:///bench/f%d.tsx", f), "languageId": "typescriptreact", "version": 1, "text": text}})
			}
			for f := 0; f < 1000; f++ {
				c.waitVersion(b, fmt.Sprintf("file:///bench/f%d.tsx", f), 1)
			}
			after := heap()
			// Each iteration's server goes before the next starts: kept to
			// the benchmark's end, -benchtime 100x held 100,000 documents.
			c.stop()
			b.ReportMetric(float64(after-before)/(1<<20), "MB-heap")
			b.ReportMetric(float64(len(text)*1000)/(1<<20), "MB-text")
		}()
	}
}

func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
