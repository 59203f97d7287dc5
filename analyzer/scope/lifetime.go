package scope

import (
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Lifetime says where the value behind an expression lives, which decides
// whether something registered on it can outlive the code that did it.
type Lifetime uint8

const (
	// Unknown: a call result, a value read from somewhere we do not follow.
	Unknown Lifetime = iota
	// Global: window, document, process, or any name declared nowhere in
	// the file. Lives as long as the program.
	Global
	// ModuleLevel: a variable declared at the top of the module, or an
	// import. Lives as long as the program.
	ModuleLevel
	// Member: a property of `this` (this.el, this.store$).
	Member
	// Self: `this` itself, or its own shadow or render root. A registration
	// on the owner itself dies with the owner.
	Self
	// Parameter: a function parameter (props, an injected service, a
	// socket handed to a callback).
	Parameter
	// Local: created in the current function (new X, createElement, a
	// literal) and never returned or stored outside it.
	Local
	// Escaping: created locally but returned, or stored in a member or an
	// outer variable.
	Escaping
)

var lifetimeNames = [...]string{"unknown", "global", "module-level", "member", "self", "parameter", "local", "escaping"}

func (l Lifetime) String() string { return lifetimeNames[l] }

// LongLived reports lifetimes that certainly outlive any component or call.
func (l Lifetime) LongLived() bool { return l == Global || l == ModuleLevel }

// KnownGlobals are the host objects that always outlive user code. Names
// declared nowhere in the file count as globals too; this list is for
// telling users what we matched and for code that wants to be explicit.
var KnownGlobals = map[string]bool{
	"window": true, "document": true, "globalThis": true, "self": true, "global": true,
	"process": true, "navigator": true, "screen": true, "location": true, "history": true,
	"visualViewport": true, "matchMedia": true, "localStorage": true, "sessionStorage": true,
	"performance": true, "console": true,
}

// selfRoots are members of a custom element that are part of it.
var selfRoots = map[string]bool{"shadowRoot": true, "renderRoot": true}

// LifetimeOf classifies the value an expression denotes.
func (in *Info) LifetimeOf(expr syntax.Node) Lifetime {
	return in.lifetimeOf(expr, 0)
}

func (in *Info) lifetimeOf(expr syntax.Node, depth int) Lifetime {
	if depth > 6 {
		return Unknown
	}
	n := Unwrap(expr)
	// Find the root of a member chain: a.b.c -> a.
	path := 0
	root := n
	for {
		switch root.Kind() {
		case "member_expression", "subscript_expression":
			if in.LongLived[root.Get("property").Text()] {
				return Global
			}
			root = Unwrap(root.Get("object"))
			path++
			continue
		}
		break
	}
	if root.Kind() == "identifier" && in.LongLived[root.Text()] {
		return Global
	}
	switch root.Kind() {
	case "this":
		if !in.ThisOwner(root).Valid() {
			return Unknown
		}
		if path == 0 {
			return Self
		}
		if path == 1 && n.Kind() == "member_expression" && selfRoots[n.Get("property").Text()] {
			return Self
		}
		return Member
	case "identifier":
		b := in.Resolve(root)
		if b == nil {
			return Global
		}
		if b.ModuleLevel() {
			return ModuleLevel
		}
		if b.Kind == Param {
			return Parameter
		}
		if path > 0 {
			// el.firstChild, state.socket: a part of something local is
			// not itself known to be local.
			if l := in.lifetimeOf(root, depth+1); l.LongLived() {
				return l
			}
			return Unknown
		}
		init := Unwrap(b.Init)
		if !init.Valid() || b.Reassigned {
			return Unknown
		}
		if IsCreation(init) {
			if in.Escapes(b) {
				return Escaping
			}
			return Local
		}
		switch init.Kind() {
		case "identifier", "member_expression", "this", "subscript_expression":
			return in.lifetimeOf(init, depth+1)
		}
		return Unknown
	}
	return Unknown
}

// IsCreation reports expressions that make a new object: `new X()`, object,
// array and class literals, functions, and the DOM factories.
func IsCreation(n syntax.Node) bool {
	n = Unwrap(n)
	switch n.Kind() {
	case "new_expression", "object", "array", "class", "arrow_function", "function_expression", "function":
		return true
	case "call_expression":
		fn := n.Get("function")
		if fn.Kind() != "member_expression" {
			return false
		}
		switch fn.Get("property").Text() {
		case "createElement", "createElementNS", "createDocumentFragment", "cloneNode", "createTextNode":
			return true
		}
	}
	return false
}

// Escapes reports whether a local binding's value leaves its function: it
// is returned, yielded, or assigned to a member or to a variable of an outer
// function. Passing it as an argument does not count (precision first: we
// cannot see what the callee does).
func (in *Info) Escapes(b *Binding) bool {
	fn := b.Scope.Function()
	for _, ref := range in.References(b) {
		p := ref.Parent()
		for p.Kind() == "parenthesized_expression" {
			p = p.Parent()
		}
		switch p.Kind() {
		case "return_statement", "yield_expression":
			return true
		case "arrow_function":
			if ref.Field() == "body" {
				return true
			}
		case "assignment_expression":
			if Unwrap(p.Get("right")).Index() != ref.Index() {
				continue
			}
			left := Unwrap(p.Get("left"))
			if left.Kind() != "identifier" {
				return true
			}
			if lb := in.Resolve(left); lb == nil || lb.Scope.Function() != fn {
				return true
			}
		case "variable_declarator":
			// const alias = el: follow one level.
			if alias := in.DeclaredAt(p.Get("name")); alias != nil && alias != b && alias.Scope.Function() != fn {
				return true
			}
		}
	}
	return false
}
