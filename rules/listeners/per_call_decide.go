// This file decides whether a repeated registration is undone or bounded:
// removed on the call's paths, guarded to run once, or handed back.

package listeners

import (
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/repeats"
)

// removed reports a matching removal anywhere in the code that runs per
// call, or in a local helper it calls.
func (v *perCall) removed(a call, r *repeats.Repeat) bool {
	p := v.p
	seen := make(map[int]bool)
	queue := append([]syntax.Node(nil), r.Regions...)
	if fn := astutil.EnclosingFunction(a.node); fn.Valid() {
		queue = append(queue, fn)
	}
	// A handler that removes itself when it has done its job. Any function
	// a name may hold is searched, even one it is later reassigned from.
	if h := scope.Unwrap(a.handler); h.Kind() == "identifier" {
		if fn := p.Life.FunctionDenoted(h, nil, lifecycle.FollowReassigned); fn.Valid() {
			queue = append(queue, fn)
		}
	}
	// A gesture adds on pointerdown and removes in the pointerup handler,
	// wherever that is written: the exact removal (same target, event and
	// handler) anywhere in the file means the listener is managed.
	queue = append(queue, p.Tree.Root())
	found := false
	for len(queue) > 0 && !found && len(seen) < 64 {
		root := queue[0]
		queue = queue[1:]
		if seen[root.Index()] {
			continue
		}
		seen[root.Index()] = true
		root.Walk(func(m syntax.Node) bool {
			if found || m.Kind() != "call_expression" {
				return !found
			}
			if rm, ok := parse(m, removers); ok && (matches(p, a, rm) || root.Index() != 0 && meantFor(p, a, rm)) {
				found = true
				return false
			}
			if recv, name := astutil.Method(m); root.Index() == 0 && name == "remove" && recv.Valid() && sameTarget(p, recv, a.target) {
				// The file removes the element itself (a modal removed when
				// it hides): its listeners go with it. Closing a socket or
				// stream does not count: until then every call adds one.
				found = true
				return false
			}
			if recv, name := astutil.Method(m); name == "removeAllListeners" && recv.Valid() && sameTarget(p, recv, a.target) {
				if ev := astutil.Arg(m, 0); !ev.Valid() || sameEvent(p, a.event, ev) {
					found = true
					return false
				}
			}
			if id := scope.Unwrap(m.Get("function")); id.Kind() == "identifier" {
				if fn := p.Life.FunctionDenoted(id, nil, lifecycle.FollowReassigned); fn.Valid() {
					queue = append(queue, fn)
				}
			}
			return true
		})
	}
	return found
}

// guarded reports registrations made at most once however often the code
// runs: behind a flag the code sets (`if (!hooked) { hooked = true; ... }`),
// in a memoized promise (`ready ??= new Promise(...)`), or after a
// listenerCount() / listeners() check.
func (v *perCall) guarded(n syntax.Node, r *repeats.Repeat) bool {
	p := v.p
	region := r.Regions[len(r.Regions)-1]
	for a := n.Parent(); a.Valid() && a.Index() != region.Index(); a = a.Parent() {
		if a.Kind() == "augmented_assignment_expression" {
			switch a.Get("operator").Text() {
			case "??=", "||=":
				return true
			}
		}
	}
	flags := make(map[string]bool)
	counted := false
	for _, rg := range r.Regions {
		rg.Walk(func(m syntax.Node) bool {
			switch m.Kind() {
			case "call_expression":
				switch astutil.MethodName(m) {
				case "listenerCount", "listeners", "rawListeners", "eventNames":
					counted = true
				}
			case "assignment_expression", "augmented_assignment_expression", "update_expression":
				left := m.Get("left")
				if m.Kind() == "update_expression" {
					left = m.Get("argument")
				}
				if key := p.Scope.Key(left); key != "" && v.outside(left, rg) {
					flags[key] = true
				}
			}
			return true
		})
	}
	if counted {
		return true
	}
	if len(flags) == 0 {
		return false
	}
	tested := false
	for _, rg := range r.Regions {
		rg.Walk(func(m syntax.Node) bool {
			if tested {
				return false
			}
			var test syntax.Node
			switch m.Kind() {
			case "if_statement", "ternary_expression", "while_statement":
				test = m.Get("condition")
			case "binary_expression":
				switch m.Get("operator").Text() {
				case "&&", "||", "??":
					test = m.Get("left")
				}
			}
			test.Walk(func(t syntax.Node) bool {
				switch t.Kind() {
				case "identifier", "member_expression":
					if flags[p.Scope.Key(t)] {
						tested = true
					}
				}
				return !tested
			})
			return true
		})
	}
	return tested
}

// outside reports whether an assigned name or member lives outside region:
// a module-level or global name, or state on this.
func (v *perCall) outside(left, region syntax.Node) bool {
	root := rootOf(left)
	switch root.Kind() {
	case "this":
		return true
	case "identifier":
		b := v.p.Scope.Resolve(root)
		return b == nil || !region.Contains(b.Decl)
	}
	return false
}

// handleKept accepts a disposer the call returns (mitt, nanoevents) when
// it is stored or handed back to the caller.
func (v *perCall) handleKept(a call, r *repeats.Repeat) bool {
	if a.style != Emitter {
		return false
	}
	switch use := astutil.UseOf(a.node); use.Kind {
	case "variable", "member", "collection":
		return true
	case "argument":
		return cleanup.HandleOf(v.p, a.node).Kind == "collection"
	case "returned":
		// Only a helper's caller receives it; what a handler or callback
		// returns goes to the framework, which drops it.
		fn := astutil.EnclosingFunction(a.node)
		return fn.Valid() && !repeats.IsArgument(fn) && (r.Via != "" || r.Kind == repeats.Call)
	}
	return false
}

// endsPage accepts a listener whose handler, whenever it runs, discards
// the page the listener lives on: it reloads or leaves the page
// (location.reload(), location.href = url), or re-renders the page's
// content in place (NodeBB's ajaxify.refresh()) when the target is an
// element of that content, not window or document. Copies added before the
// event fires go with the page the first time it does.
func (v *perCall) endsPage(a call) bool {
	h := scope.Unwrap(a.handler)
	if h.Kind() == "identifier" {
		h = v.p.Life.FunctionDenoted(h, nil, lifecycle.FollowReassigned)
	}
	if !scope.IsFunction(h) {
		return false
	}
	content := true // the target is part of the page's content
	switch t := rootOf(unwrapJQuery(a.target)); t.Text() {
	case "window", "document", "globalThis", "self":
		content = false
	}
	body := h.Get("body")
	stmts := []syntax.Node{body}
	if body.Kind() == "statement_block" {
		stmts = body.Children()
	}
	for _, s := range stmts {
		if s.Kind() == "expression_statement" || s.Kind() == "return_statement" {
			s = s.FirstChild()
			for s.Valid() && !s.IsNamed() {
				s = s.NextSibling() // return's keyword
			}
		}
		e := scope.Unwrap(s)
		switch e.Kind() {
		case "call_expression":
			callee := e.Get("function").Text()
			if apis.PageLoad(callee) || content && apis.PageRender(callee) {
				return true
			}
		case "assignment_expression":
			if apis.PageLocation(e.Get("left").Text()) {
				return true
			}
		}
	}
	return false
}
