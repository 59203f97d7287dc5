package observers

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// builtDepth bounds how far builtByClass follows a member made from
// another (this.$container = this.$widget.find(...)).
const builtDepth = 3

// builtTarget reports an observer that nothing outside its owner holds
// (created inline, or kept on the instance or in a local of the function
// that makes it) watching an element the owner's class builds itself:
// `this.$widget = $(TPL)` from template markup, document.createElement, or
// a descendant of such an element. The browser holds the observer only
// through the elements it observes, so observer, callback and widget go
// together when the widget drops its element. An element the class finds
// elsewhere (a selector, closest(), a parameter) may outlive it.
func (v *notDisconnected) builtTarget(c *creation, ob observation) bool {
	if !ob.inline && !v.keptByOwner(c) {
		return false
	}
	return builtByClass(v.p, ob.target, 0)
}

// builtByClass reports this.x, this.x[0] or this.x.get(0) where every
// assignment the class makes to this.x is to an element it builds.
func builtByClass(p *analyzer.Pass, target syntax.Node, depth int) bool {
	t := scope.Unwrap(target)
	switch t.Kind() {
	case "subscript_expression": // $el[0]: the element a jQuery object wraps
		t = scope.Unwrap(t.Get("object"))
	case "call_expression":
		if recv, name := astutil.Method(t); name == "get" {
			t = scope.Unwrap(recv)
		}
	}
	if t.Kind() != "member_expression" || scope.Unwrap(t.Get("object")).Kind() != "this" {
		return false
	}
	class := p.Scope.ThisOwner(t)
	key := p.Scope.Key(t)
	if !class.Valid() || key == "" {
		return false
	}
	values := p.Scope.AssignedIn(class, key)
	for _, v := range values {
		if !builtValue(p, v, depth) {
			return false
		}
	}
	return len(values) > 0
}

// builtValue reports an element made in place (document.createElement,
// $(markup)) or found inside a member the class builds.
func builtValue(p *analyzer.Pass, v syntax.Node, depth int) bool {
	v = scope.Unwrap(v)
	if v.Kind() != "call_expression" {
		return false
	}
	if scope.IsCreation(v) {
		return true
	}
	fn := scope.Unwrap(v.Get("function"))
	if fn.Kind() == "identifier" && apis.JQueryFunction(fn.Text()) {
		return markup(p, astutil.Arg(v, 0))
	}
	if fn.Kind() == "member_expression" && apis.DescendantQuery(fn.Get("property").Text()) && depth < builtDepth {
		return builtByClass(p, fn.Get("object"), depth+1)
	}
	return false
}

// markup reports HTML text, written in place or in a const: what $(...)
// parses into new elements, where a selector would find existing ones.
func markup(p *analyzer.Pass, n syntax.Node) bool {
	n = scope.Unwrap(n)
	if n.Kind() == "identifier" {
		b := p.Scope.Resolve(n)
		if b == nil || b.Kind != scope.Const || !b.Init.Valid() {
			return false
		}
		n = scope.Unwrap(b.Init)
	}
	if s, ok := astutil.StringValue(n); ok {
		return strings.HasPrefix(strings.TrimSpace(s), "<")
	}
	if n.Kind() == "template_string" {
		return strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(n.Text(), "`")), "<")
	}
	return false
}
