package astutil

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// FunctionName returns the name a function is known by: its own name, the
// variable, property or member it is assigned to (methods and fields with
// their class), or "" for an anonymous callback. Other forms of the name:
// lifecycle.NameOf.
func FunctionName(fn syntax.Node) string { return lifecycle.NameOf(fn, lifecycle.Qualified) }

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
	if p.Kind() == "arguments" && p.Parent().Kind() == "new_expression" {
		// A Promise executor runs at once, inside the function that makes
		// the promise: name that function ("curlRequest()"), not the
		// executor. Other constructors keep their name, without type
		// arguments.
		ctor := p.Parent().Get("constructor")
		if ctor.Text() == "Promise" {
			if outer := EnclosingFunction(p.Parent()); outer.Valid() {
				return DescribeFunction(outer)
			}
		}
		if t := ctor.Text(); len(t) <= 40 && !strings.ContainsAny(t, "\n(") {
			return "the callback passed to new " + t + "()"
		}
		return "a callback"
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
