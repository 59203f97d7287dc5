package lsp

import (
	"errors"
	"testing"

	"go.lsp.dev/jsonrpc2"
)

func codeOf(err error) jsonrpc2.Code {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

func TestRequestBeforeInitializeIsRejected(t *testing.T) {
	c := start(t, config{noInit: true})
	err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///a.js"}, "position": tPos{}}, nil)
	if codeOf(err) != jsonrpc2.ServerNotInitialized {
		t.Fatalf("hover before initialize: got %v, want ServerNotInitialized", err)
	}
	// A notification before initialize is dropped, not an error.
	c.open("file:///a.js", "javascript", "leak();", 1)
	res := c.initialize(config{caps: defaultCaps(), initOpts: map[string]any{"debounceMs": 0}})
	caps := res["capabilities"].(map[string]any)
	if caps["positionEncoding"] != "utf-16" {
		t.Errorf("positionEncoding = %v, want utf-16", caps["positionEncoding"])
	}
	if _, ok := caps["diagnosticProvider"]; ok {
		t.Errorf("diagnosticProvider offered to a client without pull support")
	}
	sync := caps["textDocumentSync"].(map[string]any)
	if sync["change"] != float64(2) || sync["openClose"] != true {
		t.Errorf("textDocumentSync = %v, want incremental with open/close", sync)
	}
	if err := c.call("initialize", map[string]any{"capabilities": map[string]any{}}, nil); codeOf(err) != jsonrpc2.InvalidRequest {
		t.Errorf("second initialize: got %v, want InvalidRequest", err)
	}
	// The document sent before initialize was never opened.
	err = c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": "file:///a.js"},
		"range": tRange{}, "context": map[string]any{"diagnostics": []any{}}}, nil)
	if err != nil {
		t.Fatalf("codeAction: %v", err)
	}
	if code := c.shutdownAndExit(); code != 0 {
		t.Errorf("exit after shutdown: code %d, want 0", code)
	}
}

func TestRequestsAfterShutdownAreRejected(t *testing.T) {
	c := start(t, config{})
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///a.js"}, "position": tPos{}}, nil)
	if codeOf(err) != jsonrpc2.InvalidRequest {
		t.Fatalf("hover after shutdown: got %v, want InvalidRequest", err)
	}
	c.notifyServer("exit", nil)
	if code := c.waitExit(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}

func TestExitWithoutShutdownFails(t *testing.T) {
	c := start(t, config{})
	c.notifyServer("exit", nil)
	if code := c.waitExit(); code != 1 {
		t.Errorf("exit without shutdown: code %d, want 1", code)
	}
}

func TestClientVanishing(t *testing.T) {
	c := start(t, config{})
	c.open("file:///a.js", "javascript", "leak();", 1)
	_ = c.raw.Close()
	if code := c.waitExit(); code != 1 {
		t.Errorf("lost client: code %d, want 1", code)
	}
}

func TestUnknownMethods(t *testing.T) {
	c := start(t, config{})
	if err := c.call("textDocument/definition", map[string]any{}, nil); codeOf(err) != jsonrpc2.MethodNotFound {
		t.Errorf("unsupported request: got %v, want MethodNotFound", err)
	}
	c.notifyServer("$/setTrace", map[string]any{"value": "off"})
	c.notifyServer("custom/notification", map[string]any{"x": 1})
	if err := c.call("textDocument/hover", map[string]any{"textDocument": 5}, nil); codeOf(err) != jsonrpc2.InvalidParams {
		t.Errorf("bad params: got %v, want InvalidParams", err)
	}
	if code := c.shutdownAndExit(); code != 0 {
		t.Errorf("code %d", code)
	}
}
