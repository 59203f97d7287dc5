package astutil

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// TopStatement returns the statement directly under the program that
// contains n (an export statement around a declaration included).
func TopStatement(n syntax.Node) syntax.Node {
	for p := n; p.Valid(); p = p.Parent() {
		if p.Parent().Kind() == "program" {
			return p
		}
	}
	return syntax.Node{}
}

// ModuleClass reports whether class is declared at module level: a class
// declaration at the top of the file (exported or not), or a class
// expression that is the value of a module-level declaration or of a
// top-level `new (class {...})()`.
func ModuleClass(class syntax.Node) bool {
	switch class.Kind() {
	case "class_declaration", "abstract_class_declaration":
		p := class.Parent()
		return p.Kind() == "program" || p.Kind() == "export_statement" && p.Parent().Kind() == "program"
	case "class":
		return IsTopLevel(class)
	}
	return false
}

// SingletonInstance returns the one `new` expression that creates class,
// when the class has exactly one instance for the life of the program: it
// is instantiated once, at module top level, and its name is used nowhere
// else outside its own body (not exported, not passed around, not
// subclassed). It returns the zero Node otherwise.
func SingletonInstance(sc *scope.Info, class syntax.Node) syntax.Node {
	return singletonInstance(sc, class, 0)
}

func singletonInstance(sc *scope.Info, class syntax.Node, depth int) syntax.Node {
	if !ModuleClass(class) {
		return syntax.Node{}
	}
	if class.Kind() == "class" {
		// export default new (class { ... })()
		p := class.Parent()
		for p.Kind() == "parenthesized_expression" {
			p = p.Parent()
		}
		if p.Kind() == "new_expression" && runsOnce(sc, p, depth) && p.Get("constructor").Contains(class) {
			return p
		}
		return syntax.Node{}
	}
	if class.Parent().Kind() == "export_statement" {
		return syntax.Node{} // anyone may create more
	}
	name := class.Get("name")
	b := sc.DeclaredAt(name)
	if b == nil {
		return syntax.Node{}
	}
	var instance syntax.Node
	for _, ref := range sc.References(b) {
		if class.Contains(ref) {
			continue // static members, `instanceof Self`
		}
		p := ref.Parent()
		if p.Kind() != "new_expression" || ref.Field() != "constructor" || !runsOnce(sc, p, depth) || instance.Valid() {
			return syntax.Node{}
		}
		if loopAround(p) {
			return syntax.Node{}
		}
		instance = p
	}
	return instance
}

// runsOnce reports whether n, outside any function, runs once for the life
// of the program. Module top level and static fields do; an instance field
// initialiser (`adapter = new Adapter(this.workspace)`) runs once per
// instance of its class, so only when that class is a singleton in turn.
func runsOnce(sc *scope.Info, n syntax.Node, depth int) bool {
	if !IsTopLevel(n) {
		return false
	}
	class := instanceFieldClass(n)
	if !class.Valid() {
		return true
	}
	if depth > 4 {
		return false
	}
	return singletonInstance(sc, class, depth+1).Valid() || ModuleClass(class) && InjectedSingleton(class)
}

// instanceFieldClass returns the class whose instance field initialiser
// holds n, or the zero Node when n is in none (or in a static one).
func instanceFieldClass(n syntax.Node) syntax.Node {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		switch p.Kind() {
		case "public_field_definition", "field_definition":
			if p.HasToken("static") {
				return syntax.Node{}
			}
			return p.Parent().Parent() // field, class_body, class
		case "class_static_block":
			return syntax.Node{}
		}
	}
	return syntax.Node{}
}

// loopAround reports whether n runs inside a loop.
func loopAround(n syntax.Node) bool {
	return n.Ancestor("for_statement", "for_in_statement", "while_statement", "do_statement").Valid()
}

