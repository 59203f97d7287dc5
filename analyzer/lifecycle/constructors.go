package lifecycle

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Classes written before ES2015 are constructor functions: `function
// Control(opts) { ... }` (or `ns.Control = function (opts) {...}`) whose
// methods are put on Control.prototype, or are closures the constructor
// puts on the instance (`var t = this; t.destroy = destroy;`). Such a
// function with a teardown method is an owner like a class with one: what
// the constructor and its methods register must be undone by the teardown.
//
// constructorFunction is their convention; the model recognises them
// (constructorOwner), as it does Vue options objects, so it is not in the
// class-like list.
var constructorFunction = &Convention{
	Name: "constructor-function", Kind: Disposable,
	AnyTeardownMethod: true,
	LifetimeUnknown:   true,
	NeedsTeardown:     true,
}

// constructorOwner returns the owner whose setup or method fn is when fn is
// an ES5 constructor with a teardown, or a method its file puts on that
// constructor's prototype; nil otherwise.
func (m *Model) constructorOwner(fn syntax.Node) *Owner {
	if ctor, ok := m.prototypeMethods()[fn.Index()]; ok {
		return m.constructorOwnerOf(ctor)
	}
	return m.constructorOwnerOf(fn)
}

// constructorOwnerOf makes (once) the owner of constructor function fn, or
// nil when fn is no constructor or has no teardown.
func (m *Model) constructorOwnerOf(fn syntax.Node) *Owner {
	key := -fn.Index() - 1
	if cached, ok := m.owners[key]; ok {
		return cached
	}
	var o *Owner
	// One instance made as the module loads (or an application root)
	// lives as long as the program, as a class's would (livesWithApp).
	if name := constructorName(fn); name != "" && !m.moduleSingletons()[name] && !appRootName.MatchString(name) {
		var teardowns []syntax.Node
		first := ""
		add := func(method string, t syntax.Node) {
			if m.teardowns[method] && t.Valid() {
				if first == "" {
					first = method
				}
				teardowns = append(teardowns, t)
			}
		}
		for method, t := range m.instanceClosures(fn) {
			add(method, t)
		}
		for _, pm := range m.prototypes()[name] {
			add(pm.name, pm.fn)
		}
		if len(teardowns) > 0 {
			short := name[strings.LastIndexByte(name, '.')+1:]
			o = &Owner{Kind: constructorFunction.Kind, Node: fn, Setup: fn, Name: short, TeardownName: first,
				Teardowns: teardowns, Convention: constructorFunction}
		}
	}
	m.owners[key] = o
	return o
}

// constructorName returns the name a constructor function is declared or
// assigned under (`Control`, `ol.control.FullScreen`), or "" for a
// function not named like a constructor (capitalised).
func constructorName(fn syntax.Node) string {
	var name string
	switch p := fn.Parent(); {
	case fn.Kind() == "function_declaration":
		name = fn.Get("name").Text()
	case fn.Kind() != "function_expression" && fn.Kind() != "function":
		return "" // arrows and methods cannot be called with new
	case p.Kind() == "variable_declarator" && p.Get("value").Index() == fn.Index():
		name = p.Get("name").Text()
	case p.Kind() == "assignment_expression" && p.Get("right").Index() == fn.Index():
		name = p.Get("left").Text()
	default:
		return ""
	}
	short := name[strings.LastIndexByte(name, '.')+1:]
	if short == "" || short[0] < 'A' || short[0] > 'Z' || strings.Contains(name, "prototype") || !dottedName(name) {
		return ""
	}
	return name
}

func dottedName(s string) bool {
	for _, part := range strings.Split(s, ".") {
		if !IsIdentifier(part) {
			return false
		}
	}
	return true
}

