package timers

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// A class that keeps several timers in fields may stop them all through
// their names, written out once in the teardown:
//
//	for (const name of ["_poll", "_ping"] as const) { clearInterval(this[name]); }
//	["_poll", "_ping"].forEach((name) => clearInterval(this[name]));
//
// this[name] has no key of its own (the index is a variable), so the
// names the variable runs over stand in for it. Only a list of string
// literals counts, in the loop itself or in a const it names; a computed
// list could name anything.

// clearedByName reports a teardown of o that clears one of keys through
// a field name a loop variable takes from a literal list.
func clearedByName(p *analyzer.Pass, o *lifecycle.Owner, keys []string) bool {
	want := make(map[string]bool, len(keys))
	for _, k := range keys {
		if k != "" {
			want[k] = true
		}
	}
	if len(want) == 0 {
		return false
	}
	return p.Life.FindInTeardown(o, func(n syntax.Node) bool {
		if n.Kind() != "subscript_expression" || !clearArgument(n) {
			return false
		}
		idx := scope.Unwrap(n.Get("index"))
		base := p.Scope.Key(n.Get("object"))
		if idx.Kind() != "identifier" || base == "" {
			return false
		}
		for _, name := range namesOf(p, n, idx) {
			if want[base+"."+name] {
				return true
			}
		}
		return false
	}).Valid()
}

// clearArgument reports n as the first argument of a clear or cancel call
// (clearInterval(this[name]), cancelAnimationFrame(this[name])).
func clearArgument(n syntax.Node) bool {
	args := n.Parent()
	for args.Kind() == "parenthesized_expression" || args.Kind() == "non_null_expression" || args.Kind() == "as_expression" {
		n, args = args, args.Parent()
	}
	if args.Kind() != "arguments" || args.Child(0).Index() != n.Index() {
		return false
	}
	name := astutil.MethodName(args.Parent())
	return strings.HasPrefix(name, "clear") || strings.HasPrefix(name, "cancel")
}

// namesOf returns the strings the loop variable id (used at use) runs
// over: the literal list of the for...of loop that declares it, or of the
// forEach whose callback takes it as its first parameter.
func namesOf(p *analyzer.Pass, use, id syntax.Node) []string {
	b := p.Scope.Resolve(id)
	if b == nil || b.Reassigned {
		return nil
	}
	for n := use.Parent(); n.Valid(); n = n.Parent() {
		switch n.Kind() {
		case "for_in_statement":
			if n.Get("operator").Text() == "of" && n.Get("left").Index() == b.Decl.Index() {
				return literalNames(p, n.Get("right"))
			}
		case "arrow_function", "function_expression":
			if first := firstParam(n); first.Valid() && first.Index() == b.Decl.Index() {
				call := n.Parent().Parent()
				if n.Parent().Kind() != "arguments" || astutil.MethodName(call) != "forEach" {
					return nil
				}
				recv, _ := astutil.Method(call)
				return literalNames(p, recv)
			}
		}
	}
	return nil
}

// firstParam returns the identifier of a function's first parameter.
func firstParam(fn syntax.Node) syntax.Node {
	if single := fn.Get("parameter"); single.Valid() {
		return single
	}
	params := fn.Get("parameters")
	first := params.Child(0)
	if pat := first.Get("pattern"); pat.Valid() {
		first = pat // TypeScript's required_parameter
	}
	if first.Kind() != "identifier" {
		return syntax.Node{}
	}
	return first
}

// literalNames returns the strings of an array literal of strings, given
// directly or through a const that is never reassigned.
func literalNames(p *analyzer.Pass, list syntax.Node) []string {
	list = scope.Unwrap(list)
	if list.Kind() == "identifier" {
		b := p.Scope.Resolve(list)
		if b == nil || b.Kind != scope.Const || b.Reassigned {
			return nil
		}
		list = scope.Unwrap(b.Init)
	}
	if list.Kind() != "array" {
		return nil
	}
	var names []string
	for _, el := range list.Children() {
		s, ok := astutil.StringValue(el)
		if !ok {
			return nil
		}
		names = append(names, s)
	}
	return names
}
