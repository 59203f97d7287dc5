package analyzer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// leakRule reports every call to leak() and offers a fix that renames it to
// noleak(); a call to badfix() gets a fix that breaks the syntax; boom()
// makes it panic.
var leakRule = &analyzer.Rule{
	ID:       "test-leak",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"call_expression"},
	Needles:  []string{"leak(", "boom(", "badfix("},
	New: func(p *analyzer.Pass) analyzer.Visitor {
		return analyzer.VisitFunc(func(n syntax.Node) {
			fn := n.Get("function")
			switch fn.Text() {
			case "boom":
				panic("boom")
			case "leak":
				p.Report(analyzer.Diagnostic{Start: fn.Start(), End: fn.End(), Message: "leak",
					Fixes: []analyzer.Fix{{Title: "rename", Safe: true, Edits: []analyzer.Edit{{Start: fn.Start(), End: fn.End(), NewText: "noleak"}}}}})
			case "badfix":
				p.Report(analyzer.Diagnostic{Start: fn.Start(), End: fn.End(), Message: "bad",
					Fixes: []analyzer.Fix{{Title: "break", Safe: true, Edits: []analyzer.Edit{{Start: fn.Start(), End: fn.End(), NewText: "((("}}}}})
			}
		})
	},
}

var otherRule = &analyzer.Rule{ID: "test-other", Severity: analyzer.SeverityInfo,
	New: func(*analyzer.Pass) analyzer.Visitor { return analyzer.VisitFunc(func(syntax.Node) {}) }}

func analyze(t *testing.T, path, src string, cfg *analyzer.Config) analyzer.Result {
	t.Helper()
	e := analyzer.NewEngine([]*analyzer.Rule{leakRule, otherRule})
	return e.Analyze(context.Background(), analyzer.File{Path: path, Src: []byte(src), Config: cfg})
}

func rulesOf(r analyzer.Result) string {
	var ids []string
	for _, d := range r.Diagnostics {
		ids = append(ids, d.Rule)
	}
	return strings.Join(ids, ",")
}

func TestSuppressions(t *testing.T) {
	src := `leak(); // leakwatch-ignore test-leak: known, tracked in #12
// leakwatch-ignore test-leak: next line
leak();
leak();
// leakwatch-ignore test-leak: nothing here
ok();
// leakwatch-ignore no-such-rule: typo
leak();
// leakwatch-ignore test-leak
leak();
`
	r := analyze(t, "a.js", src, nil)
	got := rulesOf(r)
	want := "test-leak,unused-suppression,invalid-suppression,test-leak,invalid-suppression"
	if got != want {
		for _, d := range r.Diagnostics {
			t.Logf("%d %s %s", d.Start, d.Rule, d.Message)
		}
		t.Fatalf("got %s\nwant %s", got, want)
	}
}

func TestIgnoreFile(t *testing.T) {
	r := analyze(t, "a.js", "/* leakwatch-ignore-file test-leak: generated */\nleak();\nleak();\n", nil)
	if len(r.Diagnostics) != 0 {
		t.Fatalf("diagnostics: %v", r.Diagnostics)
	}
}

func TestConfigSeverityAndOff(t *testing.T) {
	cfg, err := analyzer.ParseConfig([]byte(`{"rules": {"test-leak": "error"}}`), ".leakwatch.json", []string{"test-leak", "test-other"})
	if err != nil {
		t.Fatal(err)
	}
	r := analyze(t, "a.js", "leak();", cfg)
	if len(r.Diagnostics) != 1 || r.Diagnostics[0].Severity != analyzer.SeverityError {
		t.Fatalf("got %+v", r.Diagnostics)
	}
	cfg, _ = analyzer.ParseConfig([]byte(`{"rules": {"test-leak": "off"}}`), "c", []string{"test-leak"})
	if r := analyze(t, "a.js", "leak(); // leakwatch-ignore test-leak: off anyway", cfg); len(r.Diagnostics) != 0 {
		t.Fatalf("rule off: %+v", r.Diagnostics)
	}
}

