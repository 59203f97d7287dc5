package caches

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// lengthBound returns what caps the length of the array an element is
// pushed to, when the push only runs while the array is shorter than
// something: `while (queue.length < MAX) queue.push(x)`, `if (list.length <
// limit) list.push(x)`, or a memo filled up to an index
// (`for (let i = strings.length; i <= level; i++) strings.push(...)`,
// TypeScript's indent strings). Such an array is as long as the largest
// bound it was asked for, not as the number of calls: when the bound is
// bounded, so is the array.
func lengthBound(p *analyzer.Pass, a addition) (syntax.Node, bool) {
	child := a.node
	for n := a.node.Parent(); n.Valid() && !scope.IsFunction(n); child, n = n, n.Parent() {
		var cond syntax.Node
		switch n.Kind() {
		case "for_statement":
			cond = n.Get("condition")
			if cond.Kind() == "expression_statement" {
				cond = cond.Child(0)
			}
		case "while_statement":
			cond = n.Get("condition")
		case "if_statement":
			if child.Field() != "consequence" {
				continue
			}
			cond = n.Get("condition")
		default:
			continue
		}
		if bound, ok := lengthBelow(p, scope.Unwrap(cond), a.recv); ok {
			return bound, true
		}
	}
	return syntax.Node{}, false
}

// lengthBelow returns X when cond says the array recv is shorter than
// X: `recv.length < X`, `X >= recv.length`, or the same through a loop
// variable that starts at recv.length.
func lengthBelow(p *analyzer.Pass, cond, recv syntax.Node) (syntax.Node, bool) {
	if cond.Kind() != "binary_expression" {
		return syntax.Node{}, false
	}
	l, r := cond.Get("left"), cond.Get("right")
	switch cond.Get("operator").Text() {
	case "<", "<=":
		return r, isLength(p, l, recv)
	case ">", ">=":
		return l, isLength(p, r, recv)
	}
	return syntax.Node{}, false
}

// isLength reports recv.length, or a variable that starts at it and only
// counts up with the pushes (`let i = recv.length; ...; i++`).
func isLength(p *analyzer.Pass, n, recv syntax.Node) bool {
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "member_expression":
		return n.Get("property").Text() == "length" && p.Scope.Same(n.Get("object"), recv)
	case "identifier":
		b := p.Scope.Resolve(n)
		if b == nil || b.Kind == scope.Param || !b.Init.Valid() {
			return false
		}
		init := scope.Unwrap(b.Init)
		return init.Kind() == "member_expression" && init.Get("property").Text() == "length" &&
			p.Scope.Same(init.Get("object"), recv)
	}
	return false
}
