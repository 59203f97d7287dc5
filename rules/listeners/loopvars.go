package listeners

import (
	"strconv"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// Effects and components often add listeners in one loop over an array of
// events (or [event, handler] pairs) and remove them in another loop over
// the same array:
//
//	events.forEach(([type, fn]) => window.addEventListener(type, fn))
//	return () => events.forEach(([type, fn]) => window.removeEventListener(type, fn))
//
// The two `type`s are different variables, but they take the same values
// in the same order, so the removals undo the additions. valueKey gives
// such loop variables one key: the array's and their place in each
// element.

// valueKey is what sameExpr compares: the scope key of n, or for a
// variable bound by a loop over an array, the loop's key; "" when neither
// is known.
func valueKey(p *analyzer.Pass, n syntax.Node) string {
	if k := loopVarKey(p, n); k != "" {
		return k
	}
	return p.Scope.Key(n)
}

// loopVarKey keys a variable bound by `for (const x of xs)` or by the
// callback parameter of `xs.forEach(x => ...)`, directly or by
// destructuring, as "loop(xs)" plus its path in the element ([0], .type).
func loopVarKey(p *analyzer.Pass, n syntax.Node) string {
	n = scope.Unwrap(n)
	if n.Kind() != "identifier" {
		return ""
	}
	b := p.Scope.Resolve(n)
	if b == nil || b.Reassigned || !b.Decl.Valid() {
		return ""
	}
	path := ""
	for cur := b.Decl; ; cur = cur.Parent() {
		par := cur.Parent()
		switch par.Kind() {
		case "array_pattern":
			i := 0
			for c := par.FirstChild(); c.Valid() && c != cur; c = c.NextSibling() {
				if c.IsNamed() {
					i++
				}
			}
			path = "[" + strconv.Itoa(i) + "]" + path
		case "object_pattern":
			if cur.Kind() != "shorthand_property_identifier_pattern" {
				return ""
			}
			path = "." + cur.Text() + path
		case "pair_pattern":
			if cur.Field() != "value" {
				return ""
			}
			path = "." + par.Get("key").Text() + path
			cur = par // the object_pattern above adds nothing
			if par.Parent().Kind() != "object_pattern" {
				return ""
			}
		case "required_parameter":
			if cur.Field() != "pattern" {
				return ""
			}
		case "formal_parameters":
			if firstNamed(par) != cur {
				return ""
			}
			return forEachKey(p, par.Parent(), path)
		case "arrow_function":
			if cur.Field() != "parameter" {
				return ""
			}
			return forEachKey(p, par, path)
		case "for_in_statement":
			if cur.Field() != "left" || par.Get("operator").Text() != "of" {
				return ""
			}
			return iterableKey(p, par.Get("right"), path)
		default:
			return ""
		}
	}
}

// forEachKey keys the first parameter of fn when fn is the callback of
// xs.forEach.
func forEachKey(p *analyzer.Pass, fn syntax.Node, path string) string {
	args := fn.Parent()
	if args.Kind() != "arguments" || firstNamed(args) != fn {
		return ""
	}
	call := args.Parent()
	recv, name := astutil.Method(call)
	if name != "forEach" || !recv.Valid() {
		return ""
	}
	return iterableKey(p, recv, path)
}

// iterableKey keys the array a loop walks: by its scope key (a constant
// or a member), or by its text when it is written out in place.
func iterableKey(p *analyzer.Pass, xs syntax.Node, path string) string {
	xs = scope.Unwrap(xs)
	k := p.Scope.Key(xs)
	if k == "" {
		if xs.Kind() != "array" {
			return ""
		}
		k = squash(xs.Text())
	}
	return "loop(" + k + ")" + path
}

func firstNamed(n syntax.Node) syntax.Node {
	for c := n.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.IsNamed() && c.Kind() != "comment" {
			return c
		}
	}
	return syntax.Node{}
}