func TestConfigErrors(t *testing.T) {
	known := []string{"test-leak"}
	for in, want := range map[string]string{
		`{"rules": {"nope": "warning"}}`:   `unknown rule "nope"`,
		`{"rules": {"test-leak": "loud"}}`: `unknown severity "loud"`,
		"{\n  \"rules\": [1]\n}":           "c.json:2:",
		`{"rules": `:                       "c.json",
		`{"ignor": []}`:                    `unknown field "ignor"`,
		``:                                 "empty file",
		`{"ignore": ["[z-a"]}`:             "ignore pattern",
		`{"rules": {"test-leak": 5}}`:      "a rule setting is a severity",
	} {
		_, err := analyzer.ParseConfig([]byte(in), "c.json", known)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseConfig(%q) error = %v, want it to contain %q", in, err, want)
		}
	}
}

func TestPanickingRuleBecomesInternalError(t *testing.T) {
	r := analyze(t, "a.js", "leak();\nboom();\nleak();\n", nil)
	got := rulesOf(r)
	if !strings.Contains(got, analyzer.RuleInternalError) || !strings.HasPrefix(got, "test-leak") {
		t.Fatalf("got %s", got)
	}
	for _, d := range r.Diagnostics {
		if d.Rule == analyzer.RuleInternalError && !strings.Contains(d.Message, "engine_test.go:") {
			t.Errorf("internal error does not say where it happened: %s", d.Message)
		}
	}
}

func TestInvalidFixesAreDropped(t *testing.T) {
	r := analyze(t, "a.js", "leak();\nbadfix();\n", nil)
	if len(r.Diagnostics) != 2 {
		t.Fatalf("got %v", r.Diagnostics)
	}
	if len(r.Diagnostics[0].Fixes) != 1 {
		t.Error("valid fix dropped")
	}
	if len(r.Diagnostics[1].Fixes) != 0 {
		t.Error("fix that breaks the syntax was kept")
	}
}

func TestSkipsAndSyntaxErrors(t *testing.T) {
	if r := analyze(t, "a.js", "leak(\x00);", nil); !strings.Contains(r.Skipped, "binary") {
		t.Errorf("binary: %+v", r)
	}
	only := analyzer.NewEngine([]*analyzer.Rule{leakRule})
	if r := only.Analyze(context.Background(), analyzer.File{Path: "a.js", Src: []byte("nothing to see")}); r.Parsed {
		t.Error("file without needles was parsed")
	}
	r := analyze(t, "a.js", "function (\nleak();", nil)
	if len(r.SyntaxErrors) == 0 || rulesOf(r) != "test-leak" {
		t.Errorf("syntax error file: %+v", r)
	}
	if r := analyze(t, "types/a.d.ts", "declare function leak(): void;\nleak();", nil); r.Parsed || len(r.Diagnostics) > 0 {
		t.Errorf("declaration file analysed: %+v", r)
	}
	if r := analyze(t, "a.txt", "leak();", nil); r.Skipped == "" {
		t.Error("non-JS file analysed")
	}
}

func TestComponentOffsets(t *testing.T) {
	src := "<template><p>{{ x }}</p></template>\n<script lang=\"ts\">\nconst x: number = 1;\nleak();\n</script>\n"
	r := analyze(t, "A.vue", src, nil)
	if len(r.Diagnostics) != 1 {
		t.Fatalf("got %+v (skipped %q)", r.Diagnostics, r.Skipped)
	}
	d := r.Diagnostics[0]
	if src[d.Start:d.End] != "leak" {
		t.Errorf("diagnostic covers %q, want the original file's offsets", src[d.Start:d.End])
	}
	if len(d.Fixes) != 1 {
		t.Error("fix inside the script block was dropped")
	}
}

