package closures

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
)

// holder is where a closure is kept for as long as the program runs.
type holder struct {
	site syntax.Node // the call or assignment that stores the closure
	// what names the closure by its holder: "the setInterval callback",
	// "the listener added to window", "the closure stored in module
	// variable `theThing`".
	what string
	// module is the module-level variable the closure is assigned to
	// (directly or inside an object), if that is the holder.
	module *scope.Binding
}

// keptBy reports whether function fn is stored somewhere long-lived: a
// module or global variable, a property of a module-level or global object
// or of a long-lived `this`, a setInterval callback, a listener on a
// long-lived target, an entry of a module-level collection. A closure
// inside an object or array literal is kept by whatever keeps the literal.
func (r *run) keptBy(fn syntax.Node) (holder, bool) {
	if fn.Kind() == "function_declaration" {
		return r.keptByName(r.p.Scope.DeclaredAt(fn.Get("name")), 0)
	}
	return r.climb(fn, 0)
}

func (r *run) keptByName(b *scope.Binding, depth int) (holder, bool) {
	if b == nil || depth > 1 {
		return holder{}, false
	}
	for _, ref := range r.p.Scope.References(b) {
		if h, ok := r.climb(ref, depth+1); ok {
			return h, true
		}
	}
	return holder{}, false
}

// climb follows value e up through the expressions that carry it along
// until something stores it.
func (r *run) climb(e syntax.Node, depth int) (holder, bool) {
	for i := 0; i < 8; i++ {
		p := e.Parent()
		switch p.Kind() {
		case "parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression":
		case "pair":
			if e.Field() != "value" {
				return holder{}, false
			}
			p = p.Parent()
		case "object", "array":
		case "member_expression":
			// fn.bind(this) is kept wherever the bound function is.
			if e.Field() != "object" || p.Get("property").Text() != "bind" || p.Parent().Kind() != "call_expression" {
				return holder{}, false
			}
			p = p.Parent()
		case "variable_declarator":
			if e.Field() != "value" {
				return holder{}, false
			}
			return r.keptByName(r.p.Scope.DeclaredAt(p.Get("name")), depth)
		case "assignment_expression":
			if e.Field() != "right" {
				return holder{}, false
			}
			return r.assignedTo(p)
		case "arguments":
			return r.passedTo(p.Parent(), e)
		default:
			return holder{}, false
		}
		e = p
	}
	return holder{}, false
}

// assignedTo reports assignments whose target outlives the call.
func (r *run) assignedTo(a syntax.Node) (holder, bool) {
	left := scope.Unwrap(a.Get("left"))
	sc := r.p.Scope
	switch left.Kind() {
	case "identifier":
		b := sc.Resolve(left)
		switch {
		case b == nil:
			return holder{site: a, what: fmt.Sprintf("the closure stored in global `%s`", left.Text())}, true
		case b.ModuleLevel():
			return holder{site: a, what: fmt.Sprintf("the closure stored in module variable `%s`", left.Text()), module: b}, true
		}
	case "member_expression", "subscript_expression":
		if thisRooted(left) {
			if astutil.LongLivedThis(sc, left) {
				return holder{site: a, what: fmt.Sprintf("the closure stored in `%s` of %s", cleanup.Describe(left), longLivedOwner(sc, left))}, true
			}
			return holder{}, false
		}
		if sc.LifetimeOf(left).LongLived() {
			return holder{site: a, what: fmt.Sprintf("the closure stored in `%s`", cleanup.Describe(left))}, true
		}
	}
	return holder{}, false
}

// listenerAdders are the DOM and emitter adders that keep their handler
// until it is removed.
var listenerAdders = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range apis.Builtin().Names(apis.Use{Family: apis.Listener, Styles: []apis.Style{apis.DOM, apis.Emitter}}) {
		m[n] = true
	}
	return m
}()

// repeats reports whether argument index of a call of name is the callback
// of a timer that fires until cleared (setInterval's first).
func repeats(name string, index int) bool {
	a, ok := apis.Builtin().Adder(apis.Timer, name)
	return ok && a.Repeats && index == a.Args.Handler
}

var timerHosts = map[string]bool{"window": true, "globalThis": true, "self": true, "global": true}

// passedTo reports calls that keep argument arg: setInterval, listeners on
// long-lived targets, additions to long-lived collections.
func (r *run) passedTo(call, arg syntax.Node) (holder, bool) {
	if call.Kind() != "call_expression" {
		return holder{}, false
	}
	recv, name := astutil.Method(call)
	args := astutil.Args(call)
	index := -1
	for i, a := range args {
		if a.Index() == arg.Index() {
			index = i
		}
	}
	switch {
	case repeats(name, index) && (!recv.Valid() || timerHosts[recv.Text()]):
		return holder{site: call, what: "the " + name + " callback"}, true
	case listenerAdders[name] && index == 1 && recv.Valid() && r.longLived(recv):
		if name == "addEventListener" && len(args) > 2 {
			if once, ok := astutil.Property(args[2], "once"); ok && astutil.IsTrue(once) {
				return holder{}, false
			}
		}
		return holder{site: call, what: fmt.Sprintf("the listener added to `%s`", cleanup.Describe(recv))}, true
	case (name == "push" || name == "unshift" || name == "set" || name == "add") && recv.Valid() && r.longLived(recv):
		return holder{site: call, what: fmt.Sprintf("the closure stored in `%s`", cleanup.Describe(recv))}, true
	}
	return holder{}, false
}

// longLived reports targets that live as long as the program.
func (r *run) longLived(n syntax.Node) bool {
	if thisRooted(n) {
		return astutil.LongLivedThis(r.p.Scope, n)
	}
	return r.p.Scope.LifetimeOf(n).LongLived()
}

// longLivedOwner words what `this` is at n, for LongLivedThis owners.
func longLivedOwner(sc *scope.Info, n syntax.Node) string {
	owner := sc.ThisOwner(n)
	name := owner.Get("name").Text()
	switch {
	case owner.Kind() == "object":
		if d := owner.Parent(); d.Kind() == "variable_declarator" {
			return "the module-level object `" + d.Get("name").Text() + "`"
		}
		return "a module-level object"
	case astutil.InStaticContext(n) && name != "":
		return "the class " + name
	case name != "":
		return "the single " + name + " instance"
	}
	return "a single instance"
}

// thisRooted reports this, this.x, this.x.y.
func thisRooted(n syntax.Node) bool { return astutil.RootOf(n).Kind() == "this" }
