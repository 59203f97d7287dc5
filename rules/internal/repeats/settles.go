package repeats

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// ReturnsPromise reports a function whose call ends when a promise
// settles: an async function, or one that makes a new Promise.
func ReturnsPromise(fn syntax.Node) bool {
	if fn.HasToken("async") {
		return true
	}
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if n.Kind() == "new_expression" && scope.Unwrap(n.Get("constructor")).Text() == "Promise" {
			found = true
		}
		return !found
	})
	return found
}

// Settling returns a Call repeat for a function that returns a promise
// and does not evidently run once (a start-up name, or only start-up
// callers in this file): what it registers for the length of a call must
// be undone when the call settles, since callers may make many. It
// returns nil otherwise.
func Settling(p *analyzer.Pass, fn syntax.Node) *Repeat {
	if !fn.Valid() || !ReturnsPromise(fn) {
		return nil
	}
	name := lifecycle.NameOf(fn, lifecycle.CalledAs|lifecycle.ShortAssigned)
	if astutil.StartupName(name) || FunctionRunsOnce(p, fn, listenerOnce) {
		return nil
	}
	phrase := "each call of this function"
	if name != "" {
		phrase = "each call of " + name
	}
	return &Repeat{Kind: Call, Phrase: phrase, Node: fn, Regions: []syntax.Node{fn}}
}