// IsIdentifier reports text that is a plain JavaScript identifier (ASCII).
func IsIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// instanceClosures returns the functions the constructor's own body puts
// on the instance by name: `this.destroy = function () {...}`, or
// `t.destroy = destroy` through `var t = this` and a function declared in
// the constructor.
func (m *Model) instanceClosures(fn syntax.Node) map[string]syntax.Node {
	body := fn.Get("body")
	if body.Kind() != "statement_block" {
		return nil
	}
	aliases := map[string]bool{}
	var out map[string]syntax.Node
	body.Walk(func(n syntax.Node) bool {
		if n.Index() != body.Index() && scope.IsFunction(n) {
			return false
		}
		switch n.Kind() {
		case "variable_declarator":
			// var t = this;
			if scope.Unwrap(n.Get("value")).Kind() == "this" {
				if b := m.scope.Resolve(n.Get("name")); b != nil && !b.Reassigned {
					aliases[n.Get("name").Text()] = true
				}
			}
		case "assignment_expression":
			left := n.Get("left")
			if left.Kind() != "member_expression" {
				return true
			}
			obj := scope.Unwrap(left.Get("object"))
			if obj.Kind() != "this" && !(obj.Kind() == "identifier" && aliases[obj.Text()]) {
				return true
			}
			v := scope.Unwrap(n.Get("right"))
			if v.Kind() == "identifier" {
				v = m.functionOf(v)
			}
			if scope.IsFunction(v) {
				if out == nil {
					out = map[string]syntax.Node{}
				}
				out[left.Get("property").Text()] = v
			}
		}
		return true
	})
	return out
}

type prototypeMethod struct {
	name string
	fn   syntax.Node
}

// protoIndex is the file's prototype methods, found in one walk.
type protoIndex struct {
	byName map[string][]prototypeMethod // constructor name -> its methods
	ctorOf map[int]syntax.Node          // method function -> its constructor
}

// prototypes returns the methods the file puts on constructors'
// prototypes (`X.prototype.m = function () {}`, `X.prototype = { m() {} }`),
// by constructor name.
func (m *Model) prototypes() map[string][]prototypeMethod { return m.protoIndex().byName }

// prototypeMethods maps each prototype method's function to the
// constructor function of the same file it belongs to.
func (m *Model) prototypeMethods() map[int]syntax.Node { return m.protoIndex().ctorOf }

// protoKinds are the nodes protoIndex reads: the functions constructorName
// names, and assignments.
var protoKinds = syntax.NewKinds("function_declaration", "function_expression", "function", "assignment_expression")

// noPrototypes is the index of every file that mentions no prototype;
// it is only read.
var noPrototypes protoIndex

func (m *Model) protoIndex() *protoIndex {
	if m.protos != nil {
		return m.protos
	}
	if !strings.Contains(m.tree.Src, ".prototype") {
		m.protos = &noPrototypes
		return m.protos
	}
	idx := &protoIndex{byName: map[string][]prototypeMethod{}, ctorOf: map[int]syntax.Node{}}
	m.protos = idx
	ctors := map[string]syntax.Node{}
	for n := range m.tree.Root().Of(protoKinds) {
		if n.Kind() != "assignment_expression" {
			if name := constructorName(n); name != "" {
				if _, dup := ctors[name]; !dup {
					ctors[name] = n
				}
			}
			continue
		}
		left := n.Get("left")
		right := scope.Unwrap(n.Get("right"))
		if left.Kind() != "member_expression" {
			continue
		}
		if left.Get("property").Text() == "prototype" && right.Kind() == "object" {
			// X.prototype = { m() {}, n: function () {} }
			ctor := left.Get("object").Text()
			for _, c := range right.Children() {
				switch {
				case c.Kind() == "method_definition":
					idx.byName[ctor] = append(idx.byName[ctor], prototypeMethod{propertyName(c.Get("name")), c})
				case c.Kind() == "pair" && scope.IsFunction(scope.Unwrap(c.Get("value"))):
					idx.byName[ctor] = append(idx.byName[ctor], prototypeMethod{propertyName(c.Get("key")), scope.Unwrap(c.Get("value"))})
				}
			}
			continue
		}
		// X.prototype.m = function () {}
		proto := left.Get("object")
		if proto.Kind() != "member_expression" || proto.Get("property").Text() != "prototype" || !scope.IsFunction(right) {
			continue
		}
		ctor := proto.Get("object").Text()
		idx.byName[ctor] = append(idx.byName[ctor], prototypeMethod{left.Get("property").Text(), right})
	}
	for name, methods := range idx.byName {
		ctor, ok := ctors[name]
		if !ok {
			continue
		}
		for _, pm := range methods {
			idx.ctorOf[pm.fn.Index()] = ctor
		}
	}
	return idx
}
