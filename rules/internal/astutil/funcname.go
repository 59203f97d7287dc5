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

// setupNames begin functions that prepare a program once: connecting to
// its database, initialising a module.
var setupNames = []string{"main", "start", "init", "setup", "boot", "connect", "install", "migrate"}

// startupNames add the steps a server's start sequence names (run, listen,
// launch, open), which also run once but say less on their own.
var startupNames = append([]string{"launch", "listen", "run", "open"}, setupNames...)

// StartupName reports a function name that says it runs once when the
// program starts (init, setupServer, connect, listen).
func StartupName(name string) bool { return prefixedBy(name, startupNames) }

// SetupName reports the narrower names of one-time preparation (init,
// connect, setupDatabase), not runX or openX, which run per request too.
func SetupName(name string) bool { return prefixedBy(name, setupNames) }

func prefixedBy(name string, prefixes []string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:] // Database.connect
	}
	for _, s := range prefixes {
		if name == s || strings.HasPrefix(name, s) && len(name) > len(s) && name[len(s)] >= 'A' && name[len(s)] <= 'Z' {
			return true
		}
	}
	return false
}
