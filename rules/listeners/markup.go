package listeners

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// Listeners on the markup a component renders itself (Vue's
// this.$refs.box, a template ref's box.value, the editor a child component
// in its template keeps) die with the component: the element or child goes
// when the component's template does. The owner's convention says how its
// script holds that markup (lifecycle.Markup).

// markupDepth bounds how far ownMarkup follows locals and parameters.
const markupDepth = 4

// ownMarkup reports a target that is a part of owner o's own template, or
// of something a child component in it holds.
func ownMarkup(p *analyzer.Pass, o *lifecycle.Owner, target syntax.Node) bool {
	m := o.Follows().Markup
	if m.Refs == "" && len(m.TemplateRefs)+len(m.EmptyRefs) == 0 {
		return false
	}
	return inMarkup(p, o, m, target, 0)
}

func inMarkup(p *analyzer.Pass, o *lifecycle.Owner, m lifecycle.Markup, target syntax.Node, depth int) bool {
	if depth > markupDepth {
		return false
	}
	// Walk down to the chain's root, remembering the member next to it.
	n := scope.Unwrap(target)
	var first syntax.Node // the member whose object is the root
	// read is set when the chain's root is a ref read by a call
	// (unref(box)): the same as box.value.
	read := false
	for {
		switch n.Kind() {
		case "member_expression":
			if leadsOut(n.Get("property").Text()) {
				return false
			}
			first = n
			n = scope.Unwrap(n.Get("object"))
			continue
		case "subscript_expression":
			first = n
			n = scope.Unwrap(n.Get("object"))
			continue
		case "call_expression":
			fn := scope.Unwrap(n.Get("function"))
			if ref := templateRefRead(p, m, n); ref.Valid() {
				first, n, read = syntax.Node{}, ref, true
				break
			}
			if fn.Kind() != "member_expression" || leadsOutCall[fn.Get("property").Text()] {
				return false
			}
			first = syntax.Node{}
			n = scope.Unwrap(fn.Get("object"))
			continue
		}
		break
	}
	member := ""
	if first.Kind() == "member_expression" {
		member = first.Get("property").Text()
	}
	switch n.Kind() {
	case "this":
		// this.$refs.name...: the component's own refs, not another's;
		// this.$el: its own root element.
		own := o.Class.Valid() && p.Scope.ThisOwner(n).Index() == o.Class.Index()
		if m.Root != "" && member == m.Root && own {
			return true
		}
		return m.Refs != "" && member == m.Refs && own && first.Parent().Is("member_expression", "subscript_expression")
	case "identifier":
	default:
		return false
	}
	b := p.Scope.Resolve(n)
	if b == nil || b.ModuleLevel() && !inInstanceScript(p, b.Decl) {
		return false
	}
	if b.Reassigned {
		// let nodes = box.value.querySelectorAll(...), set again the same
		// way: markup when every value it is given is.
		if b.Kind == scope.Param || !b.Init.Valid() {
			return false
		}
		for _, v := range bindingValues(p, b) {
			if !inMarkup(p, o, m, v, depth+1) {
				return false
			}
		}
		return true
	}
	if b.Kind == scope.Param {
		// A part of a parameter given markup is markup too, as a part of
		// this.$refs.box is, short of what leads out (checked above).
		return paramGivenMarkup(p, o, m, b, depth)
	}
	if of := forOfSource(b); of.Valid() {
		// for (const item of toolbar.items): an element of a part of the
		// markup.
		return !b.Reassigned && inMarkup(p, o, m, of, depth+1)
	}
	if (member == "value" || read) && templateRef(p, m, b) {
		return true
	}
	// const box = this.$refs.box: a local naming a part of the markup.
	return b.Init.Valid() && b.Kind == scope.Const && inMarkup(p, o, m, b.Init, depth+1)
}

// inInstanceScript reports code in a component's instance script (Vue's
// <script setup>), whose top level runs once per instance.
func inInstanceScript(p *analyzer.Pass, n syntax.Node) bool {
	for _, r := range p.Life.Component().Instance {
		if n.Start() >= r.Start && n.End() <= r.End {
			return true
		}
	}
	return false
}

// leadsOut reports a property that leads from a part of the markup to
// something that outlives it: the document and window it belongs to, its
// parents, and a child component's links to the app ($root, $parent,
// $store, $router and the other $-members Vue and plugins put on every
// instance, apart from its own element and refs).
func leadsOut(prop string) bool {
	if strings.HasPrefix(prop, "$") {
		return prop != "$el" && prop != "$refs"
	}
	return leadsOutMember[prop]
}

