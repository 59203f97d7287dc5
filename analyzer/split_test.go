package analyzer_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules"
)

// Rules run in two groups side by side find exactly what they find in one
// walk, on every fixture: the groups share nothing a rule writes. Under
// -race (the test script) this also checks that nothing they share is
// written.
func TestSplitRulesFindTheSame(t *testing.T) {
	serial := analyzer.NewEngine(rules.All())
	split := analyzer.NewEngine(rules.All())
	split.SplitRulesFrom = 1
	files, findings := 0, 0
	walkFixtures(t, func(f analyzer.File) {
		want := serial.Analyze(context.Background(), f)
		got := split.Analyze(context.Background(), f)
		files++
		findings += len(want.Diagnostics)
		if a, b := describeAll(got.Diagnostics), describeAll(want.Diagnostics); a != b {
			t.Errorf("%s: split rules found\n%s\none walk found\n%s", f.Path, a, b)
		}
	})
	if files < 300 || findings < 300 {
		t.Fatalf("only %d files and %d findings; the walk missed the fixtures", files, findings)
	}
}

func describeAll(ds []analyzer.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "  %d-%d %s: %s (%d fixes)\n", d.Start, d.End, d.Rule, d.Message, len(d.Fixes))
	}
	return b.String()
}

// A rule that panics in the group that runs on its own goroutine is
// stopped for the file and reported, as in one walk; the other group's
// findings stay.
func TestSplitRulesContainACrash(t *testing.T) {
	listener := &analyzer.Rule{ID: "test-listener", Severity: analyzer.SeverityWarning,
		Kinds: []string{"call_expression"}, Needles: []string{"addEventListener"},
		New: func(p *analyzer.Pass) analyzer.Visitor {
			return analyzer.VisitFunc(func(n syntax.Node) {
				if strings.HasSuffix(n.Get("function").Text(), "addEventListener") {
					p.Reportf(n, "added")
				}
			})
		}}
	e := analyzer.NewEngine([]*analyzer.Rule{listener, leakRule})
	e.SplitRulesFrom = 1
	res := e.Analyze(context.Background(), analyzer.File{Path: "a.js",
		Src: []byte("window.addEventListener('x', f);\nboom();\nleak();\n")})
	if got := rulesOf(res); got != "test-listener,"+analyzer.RuleInternalError {
		t.Fatalf("findings %q, want the listener's and the crash report", got)
	}
	if msg := res.Diagnostics[1].Message; !strings.Contains(msg, "rule test-leak crashed here") {
		t.Errorf("crash reported as %q", msg)
	}
}
