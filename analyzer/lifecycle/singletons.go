package lifecycle

import (
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// The nodes moduleSingletons and elementTags read.
var (
	newOrCall       = syntax.NewKinds("new_expression", "call_expression")
	callOrDecorator = syntax.NewKinds("call_expression", "decorator")
)

// moduleSingletons names the classes of this file that exist once for the
// life of the program: instantiated when the module loads (`export const
// player = new Player()`), or lazily by a get-or-create function (`if
// (!instance) instance = new Store()`, `instance ??= new Store()`, a custom
// element created only after `querySelector(tag)` found none). Such an
// instance lives as long as the program, so what it registers is no leak and
// its stop() or close() is not a teardown.
func (m *Model) moduleSingletons() map[string]bool {
	if m.singletons != nil {
		return m.singletons
	}
	m.singletons = make(map[string]bool)
	tags := m.elementTags()
	for n := range m.tree.Root().Of(newOrCall) {
		switch n.Kind() {
		case "new_expression":
			c := n.Get("constructor")
			if c.Kind() == "identifier" && (m.RunsAtLoad(n) && !insideClass(n) || m.lazilyCreated(n)) {
				m.singletons[c.Text()] = true
			}
		case "call_expression":
			if class := tags[createdTag(n)]; class != "" && m.createdOnce(n) {
				m.singletons[class] = true
			}
		}
	}
	return m.singletons
}

// insideClass reports a node in a class body: a `new` in a field
// initialiser runs per instance, not at load (a static field's runs once).
func insideClass(n syntax.Node) bool {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		switch p.Kind() {
		case "public_field_definition", "field_definition":
			if p.HasToken("static") {
				return false
			}
		case "class_body":
			return true
		}
	}
	return false
}

// lazilyCreated reports a `new` stored into a module-level variable (or a
// static field) by a get-or-create guard: `x ??= new C()`, `x || (x = new
// C())`, or `x = new C()` under `if (!x)` / `if (x == null)`.
//
// The instance may first be kept in a local that is then stored, and the
// guard may be an early return before it, as a static start() often has it:
// `if (C.instance) return; const instance = new C(); C.instance = instance`.
func (m *Model) lazilyCreated(n syntax.Node) bool {
	a := scope.Unwrap(n).Parent()
	for a.Kind() == "parenthesized_expression" {
		a = a.Parent()
	}
	if a.Kind() == "variable_declarator" {
		left := m.storedInProgramLong(a)
		return left.Valid() && returnsEarlyWhenSet(a, left.Text())
	}
	if a.Kind() != "assignment_expression" && a.Kind() != "augmented_assignment_expression" {
		return false
	}
	left := a.Get("left")
	if !m.programLong(left) {
		return false
	}
	if a.Kind() == "augmented_assignment_expression" {
		op := a.Get("operator").Text()
		return op == "??=" || op == "||="
	}
	target := left.Text()
	for p := a.Parent(); p.Valid() && !scope.IsFunction(p); p = p.Parent() {
		switch p.Kind() {
		case "binary_expression":
			if op := p.Get("operator").Text(); (op == "||" || op == "??") && p.Get("left").Text() == target {
				return true
			}
		case "if_statement":
			if guardsAbsence(p.Get("condition"), target) {
				return true
			}
		}
	}
	return returnsEarlyWhenSet(a, target)
}

// storedInProgramLong returns the program-long place (see programLong) a
// local declared by decl is assigned to, `C.instance = instance`, or the
// zero Node.
func (m *Model) storedInProgramLong(decl syntax.Node) syntax.Node {
	name := decl.Get("name")
	if name.Kind() != "identifier" {
		return syntax.Node{}
	}
	b := m.scope.Resolve(name)
	if b == nil || b.ModuleLevel() {
		return syntax.Node{}
	}
	for _, ref := range m.scope.References(b) {
		a := ref.Parent()
		if a.Kind() == "assignment_expression" && ref.Field() == "right" && m.programLong(a.Get("left")) {
			return a.Get("left")
		}
	}
	return syntax.Node{}
}

// returnsEarlyWhenSet reports n preceded, in its function, by a statement
// that leaves the function when target is already set: `if (target)
// return;`, `if (target != null) { return target; }`.
func returnsEarlyWhenSet(n syntax.Node, target string) bool {
	for child, block := n, n.Parent(); block.Valid() && !scope.IsFunction(block); child, block = block, block.Parent() {
		if block.Kind() != "statement_block" && block.Kind() != "program" {
			continue
		}
		for _, st := range block.Children() {
			if st.Start() >= child.Start() {
				break
			}
			if st.Kind() == "if_statement" && !st.Get("alternative").Valid() &&
				guardsPresence(st.Get("condition"), target) && exits(st.Get("consequence")) {
				return true
			}
		}
	}
	return false
}

// guardsPresence reports a condition true only once target is set: `x`,
// `!!x`, `x != null`, `x !== undefined`.
func guardsPresence(cond syntax.Node, target string) bool {
	cond = scope.Unwrap(cond)
	switch cond.Kind() {
	case "identifier", "member_expression":
		return cond.Text() == target
	case "unary_expression":
		inner := scope.Unwrap(cond.Get("argument"))
		return cond.Get("operator").Text() == "!" && inner.Kind() == "unary_expression" &&
			inner.Get("operator").Text() == "!" && scope.Unwrap(inner.Get("argument")).Text() == target
	case "binary_expression":
		switch cond.Get("operator").Text() {
		case "!=", "!==":
			l, r := cond.Get("left").Text(), cond.Get("right").Text()
			if l != target {
				l, r = r, l
			}
			return l == target && (r == "null" || r == "undefined")
		}
	}
	return false
}