var leadsOutMember = map[string]bool{
	"ownerDocument": true, "defaultView": true, "parentNode": true, "parentElement": true,
	"offsetParent": true, "ownerSVGElement": true, "form": true, "documentElement": true, "body": true, "head": true,
}

// leadsOutCall are methods that reach outside an element.
var leadsOutCall = map[string]bool{"closest": true, "getRootNode": true}

// templateRefRead returns the identifier a call reads the value of
// (`unref(box)` with Markup.Reads), or the zero Node.
func templateRefRead(p *analyzer.Pass, m lifecycle.Markup, call syntax.Node) syntax.Node {
	fn := scope.Unwrap(call.Get("function"))
	if fn.Kind() != "identifier" || !contains(m.Reads, fn.Text()) || !fromModules(p, fn.Text(), m.Modules) {
		return syntax.Node{}
	}
	args := astutil.Args(call)
	if len(args) != 1 {
		return syntax.Node{}
	}
	if a := scope.Unwrap(args[0]); a.Kind() == "identifier" {
		return a
	}
	return syntax.Node{}
}

// templateRef reports a binding made by a template-ref call: one that only
// a ref attribute fills (useTemplateRef), or an empty ref() whose value the
// script never writes, so that whatever it holds comes from the template.
func templateRef(p *analyzer.Pass, m lifecycle.Markup, b *scope.Binding) bool {
	if b.Kind != scope.Const {
		return false
	}
	init := scope.Unwrap(b.Init)
	if init.Kind() != "call_expression" {
		return false
	}
	fn := scope.Unwrap(init.Get("function"))
	if fn.Kind() != "identifier" || !fromModules(p, fn.Text(), m.Modules) {
		return false
	}
	switch {
	case contains(m.TemplateRefs, fn.Text()):
		return true
	case !contains(m.EmptyRefs, fn.Text()):
		return false
	}
	for _, a := range astutil.Args(init) {
		if a = scope.Unwrap(a); a.Kind() != "null" && a.Kind() != "undefined" && a.Text() != "undefined" {
			return false
		}
	}
	for _, ref := range p.Scope.References(b) {
		if ref.Index() == b.Decl.Index() {
			continue
		}
		if !readOnlyUse(ref) {
			return false
		}
	}
	return true
}

// readOnlyUse reports a use of a ref that cannot give it a value: reading
// ref.value, passing the ref to a call (watch(box, ...), a composable that
// measures it), or handing it to the template in setup's returned object.
// Anything else (box.value = x, const alias = box) may write it.
func readOnlyUse(ref syntax.Node) bool {
	par := ref.Parent()
	for par.Kind() == "parenthesized_expression" || par.Kind() == "non_null_expression" {
		ref, par = par, par.Parent()
	}
	switch par.Kind() {
	case "arguments", "shorthand_property_identifier":
		return true
	case "pair":
		return ref.Field() == "value" && par.Parent().Parent().Kind() == "return_statement"
	case "member_expression":
		if ref.Field() != "object" || par.Get("property").Text() != "value" {
			return false
		}
		up := par.Parent()
		switch up.Kind() {
		case "assignment_expression", "augmented_assignment_expression":
			return par.Field() != "left"
		case "update_expression":
			return false
		}
		return true
	}
	return false
}

// fromModules reports a function name imported from one of modules, or
// neither imported nor declared in the file (a compiler macro or an
// auto-import, as Nuxt's).
func fromModules(p *analyzer.Pass, name string, modules []string) bool {
	if src := p.Life.ImportedFrom(name); src != "" {
		return contains(modules, src)
	}
	return p.Scope.Module.Lookup(name) == nil
}

// paramGivenMarkup reports a parameter of a function the file calls only
// directly, each call passing a part of the owner's markup for it
// (`const init = (el) => el.addEventListener(...)`, called as
// `init(box.value)`).
func paramGivenMarkup(p *analyzer.Pass, o *lifecycle.Owner, m lifecycle.Markup, b *scope.Binding, depth int) bool {
	fn := astutil.EnclosingFunction(b.Decl)
	pos := -1
	if single := fn.Get("parameter"); single.Valid() && single.Index() == b.Decl.Index() {
		pos = 0 // el => ...
	}
	for i, par := range fn.Get("parameters").Children() {
		// A plain parameter, not one taken out of a pattern or defaulted.
		if par.Index() == b.Decl.Index() || par.Kind() == "required_parameter" && par.Get("pattern").Index() == b.Decl.Index() && !par.Get("value").Valid() {
			pos = i
		}
	}
	if pos < 0 {
		return false
	}
	if each := iteratedBy(fn); each.Valid() && pos == 0 {
		// nodes.forEach(node => ...): an element of what it walks.
		return inMarkup(p, o, m, each, depth+1)
	}
	calls, ok := directCalls(p, o, fn)
	if !ok {
		return false
	}
	if len(calls) == 0 {
		// Never called by the script: the markup may bind it to a child
		// component's event, and then what it is given is the child's
		// (the editor a <Ckeditor @ready="onEditorReady"> made).
		return childHandler(p, fn)
	}
	for _, c := range calls {
		arg := astutil.Arg(c, pos)
		if !arg.Valid() || !inMarkup(p, o, m, arg, depth+1) {
			return false
		}
	}
	return true
}

