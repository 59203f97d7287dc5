package caches

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// cappedRecent reports an addition that stores, for a key, its own
// previous list cut to a fixed length: a most-recent list per key
// (`recent.set(view, [row, ...(recent.get(view) ?? [])].slice(0, 20))`).
// Each entry is capped by the code that writes it, and the keys are the
// things a user picked from this session (views, folders), so what is
// kept is a short list per thing, on purpose, to sort a picker. A
// sliced value that does not come from the key's previous entry (a
// truncated payload per request) is not this shape.
func cappedRecent(p *analyzer.Pass, c *collection, a addition) bool {
	value, ok := keyedValue(c, a)
	if !ok {
		return false
	}
	value = followConst(p, scope.Unwrap(value))
	if value.Kind() != "call_expression" || astutil.MethodName(value) != "slice" {
		return false
	}
	args := astutil.Args(value)
	if len(args) == 0 || len(args) > 2 {
		return false
	}
	for _, arg := range args {
		if !fixedNumber(p, arg) {
			return false
		}
	}
	list, _ := astutil.Method(value)
	return readsEntry(p, list, a.recv, a.keys[0], 0)
}

// followConst returns the value a const name is declared with, or n.
func followConst(p *analyzer.Pass, n syntax.Node) syntax.Node {
	if n.Kind() != "identifier" {
		return n
	}
	b := p.Scope.Resolve(n)
	if b == nil || b.Reassigned || b.Kind == scope.Param || !b.Init.Valid() {
		return n
	}
	return scope.Unwrap(b.Init)
}

// fixedNumber reports a number literal, its negation, or a constant
// holding one.
func fixedNumber(p *analyzer.Pass, n syntax.Node) bool {
	n = followConst(p, scope.Unwrap(n))
	if n.Kind() == "unary_expression" && n.Get("operator").Text() == "-" {
		n = followConst(p, scope.Unwrap(n.Get("argument")))
	}
	return n.Kind() == "number"
}

// readsEntry reports whether n reads the collection's entry for key
// (`recv.get(key)`, `recv[key]`), directly or through a constant.
func readsEntry(p *analyzer.Pass, n, recv, key syntax.Node, depth int) bool {
	if depth > 8 || !n.Valid() {
		return false
	}
	switch n.Kind() {
	case "call_expression":
		if fn := n.Get("function"); fn.Kind() == "member_expression" && fn.Get("property").Text() == "get" &&
			p.Scope.Same(fn.Get("object"), recv) && p.Scope.Same(astutil.Arg(n, 0), key) {
			return true
		}
	case "subscript_expression":
		if p.Scope.Same(n.Get("object"), recv) && p.Scope.Same(n.Get("index"), key) {
			return true
		}
	case "identifier":
		if init := followConst(p, n); init.Index() != n.Index() {
			return readsEntry(p, init, recv, key, depth+1)
		}
		return false
	case "arrow_function", "function_expression":
		return false
	}
	for _, ch := range n.Children() {
		if readsEntry(p, ch, recv, key, depth+1) {
			return true
		}
	}
	return false
}
