package lspbench

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/lsp"
	"github.com/leakwatch/leakwatch/rules"
)

type workspaceReport struct {
	Items []struct {
		URI      string `json:"uri"`
		Kind     string `json:"kind"`
		ResultID string `json:"resultId"`
	} `json:"items"`
}

// BenchmarkWorkspaceDiagnostics measures workspace/diagnostic on a
// workspace of 500 TSX files of 200 lines: "first" is a pull with nothing
// analysed yet, "repeat" the pull a client makes every few seconds when
// nothing changed (answered from the cache).
//
//	go test ./lsp/internal/lspbench -run '^$' -bench WorkspaceDiagnostics -benchtime 5x
func BenchmarkWorkspaceDiagnostics(b *testing.B) {
	dir := b.TempDir()
	text := tsxFile(200)
	for i := range 500 {
		path := filepath.Join(dir, fmt.Sprintf("pkg%d", i%10), fmt.Sprintf("W%d.tsx", i))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	engine := analyzer.NewEngine(rules.All())
	pull := func(b *testing.B, conn jsonrpc2.Conn, prev []map[string]string) workspaceReport {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		var r workspaceReport
		if _, err := conn.Call(ctx, "workspace/diagnostic", map[string]any{"previousResultIds": prev}, &r); err != nil {
			b.Fatal(err)
		}
		if len(r.Items) != 500 {
			b.Fatalf("%d items, want 500 (every file has findings)", len(r.Items))
		}
		return r
	}
	start := func(b *testing.B) jsonrpc2.Conn {
		b.Cleanup(lsp.TuneCollector())
		srv, cli := net.Pipe()
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan int, 1)
		go func() { done <- lsp.Run(ctx, srv, srv, lsp.Options{Engine: engine}) }()
		conn := jsonrpc2.NewConn(jsonrpc2.NewHeaderStream(cli))
		conn.Go(context.Background(), func(context.Context, *jsonrpc2.Request) (any, error) { return nil, nil })
		cctx, ccancel := context.WithTimeout(context.Background(), time.Minute)
		defer ccancel()
		if _, err := conn.Call(cctx, "initialize", map[string]any{"processId": nil, "rootUri": "file://" + dir,
			"workspaceFolders": []map[string]string{{"uri": "file://" + dir, "name": "bench"}},
			"capabilities":     map[string]any{"textDocument": map[string]any{"diagnostic": map[string]any{}}}}, nil); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() {
			cancel()
			<-done
			_ = conn.Close()
		})
		return conn
	}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			conn := start(b)
			b.StartTimer()
			pull(b, conn, nil)
		}
	})
	b.Run("repeat", func(b *testing.B) {
		conn := start(b)
		r := pull(b, conn, nil)
		var prev []map[string]string
		for _, it := range r.Items {
			prev = append(prev, map[string]string{"uri": it.URI, "value": it.ResultID})
		}
		for b.Loop() {
			r := pull(b, conn, prev)
			if r.Items[0].Kind != "unchanged" {
				b.Fatalf("repeat pull: %s is %s", r.Items[0].URI, r.Items[0].Kind)
			}
		}
	})
}
