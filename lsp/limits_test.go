package lsp

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// bundle is minified code on one line, about n bytes long, that calls
// leak() once, at its end.
func bundle(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "var a%d=function(b,c){return b+c*%d},o%d={k:[1,2,3],s:\"v%d\"};if(a%d(1,2)>3){o%d.k.push(4)}else{noop(a%d)}", i, i, i, i, i, i, i)
	}
	b.WriteString(";leak();")
	return b.String()
}

// countLogs counts the logMessages that contain sub.
func (c *client) countLogs(sub string) int {
	n := 0
	for _, m := range c.logMessages() {
		if strings.Contains(m.Message, sub) {
			n++
		}
	}
	return n
}

func TestMaxFileSizeFromInitializationOptions(t *testing.T) {
	c := start(t, config{initOpts: map[string]any{"debounceMs": 0, "maxFileSize": 100}})
	const uri = "file:///work/limits/big.js"
	big := "leak();\n" + strings.Repeat("// padding\n", 10) // 118 bytes
	c.open(uri, "javascript", big, 1)
	p, next := c.waitPublish(0, uri, nil)
	if len(p.Diagnostics) != 0 {
		t.Fatalf("a file over maxFileSize was analysed: %+v", p.Diagnostics)
	}
	m := c.waitLog(0, uri+" was not analysed")
	if m.Type != 3 || !strings.Contains(m.Message, "118 bytes, more than the limit of 100") || !strings.Contains(m.Message, `"maxFileSize"`) {
		t.Errorf("the user was told %+v; want the size, the limit and the setting to raise", m)
	}

	// Still too big after an edit: the user has been told already.
	c.changeRange(uri, 2, tEdit{Range: tRange{tPos{1, 0}, tPos{1, 0}}, NewText: "x;"})
	// Small enough: analysed.
	c.changeFull(uri, 3, "leak();\n")
	p, next = c.waitPublish(next, uri, func(p tPublish) bool { return *p.Version == 3 })
	if len(p.Diagnostics) != 1 {
		t.Fatalf("under the limit: %+v, want the finding", p.Diagnostics)
	}
	if n := c.countLogs(uri + " was not analysed"); n != 1 {
		t.Errorf("told %d times that the file is too big, want once", n)
	}
	// Too big again: told again, and the old findings are taken back.
	c.changeFull(uri, 4, big)
	p, next = c.waitPublish(next, uri, func(p tPublish) bool { return *p.Version == 4 })
	if len(p.Diagnostics) != 0 || c.countLogs(uri+" was not analysed") != 2 {
		t.Errorf("over the limit again: %+v, %d messages", p.Diagnostics, c.countLogs(uri+" was not analysed"))
	}
	// The settings can lift the limit (0: none).
	c.notifyServer("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"leakwatch": map[string]any{"maxFileSize": 0}}})
	if p, _ = c.waitPublish(next, uri, nil); len(p.Diagnostics) != 1 {
		t.Errorf("with no limit: %+v, want the finding", p.Diagnostics)
	}
}

func TestParseTimeoutFromInitializationOptions(t *testing.T) {
	// One millisecond is far less than any parse of 256 KB takes.
	c := start(t, config{initOpts: map[string]any{"debounceMs": 0, "parseTimeoutMs": 1}})
	const uri = "file:///work/limits/bundle.min.js"
	c.open(uri, "javascript", bundle(256<<10), 1)
	p, next := c.waitPublish(0, uri, nil)
	if len(p.Diagnostics) != 0 {
		t.Fatalf("analysed despite the parse budget: %+v", p.Diagnostics)
	}
	m := c.waitLog(0, uri+" was not analysed")
	if !strings.Contains(m.Message, "parse budget of 1ms exceeded") || !strings.Contains(m.Message, `"parseTimeoutMs"`) {
		t.Errorf("the user was told %+v; want the budget and the setting to raise", m)
	}
	c.notifyServer("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"parseTimeoutMs": 0}})
	if p, _ = c.waitPublish(next, uri, nil); len(p.Diagnostics) != 1 {
		t.Errorf("with no budget: %+v, want the finding at the end", p.Diagnostics)
	}
}

// TestBigBundleKeepsServerResponsive opens a 10 MB single-line bundle.
// With the default limits it is skipped, and the user told why; with the
// size limit lifted, its analysis is held (by a test hook) while another
// document is opened and hovered: both are answered meanwhile. Released,
// the bundle's parse runs out of its budget and the user is told that.
func TestBigBundleKeepsServerResponsive(t *testing.T) {
	src := bundle(10 << 20)
	const bundleURI, other = "file:///work/big/bundle.min.js", "file:///work/big/app.js"
	hoverOther := func(c *client) {
		t.Helper()
		var h struct {
			Contents struct {
				Value string `json:"value"`
			} `json:"contents"`
		}
		if err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": other}, "position": tPos{0, 1}}, &h); err != nil {
			t.Fatalf("hover: %v", err)
		}
		if !strings.Contains(h.Contents.Value, "Leaky call") {
			t.Errorf("hover: %+v", h)
		}
	}

	t.Run("default limits", func(t *testing.T) {
		c := start(t, config{})
		c.open(bundleURI, "javascript", src, 1)
		c.open(other, "javascript", "leak();", 1)
		if p, _ := c.waitPublish(0, other, nil); len(p.Diagnostics) != 1 {
			t.Errorf("the other document: %+v", p.Diagnostics)
		}
		hoverOther(c)
		if p, _ := c.waitPublish(0, bundleURI, nil); len(p.Diagnostics) != 0 {
			t.Errorf("bundle: %+v", p.Diagnostics)
		}
		if m := c.waitLog(0, bundleURI+" was not analysed"); !strings.Contains(m.Message, `"maxFileSize"`) {
			t.Errorf("bundle skipped with %q", m.Message)
		}
	})

	t.Run("held analysis", func(t *testing.T) {
		entered, release := make(chan struct{}), make(chan struct{})
		hold := func(s *server) {
			s.beforeAnalysis = func(_ context.Context, snap snapshot) {
				if snap.uri == bundleURI {
					close(entered)
					<-release
				}
			}
		}
		c := start(t, config{initOpts: map[string]any{"debounceMs": 0, "maxFileSize": 0, "parseTimeoutMs": 200}, onServer: hold})
		c.open(bundleURI, "javascript", src, 1)
		select {
		case <-entered:
		case <-time.After(deadline):
			t.Fatal("the bundle's analysis did not start")
		}
		c.open(other, "javascript", "leak();", 1)
		if p, _ := c.waitPublish(0, other, nil); len(p.Diagnostics) != 1 {
			t.Errorf("the other document: %+v", p.Diagnostics)
		}
		hoverOther(c)
		if ps := c.publishes(bundleURI); len(ps) != 0 {
			t.Fatalf("the bundle was published while its analysis was held: %+v", ps)
		}
		close(release)
		if p, _ := c.waitPublish(0, bundleURI, nil); len(p.Diagnostics) != 0 {
			t.Errorf("bundle: %+v", p.Diagnostics)
		}
		if m := c.waitLog(0, bundleURI+" was not analysed"); !strings.Contains(m.Message, "parse budget of 200ms exceeded") {
			t.Errorf("bundle skipped with %q", m.Message)
		}
		if code := c.shutdownAndExit(); code != 0 {
			t.Errorf("exit code %d", code)
		}
	})
}
