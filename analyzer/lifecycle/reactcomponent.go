package lifecycle

import (
	"regexp"
	"unicode"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// reactFunctionComponent: a React function component itself, for what its
// event handlers start (a hold-to-repeat timeout chain begun on
// mousedown). Only its effects' cleanups run when it unmounts, so they are
// its teardown. The model makes such owners only on request
// (ReactComponentOwner); no fix guesses where the cleanup goes.
var reactFunctionComponent = &Convention{
	Name: "react-function-component", Kind: ReactEffect,
	Where:   "in the cleanup function of an effect that runs on unmount (useEffect(() => () => ..., []))",
	Ends:    "the component",
	Cleanup: Cleanup{None: true},
}

// unmountHook matches hooks whose callback runs when the component
// unmounts (useUnmount, useUnmountEffect, useWillUnmount).
var unmountHook = regexp.MustCompile(`^use(Will)?Unmount`)

// effectHook matches hooks whose callback may return a cleanup.
var effectHook = regexp.MustCompile(`^use\w*Effect$`)

// ReactComponentOwner returns, for code in a React function component
// outside its effects (a handler, a helper a handler calls), the component
// as an owner whose teardowns are the cleanups its effects return and the
// callbacks of its unmount hooks. It returns nil outside such a component,
// in a file that does not import React, and in the application's root.
// Rules ask for it only where what they follow outlives a handler on its
// own (a timeout chain that re-arms itself).
func (m *Model) ReactComponentOwner(n syntax.Node) *Owner {
	if m.appRoot || !m.importsFrom(reactModules...) {
		return nil
	}
	for fn := enclosingFunction(n); fn.Valid(); fn = enclosingFunction(fn) {
		if name := functionComponentName(fn); name != "" {
			return &Owner{Kind: ReactEffect, Node: fn, Setup: fn, Name: name, Teardowns: componentCleanups(m, fn),
				TeardownName: "an unmount effect's cleanup", Convention: reactFunctionComponent}
		}
	}
	return nil
}

// functionComponentName returns the name of a React function component
// fn is (function Slider() {...}, const Slider = (props) => ..., also
// wrapped: memo(forwardRef((props, ref) => ...)) given to const Slider),
// or "" when fn is not named like a component (capitalised).
func functionComponentName(fn syntax.Node) string {
	name := ""
	if fn.Kind() == "function_declaration" {
		name = fn.Get("name").Text()
	} else {
		p := fn.Parent()
		for {
			for p.Kind() == "parenthesized_expression" {
				p = p.Parent()
			}
			if p.Kind() != "arguments" {
				break
			}
			switch CalleeName(p.Parent()) {
			case "memo", "forwardRef":
				p = p.Parent().Parent()
				continue
			}
			return ""
		}
		if p.Kind() != "variable_declarator" {
			return ""
		}
		name = p.Get("name").Text()
	}
	if name == "" || !unicode.IsUpper([]rune(name)[0]) {
		return ""
	}
	return name
}

// componentCleanups returns what runs when component fn unmounts: the
// functions its effects' callbacks return and its unmount hooks'
// callbacks.
func componentCleanups(m *Model, fn syntax.Node) []syntax.Node {
	var out []syntax.Node
	body := fn.Get("body")
	body.Walk(func(n syntax.Node) bool {
		if n.Index() != body.Index() && scope.IsFunction(n) && n.Parent().Kind() != "arguments" {
			return false // a nested component or helper declares no hooks
		}
		if n.Kind() != "call_expression" {
			return true
		}
		name := CalleeName(n)
		cb := scope.Unwrap(n.Get("arguments").Child(0))
		if !scope.IsFunction(cb) {
			return true
		}
		switch {
		case unmountHook.MatchString(name):
			out = append(out, cb)
		case effectHook.MatchString(name):
			out = append(out, returnedFunctions(m, cb)...)
		}
		return true
	})
	return out
}

// returnedFunctions returns the functions an effect callback returns:
// written in place (return () => ...), or named (return stop).
func returnedFunctions(m *Model, cb syntax.Node) []syntax.Node {
	body := cb.Get("body")
	if body.Kind() != "statement_block" {
		if f := scope.Unwrap(body); scope.IsFunction(f) {
			return []syntax.Node{f} // () => () => clear()
		}
		return nil
	}
	var out []syntax.Node
	body.Walk(func(n syntax.Node) bool {
		if n.Index() != body.Index() && scope.IsFunction(n) {
			return false
		}
		if n.Kind() == "return_statement" {
			v := scope.Unwrap(n.Child(0))
			if scope.IsFunction(v) {
				out = append(out, v)
			} else if v.Kind() == "identifier" {
				if f := m.functionOf(v); f.Valid() {
					out = append(out, f)
				}
			}
		}
		return true
	})
	return out
}
