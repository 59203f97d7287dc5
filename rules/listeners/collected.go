package listeners

import (
	"slices"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// This file accepts handlers kept in a collection and removed by a loop
// over it at teardown, the way code that adds listeners to a varying set
// of elements undoes them:
//
//	cell.addEventListener("mouseenter", onEnter);
//	handlers.set(cell, { enter: onEnter });
//	...
//	return () => handlers.forEach((h, cell) => cell.removeEventListener("mouseenter", h.enter));
//
// The removal names neither the element nor the handler the addition
// did, so the pairwise match cannot see it.

// removedThroughCollection reports whether a's handler is filed in a
// collection (set, push, add or an index assignment, directly or as a
// property of an object literal) in the function that adds it, and the
// owner's teardown loops over that collection (forEach, for...of) removing
// listeners of a's event with a's remover.
func removedThroughCollection(p *analyzer.Pass, a call, o *lifecycle.Owner) bool {
	h := scope.Unwrap(a.handler)
	if h.Kind() != "identifier" || a.eventName == "" {
		return false
	}
	fn := astutil.EnclosingFunction(a.node)
	if !fn.Valid() {
		return false
	}
	hk := p.Scope.Key(h)
	if hk == "" {
		return false
	}
	collections := map[string]bool{}
	fn.Walk(func(n syntax.Node) bool {
		if c := filedIn(p, n, hk); c != "" {
			collections[c] = true
		}
		return true
	})
	if len(collections) == 0 {
		return false
	}
	return p.Life.FindInTeardown(o, func(m syntax.Node) bool {
		body := loopOver(p, m, collections)
		if !body.Valid() {
			return false
		}
		found := false
		body.Walk(func(n syntax.Node) bool {
			if found {
				return false
			}
			if n.Kind() == "call_expression" {
				if r, ok := parseRemove(p, n); ok && r.eventName == a.eventName && undoes(a, r) {
					found = true
				}
			}
			return true
		})
		return found
	}).Valid()
}

// filedIn returns the key of the collection n files the handler whose key
// is hk in (`c.set(k, h)`, `c.push({ enter: h })`, `c[k] = h`), or "".
func filedIn(p *analyzer.Pass, n syntax.Node, hk string) string {
	holds := func(v syntax.Node) bool {
		v = scope.Unwrap(v)
		switch v.Kind() {
		case "identifier":
			return p.Scope.Key(v) == hk
		case "object":
			for _, c := range v.Children() {
				switch c.Kind() {
				case "pair":
					if val := scope.Unwrap(c.Get("value")); val.Kind() == "identifier" && p.Scope.Key(val) == hk {
						return true
					}
				case "shorthand_property_identifier":
					if p.Scope.Key(c) == hk {
						return true
					}
				}
			}
		}
		return false
	}
	switch n.Kind() {
	case "call_expression":
		recv, name := astutil.Method(n)
		if !recv.Valid() || (name != "set" && name != "push" && name != "add") {
			return ""
		}
		for _, arg := range astutil.Args(n) {
			if holds(arg) {
				return p.Scope.Key(recv)
			}
		}
	case "assignment_expression":
		left := scope.Unwrap(n.Get("left"))
		if left.Kind() == "subscript_expression" && holds(n.Get("right")) {
			return p.Scope.Key(left.Get("object"))
		}
	}
	return ""
}

// loopOver returns the body of m when m loops over one of collections
// (`c.forEach(fn)`, `for (const x of c)`, `for (const x of c.values())`),
// or an invalid node.
func loopOver(p *analyzer.Pass, m syntax.Node, collections map[string]bool) syntax.Node {
	over := func(c syntax.Node) bool {
		c = scope.Unwrap(c)
		if c.Kind() == "call_expression" {
			if recv, name := astutil.Method(c); recv.Valid() && (name == "values" || name == "entries" || name == "keys") {
				c = recv
			}
		}
		k := p.Scope.Key(c)
		return k != "" && collections[k]
	}
	switch m.Kind() {
	case "call_expression":
		if recv, name := astutil.Method(m); recv.Valid() && name == "forEach" && over(recv) {
			return astutil.Arg(m, 0)
		}
	case "for_in_statement":
		if over(m.Get("right")) {
			return m.Get("body")
		}
	}
	return syntax.Node{}
}

// undoes reports whether r's method is one that undoes a's addition.
func undoes(a, r call) bool {
	if a.remover != "" {
		return r.method == a.remover
	}
	if ad, ok := apis.Builtin().Adder(apis.Listener, a.method); ok {
		return slices.Contains(ad.Undos, r.method)
	}
	return r.method == "off"
}
