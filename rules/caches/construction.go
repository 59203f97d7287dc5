package caches

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/repeats"
)

// constructionOnly reports a private method of the class holding
// collection c that runs only while the one instance is built: every call
// of it is in a field initialiser or the constructor of that class, or in
// another such method. A helper that builds the instance's fields
// (`tasks = this.makeModel(cfg.tasks)`, pushing each model into a list)
// fills the collection once, however many fields call it. Being private
// (TypeScript `private` or `#name`) is what makes the calls in the class
// all the calls there are.
func constructionOnly(p *analyzer.Pass, c *collection, fn syntax.Node, visiting map[int]bool) bool {
	if fn.Kind() != "method_definition" || !c.class.Valid() || c.static || fn.HasToken("static") ||
		fn.Parent().Parent().Index() != c.class.Index() || visiting[fn.Index()] || len(visiting) > 4 {
		return false
	}
	name := fn.Get("name")
	if name.Kind() != "private_property_identifier" && !privateMember(fn) {
		return false
	}
	if visiting == nil {
		visiting = map[int]bool{}
	}
	visiting[fn.Index()] = true
	defer delete(visiting, fn.Index())
	calls := 0
	t := p.Tree
	for i := 0; i < t.Len(); i++ {
		use := t.At(i)
		if use.Kind() != "member_expression" || use.Get("property").Text() != name.Text() || !c.class.Contains(use) {
			continue
		}
		site := use.Parent()
		if use.Get("object").Kind() != "this" || site.Kind() != "call_expression" || use.Field() != "function" ||
			!whileConstructing(p, c, site, visiting) {
			return false
		}
		calls++
	}
	return calls > 0
}

// whileConstructing reports whether call runs while the instance is
// built: in an instance field's initialiser, in the constructor, or in a
// method that itself runs only then.
func whileConstructing(p *analyzer.Pass, c *collection, call syntax.Node, visiting map[int]bool) bool {
	for q := call.Parent(); q.Valid(); q = q.Parent() {
		if q.Is("public_field_definition", "field_definition") {
			return q.Parent().Parent().Index() == c.class.Index() && !q.HasToken("static")
		}
		if !scope.IsFunction(q) || repeats.IsIIFE(q) {
			continue
		}
		if q.Kind() != "method_definition" || q.Parent().Parent().Index() != c.class.Index() {
			return false // a callback: it runs whenever it is called
		}
		return q.Get("name").Text() == "constructor" || constructionOnly(p, c, q, visiting)
	}
	return false
}

// privateMember reports a TypeScript `private` class member.
func privateMember(m syntax.Node) bool {
	for _, ch := range m.Children() {
		if ch.Kind() == "accessibility_modifier" && ch.Text() == "private" {
			return true
		}
	}
	return false
}
