package lifecycle

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// An init-once guard makes a function's registrations run once per page,
// however often the component or object that calls it is created:
//
//	initializeSocket() {
//	  if (this.$root.socket) return
//	  this.socket = io()
//	  this.$root.socket = this.socket
//	  this.socket.on('connect', this.onConnect)
//	}
//
// The second instance finds the place set and leaves before registering,
// so at most the first instance stays reachable from what it registered:
// nothing accumulates, and no teardown has to undo it. The place must live
// as long as the page (a module variable, a static field, the Vue root
// instance's member, a property of window or globalThis), the function
// must set it itself, outside any callback, and nothing else in the file
// may set it again (a teardown that resets the guard lets the next
// instance register anew).

// onceGuarded reports n made by a function that leaves early when a
// page-long place it sets itself is already set.
func (m *Model) onceGuarded(n syntax.Node) bool {
	fn := enclosingFunction(n)
	if !fn.Valid() {
		return false
	}
	for _, place := range m.guardPlaces(fn) {
		if returnsEarlyWhenSet(n, place) {
			return true
		}
	}
	return false
}

// guardPlaces returns the page-long places fn assigns in its own body
// (not in callbacks) that no other code of the file assigns.
func (m *Model) guardPlaces(fn syntax.Node) []string {
	if m.guards == nil {
		m.guards = make(map[int][]string)
	}
	if places, ok := m.guards[fn.Index()]; ok {
		return places
	}
	var places []string
	fn.Walk(func(c syntax.Node) bool {
		if c.Index() != fn.Index() && scope.IsFunction(c) {
			return false
		}
		if c.Kind() == "assignment_expression" {
			left := scope.Unwrap(c.Get("left"))
			if m.pageLong(left) && !m.assignedElsewhere(left.Text(), fn) {
				places = append(places, left.Text())
			}
		}
		return true
	})
	m.guards[fn.Index()] = places
	return places
}

// pageLong reports a place that lives as long as the page: a module
// variable or static field (programLong), a member of the Vue root
// instance (this.$root.socket), or a property of the global object.
func (m *Model) pageLong(left syntax.Node) bool {
	if m.programLong(left) {
		return true
	}
	if left.Kind() != "member_expression" {
		return false
	}
	if obj := scope.Unwrap(left.Get("object")); obj.Kind() == "member_expression" &&
		scope.Unwrap(obj.Get("object")).Kind() == "this" && obj.Get("property").Text() == "$root" {
		return true
	}
	// window.x, globalThis.x: the scope keys a property of the global
	// object as a global.
	return strings.HasPrefix(m.scope.Key(left), "global:")
}

// assignedElsewhere reports an assignment to place (by its text) or a
// delete of it anywhere in the file outside fn.
func (m *Model) assignedElsewhere(place string, fn syntax.Node) bool {
	found := false
	m.tree.Root().Walk(func(c syntax.Node) bool {
		if found || fn.Contains(c) {
			return false
		}
		switch c.Kind() {
		case "assignment_expression", "augmented_assignment_expression":
			found = scope.Unwrap(c.Get("left")).Text() == place
		case "unary_expression":
			found = c.Get("operator").Text() == "delete" && scope.Unwrap(c.Get("argument")).Text() == place
		}
		return !found
	})
	return found
}
