package lsp

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"
	"time"
)

func frame(body string) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

// FuzzMessages feeds arbitrary bytes to the server as its input stream:
// whatever arrives, it must not panic, and it must return when the input
// ends.
//
//	go test ./lsp -run '^$' -fuzz FuzzMessages -fuzztime 30s
func FuzzMessages(f *testing.F) {
	init := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"initializationOptions":{"debounceMs":0}}}`)
	open := frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.js","languageId":"javascript","version":1,"text":"leak();\n😀"}}}`)
	change := frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.js","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":9},"end":{"line":9,"character":0}},"text":"x"}]}}`)
	action := frame(`{"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///a.js"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":3}},"context":{"diagnostics":[]}}}`)
	for _, seed := range []string{
		init + open + change + action + frame(`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`),
		init + frame(`{"jsonrpc":"2.0","id":2,"method":`) + action,
		init + frame(`[{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{}},{"x":1}]`),
		init + frame(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":[1]}}`) + open,
		"Content-Length: 99999999999\r\n\r\n{}",
		"Content-Length: 5\r\n\r\n{}",
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan int, 1)
		go func() {
			done <- Run(context.Background(), bytes.NewReader(data), io.Discard, Options{Engine: sharedEngine()})
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("the server did not return after its input ended")
		}
	})
}
