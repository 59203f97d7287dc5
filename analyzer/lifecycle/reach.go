package lifecycle

import (
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
// same-class methods they call — for a node for which match returns true.
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
			if n.Kind() == "call_expression" {
				if callee := m.callee(o, n); callee.Valid() && !seen[callee.Index()] {
					queue = append(queue, callee)
				}
			}
			return true
		})
	}
	return found
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
		}
	}
	return syntax.Node{}
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
