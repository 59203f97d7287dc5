// This file decides listener-added-per-call for exported per-instance
// setup functions: `module.exports = (win) => { bus.on("theme", t =>
// win.send(t)) }`. Each file that imports it calls it once per instance
// (a window, a connection, a plugin host), and every call adds a listener
// to a singleton another module owns, keeping that instance alive through
// the handler long after it is gone.

package listeners

import (
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/repeats"
)

// exportedSetup returns a Call repeat when the registration a is written
// directly in an exported function that takes an instance, its handler
// uses that instance, and the target is a module's export (a required or
// imported value, or a member of one). Otherwise nil.
func (v *perCall) exportedSetup(a call) *repeats.Repeat {
	p := v.p
	fn := astutil.EnclosingFunction(a.node)
	if !fn.Valid() || !exported(fn) && !amdExport(p.Scope, fn) {
		return nil
	}
	name := astutil.FunctionName(fn)
	if astutil.StartupName(name) {
		return nil
	}
	if !importedValue(p.Scope, v, rootOf(a.target)) {
		return nil
	}
	h := scope.Unwrap(a.handler)
	if fd := p.Life.FunctionDenoted(h, nil, 0); fd.Valid() {
		h = fd
	}
	if !usesParam(p.Scope, h, fn) || mixin(p.Scope, fn) {
		return nil
	}
	phrase := "each call of the exported function"
	if name != "" && name != "module.exports" && name != "default" {
		phrase = "each call of the exported " + name
	}
	return &repeats.Repeat{Kind: repeats.Call, Phrase: phrase + " (one per instance it is given)", Node: fn, Regions: []syntax.Node{fn}}
}

// exported reports a function that is the module's export or one of its
// named exports: module.exports = fn, module.exports.x = fn, exports.x =
// fn, export default fn, export function f.
func exported(fn syntax.Node) bool {
	p := fn.Parent()
	for p.Kind() == "parenthesized_expression" {
		p = p.Parent()
	}
	switch p.Kind() {
	case "export_statement":
		return p.Parent().Kind() == "program"
	case "assignment_expression":
		return topLevelValue(fn)
	case "variable_declarator":
		decl := p.Parent()
		return decl.Parent().Kind() == "export_statement" && decl.Parent().Parent().Kind() == "program"
	}
	return false
}

// importedValue reports a name bound at top level to what another module
// exports: `const bus = require("./bus")`, `const { ipcMain } =
// require("electron")`, `import bus from "./bus"`.
func importedValue(sc *scope.Info, v *perCall, id syntax.Node) bool {
	if id.Kind() != "identifier" {
		return false
	}
	if v.p.Life.ImportedFrom(id.Text()) != "" || amdDependency(sc, id) {
		return true
	}
	b := sc.Resolve(id)
	if b == nil || !b.ModuleLevel() || b.Reassigned {
		return false
	}
	d := b.Decl.Ancestor("variable_declarator")
	if !d.Valid() {
		return false
	}
	val := scope.Unwrap(d.Get("value"))
	for val.Kind() == "member_expression" {
		val = scope.Unwrap(val.Get("object")) // require("electron").ipcMain
	}
	return val.Kind() == "call_expression" && val.Get("function").Text() == "require"
}

// usesParam reports whether code refers to a parameter of fn, or to a
// constant of fn taken from one (`const list = options.listEl`): either
// way the handler keeps what the caller handed in.
func usesParam(sc *scope.Info, code, fn syntax.Node) bool {
	return refersToParam(sc, code, fn, true)
}

func refersToParam(sc *scope.Info, code, fn syntax.Node, derived bool) bool {
	if !code.Valid() {
		return false
	}
	found := false
	code.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		if n.Kind() == "identifier" || n.Kind() == "shorthand_property_identifier" {
			b := sc.Resolve(n)
			if b == nil || astutil.EnclosingFunction(b.Decl).Index() != fn.Index() {
				return true
			}
			switch {
			case b.Kind == scope.Param:
				found = true
			case derived && b.Kind == scope.Const && !b.Reassigned:
				found = refersToParam(sc, b.Init, fn, false)
			}
		}
		return true
	})
	return found
}

// amdFactory reports the function an AMD module hands to define() (or a
// page script to require([...])) at the top of its file: it runs once,
// its parameters are the modules it depends on, and what it returns is
// its export.
func amdFactory(fn syntax.Node) bool {
	call := astutil.CallTaking(fn)
	if !call.Valid() || !apis.AMDLoader(call.Get("function").Text()) {
		return false
	}
	if st := call.Parent(); st.Kind() != "expression_statement" || st.Parent().Kind() != "program" {
		return false
	}
	list := astutil.Args(call)
	return len(list) > 0 && list[len(list)-1].Index() == fn.Index()
}

// amdDependency reports a parameter of an AMD factory: a module another
// file defines, which lives as long as the page (`define("search",
// ["hooks"], function (hooks) {...})`).
func amdDependency(sc *scope.Info, id syntax.Node) bool {
	if id.Kind() != "identifier" {
		return false
	}
	b := sc.Resolve(id)
	return b != nil && b.Kind == scope.Param && amdFactory(astutil.EnclosingFunction(b.Decl))
}

// amdExport reports a function an AMD module exports: assigned, in the
// factory's own body, to a member of the object the factory returns
// (`Search.enable = function (options) {...}; ... return Search;`).
func amdExport(sc *scope.Info, fn syntax.Node) bool {
	up := fn.Parent()
	for up.Kind() == "parenthesized_expression" {
		up = up.Parent()
	}
	if up.Kind() != "assignment_expression" || !up.Get("right").Contains(fn) {
		return false
	}
	left := scope.Unwrap(up.Get("left"))
	if left.Kind() != "member_expression" {
		return false
	}
	obj := scope.Unwrap(left.Get("object"))
	st := up.Parent()
	if obj.Kind() != "identifier" || st.Kind() != "expression_statement" {
		return false
	}
	body := st.Parent()
	factory := body.Parent()
	if body.Kind() != "statement_block" || !scope.IsFunction(factory) || !amdFactory(factory) {
		return false
	}
	b := sc.Resolve(obj)
	if b == nil || b.Kind == scope.Param || astutil.EnclosingFunction(b.Decl).Index() != factory.Index() {
		return false
	}
	for _, c := range body.Children() {
		if c.Kind() == "return_statement" {
			if r := scope.Unwrap(c.Child(0)); r.Kind() == "identifier" && sc.Resolve(r) == b {
				return true
			}
		}
	}
	return false
}

// mixin reports an exported function that extends a module rather than
// sets up an instance: `module.exports = function (Posts) { Posts.edit =
// async function () {...} }`, which the module's index calls once with its
// namespace. Its parameter is capitalised, or the function assigns
// functions to the parameter's members.
func mixin(sc *scope.Info, fn syntax.Node) bool {
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		switch n.Kind() {
		case "identifier":
			if b := sc.DeclaredAt(n); b != nil && b.Kind == scope.Param && astutil.EnclosingFunction(n).Index() == fn.Index() {
				if c := b.Name[0]; c >= 'A' && c <= 'Z' {
					found = true
				}
			}
		case "assignment_expression":
			left := scope.Unwrap(n.Get("left"))
			if left.Kind() == "member_expression" && scope.IsFunction(scope.Unwrap(n.Get("right"))) {
				if root := rootOf(left); root.Kind() == "identifier" {
					if b := sc.Resolve(root); b != nil && b.Kind == scope.Param && astutil.EnclosingFunction(b.Decl).Index() == fn.Index() {
						found = true
					}
				}
			}
		}
		return true
	})
	return found
}
