package lsp

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCodeActionsForAFinding(t *testing.T) {
	c := start(t, config{})
	const uri = "file:///work/app.js"
	text := "function f() {\n  if (x) {\n    leak();\n  }\n}\n"
	c.open(uri, "javascript", text, 4)
	p, _ := c.waitPublish(0, uri, nil)
	acts := c.codeActions(uri, p.Diagnostics[0].Range)

	var titles []string
	for _, a := range acts {
		titles = append(titles, a.Title)
	}
	want := []string{"Comment out the call", "Call noleak() instead", "Ignore test-leak on this line", "Ignore test-leak in this file", "Fix all leakwatch problems"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Fatalf("actions %q, want %q (the broken fix must be dropped)", titles, want)
	}
	for _, a := range acts[:4] {
		if a.Kind != "quickfix" || len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != "test-leak" {
			t.Errorf("action %q: kind %q, diagnostics %+v", a.Title, a.Kind, a.Diagnostics)
		}
		if a.IsPreferred != (a.Title == "Call noleak() instead") {
			t.Errorf("action %q: isPreferred %v (the first safe fix is preferred)", a.Title, a.IsPreferred)
		}
	}
	if acts[4].Kind != "source.fixAll.leakwatch" {
		t.Errorf("fix-all kind %q", acts[4].Kind)
	}

	apply := func(title string) string {
		return applyEdits(t, text, editsOf(t, find(t, acts, title), uri, 4), "utf-16")
	}
	if got, want := apply("Call noleak() instead"), "function f() {\n  if (x) {\n    noleak();\n  }\n}\n"; got != want {
		t.Errorf("fix:\n%s\nwant:\n%s", got, want)
	}
	if got, want := apply("Ignore test-leak on this line"),
		"function f() {\n  if (x) {\n    // leakwatch-ignore test-leak: TODO explain why this is not a leak\n    leak();\n  }\n}\n"; got != want {
		t.Errorf("ignore line:\n%s\nwant:\n%s", got, want)
	}
	if got, want := apply("Ignore test-leak in this file"),
		"/* leakwatch-ignore-file test-leak: TODO explain why this is not a leak */\n"+text; got != want {
		t.Errorf("ignore file:\n%s\nwant:\n%s", got, want)
	}

	// Each suppression really silences the finding.
	v := 5
	for _, title := range []string{"Ignore test-leak on this line", "Ignore test-leak in this file"} {
		next := c.mark()
		c.changeFull(uri, v, apply(title))
		p, next := c.waitPublish(next, uri, func(p tPublish) bool { return *p.Version == v })
		if len(p.Diagnostics) != 0 {
			t.Errorf("after %q: %+v", title, p.Diagnostics)
		}
		c.changeFull(uri, v+1, text)
		c.waitPublish(next, uri, func(p tPublish) bool { return *p.Version == v+1 })
		v += 2
	}

	// Only the requested kinds come back.
	if acts := c.codeActions(uri, p.Diagnostics[0].Range, "source.fixAll"); len(acts) != 1 || acts[0].Title != "Fix all leakwatch problems" {
		t.Errorf("only source.fixAll: %+v", acts)
	}
	// Outside the finding there is only fix-all.
	if acts := c.codeActions(uri, tRange{tPos{0, 0}, tPos{0, 3}}, "quickfix"); len(acts) != 0 {
		t.Errorf("actions away from the finding: %+v", acts)
	}
}

func TestFixAll(t *testing.T) {
	c := start(t, config{})
	const uri = "file:///work/many.ts"
	text := "leak();\nconst a = () => leak(2);\nleak(); leak();\n"
	c.open(uri, "typescript", text, 1)
	c.waitPublish(0, uri, nil)
	acts := c.codeActions(uri, tRange{}, "source.fixAll.leakwatch")
	if len(acts) != 1 {
		t.Fatalf("fix-all: %+v", acts)
	}
	got := applyEdits(t, text, editsOf(t, acts[0], uri, 1), "utf-16")
	if want := "noleak();\nconst a = () => noleak(2);\nnoleak(); noleak();\n"; got != want {
		t.Fatalf("fix-all result:\n%s\nwant:\n%s", got, want)
	}
	next := c.mark()
	c.changeFull(uri, 2, got)
	if p, _ := c.waitPublish(next, uri, nil); len(p.Diagnostics) != 0 {
		t.Errorf("after fix-all: %+v", p.Diagnostics)
	}
}

