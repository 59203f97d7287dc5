package subscriptions

import (
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// Angular's form controls (FormGroup, FormControl, FormArray) are plain
// objects, and valueChanges and statusChanges are their own emitters: a
// subscription to them lives as long as the control. A control the
// component builds itself belongs to its form and goes with it, also when
// a method of the component builds it and returns it into that form; one
// it is given (@Input() control, a parameter, a service's form) may
// outlive it and stays reported.

// formStreams are a form control's own event streams.
var formStreams = map[string]bool{"valueChanges": true, "statusChanges": true}

// formClasses are the constructors of Angular's form controls.
var formClasses = map[string]bool{
	"FormGroup": true, "FormControl": true, "FormArray": true, "FormRecord": true,
	"UntypedFormGroup": true, "UntypedFormControl": true, "UntypedFormArray": true,
}

// formBuilderMethods make a control with FormBuilder (this.fb.group({...})).
var formBuilderMethods = map[string]bool{"group": true, "control": true, "array": true, "record": true}

// ownForm reports a form stream (n is control.valueChanges or
// control.get("path").statusChanges) of a control the owner built: a
// local it made, or the form its base class keeps and builds with a
// method the owner overrides.
func (c *classifier) ownForm(n syntax.Node) bool {
	if !formStreams[n.Get("property").Text()] {
		return false
	}
	root := formRoot(n.Get("object"))
	switch root.Kind() {
	case "identifier":
		return c.localForm(root)
	case "member_expression":
		return c.inheritedForm(root)
	}
	return false
}

// formRoot walks from a control to the group it is part of:
// group.get("type"), group.controls.type, group.controls["type"].
func formRoot(n syntax.Node) syntax.Node {
	for {
		n = scope.Unwrap(n)
		switch n.Kind() {
		case "call_expression":
			recv, name := astutil.Method(n)
			if name != "get" || !recv.Valid() {
				return syntax.Node{}
			}
			n = recv
		case "member_expression":
			obj := scope.Unwrap(n.Get("object"))
			if obj.Kind() == "this" {
				return n
			}
			if n.Get("property").Text() != "controls" && !isControlsOf(obj) {
				return syntax.Node{}
			}
			n = obj
		case "subscript_expression", "non_null_expression":
			n = n.Child(0)
		case "identifier":
			return n
		default:
			return syntax.Node{}
		}
	}
}

// isControlsOf reports group.controls, of which group.controls.type is a
// member.
func isControlsOf(n syntax.Node) bool {
	return n.Kind() == "member_expression" && n.Get("property").Text() == "controls"
}

// localForm reports a local every value of which is a control built here
// (const group = new FormGroup({...})), kept by the owner's code: it may be
// returned to the caller that puts it into the form, or stored on this,
// but not handed to a longer-lived object's member or an outer variable.
func (c *classifier) localForm(id syntax.Node) bool {
	b := c.p.Scope.Resolve(id)
	if b == nil || b.ModuleLevel() || b.Kind == scope.Param || b.Kind == scope.Import {
		return false
	}
	values := []syntax.Node{b.Init}
	fn := b.Scope.Function()
	for _, ref := range c.p.Scope.References(b) {
		par := ref.Parent()
		for par.Kind() == "parenthesized_expression" {
			ref, par = par, par.Parent()
		}
		if par.Kind() != "assignment_expression" {
			continue
		}
		if ref.Field() == "left" {
			values = append(values, par.Get("right"))
			continue
		}
		left := scope.Unwrap(par.Get("left"))
		switch left.Kind() {
		case "member_expression":
			// this.group = group keeps it; this.registry.current = group
			// hands it to another object.
			if scope.Unwrap(left.Get("object")).Kind() != "this" {
				return false
			}
		case "identifier":
			if lb := c.p.Scope.Resolve(left); lb == nil || lb.Scope.Function() != fn {
				return false
			}
		}
	}
	for _, v := range values {
		if !madeForm(v) {
			return false
		}
	}
	return true
}

// inheritedForm reports this.form where the owner's class neither
// declares nor assigns form but extends a class and overrides a method
// that returns a control it builds (getForm() { return new FormGroup(...)
// }): the base class keeps the form this hook builds, per instance.
func (c *classifier) inheritedForm(m syntax.Node) bool {
	class := c.p.Scope.ThisOwner(m)
	if !class.Valid() || class.Kind() == "object" || !extends(class) {
		return false
	}
	def := findMember(class, m.Get("property").Text())
	if def.decl.Valid() || def.value.Valid() || len(def.assigned) > 0 {
		return false
	}
	for _, member := range class.Get("body").Children() {
		if member.Kind() == "method_definition" && member.Get("name").Text() != "constructor" && returnsMadeForm(member) {
			return true
		}
	}
	return false
}

// extends reports a class with an extends clause.
func extends(class syntax.Node) bool {
	for ch := class.FirstChild(); ch.Valid(); ch = ch.NextSibling() {
		if ch.Kind() == "class_heritage" {
			for h := ch.FirstChild(); h.Valid(); h = h.NextSibling() {
				if h.Kind() == "extends_clause" || h.Text() == "extends" {
					return true
				}
			}
		}
	}
	return false
}

// returnsMadeForm reports a method every return of which gives a control
// it builds (at least one).
func returnsMadeForm(method syntax.Node) bool {
	made := false
	ok := true
	method.Get("body").Walk(func(n syntax.Node) bool {
		if !ok {
			return false
		}
		if n.Kind() != "return_statement" {
			return true
		}
		if astutil.EnclosingFunction(n).Index() != method.Index() {
			return true
		}
		v := n.Child(0)
		if !madeForm(v) {
			ok = false
			return false
		}
		made = true
		return true
	})
	return ok && made
}

// madeForm reports an expression that builds a form control: new
// FormGroup(...) and its kin, or a FormBuilder call (fb.group(...)).
func madeForm(v syntax.Node) bool {
	v = scope.Unwrap(v)
	switch v.Kind() {
	case "new_expression":
		ctor := scope.Unwrap(v.Get("constructor"))
		if ctor.Kind() == "member_expression" {
			ctor = ctor.Get("property")
		}
		return formClasses[ctor.Text()]
	case "call_expression":
		recv, name := astutil.Method(v)
		return recv.Valid() && formBuilderMethods[name]
	}
	return false
}
