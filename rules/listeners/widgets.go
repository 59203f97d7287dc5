package listeners

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// A widget a component builds on an element of its own markup (a code
// editor on its textarea, `this.cm = CodeMirror.fromTextArea(this.$refs.cm)`,
// a rich-text editor in its div) hangs off that element and is kept by the
// component alone: listeners on it, or on its parts (editor.model.document),
// go when the component's template does, as listeners on the element itself
// would (markup.go). Wiki.js's four editors were ten such findings.

// builtOnMarkup reports a target that is, or is a part of, a widget owner
// o built on its own markup: a member of the owner (this.cm) or a variable
// of its instance script every value of which makes one.
func builtOnMarkup(p *analyzer.Pass, o *lifecycle.Owner, target syntax.Node) bool {
	m := o.Follows().Markup
	if m.Refs == "" && len(m.TemplateRefs)+len(m.EmptyRefs) == 0 {
		return false
	}
	// Walk down to the holder: this.x, or a name.
	n := scope.Unwrap(target)
	for n.Kind() == "member_expression" && scope.Unwrap(n.Get("object")).Kind() != "this" {
		if leadsOut(n.Get("property").Text()) {
			return false
		}
		n = scope.Unwrap(n.Get("object"))
	}
	var values []syntax.Node
	switch n.Kind() {
	case "member_expression":
		if !o.Class.Valid() || p.Scope.ThisOwner(n).Index() != o.Class.Index() || leadsOut(n.Get("property").Text()) {
			return false
		}
		values = assignedTo(p, n)
	case "identifier":
		b := p.Scope.Resolve(n)
		if b == nil || b.Kind == scope.Param || b.Kind == scope.Import || b.ModuleLevel() && !inInstanceScript(p, b.Decl) {
			return false
		}
		if class, _ := p.Scope.ThisMemberCopy(b); class.Valid() {
			// const { editor } = this: what this.editor is given.
			if class.Index() != o.Class.Index() {
				return false
			}
			values = p.Scope.AssignedIn(class, p.Scope.Key(n))
			break
		}
		values = bindingValues(p, b)
	default:
		return false
	}
	built := false
	for _, v := range values {
		v = scope.Unwrap(v)
		if !v.Valid() || v.Kind() == "null" || v.Kind() == "undefined" {
			continue // the empty value a holder starts with
		}
		if !widgetOnMarkup(p, o, m, v) {
			return false
		}
		built = true
	}
	return built
}

// widgetOnMarkup reports `[await] Lib.make(el, ...)` or `new Lib(el, ...)`:
// a function of a library or of the file (not one reached through this or
// a parameter, which may hand back something shared) given an element of
// the owner's markup first.
func widgetOnMarkup(p *analyzer.Pass, o *lifecycle.Owner, m lifecycle.Markup, v syntax.Node) bool {
	if v.Kind() == "await_expression" {
		v = scope.Unwrap(v.Child(0))
	}
	var callee syntax.Node
	switch v.Kind() {
	case "call_expression":
		callee = v.Get("function")
	case "new_expression":
		callee = v.Get("constructor")
	default:
		return false
	}
	root := astutil.ChainRoot(callee)
	if root.Kind() != "identifier" {
		return false
	}
	if b := p.Scope.Resolve(root); b != nil && b.Kind != scope.Import && !b.ModuleLevel() {
		return false
	}
	if name := astutil.MethodName(v); strings.HasPrefix(name, "use") || name == "inject" {
		return false // a hook or an injector hands out what others share
	}
	arg := astutil.Arg(v, 0)
	return arg.Valid() && markupElement(p, o, m, arg, 0)
}

// markupElement reports an element of the owner's markup itself, not a
// value read off one (this.$refs.box.id names it, and a registry may map
// that name to a widget others share): this.$refs.box, a child's
// this.$refs.child.$el, a template ref's value, or a local or parameter
// given one.
func markupElement(p *analyzer.Pass, o *lifecycle.Owner, m lifecycle.Markup, n syntax.Node, depth int) bool {
	if depth > markupDepth {
		return false
	}
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "member_expression", "subscript_expression":
		obj := scope.Unwrap(n.Get("object"))
		if n.Kind() == "member_expression" {
			switch n.Get("property").Text() {
			case "$el":
				return markupElement(p, o, m, obj, depth+1) // a child component's root element
			case "value":
				if obj.Kind() == "identifier" {
					return inMarkup(p, o, m, n, 0)
				}
				return false
			}
		}
		refs := obj.Kind() == "member_expression" && scope.Unwrap(obj.Get("object")).Kind() == "this" && obj.Get("property").Text() == m.Refs
		return refs && inMarkup(p, o, m, n, 0)
	case "identifier":
		b := p.Scope.Resolve(n)
		if b == nil || !inMarkup(p, o, m, n, 0) {
			return false
		}
		if b.Kind == scope.Param {
			return true // every call passes a part of the markup (paramGivenMarkup)
		}
		for _, v := range bindingValues(p, b) {
			if !markupElement(p, o, m, v, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}
