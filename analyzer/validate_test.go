package analyzer_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

func noop(*analyzer.Pass) analyzer.Visitor { return analyzer.VisitFunc(func(syntax.Node) {}) }

// NewEngine refuses a rule that dispatches on a kind no grammar has: such a
// rule would never be called and its findings would silently vanish.
func TestNewEngineRejectsUnknownKind(t *testing.T) {
	bad := &analyzer.Rule{ID: "typo", Kinds: []string{"call_expresion"}, New: noop}
	msg := panicMessage(func() { analyzer.NewEngine([]*analyzer.Rule{leakRule, bad}) })
	if !strings.Contains(msg, `rule typo dispatches on node kind "call_expresion", which no grammar has`) {
		t.Fatalf("panic %q does not name the rule and the kind", msg)
	}
	// Kinds of one grammar only (TypeScript's) are fine.
	ts := &analyzer.Rule{ID: "ts", Kinds: []string{"type_annotation", "call_expression"}, New: noop}
	if err := analyzer.ValidateRules([]*analyzer.Rule{ts}); err != nil {
		t.Fatal(err)
	}
}

func TestValidateRules(t *testing.T) {
	timers := apis.Use{Family: apis.Timer}
	for _, c := range []struct {
		name  string
		rules []*analyzer.Rule
		want  string
	}{
		{"duplicate id", []*analyzer.Rule{leakRule, {ID: leakRule.ID, New: noop}}, `rule id "test-leak" is used twice`},
		{"no id", []*analyzer.Rule{{New: noop}}, "rule 0 has no id"},
		{"engine id", []*analyzer.Rule{{ID: analyzer.RuleInternalError, New: noop}}, "is the engine's own"},
		{"no New", []*analyzer.Rule{{ID: "x"}}, "rule x has no New function"},
		{"nil", []*analyzer.Rule{nil}, "rule 0 is nil"},
		// Hand-written needles that miss an API of the table: setTimeout
		// files would be skipped by the prefilter.
		{"needles miss an adder", []*analyzer.Rule{{ID: "t", New: noop, APIs: timers, Needles: []string{"setInterval", "requestAnimationFrame"}}},
			`rule t follows timer APIs but none of its needles occurs in "setTimeout"`},
	} {
		err := analyzer.ValidateRules(c.rules)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	for _, ok := range []*analyzer.Rule{
		{ID: "derived", New: noop, APIs: timers, Needles: apis.Builtin().Needles(timers)},
		{ID: "broader", New: noop, APIs: timers, Needles: []string{"set", "requestAnimationFrame", "raf"}},
		{ID: "always", New: noop, APIs: timers},
	} {
		if err := analyzer.ValidateRules([]*analyzer.Rule{ok}); err != nil {
			t.Errorf("%s: %v", ok.ID, err)
		}
	}
}

// The engine hands every rule the file's API table: the built-in one, or
// the one owners.listenerPairs extends.
func TestPassAPIsCarryConfiguredPairs(t *testing.T) {
	var got *apis.Table
	probe := &analyzer.Rule{ID: "probe", Severity: analyzer.SeverityWarning, Kinds: []string{"program"}, New: func(p *analyzer.Pass) analyzer.Visitor {
		got = p.APIs
		return analyzer.VisitFunc(func(syntax.Node) {})
	}}
	e := analyzer.NewEngine([]*analyzer.Rule{probe})
	e.Analyze(context.Background(), analyzer.File{Path: "a.js", Src: []byte("x()\n")})
	if got != apis.Builtin() {
		t.Fatalf("without config the pass has %p, want the built-in table", got)
	}
	cfg, err := analyzer.ParseConfig([]byte(`{"owners": {"listenerPairs": {"listen": "unlisten"}}}`), "c", nil)
	if err != nil {
		t.Fatal(err)
	}
	e.Analyze(context.Background(), analyzer.File{Path: "a.js", Src: []byte("x()\n"), Config: cfg})
	a, ok := got.Adder(apis.Listener, "listen")
	if !ok || !a.Configured || a.Undos[0] != "unlisten" {
		t.Fatalf("configured pair not in the pass's table: %+v", a)
	}
}

func TestConfigRejectsBadListenerPairs(t *testing.T) {
	_, err := analyzer.ParseConfig([]byte(`{"owners": {"listenerPairs": {"watch": "on"}}}`), ".leakwatch.json", nil)
	if err == nil || !strings.Contains(err.Error(), `.leakwatch.json: owners.listenerPairs: "on" undoes "watch"`) {
		t.Fatalf("error %v", err)
	}
}

func panicMessage(f func()) (msg string) {
	defer func() { msg = fmt.Sprint(recover()) }()
	f()
	return "no panic"
}
