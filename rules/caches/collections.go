package caches

import (
	"strconv"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// kind is what sort of collection a cache is.
type kind uint8

const (
	mapKind kind = iota + 1
	setKind
	arrayKind
	objectKind
)

func (k kind) String() string {
	return [...]string{"", "Map", "Set", "array", "object"}[k]
}

// collection is a container that lives as long as the program.
type collection struct {
	kind kind
	// name is how users know it: cache, Registry.instances, this.items.
	name string
	// short is the bare name (cache, instances, items), for the bound's
	// constant.
	short string
	// prefix and suffix say what makes it long-lived, around its kind and
	// name in the message: "module-level Map `cache`", "Map `this.cache` of
	// the singleton Store".
	prefix, suffix string
	// decl is the declared name, for related information.
	decl syntax.Node
	// value is the expression that creates it; init is the statement or
	// field that assigns it (not counted as a reset).
	value, init syntax.Node
	// anchor is the top-level statement a module-level constant goes
	// before.
	anchor syntax.Node
	// types are annotations naming the collection's type (Map<K, V>),
	// renamed along with the constructor by the WeakMap fix.
	types []syntax.Node

	binding *scope.Binding // module-level variables
	prop    string         // fields: the property name
	keys    map[string]bool
	// thisKey is the key of `this.<prop>` where `this` is the holder; it
	// only counts in static code for static fields and in instance code
	// for instance fields.
	thisKey string
	static  bool
	// class is the class of a field; its constructor runs once for a
	// singleton.
	class syntax.Node
}

// kindOf classifies a creating expression, or returns 0 for anything that
// is not a plain growable collection (WeakMap, an LRU, a call result).
func kindOf(sc *scope.Info, v syntax.Node) kind {
	v = scope.Unwrap(v)
	switch v.Kind() {
	case "new_expression":
		ctor := v.Get("constructor")
		if ctor.Kind() != "identifier" || sc.Resolve(ctor) != nil {
			return 0 // a local class named Map is not the built-in
		}
		switch ctor.Text() {
		case "Map":
			return mapKind
		case "Set":
			return setKind
		case "Array":
			return arrayKind
		}
	case "array":
		return arrayKind
	case "object":
		// A dictionary, not an object with behaviour.
		for _, c := range v.Children() {
			switch c.Kind() {
			case "method_definition", "spread_element":
				return 0
			case "pair":
				if astutil.IsFunction(c.Get("value")) {
					return 0
				}
			}
		}
		return objectKind
	case "call_expression":
		if v.Get("function").Text() == "Object.create" && scope.Unwrap(astutil.Arg(v, 0)).Kind() == "null" {
			return objectKind
		}
	}
	return 0
}

// findCollections lists the module-level collections of the file:
// module-level variables, static fields, fields of singleton instances and
// of module-level object literals.
func findCollections(p *analyzer.Pass) []*collection {
	sc := p.Scope
	var out []*collection
	for _, st := range p.Tree.Root().Children() {
		if !p.Life.RunsAtLoad(st) {
			// The top level of a Svelte instance script or a Vue <script
			// setup> runs once per component: its collections are
			// per-instance state that goes with the component.
			continue
		}
		decl := st
		exported := false
		if st.Kind() == "export_statement" {
			exported = true
			decl = st.Get("declaration")
			if v := st.Get("value"); v.Kind() == "new_expression" {
				// export default new (class { ... })()
				if class := scope.Unwrap(v.Get("constructor")); class.Kind() == "class" {
					out = append(out, classCollections(p, class, st)...)
				}
			}
		}
		switch decl.Kind() {
		case "lexical_declaration", "variable_declaration":
			for _, d := range decl.Children() {
				if d.Kind() != "variable_declarator" || d.Get("name").Kind() != "identifier" {
					continue
				}
				name, value := d.Get("name"), d.Get("value")
				b := sc.DeclaredAt(name)
				if b == nil {
					continue
				}
				if k := kindOf(sc, value); k != 0 {
					if exported {
						continue // part of the module's API: callers may manage it
					}
					out = append(out, &collection{kind: k, name: name.Text(), short: name.Text(), prefix: "module-level ",
						decl: name, value: value, init: d, anchor: st, types: annotation(d), binding: b})
					continue
				}
				if obj := scope.Unwrap(value); astutil.ModuleObject(obj) {
					out = append(out, objectCollections(p, obj, name, st)...)
				}
				if v := scope.Unwrap(value); v.Kind() == "new_expression" {
					if class := scope.Unwrap(v.Get("constructor")); class.Kind() == "class" {
						out = append(out, classCollections(p, class, st)...)
					}
				}
			}
		case "class_declaration", "abstract_class_declaration":
			out = append(out, classCollections(p, decl, st)...)
		}
	}
	return out
}

// annotation returns the type annotation of a declarator or field.
func annotation(n syntax.Node) []syntax.Node {
	if t := n.Get("type"); t.Valid() {
		return []syntax.Node{t}
	}
	return nil
}

// objectCollections lists the collection-valued properties of a
// module-level object literal (`const store = { items: [], add() {...} }`).
func objectCollections(p *analyzer.Pass, obj, holder, anchor syntax.Node) []*collection {
	var out []*collection
	holderKey := p.Scope.Key(holder)
	for _, c := range obj.Children() {
		if c.Kind() != "pair" {
			continue
		}
		key := c.Get("key")
		if key.Kind() != "property_identifier" {
			continue
		}
		k := kindOf(p.Scope, c.Get("value"))
		if k == 0 {
			continue
		}
		prop := key.Text()
		out = append(out, &collection{kind: k, name: holder.Text() + "." + prop, short: prop,
			prefix: "module-level ", decl: key, value: c.Get("value"), init: c, anchor: anchor,
			prop: prop, keys: map[string]bool{holderKey + "." + prop: true},
			thisKey: scope.MemberKey(obj, prop)})
	}
	return out
}

// classCollections lists the static collection fields of a module-level
// class, and its instance collection fields when the class has a single
// instance.
func classCollections(p *analyzer.Pass, class, anchor syntax.Node) []*collection {
	sc := p.Scope
	className := class.Get("name").Text()
	var classKey string
	if b := sc.DeclaredAt(class.Get("name")); b != nil {
		classKey = "binding@" + strconv.Itoa(b.Decl.Index())
	}
	thisPrefix := scope.MemberKey(class, "")

	instance := astutil.SingletonInstance(sc, class)
	where := " of the singleton " + className
	if className == "" {
		where = " of a singleton"
	}
	if !instance.Valid() {
		// An exported class may have more instances elsewhere, but the
		// one this module keeps lives as long as the program.
		if instance = moduleInstance(sc, class); instance.Valid() {
			where = " of the " + className + " instance the module keeps"
		}
	}
	singleton := instance.Valid() || astutil.ModuleClass(class) && astutil.InjectedSingleton(class)
	var instanceKey string
	if instance.Valid() {
		if use := astutil.UseOf(instance); use.Kind == "variable" {
			instanceKey = sc.Key(use.Holder)
		}
	}
	label := className
	if label == "" {
		label = "this"
	}

	var out []*collection
	fields := map[string]syntax.Node{}
	body := class.Get("body")
	for _, m := range body.Children() {
		if m.Kind() != "public_field_definition" && m.Kind() != "field_definition" {
			continue
		}
		name := m.Get("name")
		if !name.Valid() {
			name = m.Get("property")
		}
		fields[name.Text()] = m
		k := kindOf(sc, m.Get("value"))
		if k == 0 {
			continue
		}
		prop := name.Text()
		c := &collection{kind: k, short: prop, decl: name, value: m.Get("value"), init: m, anchor: anchor,
			types: annotation(m), prop: prop, keys: map[string]bool{}, thisKey: thisPrefix + prop, class: class}
		if m.HasToken("static") {
			if classKey == "" {
				continue
			}
			c.static = true
			c.name = label + "." + prop
			c.prefix = "static "
			c.keys[classKey+"."+prop] = true
		} else {
			if !singleton {
				continue
			}
			c.name = "this." + prop
			c.suffix = where
			if instanceKey != "" {
				c.keys[instanceKey+"."+prop] = true
			}
		}
		out = append(out, c)
	}
	if !singleton {
		return out
	}
	// this.items = [] in the constructor of a singleton.
	ctor := lifecycle.Methods(class)["constructor"]
	for _, st := range ctor.Get("body").Children() {
		if st.Kind() != "expression_statement" {
			continue
		}
		a := st.Child(0)
		if a.Kind() != "assignment_expression" {
			continue
		}
		left := a.Get("left")
		if left.Kind() != "member_expression" || left.Get("object").Kind() != "this" {
			continue
		}
		k := kindOf(sc, a.Get("right"))
		if k == 0 {
			continue
		}
		prop := left.Get("property").Text()
		c := &collection{kind: k, name: "this." + prop, short: prop, suffix: where, decl: left, value: a.Get("right"),
			init: a, anchor: anchor, prop: prop, keys: map[string]bool{}, thisKey: thisPrefix + prop, class: class}
		if f, ok := fields[prop]; ok {
			c.types = annotation(f)
		}
		if instanceKey != "" {
			c.keys[instanceKey+"."+prop] = true
		}
		out = append(out, c)
	}
	return out
}

// members are the nodes uses reads for a field's collection.
var members = syntax.NewKinds("member_expression")

// uses returns the expressions that denote collection c, in source order.
func uses(p *analyzer.Pass, c *collection) []syntax.Node {
	if c.binding != nil {
		return p.Scope.References(c.binding)
	}
	var out []syntax.Node
	for n := range p.Tree.Root().Of(members) {
		if n.Get("property").Text() != c.prop {
			continue
		}
		k := p.Scope.Key(n)
		if k == "" {
			continue
		}
		if c.keys[k] || k == c.thisKey && astutil.InStaticContext(n) == c.static {
			out = append(out, n)
		}
	}
	return out
}

// moduleInstance returns the one instance an exported class's own module
// creates and keeps (`export class Store {...}; export const store = new
// Store()`): created once at top level, held in a module-level constant or
// exported, with the class named nowhere else in the file outside its own
// body. Other modules may create more instances, whose entries go with
// them; this one's stay for the life of the program.
func moduleInstance(sc *scope.Info, class syntax.Node) syntax.Node {
	if class.Kind() != "class_declaration" && class.Kind() != "abstract_class_declaration" ||
		class.Parent().Kind() != "export_statement" || class.Parent().Parent().Kind() != "program" {
		return syntax.Node{}
	}
	b := sc.DeclaredAt(class.Get("name"))
	if b == nil {
		return syntax.Node{}
	}
	var instance syntax.Node
	for _, ref := range sc.References(b) {
		if class.Contains(ref) {
			continue
		}
		n := ref.Parent()
		if n.Kind() != "new_expression" || ref.Field() != "constructor" || instance.Valid() {
			return syntax.Node{} // subclassed, passed around, created twice
		}
		instance = n
	}
	if !instance.Valid() {
		return syntax.Node{}
	}
	switch use := astutil.UseOf(instance); use.Kind {
	case "variable":
		hb := sc.Resolve(use.Holder)
		if hb == nil || !hb.ModuleLevel() || hb.Reassigned || !astutil.IsTopLevel(instance) {
			return syntax.Node{}
		}
	default:
		// export default new Store()
		if up := instance.Parent(); up.Kind() != "export_statement" || up.Parent().Kind() != "program" {
			return syntax.Node{}
		}
	}
	return instance
}
