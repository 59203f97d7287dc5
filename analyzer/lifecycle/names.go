package lifecycle

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Naming says which name NameOf gives a function. Rules and the model
// differ, each for its own reason (a message names a method with its
// class, a verdict asks what callers call it), and say so here instead of
// keeping a copy of the lookup.
type Naming uint8

const (
	// Qualified: a method or a function-valued field is Class.name.
	Qualified Naming = 1 << iota
	// CalledAs: a named function expression is known by what it is
	// assigned to (`const a = function b() {}` is called as a).
	CalledAs
	// ShortAssigned: `obj.handler = function () {}` is handler, not
	// obj.handler.
	ShortAssigned
	// Declared: only the name a function is declared under counts: its
	// own (a method has none here) or the variable it is given to,
	// directly or wrapped in a call (`const Chat = memo((props) => ...)`),
	// as components and hooks are; no property or assignment names it.
	Declared
)

// NameOf returns the name a function is known by, in the form how asks
// for, or "".
func NameOf(fn syntax.Node, how Naming) string {
	if fn.Kind() == "method_definition" {
		if how&Declared != 0 {
			return ""
		}
		return qualify(propertyName(fn.Get("name")), fn.Parent().Parent(), how)
	}
	own := fn.Get("name")
	if own.Valid() && (how&CalledAs == 0 || fn.Kind() != "function_expression" && fn.Kind() != "function") {
		return own.Text()
	}
	p := fn.Parent()
	for p.Kind() == "parenthesized_expression" || p.Kind() == "as_expression" {
		p = p.Parent()
	}
	name := ""
	switch p.Kind() {
	case "variable_declarator":
		name = p.Get("name").Text()
	case "arguments":
		// const Chat = memo(function Chat() {...}) or forwardRef((props, ref) => ...)
		if d := p.Parent().Parent(); how&Declared != 0 && d.Kind() == "variable_declarator" {
			name = d.Get("name").Text()
		}
	case "pair":
		if how&Declared == 0 {
			name = strings.Trim(p.Get("key").Text(), `'"`)
		}
	case "assignment_expression":
		if left := p.Get("left"); how&Declared != 0 {
		} else if left.Kind() == "member_expression" && how&ShortAssigned != 0 {
			name = left.Get("property").Text()
		} else {
			name = left.Text()
		}
	case "public_field_definition", "field_definition":
		if how&Declared == 0 {
			key := p.Get("name")
			if !key.Valid() {
				key = p.Get("property")
			}
			name = qualify(key.Text(), p.Parent().Parent(), how)
		}
	}
	if name == "" && own.Valid() {
		return own.Text()
	}
	return name
}

// qualify prefixes a member's name with its class's when how asks for it
// and the class has a name.
func qualify(name string, class syntax.Node, how Naming) string {
	if how&Qualified != 0 && class.Get("name").Valid() {
		return class.Get("name").Text() + "." + name
	}
	return name
}
