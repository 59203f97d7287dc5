package lsp

import (
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

func resolveCaps() map[string]any {
	caps := defaultCaps()
	ca := caps["textDocument"].(map[string]any)["codeAction"].(map[string]any)
	ca["dataSupport"] = true
	ca["resolveSupport"] = map[string]any{"properties": []string{"edit"}}
	return caps
}

// rawAction is an action as the client received it, to send back for
// resolution, with its decoded form.
type rawAction struct {
	raw json.RawMessage
	tAction
	Data json.RawMessage `json:"data"`
}

func (c *client) rawCodeActions(uri string, r tRange, only ...string) []rawAction {
	c.t.Helper()
	ctx := map[string]any{"diagnostics": []any{}}
	if len(only) > 0 {
		ctx["only"] = only
	}
	var raws []json.RawMessage
	if err := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": r, "context": ctx}, &raws); err != nil {
		c.t.Fatalf("codeAction: %v", err)
	}
	out := make([]rawAction, len(raws))
	for i, raw := range raws {
		out[i].raw = raw
		if err := json.Unmarshal(raw, &out[i].tAction); err != nil {
			c.t.Fatal(err)
		}
		var d struct {
			Data json.RawMessage `json:"data"`
		}
		_ = json.Unmarshal(raw, &d)
		out[i].Data = d.Data
	}
	return out
}

func findRaw(t *testing.T, acts []rawAction, title string) rawAction {
	t.Helper()
	var titles []string
	for _, a := range acts {
		if a.Title == title {
			return a
		}
		titles = append(titles, a.Title)
	}
	t.Fatalf("no action %q among %q", title, titles)
	return rawAction{}
}

func (c *client) resolve(a rawAction) (tAction, error) {
	var out tAction
	err := c.call("codeAction/resolve", a.raw, &out)
	return out, err
}

// countRule reports calls to count(), with a safe fix to counted(), and
// counts how often the engine runs it to check findings: on an analysis,
// and on validating a fix, which must show the rule stops reporting. The
// runs that only build the fixes of findings the server has (Pass.WantsFixes)
// are counted in built.
func countRule(runs, built *atomic.Int64) *analyzer.Rule {
	return &analyzer.Rule{
		ID: "test-count", Severity: analyzer.SeverityWarning, Kinds: []string{"call_expression"}, Needles: []string{"count"},
		New: func(p *analyzer.Pass) analyzer.Visitor {
			if p.WantsFixes() {
				built.Add(1)
			} else {
				runs.Add(1)
			}
			return analyzer.VisitFunc(func(n syntax.Node) {
				if fn := n.Get("function"); fn.Text() == "count" {
					d := analyzer.Diagnostic{Start: n.Start(), End: n.End(), Message: "count() counts"}
					if p.WantsFixes() {
						d.Fixes = []analyzer.Fix{{Title: "Call counted()", Safe: true, Edits: []analyzer.Edit{{Start: fn.Start(), End: fn.End(), NewText: "counted"}}}}
					}
					p.Report(d)
				}
			})
		},
	}
}

