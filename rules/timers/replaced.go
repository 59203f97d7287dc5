package timers

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
)

// An interval whose id is stored and then, further down the same code,
// stored over before anything clears it can never be stopped:
//
//	feed = setInterval(refresh, 5000)
//	...
//	feed = setInterval(refresh, 5000) // the first one runs forever
//
// A teardown that clears `feed` stops the second only.

// replacedUncleared returns the assignment that stores over the interval
// call keeps in held, when both run on every run of the function that
// holds them (neither under a branch, a loop or a callback of their own)
// and nothing between them clears the holder; otherwise the zero Node.
func replacedUncleared(p *analyzer.Pass, o *lifecycle.Owner, call syntax.Node, held cleanup.Held) syntax.Node {
	if len(held.Keys) != 1 || !held.Holder.Valid() {
		return syntax.Node{}
	}
	fn := astutil.EnclosingFunction(call)
	if !fn.Valid() {
		fn = p.Tree.Root()
	}
	store := call.Parent()
	if store.Kind() != "assignment_expression" || conditional(store, fn) {
		return syntax.Node{}
	}
	key := held.Keys[0]
	var next syntax.Node
	cleared := false
	fn.Walk(func(n syntax.Node) bool {
		if next.Valid() || cleared {
			return false
		}
		if n.Index() != fn.Index() && astutil.IsFunction(n) {
			return false // runs some other time, if at all
		}
		if n.Start() < call.End() {
			return true // the call itself, and what comes before it
		}
		switch n.Kind() {
		case "call_expression":
			cleared = clearsKey(p, o, n, key)
		case "assignment_expression":
			if p.Scope.Key(n.Get("left")) == key && !conditional(n, fn) {
				next = n
			}
		}
		return true
	})
	return next
}

// clearsKey reports a call that clears the timer keyed key
// (clearInterval(feed)), directly or through a method of the owner or a
// function of the file whose body does.
func clearsKey(p *analyzer.Pass, o *lifecycle.Owner, call syntax.Node, key string) bool {
	if isTimerClear(astutil.MethodName(call)) {
		return p.Scope.Key(astutil.Arg(call, 0)) == key
	}
	fn := functionOf(p, o, call.Get("function"))
	return fn.Valid() && clearedKeys(p, fn)[key]
}

type clearedKeysKey struct{ fn int }

// clearedKeys returns the scope keys of the timers fn clears
// (clearInterval(x), clearTimeout(this.t)), once per function and file.
func clearedKeys(p *analyzer.Pass, fn syntax.Node) map[string]bool {
	return p.Memo(clearedKeysKey{fn.Index()}, func() any {
		keys := map[string]bool{}
		fn.Walk(func(n syntax.Node) bool {
			if n.Kind() == "call_expression" {
				if isTimerClear(astutil.MethodName(n)) {
					keys[p.Scope.Key(astutil.Arg(n, 0))] = true
				}
			}
			return true
		})
		return keys
	}).(map[string]bool)
}
