package lifecycle

import (
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// inTeardown reports whether n lies inside one of o's teardowns.
func (m *Model) inTeardown(o *Owner, n syntax.Node) bool {
	for _, t := range o.Teardowns {
		if t.Contains(n) {
			return true
		}
	}
	return false
}

// InTeardown reports whether n is inside any teardown of its enclosing
// owner constructs: code there undoes, it does not register.
func (m *Model) InTeardown(n syntax.Node) bool {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if !scope.IsFunction(p) {
			continue
		}
		if o, _ := m.ownerOfFunction(p); o != nil && m.inTeardown(o, n) {
			return true
		}
	}
	return false
}

// FindInTeardown searches everything that runs when o ends — its teardowns,
// the values its setup returns, and, transitively, the local functions and
// same-class methods they call, and the property watchers their writes
// trigger (watchedBranch) — for a node for which match returns true.
// It returns that node, or the zero Node.
func (m *Model) FindInTeardown(o *Owner, match func(syntax.Node) bool) syntax.Node {
	if o == nil {
		return syntax.Node{}
	}
	seen := make(map[int]bool)
	queue := append([]syntax.Node(nil), o.Teardowns...)
	queue = append(queue, o.Returned...)
	var found syntax.Node
	for len(queue) > 0 && !found.Valid() && len(seen) < 256 {
		root := queue[0]
		queue = queue[1:]
		if seen[root.Index()] {
			continue
		}
		seen[root.Index()] = true
		root.Walk(func(n syntax.Node) bool {
			if found.Valid() {
				return false
			}
			if match(n) {
				found = n
				return false
			}
			switch n.Kind() {
			case "call_expression":
				if callee := m.callee(o, n); callee.Valid() && !seen[callee.Index()] {
					queue = append(queue, callee)
				}
				for _, fn := range m.storedFunctions(n) {
					if !seen[fn.Index()] {
						queue = append(queue, fn)
					}
				}
			case "assignment_expression":
				for _, w := range watchedBranches(o, n) {
					if !seen[w.Index()] {
						queue = append(queue, w)
					}
				}
			}
			return true
		})
	}
	return found
}

// watchedBranches returns, for a teardown's `this.open = false`, the code
// that write runs in the owner's watchers of that property: methods
// decorated @watch('open') (Shoelace) or @Watch('open') (Stencil;
// apis.WatcherDecorator). Both run after the element is disconnected, so a
// component whose disconnectedCallback calls hide() runs its watcher's
// closing branch. Only
// writes of a falsy constant count, and of a watcher that tests the
// property (`if (this.open) {...} else {...}`) only the branch a falsy
// value takes: a watcher's opening branch does not run at teardown.
func watchedBranches(o *Owner, assign syntax.Node) []syntax.Node {
	left := scope.Unwrap(assign.Get("left"))
	if !o.Class.Valid() || o.Class.Kind() == "object" || left.Kind() != "member_expression" ||
		scope.Unwrap(left.Get("object")).Kind() != "this" || !falsyConstant(assign.Get("right")) {
		return nil
	}
	prop := left.Get("property").Text()
	var out []syntax.Node
	for _, w := range watchersOf(o.Class, prop) {
		out = append(out, falsyBranches(w.Get("body"), prop)...)
	}
	return out
}

