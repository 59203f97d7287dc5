package astutil

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// FunctionName returns the name a function is known by: its own name, the
// variable, property or member it is assigned to, or "" for an anonymous
// callback.
func FunctionName(fn syntax.Node) string {
	if name := fn.Get("name"); name.Valid() {
		if fn.Kind() == "method_definition" {
			if class := fn.Parent().Parent(); class.Get("name").Valid() {
				return class.Get("name").Text() + "." + name.Text()
			}
		}
		return name.Text()
	}
	p := fn.Parent()
	for p.Kind() == "parenthesized_expression" || p.Kind() == "as_expression" {
		p = p.Parent()
	}
	switch p.Kind() {
	case "variable_declarator":
		return p.Get("name").Text()
	case "pair":
		return p.Get("key").Text()
	case "assignment_expression":
		return p.Get("left").Text()
	case "public_field_definition", "field_definition":
		name := p.Get("name")
		if !name.Valid() {
			name = p.Get("property")
		}
		if class := p.Parent().Parent(); class.Get("name").Valid() {
			return class.Get("name").Text() + "." + name.Text()
		}
		return name.Text()
	}
	return ""
}

// DescribeFunction words where a function is for a message: "getUser()",
// "the callback passed to app.get()", or "a callback".
func DescribeFunction(fn syntax.Node) string {
	if name := FunctionName(fn); name != "" {
		return name + "()"
	}
	p := fn.Parent()
	for p.Kind() == "parenthesized_expression" {
		p = p.Parent()
	}
	if p.Kind() == "arguments" {
		callee := p.Parent().Get("function")
		if t := callee.Text(); len(t) <= 40 && !strings.ContainsAny(t, "\n(") {
			return "the callback passed to " + t + "()"
		}
		if callee.Kind() == "member_expression" {
			return "the callback passed to ." + callee.Get("property").Text() + "()"
		}
	}
	return "a callback"
}