func TestMergeFixes(t *testing.T) {
	fixes := []analyzer.Fix{
		{Edits: []analyzer.Edit{{Start: 0, End: 2, NewText: "a"}}},
		{Edits: []analyzer.Edit{{Start: 1, End: 3, NewText: "b"}}}, // overlaps the first
		{Edits: []analyzer.Edit{{Start: 5, End: 5, NewText: "c"}, {Start: 7, End: 8, NewText: "d"}}},
		{Edits: []analyzer.Edit{{Start: 5, End: 5, NewText: "e"}}}, // same insertion point
		// Two insertions at one point within one fix are kept, in order.
		{Edits: []analyzer.Edit{{Start: 9, End: 9, NewText: "x"}, {Start: 9, End: 9, NewText: "y"}}},
	}
	edits, skipped := analyzer.MergeFixes(fixes)
	if len(edits) != 5 || len(skipped) != 2 || skipped[0] != 1 || skipped[1] != 3 {
		t.Fatalf("edits %v skipped %v", edits, skipped)
	}
	out, err := analyzer.ApplyEdits("0123456789", edits)
	if err != nil || out != "a234c56d8xy9" {
		t.Fatalf("ApplyEdits = %q, %v", out, err)
	}
	if _, err := analyzer.ApplyEdits("abc", []analyzer.Edit{{Start: 2, End: 9}}); err == nil {
		t.Error("edit past the end accepted")
	}
}

// Fixes that add to the same class or owner wait for the next round even
// when their edits are far apart: each was computed as if alone.
func TestMergeFixesOnePerScope(t *testing.T) {
	fixes := []analyzer.Fix{
		{Edits: []analyzer.Edit{{Start: 0, End: 1, NewText: "a"}}, Scopes: []int{10, 40}},
		{Edits: []analyzer.Edit{{Start: 5, End: 6, NewText: "b"}}, Scopes: []int{40}}, // the same class
		{Edits: []analyzer.Edit{{Start: 7, End: 8, NewText: "c"}}, Scopes: []int{70}},
		{Edits: []analyzer.Edit{{Start: 9, End: 9, NewText: "d"}}},
	}
	edits, skipped := analyzer.MergeFixes(fixes)
	if len(edits) != 3 || len(skipped) != 1 || skipped[0] != 1 {
		t.Fatalf("edits %v skipped %v", edits, skipped)
	}
}

func TestSessionMatchesFreshAnalysis(t *testing.T) {
	e := analyzer.NewEngine([]*analyzer.Rule{leakRule})
	s := &analyzer.Session{}
	defer s.Close()
	texts := []string{
		"leak();\nok();\n",
		"leak();\nleak(); // é\nok();\n",
		"ok();\n",
		"function f() {\n  leak(\n",
		"😀 leak();\nleak();",
		"",
		"leak();",
	}
	for _, text := range texts {
		f := analyzer.File{Path: "a.ts", Src: []byte(text)}
		got, want := e.AnalyzeIn(context.Background(), s, f), e.Analyze(context.Background(), f)
		if len(got.Diagnostics) != len(want.Diagnostics) || len(got.SyntaxErrors) != len(want.SyntaxErrors) {
			t.Fatalf("%q: session %+v, fresh %+v", text, got, want)
		}
		for i := range got.Diagnostics {
			if got.Diagnostics[i].Start != want.Diagnostics[i].Start {
				t.Fatalf("%q: diagnostic %d at %d, fresh at %d", text, i, got.Diagnostics[i].Start, want.Diagnostics[i].Start)
			}
		}
	}
}

