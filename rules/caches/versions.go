package caches

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// A version fence keeps a number per key (a row, a cell, a document) that
// work started earlier compares against when it completes: a bump makes
// every result still in flight for that key stale. The entry has to
// outlive all such work, so it cannot be evicted (a deleted entry starts
// again at 0 and lets a stale result match), and it costs one number per
// key the session has touched. It is bookkeeping, not a cache.
//
// Both must hold: the collection is named as versions
// (apis.VersionName), and the addition stores the key's own previous
// value plus a number. A counter under another name (retries per request
// id) is not a fence and stays reported, and so is a "versions" map that
// stores payloads.

// versionBump reports whether addition a of collection c stores the
// previous value of the same key plus a number, directly
// (`gens.set(id, (gens.get(id) ?? 0) + 1)`), through a constant
// (`const next = gen(id) + 1; gens.set(id, next)`) or through a getter
// defined in the file (`function gen(id) { return gens.get(id) ?? 0 }`).
func versionBump(p *analyzer.Pass, c *collection, a addition) bool {
	value, ok := keyedValue(c, a)
	if !apis.VersionName(c.short) || !ok {
		return false
	}
	key := a.keys[0]
	v := versions{p: p, recv: a.recv}
	return v.increment(value, func(n syntax.Node) bool { return p.Scope.Same(n, key) }, 0)
}

type versions struct {
	p *analyzer.Pass
	// recv denotes the collection at the addition.
	recv syntax.Node
}

// maxVersionDepth bounds the constants and getters followed.
const maxVersionDepth = 4

// increment reports whether n is the key's previous value plus a number.
func (v versions) increment(n syntax.Node, isKey func(syntax.Node) bool, depth int) bool {
	n = scope.Unwrap(n)
	if depth > maxVersionDepth {
		return false
	}
	switch n.Kind() {
	case "identifier":
		if init, ok := v.constant(n); ok {
			return v.increment(init, isKey, depth+1)
		}
	case "binary_expression":
		if n.Get("operator").Text() != "+" {
			return false
		}
		l, r := n.Get("left"), n.Get("right")
		return scope.Unwrap(r).Kind() == "number" && v.previous(l, isKey, depth) ||
			scope.Unwrap(l).Kind() == "number" && v.previous(r, isKey, depth)
	}
	return false
}

// previous reports whether n reads the collection's value for the key,
// with a numeric default (`gens.get(id) ?? 0`, `gens[id] || 0`).
func (v versions) previous(n syntax.Node, isKey func(syntax.Node) bool, depth int) bool {
	n = scope.Unwrap(n)
	if depth > maxVersionDepth {
		return false
	}
	switch n.Kind() {
	case "binary_expression":
		switch n.Get("operator").Text() {
		case "??", "||":
			return scope.Unwrap(n.Get("right")).Kind() == "number" && v.previous(n.Get("left"), isKey, depth)
		}
	case "subscript_expression":
		return v.p.Scope.Same(n.Get("object"), v.recv) && isKey(n.Get("index"))
	case "identifier":
		if init, ok := v.constant(n); ok {
			return v.previous(init, isKey, depth+1)
		}
	case "call_expression":
		fn := n.Get("function")
		if astutil.MethodName(n) == "get" && fn.Kind() == "member_expression" {
			return v.p.Scope.Same(fn.Get("object"), v.recv) && len(astutil.Args(n)) == 1 && isKey(astutil.Arg(n, 0))
		}
		if fn.Kind() == "identifier" && len(astutil.Args(n)) == 1 && isKey(astutil.Arg(n, 0)) {
			return v.getter(fn, depth)
		}
	}
	return false
}

// getter reports whether the function callee names returns the
// collection's value for its only parameter.
func (v versions) getter(callee syntax.Node, depth int) bool {
	b := v.p.Scope.Resolve(callee)
	if b == nil || b.Reassigned || !b.Init.Valid() {
		return false
	}
	fn := scope.Unwrap(b.Init)
	if !scope.IsFunction(fn) {
		return false
	}
	params := fn.Get("parameters").Children()
	if len(params) != 1 {
		return false
	}
	param := params[0].Get("pattern")
	if param.Kind() != "identifier" {
		return false
	}
	pb := v.p.Scope.DeclaredAt(param)
	if pb == nil {
		return false
	}
	body := fn.Get("body")
	if body.Kind() == "statement_block" {
		st := body.Children()
		if len(st) != 1 || st[0].Kind() != "return_statement" {
			return false
		}
		body = st[0].Child(0)
	}
	isParam := func(n syntax.Node) bool {
		n = scope.Unwrap(n)
		return n.Kind() == "identifier" && v.p.Scope.Resolve(n) == pb
	}
	return v.previous(body, isParam, depth+1)
}

// constant returns the value a const name is given where it is declared.
func (v versions) constant(id syntax.Node) (syntax.Node, bool) {
	b := v.p.Scope.Resolve(id)
	if b == nil || b.Reassigned || b.Kind == scope.Param || !b.Init.Valid() {
		return syntax.Node{}, false
	}
	return b.Init, true
}
