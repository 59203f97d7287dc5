package lifecycle

import (
	"regexp"
	"sort"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Libraries without a framework often make an instance as a closure
// instead of a class: `function createTooltip(el, opts) { ...; const
// instance = { show, hide, destroy }; return instance; }` (tippy.js's
// createTippy, many popovers, sliders and editors). The factory's body is
// the constructor, its inner functions are the methods, and the function
// the returned object names under a teardown name is the teardown: what
// the factory and its inner functions register, destroy must undo, as a
// class's destroy() must.
//
// instanceFactory is their convention; the model recognises them
// (instanceFactoryOwner) after every framework's own owners, so a React
// hook, a Vue composable or a Svelte hook that returns such an object keeps
// its framework's rules.
var instanceFactory = &Convention{
	Name: "instance-factory", Kind: Disposable,
	AnyTeardownMethod: true,
	LifetimeUnknown:   true,
	NeedsTeardown:     true,
}

// reactHookName matches the names React's rules of hooks give hooks: a
// function so named is a hook whatever it returns, and its effects own
// what it registers.
var reactHookName = regexp.MustCompile(`^use[A-Z0-9]`)

// instanceFactoryOwner makes the owner of factory function fn, or nil when
// fn is no such factory (OwnerOf caches the answer by function). It is strict so as not to take every
// function returning an object for an owner: each of fn's returns must
// give the same object literal, written in fn (in place, or a const or
// never-reassigned variable declared in fn's own body), and one of that
// literal's properties under a teardown name must be a function of fn (a
// method of the literal, a function written in place, or a function
// declared in fn).
func (m *Model) instanceFactoryOwner(fn syntax.Node) *Owner {
	var o *Owner
	if name := factoryName(fn); name != "" && !reactHookName.MatchString(name) {
		if obj := m.returnedInstance(fn); obj.Valid() {
			var names []string
			byName := map[string]syntax.Node{}
			for prop, t := range m.instanceMethods(fn, obj) {
				if m.teardowns[prop] {
					names = append(names, prop)
					byName[prop] = t
				}
			}
			// One instance made as the module loads lives as long as the
			// program, as a constructor function's does (moduleSingletons).
			// Asked last: it walks the whole file once.
			if len(names) > 0 && !m.madeAtLoad(name) {
				sort.Strings(names)
				o = &Owner{Kind: instanceFactory.Kind, Node: fn, Setup: fn, Name: name, TeardownName: names[0], Convention: instanceFactory}
				for _, n := range names {
					o.Teardowns = append(o.Teardowns, byName[n])
				}
			}
		}
	}
	return o
}

// factoryName returns the name a factory is declared or assigned under,
// or "" for a function with none (a callback written in place) or a method
// of a class, whose class decides its owner.
func factoryName(fn syntax.Node) string {
	switch p := fn.Parent(); {
	case fn.Kind() == "function_declaration":
		return fn.Get("name").Text()
	case fn.Kind() != "function_expression" && fn.Kind() != "function" && fn.Kind() != "arrow_function":
		return ""
	case p.Kind() == "variable_declarator" && p.Get("value").Index() == fn.Index():
		if id := p.Get("name"); id.Kind() == "identifier" {
			return id.Text()
		}
	}
	return ""
}

// returnedInstance returns the object literal every return of fn's own
// body gives, or the zero Node. A guard that gives no instance at all
// (`if (reference._tippy) return null`) is allowed; a return of anything
// else (another object, a value passed in) means fn is no factory of that
// instance, so it is no owner.
func (m *Model) returnedInstance(fn syntax.Node) syntax.Node {
	body := fn.Get("body")
	if body.Kind() != "statement_block" {
		return syntax.Node{}
	}
	var obj syntax.Node
	ok := true
	body.Walk(func(n syntax.Node) bool {
		if !ok || n.Index() != body.Index() && scope.IsFunction(n) {
			return false
		}
		if n.Kind() != "return_statement" {
			return true
		}
		r := scope.Unwrap(n.Child(0))
		if noInstance(r) {
			return false
		}
		v := m.instanceLiteral(fn, r)
		if !v.Valid() || obj.Valid() && obj.Index() != v.Index() {
			ok = false
			return false
		}
		obj = v
		return false
	})
	if !ok {
		return syntax.Node{}
	}
	return obj
}

// noInstance reports a returned value that is no instance: none, null or
// undefined.
func noInstance(v syntax.Node) bool {
	switch {
	case !v.Valid():
		return true
	case v.Kind() == "null", v.Kind() == "undefined", v.Kind() == "identifier" && v.Text() == "undefined":
		return true
	}
	return v.Kind() == "unary_expression" && v.Get("operator").Text() == "void"
}

// instanceLiteral returns the object literal v is, or that the variable v
// names holds when fn's own body declares it with that value and never
// assigns it again; otherwise the zero Node.
func (m *Model) instanceLiteral(fn, v syntax.Node) syntax.Node {
	switch v.Kind() {
	case "object":
		return v
	case "identifier":
		b := m.scope.Resolve(v)
		if b == nil || b.Reassigned || b.Kind == scope.FunctionDecl {
			return syntax.Node{}
		}
		init := scope.Unwrap(b.Init)
		if init.Kind() != "object" || b.Scope == nil || b.Scope.Function() == nil || b.Scope.Function().Node.Index() != fn.Index() {
			return syntax.Node{}
		}
		return init
	}
	return syntax.Node{}
}

// instanceMethods returns the properties of the instance literal obj that
// are functions of factory fn, by name: the literal's methods, functions
// written in place, and names (`{ destroy }`, `destroy: destroy`) of
// functions declared in fn.
func (m *Model) instanceMethods(fn, obj syntax.Node) map[string]syntax.Node {
	out := objectMethods(obj)
	for _, c := range obj.Children() {
		var key string
		var v syntax.Node
		switch c.Kind() {
		case "shorthand_property_identifier":
			key, v = c.Text(), c
		case "pair":
			key, v = propertyName(c.Get("key")), scope.Unwrap(c.Get("value"))
		default:
			continue
		}
		if v.Kind() != "identifier" && v.Kind() != "shorthand_property_identifier" {
			continue
		}
		// The scope resolves `{ destroy }` like the identifier it stands for.
		if f := m.functionNamed(v, FollowMemo); f.Valid() && fn.Contains(f) && f.Index() != fn.Index() {
			out[key] = f
		}
	}
	return out
}

// instanceMethod resolves `instance.hide()` in a factory owner's code, the
// factory's `this.hide()`: when holder names the instance the factory
// returns, the function its literal names under prop; otherwise the zero
// Node.
func (m *Model) instanceMethod(o *Owner, holder syntax.Node, prop string) syntax.Node {
	obj := m.returnedInstance(o.Setup)
	if !obj.Valid() || m.instanceLiteral(o.Setup, holder).Index() != obj.Index() {
		return syntax.Node{}
	}
	return m.instanceMethods(o.Setup, obj)[prop]
}

// MadeByFactory reports an owner that is an instance a factory function
// makes (instanceFactory). Rules that leave an owner's registrations to
// the owner rules ask it: a factory can be called once per request or per
// connection as well as once per page, and the owner rules report for it
// only what outlives everything (LifetimeUnknown), so a listener that
// piles up on an object the factory made, once per call of one of its
// methods, is still theirs to find.
func (o *Owner) MadeByFactory() bool { return o != nil && o.Convention == instanceFactory }

// callKinds are the nodes madeAtLoad reads.
var callKinds = syntax.NewKinds("call_expression")

// madeAtLoad reports a factory the module calls while it loads (`const
// tooltip = createTooltip(el)` at top level): that instance is a
// singleton.
func (m *Model) madeAtLoad(name string) bool {
	if m.loadCalls == nil {
		m.loadCalls = make(map[string]bool)
		for n := range m.tree.Root().Of(callKinds) {
			if c := scope.Unwrap(n.Get("function")); c.Kind() == "identifier" && m.RunsAtLoad(n) && !insideClass(n) {
				m.loadCalls[c.Text()] = true
			}
		}
	}
	return m.loadCalls[name]
}
