package subscriptions

import (
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// projectingOperators subscribe to the stream their callback returns for
// each value (mergeMap(() => this.menu.mode$)); the inner subscription
// lasts until that stream completes, whatever the outer one does.
var projectingOperators = map[string]bool{
	"mergeMap": true, "switchMap": true, "concatMap": true, "exhaustMap": true, "flatMap": true,
}

// joiningOperators subscribe to the streams they are given as arguments
// (withLatestFrom(this.store.select(x)), switchMapTo(this.svc.changes$)).
var joiningOperators = map[string]bool{
	"mergeMapTo": true, "switchMapTo": true, "concatMapTo": true, "withLatestFrom": true,
	"mergeWith": true, "combineLatestWith": true, "zipWith": true, "raceWith": true,
}

// flattenedLongLived looks into a pipe's operators for an inner stream
// that outlives the owner: a pipe over the owner's own subject that
// switches to an injected service's stream holds a subscription on that
// service's stream, which keeps the owner alive after it ends. It returns
// the pipe as long-lived when it finds one.
func (c *classifier) flattenedLongLived(pipe syntax.Node, depth int) (source, bool) {
	for _, op := range astutil.Args(pipe) {
		op = scope.Unwrap(op)
		if op.Kind() != "call_expression" {
			continue
		}
		name := astutil.MethodName(op)
		var inners []syntax.Node
		switch {
		case projectingOperators[name]:
			inners = returnedStreams(scope.Unwrap(astutil.Arg(op, 0)))
		case joiningOperators[name]:
			inners = astutil.Args(op)
		}
		for _, in := range inners {
			if c.classify(in, depth+1).life == longLived {
				return source{life: longLived, rx: true, node: pipe}, true
			}
		}
	}
	return source{}, false
}

// returnedStreams returns what a projection function gives back: an
// arrow's expression body, or the values of its own return statements.
func returnedStreams(fn syntax.Node) []syntax.Node {
	if !scope.IsFunction(fn) {
		return nil
	}
	body := fn.Get("body")
	if body.Kind() != "statement_block" {
		return []syntax.Node{body}
	}
	var out []syntax.Node
	body.Walk(func(n syntax.Node) bool {
		if n.Index() != body.Index() && scope.IsFunction(n) {
			return false
		}
		if n.Kind() == "return_statement" {
			if v := n.Child(0); v.Valid() {
				out = append(out, v)
			}
		}
		return true
	})
	return out
}