// watchersOf lists the methods of a class decorated to run when prop
// changes.
func watchersOf(class syntax.Node, prop string) []syntax.Node {
	body := class.Get("body")
	var out []syntax.Node
	for c := body.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.Kind() != "method_definition" {
			continue
		}
		for d := c.PrevNamed(); d.Kind() == "decorator"; d = d.PrevNamed() {
			call := d.Child(0)
			if call.Kind() != "call_expression" {
				continue
			}
			if !apis.WatcherDecorator(call.Get("function").Text()) {
				continue
			}
			if first := call.Get("arguments").Child(0); first.Kind() == "string" && propertyName(first) == prop {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// falsyBranches returns the parts of a watcher's body that run when prop
// has just been set falsy: the body, with each `if (this.prop)` replaced by
// its else branch and each `if (!this.prop)` by its then branch.
func falsyBranches(body syntax.Node, prop string) []syntax.Node {
	var out []syntax.Node
	var skipped []syntax.Node
	body.Walk(func(n syntax.Node) bool {
		if n.Kind() != "if_statement" {
			return true
		}
		cond := scope.Unwrap(n.Get("condition"))
		negated := false
		if cond.Kind() == "unary_expression" && cond.Get("operator").Text() == "!" {
			cond, negated = scope.Unwrap(cond.Get("argument")), true
		}
		if cond.Kind() != "member_expression" || scope.Unwrap(cond.Get("object")).Kind() != "this" || cond.Get("property").Text() != prop {
			return true
		}
		skipped = append(skipped, n)
		taken := n.Get("alternative")
		if negated {
			taken = n.Get("consequence")
		}
		if taken.Valid() {
			out = append(out, falsyBranches(taken, prop)...)
		}
		return false
	})
	if len(skipped) == 0 {
		return append(out, body)
	}
	// The rest of the body runs too: its statements outside the tests.
	for _, c := range body.Children() {
		if containsAny(c, skipped) {
			continue
		}
		out = append(out, c)
	}
	return out
}

func containsAny(n syntax.Node, in []syntax.Node) bool {
	for _, s := range in {
		if n.Contains(s) {
			return true
		}
	}
	return false
}

// falsyConstant reports false, null, undefined, 0 and "".
func falsyConstant(n syntax.Node) bool {
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "false", "null", "undefined":
		return true
	case "identifier":
		return n.Text() == "undefined"
	case "number":
		return n.Text() == "0"
	case "string":
		return n.Text() == `""` || n.Text() == "''" || n.Text() == "``"
	}
	return false
}

// callee resolves the function a call runs when it is written in this file:
// a local function, or a method of the owner's class (`this.cleanup()`).
func (m *Model) callee(o *Owner, call syntax.Node) syntax.Node {
	fn := scope.Unwrap(call.Get("function"))
	switch fn.Kind() {
	case "identifier":
		return m.functionOf(fn)
	case "member_expression":
		if obj := scope.Unwrap(fn.Get("object")); obj.Kind() == "this" && o.Class.Valid() {
			return m.method(o.Class, fn.Get("property").Text())
		} else if obj.Kind() == "identifier" && o.Convention == instanceFactory {
			return m.instanceMethod(o, obj, fn.Get("property").Text())
		}
	}
	return syntax.Node{}
}

// storedFunctions returns the functions a call may run through a variable
// the file assigns functions to after declaring it: `let cleanup;` set to
// `() => { off(...) }` when a drag starts, and `cleanup()` in the function
// the teardown runs. Each function assigned is followed; a variable
// declared with a function is functionOf's.
func (m *Model) storedFunctions(call syntax.Node) []syntax.Node {
	id := scope.Unwrap(call.Get("function"))
	if id.Kind() != "identifier" {
		return nil
	}
	b := m.scope.Resolve(id)
	if b == nil || !b.Reassigned || b.Kind != scope.Let && b.Kind != scope.Var {
		return nil
	}
	var out []syntax.Node
	for _, ref := range m.scope.References(b) {
		if asg := ref.Parent(); asg.Kind() == "assignment_expression" && ref.Field() == "left" {
			if v := scope.Unwrap(asg.Get("right")); scope.IsFunction(v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// method finds a method by name in a class or Vue options object (including
// its methods section).
func (m *Model) method(class syntax.Node, name string) syntax.Node {
	if class.Kind() != "object" {
		return m.methodsWithBases(class)[name]
	}
	var found syntax.Node
	var search func(obj syntax.Node)
	search = func(obj syntax.Node) {
		for _, c := range obj.Children() {
			switch c.Kind() {
			case "method_definition":
				if propertyName(c.Get("name")) == name {
					found = c
				}
			case "pair":
				k := propertyName(c.Get("key"))
				v := scope.Unwrap(c.Get("value"))
				if k == name && scope.IsFunction(v) {
					found = v
				}
				if k == "methods" && v.Kind() == "object" {
					search(v)
				}
			}
		}
	}
	search(class)
	return found
}

// Method returns the named method of a class-like owner, or the zero Node.
func (m *Model) Method(o *Owner, name string) syntax.Node {
	if o == nil || !o.Class.Valid() {
		return syntax.Node{}
	}
	return m.method(o.Class, name)
}

// InLostCleanup reports whether n lies in what an async setup returns
// (Owner.Lost): code there never runs as the owner's cleanup, so an undo
// written there undoes nothing.
func (m *Model) InLostCleanup(n syntax.Node) bool {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if !scope.IsFunction(p) || !p.HasToken("async") {
			continue
		}
		if o, _ := m.ownerOfFunction(p); o != nil {
			for _, l := range o.Lost {
				if l.Contains(n) {
					return true
				}
			}
		}
	}
	return false
}
