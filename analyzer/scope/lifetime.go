package scope

import (
	"strings"

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
	if root.Kind() == "identifier" {
		if this := in.ThisAlias(in.Resolve(root)); this.Valid() {
			root = this // const self = this: self.x is this.x
		}
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
		if path == 1 && in.singletonTyped(n) {
			return ModuleLevel
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
			if path == 0 && in.singletonTyped(root) {
				return ModuleLevel
			}
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
		if class, _ := in.ThisMemberCopy(b); class.Valid() {
			return Member // const { editor } = this
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

// singletonTyped reports a member or parameter whose declared type is a
// program-long singleton.
func (in *Info) singletonTyped(n syntax.Node) bool {
	return in.LongLivedType != nil && in.LongLivedType(in.DeclaredType(n))
}

// IsCreation reports expressions that make a new object: `new X()`, object,
// array and class literals, functions, the DOM factories, factory functions
// named for what they do (`createCard(cfg)`, `makeTile()`, `buildPanel()`),
// and builder chains that start with `new` (`new Builder().withUrl(u).build()`).
func IsCreation(n syntax.Node) bool {
	n = Unwrap(n)
	switch n.Kind() {
	case "new_expression", "object", "array", "class", "arrow_function", "function_expression", "function":
		return true
	case "call_expression":
		fn := Unwrap(n.Get("function"))
		var name string
		switch fn.Kind() {
		case "identifier":
			name = fn.Text()
		case "member_expression":
			name = fn.Get("property").Text()
			if builderChain(fn.Get("object")) {
				return true
			}
		default:
			return false
		}
		switch name {
		case "createElement", "createElementNS", "createDocumentFragment", "cloneNode", "createTextNode":
			return true
		}
		return factoryName(name)
	}
	return false
}

// builderChain reports a chain of method calls that starts with `new`:
// each call of a builder returns the builder or what it builds.
func builderChain(n syntax.Node) bool {
	for {
		n = Unwrap(n)
		switch n.Kind() {
		case "new_expression":
			return true
		case "call_expression":
			fn := Unwrap(n.Get("function"))
			if fn.Kind() != "member_expression" {
				return false
			}
			n = fn.Get("object")
		default:
			return false
		}
	}
}

// factoryName reports names such as createX, tryCreateX, makeX and buildX:
// by convention they return a new object each call.
func factoryName(name string) bool {
	if rest, ok := strings.CutPrefix(name, "tryCreate"); ok {
		name = "create" + rest
	}
	for _, prefix := range []string{"create", "make", "build"} {
		if rest, ok := strings.CutPrefix(name, prefix); ok && rest != "" && rest[0] >= 'A' && rest[0] <= 'Z' {
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

// DeclaredType returns the type annotation written where the value behind
// expr is declared, without type arguments ("EventEmitter",
// "NodeJS.EventEmitter"): a parameter's `: T`, a constructor parameter
// property's, or a class field's for `this.x`. It returns "" when nothing
// is declared (JavaScript, inferred types).
func (in *Info) DeclaredType(expr syntax.Node) string {
	n := Unwrap(expr)
	var ann syntax.Node
	switch n.Kind() {
	case "identifier":
		b := in.Resolve(n)
		if b == nil || b.Kind != Param {
			return ""
		}
		ann = b.Decl.Parent().Get("type")
	case "member_expression":
		obj := Unwrap(n.Get("object"))
		if obj.Kind() != "this" {
			return ""
		}
		class := in.ThisOwner(obj)
		ann = memberTypeAnnotation(class, n.Get("property").Text())
	}
	if ann.Kind() != "type_annotation" {
		return ""
	}
	return TypeName(ann.Child(0))
}

// TypeName names a type without type arguments; for `T | null` and
// `T | undefined` it names T.
func TypeName(t syntax.Node) string {
	switch t.Kind() {
	case "generic_type":
		return t.Get("name").Text()
	case "union_type":
		name := ""
		for _, m := range t.Children() {
			if m.Kind() == "literal_type" || m.Text() == "null" || m.Text() == "undefined" {
				continue
			}
			if name != "" {
				return "" // a real union
			}
			name = TypeName(m)
		}
		return name
	}
	return t.Text()
}

// memberTypeAnnotation finds the declared type of member name in a class:
// a field `name: T` or a constructor parameter property `private name: T`.
func memberTypeAnnotation(class syntax.Node, name string) syntax.Node {
	for _, m := range class.Get("body").Children() {
		switch m.Kind() {
		case "public_field_definition", "field_definition":
			if m.Get("name").Text() == name {
				return m.Get("type")
			}
		case "method_definition":
			if m.Get("name").Text() != "constructor" {
				continue
			}
			for _, p := range m.Get("parameters").Children() {
				if p.Get("pattern").Text() == name {
					if parameterPropertyOf(p) {
						return p.Get("type")
					}
				}
			}
		}
	}
	return syntax.Node{}
}

// parameterPropertyOf reports a constructor parameter with an accessibility
// modifier or readonly, which also declares a member.
func parameterPropertyOf(param syntax.Node) bool {
	for c := param.FirstChild(); c.Valid(); c = c.NextSibling() {
		switch c.Kind() {
		case "accessibility_modifier", "readonly", "override_modifier":
			return true
		}
	}
	return false
}
