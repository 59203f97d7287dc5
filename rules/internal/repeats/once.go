package repeats

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// Once says what counts as running once. Rules differ, each for its own
// reason, and say so here instead of keeping a copy of the analysis.
type Once struct {
	// LoopsRepeat: a call in a loop runs many times even at load. A
	// listener added per iteration piles up; a cache filled by a loop at
	// load is bounded by the program's own data.
	LoopsRepeat bool
	// ExportedRepeats: an exported function may be called from other
	// files, any number of times.
	ExportedRepeats bool
	// ThenOnce: a .then/.catch/.finally callback runs once for the code
	// that chains it (init().then(...) is still start-up).
	ThenOnce bool
	// Known reports functions the rule knows run once (a singleton's
	// constructor); nil when none.
	Known func(fn syntax.Node) bool
	// Depth is how many call sites up the search follows.
	Depth int
}

// listenerOnce is what listener-added-per-call counts as once.
var listenerOnce = Once{LoopsRepeat: true, Depth: 3}

// RunsOnce reports whether n evidently runs once: at top level, in an IIFE,
// or in a function every call of which in this file runs once.
func RunsOnce(p *analyzer.Pass, n syntax.Node, o Once) bool {
	return once{p, o}.node(n, 0)
}

// FunctionRunsOnce reports whether every call of fn in this file evidently
// runs once; a function with no calls here is not known to.
func FunctionRunsOnce(p *analyzer.Pass, fn syntax.Node, o Once) bool {
	return once{p, o}.function(fn, 0)
}

type once struct {
	p *analyzer.Pass
	o Once
}

// node climbs from n to the function it runs in, through IIFEs.
func (c once) node(n syntax.Node, depth int) bool {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if c.o.LoopsRepeat && IsLoop(p) {
			return false
		}
		if scope.IsFunction(p) && !IsIIFE(p) {
			return c.function(p, depth)
		}
	}
	return true
}

func (c once) function(fn syntax.Node, depth int) bool {
	if depth > c.o.Depth {
		return false
	}
	if c.o.Known != nil && c.o.Known(fn) {
		return true
	}
	if call := astutil.CallTaking(fn); c.o.ThenOnce && call.Valid() {
		if promiseCallbacks[astutil.MethodName(call)] {
			return c.node(call, depth+1)
		}
	}
	b := functionBinding(c.p, fn)
	if b == nil || c.o.ExportedRepeats && astutil.TopStatement(fn).Kind() == "export_statement" {
		return false
	}
	refs := c.p.Scope.References(b)
	if len(refs) == 0 {
		return false
	}
	for _, ref := range refs {
		site := ref.Parent()
		if site.Kind() != "call_expression" || ref.Field() != "function" || !c.node(site, depth+1) {
			return false
		}
	}
	return true
}

var promiseCallbacks = map[string]bool{"then": true, "catch": true, "finally": true}
