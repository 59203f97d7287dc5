package lsp

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestLargeDocumentEditsMatchAFreshOpen edits a document large enough for
// its session to carry findings over edits (analyzer/reuse.go) and for the
// server to take over their encodings, and after every edit compares what
// it published with what a second server publishes when it opens the
// same text: statements added after the findings, on their line, on a new
// line above them, a settings change that turns the rule off and on, and
// an added statement with a finding of its own.
func TestLargeDocumentEditsMatchAFreshOpen(t *testing.T) {
	c, fresh := start(t, config{}), start(t, config{})
	const uri = "file:///work/big.js"
	var b strings.Builder
	for i := 0; b.Len() < 40<<10; i++ {
		fmt.Fprintf(&b, "function f%d() { leak(%d); }\n", i, i)
	}
	text := b.String()
	c.open(uri, "javascript", text, 1)
	_, next := c.waitPublish(0, uri, nil)
	version := 1
	settings := func(severity string) {
		for _, cl := range []*client{c, fresh} {
			cl.notifyServer("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"rules": map[string]any{"test-leak": severity}}})
		}
	}
	pull := func(cl *client, u string) []tDiag {
		t.Helper()
		var r struct {
			Items []tDiag `json:"items"`
		}
		if err := cl.call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": u}}, &r); err != nil {
			t.Fatal(err)
		}
		for i := range r.Items {
			for j := range r.Items[i].RelatedInformation {
				r.Items[i].RelatedInformation[j].Location.URI = ""
			}
		}
		return r.Items
	}
	last := pull(c, uri)
	// check compares the document's diagnostics with a fresh open's,
	// pulled, and when they changed, as published too: a publication
	// carries the encodings taken over from the last one.
	check := func(step string) {
		t.Helper()
		freshURI := fmt.Sprintf("file:///work/fresh%d.js", version)
		fresh.open(freshURI, "javascript", text, 1)
		want := pull(fresh, freshURI)
		got := pull(c, uri)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: %d diagnostics, a fresh open %d; first difference at %d", step, len(got), len(want), firstDiff(got, want))
		}
		if len(want) == 0 && !strings.Contains(step, "off") {
			t.Fatalf("%s: no diagnostics to compare", step)
		}
		if !reflect.DeepEqual(got, last) {
			var p tPublish
			p, next = c.waitPublish(next, uri, func(p tPublish) bool { return p.Version != nil && *p.Version == version })
			for i := range p.Diagnostics {
				for j := range p.Diagnostics[i].RelatedInformation {
					p.Diagnostics[i].RelatedInformation[j].Location.URI = ""
				}
			}
			if !reflect.DeepEqual(p.Diagnostics, want) {
				t.Fatalf("%s: published %d diagnostics, a fresh open %d; first difference at %d", step, len(p.Diagnostics), len(want), firstDiff(p.Diagnostics, want))
			}
		}
		last = got
	}
	edit := func(step string, line, char int, insert string) {
		t.Helper()
		version++
		c.changeRange(uri, version, tEdit{Range: tRange{tPos{line, char}, tPos{line, char}}, NewText: insert})
		text = applyEdits(t, text, []tEdit{{Range: tRange{tPos{line, char}, tPos{line, char}}, NewText: insert}}, "utf-16")
		check(step)
	}
	lines := strings.Count(text, "\n")
	edit("a statement after the findings", lines, 0, "function lwTail() { return 1; }\n")
	edit("a statement on a finding's line", 700, 0, "function lwMid() {} ")
	edit("a statement on a line of its own above findings", 300, 0, "function lwAbove() {}\n")
	settings("off")
	last = pull(c, uri)
	edit("rule off, then a statement", lines, 0, "function lwOff() {}\n")
	settings("warning")
	last = pull(c, uri)
	edit("rule on again, then a statement", lines, 0, "function lwOn() {}\n")
	edit("a statement with a finding", 10, 0, "function lwLeak() { leak(-1); }\n")
}

func firstDiff(a, b []tDiag) int {
	for i := range min(len(a), len(b)) {
		if !reflect.DeepEqual(a[i], b[i]) {
			return i
		}
	}
	return min(len(a), len(b))
}