// childHandler reports a function the component's markup binds to child
// components' events only (lifecycle.Component.ChildHandlers).
func childHandler(p *analyzer.Pass, fn syntax.Node) bool {
	name := ""
	switch par := fn.Parent(); {
	case fn.Kind() == "method_definition" || fn.Kind() == "function_declaration":
		name = fn.Get("name").Text()
	case par.Kind() == "variable_declarator" && fn.Field() == "value":
		name = par.Get("name").Text()
	case par.Kind() == "pair" && fn.Field() == "value":
		name = par.Get("key").Text()
	}
	return name != "" && contains(p.Life.Component().ChildHandlers, name)
}

// iteratedBy returns the collection a callback is handed to for its
// elements (`checks.forEach(fn)` gives checks), or the zero Node.
func iteratedBy(fn syntax.Node) syntax.Node {
	call := astutil.CallTaking(fn)
	if !call.Valid() || astutil.Arg(call, 0).Index() != fn.Index() {
		return syntax.Node{}
	}
	recv, name := astutil.Method(call)
	if !apis.ElementCallback(name) {
		return syntax.Node{}
	}
	return recv
}

// forOfSource returns the collection a for-of loop's variable walks, or
// the zero Node for any other binding.
func forOfSource(b *scope.Binding) syntax.Node {
	if b.Init.Valid() || !b.Decl.Valid() {
		return syntax.Node{}
	}
	loop := b.Decl.Parent()
	if loop.Kind() != "for_in_statement" || b.Decl.Field() != "left" || loop.Get("operator").Text() != "of" {
		return syntax.Node{}
	}
	return loop.Get("right")
}

// directCalls returns the calls of function fn in the file, with ok false
// when fn is also used otherwise (handed out, stored), which would let
// code we do not see call it.
func directCalls(p *analyzer.Pass, o *lifecycle.Owner, fn syntax.Node) (calls []syntax.Node, ok bool) {
	var b *scope.Binding
	switch par := fn.Parent(); {
	case par.Kind() == "variable_declarator" && fn.Field() == "value":
		b = p.Scope.Resolve(par.Get("name"))
	case fn.Kind() == "function_declaration":
		b = p.Scope.Resolve(fn.Get("name"))
	case fn.Kind() == "method_definition" && o.Class.Valid():
		return methodCalls(p, o, fn)
	}
	if b == nil || b.Reassigned {
		return nil, false
	}
	for _, ref := range p.Scope.References(b) {
		if ref.Index() == b.Decl.Index() {
			continue
		}
		call := ref.Parent()
		if call.Kind() != "call_expression" || ref.Field() != "function" {
			return nil, false
		}
		calls = append(calls, call)
	}
	return calls, true
}

// methodCalls returns the this.method(...) calls of a method of owner o's
// class or options object, with ok false when the method is named
// otherwise (this.method handed out, or the name read as a string).
func methodCalls(p *analyzer.Pass, o *lifecycle.Owner, fn syntax.Node) (calls []syntax.Node, ok bool) {
	return classMethodCalls(p, o.Class, fn)
}

// classMethodCalls is methodCalls for the class or options object class.
func classMethodCalls(p *analyzer.Pass, class, fn syntax.Node) (calls []syntax.Node, ok bool) {
	name := fn.Get("name").Text()
	if !class.Valid() || p.Scope.ThisOwner(fn.Get("body")).Index() != class.Index() {
		return nil, false
	}
	ok = true
	class.Walk(func(n syntax.Node) bool {
		if !ok {
			return false
		}
		if n.Kind() != "member_expression" || n.Get("property").Text() != name || scope.Unwrap(n.Get("object")).Kind() != "this" {
			return true
		}
		if call := n.Parent(); call.Kind() == "call_expression" && n.Field() == "function" {
			calls = append(calls, call)
			return true
		}
		ok = false
		return false
	})
	return calls, ok
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
