package listeners

import (
	"strconv"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
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
	if k := passedKey(p, n); k != "" {
		return k
	}
	return p.Scope.Key(n)
}

type passedKeysKey struct{}

// passedKey keys a parameter by the value every call in the file passes
// for it: a drag's end handler hands the handlers it added to the method
// that removes them (`const end = () => this.onEnd(move, end)` and
// `onEnd(move, end) { document.removeEventListener("mousemove", move) }`),
// so the parameter is that handler. "" when the function is called with
// different values, handed out, or not called in the file.
func passedKey(p *analyzer.Pass, n syntax.Node) string {
	n = scope.Unwrap(n)
	if n.Kind() != "identifier" {
		return ""
	}
	b := p.Scope.Resolve(n)
	if b == nil || b.Kind != scope.Param || b.Reassigned || !b.Decl.Valid() {
		return ""
	}
	keys := p.Memo(passedKeysKey{}, func() any { return map[*scope.Binding]string{} }).(map[*scope.Binding]string)
	if k, ok := keys[b]; ok {
		return k
	}
	keys[b] = "" // a function that passes its own parameter on to itself
	k := passedValueKey(p, b)
	keys[b] = k
	return k
}

func passedValueKey(p *analyzer.Pass, b *scope.Binding) string {
	fn := astutil.EnclosingFunction(b.Decl)
	pos := -1
	for i, par := range fn.Get("parameters").Children() {
		if par.Index() == b.Decl.Index() || par.Kind() == "required_parameter" && par.Get("pattern").Index() == b.Decl.Index() && !par.Get("value").Valid() {
			pos = i
		}
	}
	if pos < 0 {
		return ""
	}
	var calls []syntax.Node
	ok := false
	if fn.Kind() == "method_definition" {
		calls, ok = classMethodCalls(p, p.Scope.ThisOwner(fn.Get("body")), fn)
	} else {
		calls, ok = directCalls(p, &lifecycle.Owner{}, fn)
	}
	if !ok || len(calls) == 0 {
		return ""
	}
	key := ""
	for _, c := range calls {
		arg := scope.Unwrap(astutil.Arg(c, pos))
		if arg.Kind() != "identifier" && arg.Kind() != "member_expression" {
			return ""
		}
		k := p.Scope.Key(arg)
		if k == "" || key != "" && k != key {
			return ""
		}
		key = k
	}
	return key
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