// exits reports a statement that always leaves the function: a return or
// throw, or a block ending in one.
func exits(st syntax.Node) bool {
	if st.Kind() == "statement_block" {
		kids := st.Children()
		if len(kids) == 0 {
			return false
		}
		st = kids[len(kids)-1]
	}
	return st.Kind() == "return_statement" || st.Kind() == "throw_statement"
}

// programLong reports a place that outlives every call: a module-level
// variable, or a static field (`Store.instance`, `this.instance` in a
// static method).
func (m *Model) programLong(left syntax.Node) bool {
	switch left.Kind() {
	case "identifier":
		b := m.scope.Resolve(left)
		return b != nil && b.ModuleLevel()
	case "member_expression":
		obj := left.Get("object")
		if obj.Kind() == "identifier" {
			b := m.scope.Resolve(obj)
			return b != nil && b.Kind == scope.ClassDecl
		}
		if obj.Kind() == "this" {
			for p := left.Parent(); p.Valid(); p = p.Parent() {
				if p.Kind() == "method_definition" {
					return p.HasToken("static")
				}
			}
		}
	}
	return false
}

// guardsAbsence reports a condition true only while target is unset:
// `!x`, `x == null`, `x === undefined`, `typeof x === "undefined"`.
func guardsAbsence(cond syntax.Node, target string) bool {
	cond = scope.Unwrap(cond)
	switch cond.Kind() {
	case "unary_expression":
		return cond.Get("operator").Text() == "!" && scope.Unwrap(cond.Get("argument")).Text() == target
	case "binary_expression":
		switch cond.Get("operator").Text() {
		case "==", "===":
			l, r := cond.Get("left").Text(), cond.Get("right").Text()
			if l != target {
				l, r = r, l
			}
			return l == target && (r == "null" || r == "undefined")
		case "||", "&&":
			return guardsAbsence(cond.Get("left"), target) || guardsAbsence(cond.Get("right"), target)
		}
	}
	return false
}

// elementTags maps the tags this file defines as custom elements
// (`customElements.define("x-y", XY)`, `@customElement("x-y") class XY`)
// to their classes.
func (m *Model) elementTags() map[string]string {
	tags := make(map[string]string)
	for n := range m.tree.Root().Of(callOrDecorator) {
		switch n.Kind() {
		case "call_expression":
			if n.Get("function").Text() == "customElements.define" {
				args := n.Get("arguments")
				if tag, ok := stringLiteral(args.Child(0)); ok && args.Child(1).Kind() == "identifier" {
					tags[tag] = args.Child(1).Text()
				}
			}
		case "decorator":
			d := n.Child(0)
			if d.Kind() == "call_expression" && d.Get("function").Text() == "customElement" {
				class := n.Parent()
				if class.Kind() == "export_statement" {
					class = class.Get("declaration")
				}
				if tag, ok := stringLiteral(d.Get("arguments").Child(0)); ok && ClassName(class) != "" {
					tags[tag] = ClassName(class)
				}
			}
		}
	}
	return tags
}

// createdTag returns the tag of `document.createElement("tag")`, or "".
func createdTag(call syntax.Node) string {
	f := call.Get("function")
	if f.Kind() != "member_expression" || f.Get("property").Text() != "createElement" {
		return ""
	}
	tag, _ := stringLiteral(call.Get("arguments").Child(0))
	return tag
}

// createdOnce reports a createElement(tag) in a function that first looks
// the tag up in the document and returns early when it is there
// (`if (body.querySelector(tag)) return ...`, or through a variable).
func (m *Model) createdOnce(call syntax.Node) bool {
	tag := createdTag(call)
	fn := call.Parent()
	for fn.Valid() && !scope.IsFunction(fn) {
		fn = fn.Parent()
	}
	if !fn.Valid() {
		return true // created once when the module loads
	}
	lookedUp, early := false, false
	fn.Walk(func(n syntax.Node) bool {
		if n.Start() >= call.Start() || scope.IsFunction(n) && n != fn {
			return false
		}
		switch n.Kind() {
		case "call_expression":
			if name := n.Get("function").Get("property").Text(); name == "querySelector" || name == "getElementsByTagName" {
				t, _ := stringLiteral(n.Get("arguments").Child(0))
				lookedUp = lookedUp || t == tag
			}
		case "if_statement":
			early = early || returns(n.Get("consequence"))
		}
		return true
	})
	return lookedUp && early
}

// returns reports a statement that is or contains a return.
func returns(n syntax.Node) bool {
	found := false
	n.Walk(func(c syntax.Node) bool {
		found = found || c.Kind() == "return_statement"
		return !found && !scope.IsFunction(c)
	})
	return found
}

// stringLiteral returns the text of a plain string literal.
func stringLiteral(n syntax.Node) (string, bool) {
	if n.Kind() != "string" {
		return "", false
	}
	s := n.Text()
	if len(s) < 2 {
		return "", false
	}
	return s[1 : len(s)-1], true
}
