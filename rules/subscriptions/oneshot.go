package subscriptions

import (
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// closingOneShot is a take(1) or first() subscription that closes its
// owner: `popup.closeClick.pipe(take(1)).subscribe(() => this.close())`.
// take(1) ends it only if that event comes; when the owner is closed
// another way (another close path, a caller of its public close()), the
// event never comes and the subscription outlives the owner, holding it
// from the source. NG-ZORRO's image preview ref leaked so.
type closingOneShot struct {
	// teardown is the owner's teardown method the callback calls ("close").
	teardown string
	// source is the stream under the one-shot operators.
	source syntax.Node
	// operator is the one-shot operator as written ("take(1)").
	operator string
}

// closesOwnerOnce recognises a subscription whose pipe completes only by
// one-shot operators (no takeUntil or other ending operator) on a
// long-lived source, and whose callback calls a teardown method of the
// owner that can also run without this event: it is not private, or it is
// called elsewhere in the class.
func (c *classifier) closesOwnerOnce(call, recv syntax.Node) (closingOneShot, bool) {
	var none closingOneShot
	o := c.o
	if o == nil || !o.Class.Valid() || o.Class.Kind() == "object" {
		return none, false
	}
	pipe := scope.Unwrap(recv)
	_, name := astutil.Method(pipe)
	if name != "pipe" {
		return none, false
	}
	oneShot := ""
	for _, op := range astutil.Args(pipe) {
		if op = scope.Unwrap(op); op.Kind() != "call_expression" {
			continue
		}
		opName := astutil.MethodName(op)
		switch {
		case opName == "startWith" && oneShot == "":
			return none, false // a value comes at once: take(1) takes it
		case oneShotOperators[opName]:
			oneShot = op.Text()
		case c.operators[opName]:
			return none, false // takeUntil, takeWhile, ...: ended some other way
		}
	}
	under, _ := astutil.Method(pipe)
	if oneShot == "" || emitsAtOnce(under) || c.classify(under, 1).life != longLived {
		return none, false
	}
	cb := scope.Unwrap(astutil.Arg(call, 0))
	if !scope.IsFunction(cb) {
		return none, false
	}
	for _, t := range o.Teardowns {
		if t.Kind() != "method_definition" {
			continue
		}
		method := t.Get("name").Text()
		if !callsThisMethod(cb, syntax.Node{}, method) {
			continue
		}
		if !isPrivate(t) || callsThisMethod(o.Class.Get("body"), cb, method) {
			return closingOneShot{teardown: method, source: stripOperators(under), operator: oneShot}, true
		}
	}
	return none, false
}

// callsThisMethod reports a `this.<method>()` call in n, outside the node
// except (none when it is not valid).
func callsThisMethod(n, except syntax.Node, method string) bool {
	found := false
	n.Walk(func(m syntax.Node) bool {
		if found || except.Valid() && m.Index() == except.Index() {
			return false
		}
		if m.Kind() == "call_expression" {
			if r, name := astutil.Method(m); name == method && scope.Unwrap(r).Kind() == "this" {
				found = true
			}
		}
		return true
	})
	return found
}

// isPrivate reports a method only the class itself can call: `private`
// or a #name.
func isPrivate(method syntax.Node) bool {
	if method.Get("name").Kind() == "private_property_identifier" {
		return true
	}
	for c := method.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.Kind() == "accessibility_modifier" && c.Text() == "private" {
			return true
		}
	}
	return false
}

// emitsAtOnce reports a source that hands a subscriber its current value
// as it subscribes: an NgRx store's select(...) (and its patch-style
// operators), so take(1) on it ends at once.
func emitsAtOnce(source syntax.Node) bool {
	for n := scope.Unwrap(source); n.Kind() == "call_expression"; {
		recv, name := astutil.Method(n)
		if name == "select" {
			return true
		}
		if !recv.Valid() || name != "pipe" && !passThroughOperators[name] {
			return false
		}
		n = scope.Unwrap(recv)
	}
	return false
}