func TestIgnoreCommentExtendsAnExistingOne(t *testing.T) {
	c := start(t, config{})
	const uri = "file:///work/x.js"
	text := "  // leakwatch-ignore test-boom: it is fine\n  leak();\n"
	c.open(uri, "javascript", text, 1)
	p, _ := c.waitPublish(0, uri, func(p tPublish) bool { return len(p.Diagnostics) > 0 })
	var leak tDiag
	for _, d := range p.Diagnostics {
		if d.Code == "test-leak" {
			leak = d
		}
	}
	acts := c.codeActions(uri, leak.Range, "quickfix")
	got := applyEdits(t, text, editsOf(t, find(t, acts, "Ignore test-leak on this line"), uri, 1), "utf-16")
	if want := "  // leakwatch-ignore test-boom, test-leak: it is fine\n  leak();\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestIgnoreCommentInJSXChildren(t *testing.T) {
	c := start(t, config{})
	const uri = "file:///work/App.tsx"
	text := "export function App() {\n  return (\n    <div>\n      {leak()}\n    </div>\n  );\n}\n"
	c.open(uri, "typescriptreact", text, 1)
	p, _ := c.waitPublish(0, uri, nil)
	if len(p.Diagnostics) != 1 {
		t.Fatalf("diagnostics: %+v", p.Diagnostics)
	}
	acts := c.codeActions(uri, p.Diagnostics[0].Range, "quickfix")
	got := applyEdits(t, text, editsOf(t, find(t, acts, "Ignore test-leak on this line"), uri, 1), "utf-16")
	above := "    <div>\n      {/* leakwatch-ignore test-leak: TODO explain why this is not a leak */}\n      {leak()}\n"
	same := "    <div>\n      {/* leakwatch-ignore test-leak: TODO explain why this is not a leak */} {leak()}\n"
	if !strings.Contains(got, above) && !strings.Contains(got, same) {
		t.Fatalf("JSX ignore comment:\n%s", got)
	}
	t.Logf("JSX suppression placed %s", map[bool]string{true: "on the line above", false: "on the flagged line (the engine does not honour a JSX comment on the line above)"}[strings.Contains(got, above)])
	next := c.mark()
	c.changeFull(uri, 2, got)
	if p, _ := c.waitPublish(next, uri, nil); len(p.Diagnostics) != 0 {
		t.Errorf("after JSX suppression: %+v", p.Diagnostics)
	}
}

func TestInJSXChildren(t *testing.T) {
	for _, tc := range []struct {
		before, line string
		want         bool
	}{
		{"<div>\n  ", "{leak()}", true},
		{"</li>\n  ", "<li onClick={f} />", true},
		{"{a}\n", "{b}", true},
		{"return (\n  ", "<div>", false},
		{"const f = () =>\n  ", "{x}", false},
		{"foo(\n  ", "leak()", false},
		{"<div>\n  ", "leak()", false},
	} {
		text := tc.before + tc.line
		if got := inJSXChildren(text, len(tc.before)); got != tc.want {
			t.Errorf("%q then %q: got %v, want %v", tc.before, tc.line, got, tc.want)
		}
	}
}

func TestHover(t *testing.T) {
	c := start(t, config{})
	const uri = "file:///work/app.js"
	text := "let a;\nleak();\n"
	c.open(uri, "javascript", text, 1)
	c.waitPublish(0, uri, nil)
	var h struct {
		Contents struct {
			Kind  string `json:"kind"`
			Value string `json:"value"`
		} `json:"contents"`
		Range tRange `json:"range"`
	}
	if err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": tPos{1, 2}}, &h); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"**Leaky call** `test-leak`", "leak() is never undone", "Calling `leak()` keeps memory alive forever.",
		"```ts\nnoleak();\n```", "(https://github.com/leakwatch/leakwatch/blob/main/docs/rules/test-leak.md)"} {
		if !strings.Contains(h.Contents.Value, want) {
			t.Errorf("hover lacks %q:\n%s", want, h.Contents.Value)
		}
	}
	if h.Contents.Kind != "markdown" || h.Range != rangeOf(t, text, "leak()", 0, "utf-16") {
		t.Errorf("hover kind %q range %+v", h.Contents.Kind, h.Range)
	}
	var none json.RawMessage
	if err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": tPos{0, 1}}, &none); err != nil {
		t.Fatal(err)
	}
	if string(none) != "" && string(none) != "null" {
		t.Errorf("hover away from findings: %s", none)
	}
}
