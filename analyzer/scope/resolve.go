package scope

import (
	"slices"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// ScopeOf returns the innermost scope that contains n. For a node that
// introduces a scope (a function, a block) that is its own scope.
func (in *Info) ScopeOf(n syntax.Node) *Scope {
	if n.Tree() != in.Tree {
		return in.Module
	}
	// The last scope opened at or before n, or the nearest of its
	// enclosing scopes that contains n: scopes nest as their nodes do.
	k, found := slices.BinarySearchFunc(in.scopeList, n.Index(), func(s *Scope, i int) int { return s.Node.Index() - i })
	if !found {
		k--
	}
	for s := in.scopeList[max(k, 0)]; s != nil; s = s.Parent {
		if s.Node.Contains(n) {
			return s
		}
	}
	return in.Module
}

// Resolve returns the binding an identifier refers to or declares, or nil
// for a name declared nowhere in the file (a global, or an implicit one).
// Build resolved every identifier; this looks the answer up.
func (in *Info) Resolve(id syntax.Node) *Binding {
	i := id.Index()
	if i < 0 || i >= len(in.bindingOf) {
		return nil
	}
	switch b := in.bindingOf[i]; {
	case b > 0:
		return in.bindings[b-1]
	case b < 0:
		return in.bindings[-b-1]
	}
	return nil
}

// DeclaredAt returns the binding an identifier declares, or nil if it is not
// a declaration.
func (in *Info) DeclaredAt(id syntax.Node) *Binding {
	i := id.Index()
	if i < 0 || i >= len(in.bindingOf) || in.bindingOf[i] <= 0 {
		return nil
	}
	return in.bindings[in.bindingOf[i]-1]
}

// References returns the identifiers that refer to b, in source order,
// excluding the declaration itself.
func (in *Info) References(b *Binding) []syntax.Node {
	if b == nil {
		return nil
	}
	return b.refs
}

// isWrite reports whether identifier n is the target of an assignment.
func isWrite(n syntax.Node) bool {
	p := n.Parent()
	switch p.Kind() {
	case "assignment_expression", "augmented_assignment_expression":
		return n.Field() == "left"
	case "update_expression":
		return true
	}
	return false
}

// ThisOwner returns what `this` denotes at n: the class (class_declaration
// or class node) or object literal whose method n is in. It returns the zero
// Node where `this` is unknown (a plain function's own `this`, top level).
// Arrow functions see through to the enclosing function's `this`.
func (in *Info) ThisOwner(n syntax.Node) syntax.Node {
	for p := n; p.Valid(); p = p.Parent() {
		switch p.Kind() {
		case "arrow_function":
			continue
		case "method_definition", "public_field_definition", "field_definition", "class_static_block":
			owner := p.Parent() // class_body or object
			if owner.Kind() == "class_body" {
				owner = owner.Parent()
			}
			return vueOptionsObject(owner)
		case "function_declaration", "generator_function_declaration", "function_expression", "function", "generator_function":
			// `mounted: function () { this... }` in an options object.
			if pair := p.Parent(); pair.Kind() == "pair" && pair.Parent().Kind() == "object" {
				return vueOptionsObject(pair.Parent())
			}
			return syntax.Node{}
		case "class_body":
			// A computed key or decorator argument.
			return p.Parent()
		}
	}
	return syntax.Node{}
}

// Unwrap strips what does not change which value an expression denotes:
// parentheses and TypeScript's `x!`, `x as T`, `<T>x`, `x satisfies T`.
func Unwrap(n syntax.Node) syntax.Node {
	for n.Valid() && buildActions(n.Tree().Lang)[n.Symbol()] == actWrapper {
		inner := n.Child(0)
		if n.Kind() == "type_assertion" {
			inner = n.Child(n.ChildCount() - 1)
		}
		if !inner.Valid() {
			return n
		}
		n = inner
	}
	return n
}

// windowAliases all denote the browser's global object.
var windowAliases = map[string]bool{"window": true, "globalThis": true, "self": true, "global": true}

// AssignedIn returns the values assigned anywhere inside holder (a class,
// an options object) to what has key (Key of this.x there): what a member
// may hold.
func (in *Info) AssignedIn(holder syntax.Node, key string) []syntax.Node {
	if key == "" || !holder.Valid() {
		return nil
	}
	var values []syntax.Node
	holder.Walk(func(n syntax.Node) bool {
		if n.Kind() == "assignment_expression" && in.Key(n.Get("left")) == key {
			values = append(values, n.Get("right"))
		}
		return true
	})
	return values
}

// Key returns a canonical name for the value an expression denotes, so two
// expressions with equal non-empty keys refer to the same thing:
// identifiers by binding (or by name for globals), `this` by its owner,
// member chains by their path. It returns "" for anything else (calls,
// literals, computed members), which never matches.
func (in *Info) Key(expr syntax.Node) string {
	if !expr.Valid() {
		return ""
	}
	// Rules compare keys pairwise (every addition with every removal), so
	// each expression's key is built once, and found again under the
	// expression as asked, before unwrapping it (in a large file the
	// unwrapping alone was a tenth of an analysis).
	if in.keyOf == nil {
		in.keyOf = make([]int32, in.Tree.Len())
		in.keys = []string{""}
	}
	i := expr.Index()
	if at := in.keyOf[i]; at != 0 {
		return in.keys[at-1]
	}
	inner := Unwrap(expr)
	j := inner.Index()
	at := in.keyOf[j]
	if at == 0 {
		var sb strings.Builder
		at = 1 // the empty key
		if in.writeKey(&sb, inner) && sb.Len() > 0 {
			in.keys = append(in.keys, sb.String())
			at = int32(len(in.keys))
		}
		in.keyOf[j] = at
	}
	in.keyOf[i] = at
	return in.keys[at-1]
}

func (in *Info) writeKey(sb *strings.Builder, n syntax.Node) bool {
	n = Unwrap(n)
	switch n.Kind() {
	case "identifier", "shorthand_property_identifier":
		b := in.Resolve(n)
		if b == nil {
			name := n.Text()
			if windowAliases[name] {
				name = "window"
			}
			sb.WriteString("global:")
			sb.WriteString(name)
			return true
		}
		if owner := parameterProperty(b); owner.Valid() {
			// constructor(private source: X): `source` and `this.source`
			// are the same value.
			sb.WriteString("this@")
			sb.WriteString(strconv.Itoa(owner.Index()))
			sb.WriteByte('.')
			sb.WriteString(b.Name)
			return true
		}
		if this := in.ThisAlias(b); this.Valid() {
			// const self = this: self is this.
			return in.writeKey(sb, this)
		}
		if class, prop := in.ThisMemberCopy(b); class.Valid() {
			// const { editor } = this: editor is this.editor.
			sb.WriteString("this@")
			sb.WriteString(strconv.Itoa(class.Index()))
			sb.WriteByte('.')
			sb.WriteString(prop)
			return true
		}
		sb.WriteString("binding@")
		sb.WriteString(strconv.Itoa(b.Decl.Index()))
		return true
	case "this":
		owner := in.ThisOwner(n)
		if !owner.Valid() {
			return false
		}
		sb.WriteString("this@")
		sb.WriteString(strconv.Itoa(owner.Index()))
		return true
	case "member_expression":
		obj := Unwrap(n.Get("object"))
		// window.document is document; globalThis.process is process.
		if obj.Kind() == "identifier" && windowAliases[obj.Text()] && in.Resolve(obj) == nil {
			sb.WriteString("global:")
			sb.WriteString(n.Get("property").Text())
			return true
		}
		if !in.writeKey(sb, obj) {
			return false
		}
		sb.WriteByte('.')
		sb.WriteString(n.Get("property").Text())
		return true
	case "subscript_expression":
		idx := Unwrap(n.Get("index"))
		if idx.Kind() != "string" {
			return false
		}
		if !in.writeKey(sb, n.Get("object")) {
			return false
		}
		sb.WriteByte('.')
		sb.WriteString(strings.Trim(idx.Text(), "'\"`"))
		return true
	}
	return false
}

// MemberKey is the Key of member name of the instance of class (a class,
// or an options object whose methods' `this` is the instance): the key
// Key gives `this.name` in its methods. With name "" it is the prefix of
// every member's key.
func MemberKey(class syntax.Node, name string) string {
	return "this@" + strconv.Itoa(class.Index()) + "." + name
}

// ThisAlias returns, for a name that holds `this` and is never assigned
// again (`const self = this`, `var vm = this`, kept for callbacks that
// have their own `this`), that `this`; otherwise the zero Node. The name
// denotes the instance: its members are the instance's members.
func (in *Info) ThisAlias(b *Binding) syntax.Node {
	if b == nil || b.Reassigned || b.Kind == Param {
		return syntax.Node{}
	}
	if init := Unwrap(b.Init); init.Kind() == "this" && in.ThisOwner(init).Valid() {
		return init
	}
	return syntax.Node{}
}

// ThisMemberCopy returns, for a name that copies a member of `this` and is
// never assigned again (`const { editor } = this`, `const { editor: ed } =
// this`, `const socket = this.ws`), the class or options object `this` is
// and the member's name: the name denotes what the member does. Otherwise
// the zero Node.
func (in *Info) ThisMemberCopy(b *Binding) (syntax.Node, string) {
	if b == nil || b.Reassigned || b.Kind == Param {
		return syntax.Node{}, ""
	}
	if b.Kind == Const {
		// const socket = this.ws
		if init := Unwrap(b.Init); init.Kind() == "member_expression" && Unwrap(init.Get("object")).Kind() == "this" &&
			init.Get("property").Kind() == "property_identifier" {
			if class := in.ThisOwner(init); class.Valid() {
				return class, init.Get("property").Text()
			}
		}
	}
	if b.Init.Valid() {
		return syntax.Node{}, ""
	}
	decl := b.Decl
	prop := decl.Text()
	pat := decl.Parent()
	if pat.Kind() == "pair_pattern" {
		key := pat.Get("key")
		if decl.Field() != "value" || key.Kind() != "property_identifier" {
			return syntax.Node{}, ""
		}
		prop, pat = key.Text(), pat.Parent()
	}
	if pat.Kind() != "object_pattern" {
		return syntax.Node{}, ""
	}
	d := pat.Parent()
	if d.Kind() != "variable_declarator" || d.Get("name").Index() != pat.Index() {
		return syntax.Node{}, ""
	}
	v := Unwrap(d.Get("value"))
	if v.Kind() != "this" {
		return syntax.Node{}, ""
	}
	class := in.ThisOwner(v)
	if !class.Valid() {
		return syntax.Node{}, ""
	}
	return class, prop
}

// Same reports whether a and b denote the same value (see Key).
func (in *Info) Same(a, b syntax.Node) bool {
	ka := in.Key(a)
	return ka != "" && ka == in.Key(b)
}

// vueOptionsObject climbs from a Vue options object's `methods`, `computed`
// or `watch` section to the options object itself: in all of them `this` is
// the component instance.
func vueOptionsObject(obj syntax.Node) syntax.Node {
	if obj.Kind() != "object" {
		return obj
	}
	pair := obj.Parent()
	if pair.Kind() != "pair" || pair.Parent().Kind() != "object" {
		return obj
	}
	switch pair.Get("key").Text() {
	case "methods", "computed", "watch":
		return pair.Parent()
	}
	return obj
}

// parameterProperty returns the class of a TypeScript constructor parameter
// declared with an accessibility modifier or readonly, which also makes it
// a member; otherwise the zero Node.
func parameterProperty(b *Binding) syntax.Node {
	if b.Kind != Param {
		return syntax.Node{}
	}
	param := b.Decl.Parent()
	if param.Kind() != "required_parameter" && param.Kind() != "optional_parameter" {
		return syntax.Node{}
	}
	if !parameterPropertyOf(param) {
		return syntax.Node{}
	}
	method := param.Parent().Parent()
	if method.Kind() != "method_definition" || method.Get("name").Text() != "constructor" {
		return syntax.Node{}
	}
	return method.Parent().Parent()
}

// FunctionName returns the identifier a function is declared as: a
// function declaration's name, or the name of the variable a function
// expression or arrow is stored in (`const tick = () => {...}`); the zero
// Node for other functions.
func FunctionName(fn syntax.Node) syntax.Node {
	var name syntax.Node
	switch fn.Kind() {
	case "function_declaration", "generator_function_declaration":
		name = fn.Get("name")
	case "arrow_function", "function_expression", "function":
		if d := fn.Parent(); d.Kind() == "variable_declarator" && fn.Field() == "value" {
			name = d.Get("name")
		}
	}
	if name.Kind() != "identifier" {
		return syntax.Node{}
	}
	return name
}
