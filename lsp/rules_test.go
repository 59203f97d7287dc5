package lsp

import (
	"sync"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Small rules of our own, so these tests never depend on the real rules
// that others are writing.

// leakRule reports every call to leak(). Its fixes cover the cases a code
// action must handle: an unsafe fix, a safe one (which must be preferred),
// and a broken one (which validation must drop).
var leakRule = &analyzer.Rule{
	ID:       "test-leak",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"call_expression"},
	Needles:  []string{"leak"},
	Doc: analyzer.Doc{
		Title: "Leaky call",
		Text:  "Calling `leak()` keeps memory alive forever.",
		Good:  analyzer.Example{Path: "good.ts", Code: "noleak();"},
	},
	New: func(p *analyzer.Pass) analyzer.Visitor {
		return analyzer.VisitFunc(func(n syntax.Node) {
			fn := n.Get("function")
			if fn.Text() != "leak" {
				return
			}
			args := n.Get("arguments")
			p.Report(analyzer.Diagnostic{
				Start: n.Start(), End: n.End(), Message: "leak() is never undone",
				Related: []analyzer.Related{{Start: args.Start(), End: args.End(), Message: "the cleanup belongs here"}},
				Fixes: []analyzer.Fix{
					{Title: "Comment out the call", Safe: false, Edits: []analyzer.Edit{{Start: n.Start(), End: n.End(), NewText: "/* " + n.Text() + " */ undefined"}}},
					{Title: "Call noleak() instead", Safe: true, Edits: []analyzer.Edit{{Start: fn.Start(), End: fn.End(), NewText: "noleak"}}},
					{Title: "Break the file", Safe: true, Edits: []analyzer.Edit{{Start: fn.Start(), End: fn.End(), NewText: "leak(("}}},
				},
			})
		})
	},
}

// boomRule panics on calls to boom(), as a buggy rule would.
var boomRule = &analyzer.Rule{
	ID:       "test-boom",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"call_expression"},
	Needles:  []string{"boom"},
	New: func(p *analyzer.Pass) analyzer.Visitor {
		return analyzer.VisitFunc(func(n syntax.Node) {
			if n.Get("function").Text() == "boom" {
				panic("boom")
			}
		})
	},
}

// gate lets a test hold an analysis inside the engine: slowRule blocks on
// calls to slow() until the test releases it.
type gate struct {
	entered chan struct{}
	release chan struct{}
	left    chan struct{} // one value each time the rule returns
}

func newGate() *gate {
	return &gate{entered: make(chan struct{}, 100), release: make(chan struct{}), left: make(chan struct{}, 100)}
}

func (g *gate) rule() *analyzer.Rule {
	return &analyzer.Rule{
		ID:       "test-slow",
		Severity: analyzer.SeverityWarning,
		Kinds:    []string{"call_expression"},
		Needles:  []string{"slow"},
		New: func(p *analyzer.Pass) analyzer.Visitor {
			return analyzer.VisitFunc(func(n syntax.Node) {
				if n.Get("function").Text() == "slow" {
					g.entered <- struct{}{}
					<-g.release
					p.Reportf(n, "slow() is slow")
					g.left <- struct{}{}
				}
			})
		},
	}
}

func testEngine(extra ...*analyzer.Rule) *analyzer.Engine {
	return analyzer.NewEngine(append([]*analyzer.Rule{leakRule, boomRule}, extra...))
}

// sharedEngine is one test engine for the fuzz targets, which start a
// server per input: NewEngine builds dispatch tables over every grammar
// symbol, which the fuzzer's coverage instrumentation makes slow enough
// to cap a target at a few inputs a second.
var sharedEngine = sync.OnceValue(func() *analyzer.Engine { return testEngine() })