// CheckFixIn validates fixes from the session's kept tree (the session
// keeps it for large files; here for any) and gives CheckFix's verdicts: a
// valid fix, one that breaks the syntax, one after which the rule still
// reports, one with edits in several places; and after the text moved on
// from the session's, it still answers for the text it is given.
func TestCheckFixInMatchesCheckFix(t *testing.T) {
	defer func(n int) { syntax.ReuseMinBytes = n }(syntax.ReuseMinBytes)
	syntax.ReuseMinBytes = 0
	e := *analyzer.NewEngine([]*analyzer.Rule{leakRule})
	e.ValidateFixes = false // as the language server runs it
	var b strings.Builder
	for i := 0; i < 60; i++ {
		b.WriteString("function f() {\n  ok(1, [2, 3]);\n}\n")
		if i%10 == 0 {
			b.WriteString("leak();\nbadfix();\n")
		}
	}
	s := &analyzer.Session{}
	defer s.Close()
	lentBefore := 0
	for round, text := range []string{b.String(), b.String() + "leak();\n"} {
		f := analyzer.File{Path: "a.ts", Src: []byte(text)}
		res := e.AnalyzeIn(context.Background(), s, f)
		if len(res.Diagnostics) < 4 {
			t.Fatalf("round %d: %d findings", round, len(res.Diagnostics))
		}
		if round == 1 {
			f.Src = []byte(text + "\n") // not the session's text any more
		}
		for _, d := range res.Diagnostics {
			fixes := append([]analyzer.Fix{}, d.Fixes...)
			fixes = append(fixes,
				analyzer.Fix{Title: "comment before", Edits: []analyzer.Edit{{Start: d.Start, End: d.Start, NewText: "/* c */ "}}},
				analyzer.Fix{Title: "two places", Edits: []analyzer.Edit{
					{Start: 0, End: 0, NewText: "let z = 1;\n"},
					{Start: d.Start, End: d.End, NewText: "noleak"}}})
			for _, fix := range fixes {
				got := e.CheckFixIn(context.Background(), s, f, d, fix)
				want := e.CheckFix(context.Background(), f, d, fix)
				if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
					t.Errorf("round %d, %s at %d, fix %q: session says %v, fresh %v", round, d.Message, d.Start, fix.Title, got, want)
				}
			}
		}
		if n := analyzer.SessionLent(s); round == 0 && n == 0 {
			t.Fatal("no validation reused the session's tree")
		} else if round == 1 && n != lentBefore {
			t.Fatalf("%d validations reused the session's tree of another text", n-lentBefore)
		}
		lentBefore = analyzer.SessionLent(s)
	}
}

// multiFixRule offers four fixes per call to multi(): an unsafe one, a safe
// one that breaks the syntax, and two valid safe ones.
var multiFixRule = &analyzer.Rule{
	ID:       "test-multi",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"call_expression"},
	New: func(p *analyzer.Pass) analyzer.Visitor {
		return analyzer.VisitFunc(func(n syntax.Node) {
			fn := n.Get("function")
			if fn.Text() != "multi" {
				return
			}
			fix := func(title string, safe bool, text string) analyzer.Fix {
				return analyzer.Fix{Title: title, Safe: safe, Edits: []analyzer.Edit{{Start: fn.Start(), End: fn.End(), NewText: text}}}
			}
			p.Report(analyzer.Diagnostic{Start: fn.Start(), End: fn.End(), Message: "multi",
				Fixes: []analyzer.Fix{fix("unsafe", false, "a"), fix("broken", true, "((("), fix("first", true, "b"), fix("second", true, "c")}})
		})
	},
}

func TestFixWantedValidatesOnlyTheFirstWantedValidFix(t *testing.T) {
	e := analyzer.NewEngine([]*analyzer.Rule{multiFixRule})
	f := analyzer.File{Path: "a.js", Src: []byte("multi();\n")}
	titles := func(r analyzer.Result) string {
		if len(r.Diagnostics) != 1 {
			t.Fatalf("got %v", r.Diagnostics)
		}
		var out []string
		for _, fx := range r.Diagnostics[0].Fixes {
			out = append(out, fx.Title)
		}
		return strings.Join(out, ",")
	}
	if got := titles(e.Analyze(context.Background(), f)); got != "unsafe,first,second" {
		t.Errorf("every fix validated: got %s, want unsafe,first,second", got)
	}
	e.FixWanted = func(fx analyzer.Fix) bool { return fx.Safe }
	if got := titles(e.Analyze(context.Background(), f)); got != "first" {
		t.Errorf("with FixWanted: got %s, want first (the first safe fix that is valid)", got)
	}
}