func TestResolveComputesTheChosenEdit(t *testing.T) {
	c := start(t, config{caps: resolveCaps()})
	const uri = "file:///work/app.js"
	text := "function f() {\n  if (x) {\n    leak();\n  }\n}\n"
	c.open(uri, "javascript", text, 4)
	p, _ := c.waitPublish(0, uri, nil)
	acts := c.rawCodeActions(uri, p.Diagnostics[0].Range)

	// Every action comes without its edit; the broken fix is offered too,
	// since nothing is validated before it is chosen.
	var titles []string
	for _, a := range acts {
		titles = append(titles, a.Title)
		if a.Edit.Changes != nil || a.Edit.DocumentChanges != nil || len(a.Data) == 0 {
			t.Errorf("action %q: edit %+v, data %s; want no edit and data to resolve it", a.Title, a.Edit, a.Data)
		}
		if a.IsPreferred != (a.Title == "Call noleak() instead") {
			t.Errorf("action %q: isPreferred %v", a.Title, a.IsPreferred)
		}
	}
	want := []string{"Comment out the call", "Call noleak() instead", "Break the file", "Ignore test-leak on this line", "Ignore test-leak in this file", "Fix all leakwatch problems"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Fatalf("actions %q, want %q", titles, want)
	}

	// The chosen fix resolves to exactly its edit, for the offered version.
	got, err := c.resolve(findRaw(t, acts, "Call noleak() instead"))
	if err != nil {
		t.Fatal(err)
	}
	edits := editsOf(t, got, uri, 4)
	if len(edits) != 1 || edits[0].NewText != "noleak" || edits[0].Range != rangeOf(t, text, "leak", 0, "utf-16") {
		t.Errorf("resolved edits %+v, want leak -> noleak", edits)
	}
	if got.Title != "Call noleak() instead" || got.Kind != "quickfix" || len(got.Diagnostics) != 1 {
		t.Errorf("resolved action lost its fields: %+v", got)
	}
	for title, want := range map[string]string{
		"Ignore test-leak on this line": "function f() {\n  if (x) {\n    // leakwatch-ignore test-leak: TODO explain why this is not a leak\n    leak();\n  }\n}\n",
		"Fix all leakwatch problems":    "function f() {\n  if (x) {\n    noleak();\n  }\n}\n",
	} {
		got, err := c.resolve(findRaw(t, acts, title))
		if err != nil {
			t.Fatalf("%s: %v", title, err)
		}
		if text := applyEdits(t, text, editsOf(t, got, uri, 4), "utf-16"); text != want {
			t.Errorf("%s:\n%s\nwant:\n%s", title, text, want)
		}
	}

	// A fix that fails validation is refused when chosen.
	if _, err := c.resolve(findRaw(t, acts, "Break the file")); codeOf(err) != codeRequestFailed || !strings.Contains(err.Error(), "cannot be applied") {
		t.Errorf("resolving the broken fix: %v, want RequestFailed", err)
	}
	// Data that is not ours is an error, not a crash.
	bad := rawAction{raw: json.RawMessage(`{"title":"x","data":{"foo":1}}`)}
	if _, err := c.resolve(bad); codeOf(err) != -32602 {
		t.Errorf("foreign data: %v, want InvalidParams", err)
	}
	// An action that has its edit comes back as it is.
	whole := rawAction{raw: json.RawMessage(`{"title":"x","edit":{"changes":{}}}`)}
	if got, err := c.resolve(whole); err != nil || got.Title != "x" {
		t.Errorf("action with an edit: %+v, %v", got, err)
	}

	// Once the document changed, an old action is refused: its offsets
	// are for the old text.
	c.changeFull(uri, 5, "\n"+text)
	if _, err := c.resolve(findRaw(t, acts, "Call noleak() instead")); codeOf(err) != -32801 {
		t.Errorf("resolving after an edit: %v, want ContentModified", err)
	}
}

func TestResolveDefersValidation(t *testing.T) {
	var runs, built atomic.Int64
	for _, lazy := range []bool{false, true} {
		caps := defaultCaps()
		if lazy {
			caps = resolveCaps()
		}
		c := start(t, config{caps: caps, engine: testEngine(countRule(&runs, &built))})
		uri := "file:///work/count.js"
		if lazy {
			uri = "file:///work/count-lazy.js"
		}
		c.open(uri, "javascript", "count();\n", 1)
		p, _ := c.waitPublish(0, uri, nil)
		// Publishing built no fix: diagnostics carry none.
		if n := built.Load(); n != 0 {
			t.Errorf("resolve support %v: fixes built %d times before any code action", lazy, n)
		}
		before := runs.Load()
		acts := c.rawCodeActions(uri, p.Diagnostics[0].Range)
		validated := runs.Load() > before
		if validated == lazy {
			t.Errorf("resolve support %v: code action request validated the fix: %v", lazy, validated)
		}
		// The fixes are built once per version of the document, however
		// often code actions are asked for.
		c.rawCodeActions(uri, p.Diagnostics[0].Range)
		if n := built.Load(); n != 1 {
			t.Errorf("resolve support %v: fixes built %d times for one version, want 1", lazy, n)
		}
		built.Store(0)
		if !lazy {
			continue
		}
		before = runs.Load()
		got, err := c.resolve(findRaw(t, acts, "Call counted()"))
		if err != nil {
			t.Fatal(err)
		}
		if runs.Load() == before {
			t.Errorf("the fix was resolved without validation")
		}
		if out := applyEdits(t, "count();\n", editsOf(t, got, uri, 1), "utf-16"); out != "counted();\n" {
			t.Errorf("resolved fix gives %q", out)
		}
	}
}

func TestResolveIsAdvertised(t *testing.T) {
	c := start(t, config{noInit: true})
	res := c.initialize(config{caps: defaultCaps(), initOpts: map[string]any{"debounceMs": 0}})
	cap, _ := res["capabilities"].(map[string]any)["codeActionProvider"].(map[string]any)
	if cap["resolveProvider"] != true {
		t.Errorf("codeActionProvider %v, want resolveProvider", cap)
	}
}
