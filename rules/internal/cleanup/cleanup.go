// Package cleanup holds what the registration rules share: finding whether a
// stored handle (a disposer, a timer id, a subscription) is used in the
// owner's teardown, and wording the diagnostic with a link to where the
// cleanup belongs.
package cleanup

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// Handle is where the result of a registration went.
type Handle struct {
	astutil.ResultUse
	// Key identifies the holder (scope.Info.Key) for variables and members;
	// for a collection (`subs.push(x.subscribe())`) it is the collection's.
	Key string
}

// HandleOf describes where a registration call's result is kept.
func HandleOf(p *analyzer.Pass, call syntax.Node) Handle {
	use := astutil.UseOf(call)
	h := Handle{ResultUse: use}
	switch use.Kind {
	case "variable", "member":
		h.Key = p.Scope.Key(use.Holder)
		if use.Holder.Kind() == "public_field_definition" || use.Holder.Kind() == "field_definition" {
			h.Key = fieldKey(p, use.Holder)
		}
	case "argument":
		// subs.push(x.subscribe()), this.subs.add(...), disposables.add(...),
		// context.subscriptions.push(...): the collection holds it.
		recv, name := astutil.Method(use.Holder)
		switch name {
		case "push", "add", "set", "unshift", "concat", "register", "addTeardown", "track":
			h.Kind = "collection"
			h.Holder = recv
			h.Key = p.Scope.Key(recv)
		}
	}
	return h
}

// fieldKey keys a class field definition like this.<name>.
func fieldKey(p *analyzer.Pass, field syntax.Node) string {
	class := field.Parent().Parent()
	name := field.Get("name")
	if !name.Valid() {
		name = field.Get("property")
	}
	return fmt.Sprintf("this@%d.%s", class.Index(), name.Text())
}

// Mentioned reports whether the owner's teardown (or what it calls) refers
// to key at all: calls it, calls a method on it, passes it to a function,
// or iterates it. Precision first: any use counts as the undo.
func Mentioned(p *analyzer.Pass, o *lifecycle.Owner, key string) syntax.Node {
	if key == "" {
		return syntax.Node{}
	}
	return p.Life.FindInTeardown(o, func(n syntax.Node) bool {
		switch n.Kind() {
		case "identifier", "member_expression", "subscript_expression", "shorthand_property_identifier":
			return p.Scope.Key(n) == key
		}
		return false
	})
}

// Returned reports whether call is itself (part of) a value the owner's
// setup returns, so the owner's framework calls it as the cleanup
// (`useEffect(() => store.subscribe(fn))`).
func Returned(o *lifecycle.Owner, call syntax.Node) bool {
	for _, r := range o.Returned {
		if r.Contains(call) {
			return true
		}
	}
	return false
}

// HandleUndone reports whether the registration's handle is undone: the
// result is returned to the framework, stored and used in the teardown, or
// stored in a collection the teardown disposes.
func HandleUndone(p *analyzer.Pass, o *lifecycle.Owner, call syntax.Node, h Handle) bool {
	if Returned(o, call) || h.Kind == "returned" {
		// Returned from an async callback, it reaches nobody: the
		// framework gets a promise.
		return !p.Life.InLostCleanup(call)
	}
	// Kept where a base class in another file cleans up (this.subs,
	// this._register(...)).
	if p.Life.CleanedByBase(o, h.Holder) {
		return true
	}
	if h.Key == "" {
		return false
	}
	if Mentioned(p, o, h.Key).Valid() {
		return true
	}
	// A local variable returned by the setup (`const off = on(); return off`).
	for _, r := range o.Returned {
		if p.Scope.Key(r) == h.Key {
			return true
		}
	}
	return false
}

// Where returns the related location for a finding in owner o: its first
// teardown if it has one ("the cleanup belongs here"), else the owner
// itself.
func Where(o *lifecycle.Owner) analyzer.Related {
	if o.AsyncSetup() {
		// Point at the callback: making it sync is the first step of
		// any fix.
		return analyzer.Related{Start: o.Setup.Start(), End: o.Setup.Start() + len("async"),
			Message: fmt.Sprintf("this %s callback is async: it returns a promise, which %s does not run as a cleanup", o.Name, o.Name)}
	}
	if len(o.Teardowns) > 0 {
		t := o.Teardowns[0]
		name := t
		if t.Kind() == "method_definition" {
			name = t.Get("name")
		}
		return analyzer.Related{Start: name.Start(), End: name.End(), Message: "the cleanup belongs in " + o.TeardownName}
	}
	n := o.Node
	switch n.Kind() {
	case "class_declaration", "class":
		if name := n.Get("name"); name.Valid() {
			n = name
		}
	case "call_expression":
		n = astutil.Callee(n)
	}
	if o.InheritsTeardown() {
		return analyzer.Related{Start: n.Start(), End: n.End(), Message: fmt.Sprintf("%s inherits %s from its base class; override it and call super.%s()", o.Phrase(), o.TeardownName, o.TeardownName)}
	}
	return analyzer.Related{Start: n.Start(), End: n.End(), Message: fmt.Sprintf("%s has no teardown yet; add %s", o.Phrase(), o.TeardownName)}
}

// WhereClause words the missing cleanup for a message: "in the cleanup
// function useEffect returns", "in componentWillUnmount (Clock has none)".
func WhereClause(o *lifecycle.Owner) string {
	c := o.Follows()
	if o.AsyncSetup() {
		alt := ""
		if tc := c.TeardownCallbacks; len(tc) > 0 {
			alt = "in " + tc[0] + ", or "
		}
		return fmt.Sprintf("%sin the function a sync %s callback returns, with the async work in an inner function "+
			"(this callback is async, so it returns a promise and a cleanup it returns never runs)", alt, o.Name)
	}
	switch {
	case c.Where != "":
		return c.Where
	case c.Cleanup.Site == lifecycle.InReturned:
		// The returned function is the teardown, whether written yet or not.
		return "in " + o.TeardownName
	case o.InheritsTeardown():
		return fmt.Sprintf("in an override of the inherited %s that calls super.%s()", o.TeardownName, o.TeardownName)
	case len(o.Teardowns) == 0:
		return fmt.Sprintf("in %s (%s has none)", o.TeardownName, o.Name)
	}
	return "in " + o.TeardownName
}

// Describe renders an expression for a message, shortened.
func Describe(n syntax.Node) string {
	t := scope.Unwrap(n).Text()
	if len(t) > 40 {
		t = t[:37] + "..."
	}
	return t
}