// InjectedSingleton reports framework classes the framework creates once
// per application: Angular services provided in root, and NestJS providers
// and controllers in their default scope.
func InjectedSingleton(class syntax.Node) bool {
	for _, d := range classDecorators(class) {
		call := d.Child(0)
		fn := call
		if call.Kind() == "call_expression" {
			fn = call.Get("function")
		}
		if fn.Kind() != "identifier" {
			continue
		}
		opts := Arg(call, 0)
		from, name := ImportOf(class.Tree().Root(), fn.Text())
		switch {
		case name == "Injectable" && from == "@angular/core":
			if v, ok := Property(opts, "providedIn"); ok {
				if s, _ := StringValue(v); s == "root" || s == "platform" {
					return true
				}
			}
		case (name == "Injectable" || name == "Controller") && strings.HasPrefix(from, "@nestjs/"):
			v, ok := Property(opts, "scope")
			if !ok || strings.HasSuffix(v.Text(), ".DEFAULT") {
				return true
			}
		}
	}
	return false
}

// ImportOf returns the module a local name is imported from and the name
// it has there ("default" for a default import, "*" for a namespace), or
// empty strings when it is not imported.
func ImportOf(root syntax.Node, local string) (module, name string) {
	for _, st := range root.Children() {
		if st.Kind() != "import_statement" {
			continue
		}
		src, _ := StringValue(st.Get("source"))
		st.Walk(func(n syntax.Node) bool {
			switch n.Kind() {
			case "import_specifier":
				id := n.Get("alias")
				if !id.Valid() {
					id = n.Get("name")
				}
				if id.Text() == local {
					module, name = src, n.Get("name").Text()
				}
				return false
			case "namespace_import":
				if n.Child(0).Text() == local {
					module, name = src, "*"
				}
				return false
			case "import_clause":
				if id := n.Child(0); id.Kind() == "identifier" && id.Text() == local {
					module, name = src, "default"
				}
			}
			return true
		})
		if module != "" {
			return module, name
		}
	}
	return "", ""
}

// classDecorators returns the decorator nodes of a class, including those
// written before `export`.
func classDecorators(class syntax.Node) []syntax.Node {
	var out []syntax.Node
	add := func(n syntax.Node) {
		for c := n.FirstChild(); c.Valid(); c = c.NextSibling() {
			if c.Kind() == "decorator" {
				out = append(out, c)
			}
		}
	}
	add(class)
	if p := class.Parent(); p.Kind() == "export_statement" {
		add(p)
	}
	return out
}

// ModuleObject reports whether obj is an object literal that lives as long
// as the module: the value of a module-level declaration (`const store =
// {...}`). `export default {...}` is left out: in Vue files that is a
// component's options, one per component instance.
func ModuleObject(obj syntax.Node) bool {
	if obj.Kind() != "object" {
		return false
	}
	p := obj.Parent()
	for p.Kind() == "parenthesized_expression" || p.Kind() == "as_expression" || p.Kind() == "satisfies_expression" {
		p = p.Parent()
	}
	if p.Kind() != "variable_declarator" {
		return false
	}
	decl := p.Parent()
	st := decl.Parent()
	return st.Kind() == "program" || st.Kind() == "export_statement" && st.Parent().Kind() == "program"
}

// InStaticContext reports whether n runs with `this` bound to its class:
// inside a static method, static field initializer or static block.
func InStaticContext(n syntax.Node) bool {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		switch p.Kind() {
		case "arrow_function":
			continue
		case "class_static_block":
			return true
		case "method_definition", "public_field_definition", "field_definition":
			return p.HasToken("static")
		case "function_declaration", "function_expression", "function", "generator_function", "generator_function_declaration", "class_body":
			return false
		}
	}
	return false
}

// LongLivedThis reports whether `this` at n denotes an object that lives as
// long as the program: a class in its own static code, the one instance of
// a singleton class (see SingletonInstance and InjectedSingleton), or a
// module-level object literal.
func LongLivedThis(sc *scope.Info, n syntax.Node) bool {
	owner := sc.ThisOwner(n)
	switch owner.Kind() {
	case "object":
		return ModuleObject(owner)
	case "class_declaration", "abstract_class_declaration", "class":
		if InStaticContext(n) {
			return ModuleClass(owner)
		}
		return SingletonInstance(sc, owner).Valid() || ModuleClass(owner) && InjectedSingleton(owner)
	}
	return false
}
