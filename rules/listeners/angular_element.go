package listeners

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// An Angular component or directive is given its host element as an
// ElementRef (injected in the constructor or with inject(ElementRef)), and
// the elements of its own view the same way (@ViewChild, viewChild()).
// Angular destroys the host with the component (a directive lives exactly
// as long as the element it sits on) and the view's elements with the
// view, so a listener on one of them, or on anything inside one, goes
// with the owner. What an ElementRef @Input or projected content
// (@ContentChild) holds belongs to another template and is not counted.

// angularElement reports a target inside an element Angular gave owner o.
func angularElement(p *analyzer.Pass, o *lifecycle.Owner, target syntax.Node) bool {
	if o.Kind != lifecycle.Angular || !o.Class.Valid() {
		return false
	}
	return inAngularElement(p, o, target, 0)
}

func inAngularElement(p *analyzer.Pass, o *lifecycle.Owner, n syntax.Node, depth int) bool {
	if depth > markupDepth {
		return false
	}
	n = scope.Unwrap(n)
	for {
		switch n.Kind() {
		case "member_expression":
			prop := n.Get("property").Text()
			if leadsOut(prop) {
				return false
			}
			if prop == apis.ElementRefElement {
				return elementRef(p, o, n.Get("object"), depth)
			}
			if scope.Unwrap(n.Get("object")).Kind() == "this" {
				break // a field: what it is set to, below
			}
			n = scope.Unwrap(n.Get("object"))
			continue
		case "subscript_expression":
			n = scope.Unwrap(n.Get("object"))
			continue
		case "call_expression":
			fn := scope.Unwrap(n.Get("function"))
			if fn.Kind() != "member_expression" || leadsOutCall[fn.Get("property").Text()] {
				return false
			}
			n = scope.Unwrap(fn.Get("object"))
			continue
		}
		break
	}
	// A name for one: const el = this.host.nativeElement, or a field the
	// class sets once (this.el = host.nativeElement in the constructor).
	if v, ok := onlyValue(p, o, n); ok {
		return inAngularElement(p, o, v, depth+1)
	}
	return false
}

// elementRef reports an expression that holds an ElementRef Angular gave
// the owner: its host or an element of its own view.
func elementRef(p *analyzer.Pass, o *lifecycle.Owner, n syntax.Node, depth int) bool {
	if depth > markupDepth {
		return false
	}
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "call_expression":
		fn := scope.Unwrap(n.Get("function"))
		if fn.Kind() == "identifier" && fn.Text() == "inject" {
			return scope.Unwrap(astutil.Arg(n, 0)).Text() == apis.ElementRefType
		}
		// this.box() of box = viewChild<ElementRef>("box")
		if fn.Kind() == "member_expression" && scope.Unwrap(fn.Get("object")).Kind() == "this" {
			if v, ok := fieldValue(o.Class, fn.Get("property").Text()); ok {
				return viewQuery(v)
			}
		}
		return false
	case "identifier":
		b := p.Scope.Resolve(n)
		if b == nil {
			return false
		}
		if b.Kind == scope.Param {
			return p.Scope.DeclaredType(n) == apis.ElementRefType && constructorParam(o, b)
		}
	case "member_expression":
		if scope.Unwrap(n.Get("object")).Kind() == "this" {
			name := n.Get("property").Text()
			if givenByParent(o.Class, name) {
				return false
			}
			if p.Scope.DeclaredType(n) == apis.ElementRefType {
				return true
			}
		}
	}
	if v, ok := onlyValue(p, o, n); ok {
		return elementRef(p, o, v, depth+1)
	}
	return false
}

// onlyValue returns the one value a const or a field of the owner's class
// is given (its initialiser, or the single assignment to it).
func onlyValue(p *analyzer.Pass, o *lifecycle.Owner, n syntax.Node) (syntax.Node, bool) {
	switch n.Kind() {
	case "identifier":
		b := p.Scope.Resolve(n)
		if b != nil && b.Kind == scope.Const && !b.Reassigned && b.Init.Valid() {
			return b.Init, true
		}
	case "member_expression":
		if scope.Unwrap(n.Get("object")).Kind() != "this" || p.Scope.ThisOwner(n).Index() != o.Class.Index() {
			return syntax.Node{}, false
		}
		return fieldValue(o.Class, n.Get("property").Text())
	}
	return syntax.Node{}, false
}

// fieldValue returns the one value a class gives a field: its initialiser
// when nothing assigns it, or the one assignment `this.name = v` when it
// has none.
func fieldValue(class syntax.Node, name string) (syntax.Node, bool) {
	var init, assigned syntax.Node
	count := 0
	for _, m := range class.Get("body").Children() {
		if m.Is("public_field_definition", "field_definition") && m.Get("name").Text() == name {
			init = m.Get("value")
		}
	}
	class.Get("body").Walk(func(n syntax.Node) bool {
		if n.Kind() == "assignment_expression" || n.Kind() == "augmented_assignment_expression" {
			l := scope.Unwrap(n.Get("left"))
			if l.Kind() == "member_expression" && scope.Unwrap(l.Get("object")).Kind() == "this" && l.Get("property").Text() == name {
				count++
				assigned = n.Get("right")
			}
		}
		return true
	})
	switch {
	case count == 0 && init.Valid():
		return init, true
	case count == 1 && !init.Valid() && assigned.Valid():
		return assigned, true
	}
	return syntax.Node{}, false
}

// viewQuery reports a signal query of the component's own view:
// viewChild("box"), viewChild.required(Box), viewChildren(...).
func viewQuery(v syntax.Node) bool {
	v = scope.Unwrap(v)
	if v.Kind() != "call_expression" {
		return false
	}
	return apis.ViewQuery(scope.Unwrap(v.Get("function")).Text())
}

// givenByParent reports a member another template fills: an @Input, or a
// query of projected content.
func givenByParent(class syntax.Node, name string) bool {
	for _, m := range class.Get("body").Children() {
		if !m.Is("public_field_definition", "field_definition") || m.Get("name").Text() != name {
			continue
		}
		for c := m.FirstChild(); c.Valid(); c = c.NextSibling() {
			if c.Kind() != "decorator" {
				continue
			}
			if apis.ParentGiven(decoratorName(c)) {
				return true
			}
		}
		if v := scope.Unwrap(m.Get("value")); v.Kind() == "call_expression" && apis.ParentGiven(scope.Unwrap(v.Get("function")).Text()) {
			return true
		}
	}
	return false
}

func decoratorName(d syntax.Node) string {
	e := d.Child(0)
	if e.Kind() == "call_expression" {
		e = e.Get("function")
	}
	return e.Text()
}

// constructorParam reports a parameter of the owner class's constructor.
func constructorParam(o *lifecycle.Owner, b *scope.Binding) bool {
	ctor := lifecycle.Methods(o.Class)["constructor"]
	return ctor.Valid() && b.Decl.Valid() && ctor.Get("parameters").Contains(b.Decl)
}
