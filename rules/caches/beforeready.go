package caches

import (
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// beforeReady reports an addition that runs only while the program is not
// ready yet: in the else branch of `if (isReady())` or under
// `if (!ready)`. It queues what arrives during start-up (files the OS asks
// to open before the window exists) and stops once the program is up, so
// the queue is bounded by what happens while it starts.
func beforeReady(a addition) bool {
	child := a.node
	for n := a.node.Parent(); n.Valid() && !scope.IsFunction(n); child, n = n, n.Parent() {
		if n.Kind() != "if_statement" {
			continue
		}
		cond := scope.Unwrap(n.Get("condition"))
		negated := false
		if cond.Kind() == "unary_expression" && cond.Get("operator").Text() == "!" {
			negated, cond = true, scope.Unwrap(cond.Get("argument"))
		}
		if !readyCheck(cond) {
			continue
		}
		if negated && child.Field() == "consequence" || !negated && child.Field() == "alternative" {
			return true
		}
	}
	return false
}

// readyCheck reports a name, property or call that says the program is
// ready.
func readyCheck(n syntax.Node) bool {
	switch n.Kind() {
	case "call_expression":
		if len(astutil.Args(n)) > 0 {
			return false
		}
		return readyCheck(scope.Unwrap(n.Get("function")))
	case "identifier":
		return apis.ReadyName(n.Text())
	case "member_expression":
		return apis.ReadyName(n.Get("property").Text())
	}
	return false
}
