package caches

import (
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// A parameter is only as varied as what its callers pass. When the
// function is private to the file (not exported, never handed out as a
// value, only called) every value the parameter can take is an argument
// written in this file: if each of them is bounded (a literal, a module
// constant, or in turn such a parameter) so are keys made from it. fflate
// keys the worker code it builds by an id that every public function
// passes as a number literal three calls up; that cache has a dozen
// entries, however often it is used.

// maxCallersFollowed bounds the calls of one function looked at: a
// helper called from more places than that is treated as open.
const maxCallersFollowed = 64

// closedParam reports whether every value parameter b can be given comes
// from arguments in this file that are themselves bounded.
func (k *keys) closedParam(b *scope.Binding, depth int) bool {
	if depth > 6 || k.visiting[b] {
		return false // a cycle or a long chain: assume open
	}
	if closed, ok := k.closed[b]; ok {
		return closed
	}
	closed := k.callersBounded(b, depth)
	if k.closed == nil {
		k.closed = map[*scope.Binding]bool{}
	}
	k.closed[b] = closed
	return closed
}

// callersBounded follows the calls of the function declaring parameter b
// (see closedParam).
func (k *keys) callersBounded(b *scope.Binding, depth int) bool {
	index, def, ok := paramIndex(b.Decl)
	if !ok {
		return false
	}
	fn := b.Decl.Parent()
	for !scope.IsFunction(fn) && fn.Valid() {
		fn = fn.Parent()
	}
	fb := functionBinding(k.p.Scope, fn)
	if fb == nil || fb.Reassigned || astutil.TopStatement(fn).Kind() == "export_statement" {
		return false
	}
	refs := k.p.Scope.References(fb)
	if len(refs) == 0 || len(refs) > maxCallersFollowed {
		return false
	}
	if k.visiting == nil {
		k.visiting = map[*scope.Binding]bool{}
	}
	k.visiting[b] = true
	defer delete(k.visiting, b)
	for _, ref := range refs {
		call := ref.Parent()
		if call.Kind() != "call_expression" || ref.Field() != "function" {
			return false // exported by name, stored, passed as a callback
		}
		args := astutil.Args(call)
		for i, a := range args {
			if i <= index && a.Kind() == "spread_element" {
				return false
			}
		}
		var arg syntax.Node
		switch {
		case index < len(args):
			arg = args[index]
		case def.Valid():
			arg = def
		default:
			continue // not passed: undefined
		}
		if k.dynamic(arg, depth+1) {
			return false
		}
	}
	return true
}

// paramIndex returns the position of the parameter declared by id and its
// default value, when id is a whole parameter (not part of a pattern).
func paramIndex(id syntax.Node) (int, syntax.Node, bool) {
	whole, def := id, syntax.Node{}
	switch p := id.Parent(); {
	case p.Is("required_parameter", "optional_parameter") && id.Field() == "pattern":
		whole, def = p, p.Get("value")
	case p.Kind() == "assignment_pattern" && id.Field() == "left":
		whole, def = p, p.Get("right")
	case p.Kind() == "arrow_function" && id.Field() == "parameter":
		return 0, def, true // x => ...: the only parameter
	}
	list := whole.Parent()
	if list.Kind() != "formal_parameters" {
		return 0, def, false
	}
	for i, c := range list.Children() {
		if c.Index() == whole.Index() {
			return i, def, true
		}
	}
	return 0, def, false
}

// functionBinding returns the name a function is declared or stored
// under: `function f() {}`, `const f = () => {}`, `var f = (function () {})`.
func functionBinding(sc *scope.Info, fn syntax.Node) *scope.Binding {
	if fn.Kind() == "function_declaration" || fn.Kind() == "generator_function_declaration" {
		return sc.DeclaredAt(fn.Get("name"))
	}
	d := fn.Parent()
	for d.Kind() == "parenthesized_expression" {
		d = d.Parent()
	}
	if d.Kind() == "variable_declarator" && d.Get("name").Kind() == "identifier" {
		return sc.DeclaredAt(d.Get("name"))
	}
	return nil
}
