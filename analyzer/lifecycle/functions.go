package lifecycle

import (
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Follow says what FunctionDenoted looks through to find a function. Each
// rule keeps the choices its verdicts were made with; the resolution
// itself exists once, here.
type Follow uint8

const (
	// FollowMemo: `const f = useCallback(fn, deps)` denotes fn; React
	// memoises the function, it is still that function.
	FollowMemo Follow = 1 << iota
	// FollowReassigned: a name given another value later still denotes
	// the function it was declared with. Right for a search that only
	// needs the function the name may hold (a removal in a helper), wrong
	// for a verdict that it is the one that runs.
	FollowReassigned
	// FollowBind: `fn.bind(x)` and `this.method.bind(this)` denote fn.
	FollowBind
	// FollowThisClass: `this.name` denotes the method of the class `this`
	// is in even when that class owns nothing (an observer's callback
	// method on a plain class): right for asking what the function does,
	// not for finding the owner's teardown.
	FollowThisClass
)

// FunctionDenoted returns the function expression e denotes in this file,
// or the zero Node: a function written in place, a name declared with one
// (a function declaration, or a variable given a function), and, when o is
// a class-like owner, `this.name` written in o's class for its method
// (inherited from a base class in the file, or in a Vue options object's
// methods); with FollowThisClass, any class's. f widens what is followed.
func (m *Model) FunctionDenoted(e syntax.Node, o *Owner, f Follow) syntax.Node {
	e = scope.Unwrap(e)
	if f&FollowBind != 0 && e.Kind() == "call_expression" {
		if fn := scope.Unwrap(e.Get("function")); fn.Kind() == "member_expression" && fn.Get("property").Text() == "bind" {
			e = scope.Unwrap(fn.Get("object"))
		}
	}
	switch {
	case scope.IsFunction(e):
		return e
	case e.Kind() == "identifier":
		return m.functionNamed(e, f)
	case e.Kind() == "member_expression":
		obj := scope.Unwrap(e.Get("object"))
		if obj.Kind() != "this" {
			return syntax.Node{}
		}
		class := m.scope.ThisOwner(obj)
		if o != nil && o.Class.Valid() && class.Index() == o.Class.Index() {
			return m.method(o.Class, e.Get("property").Text())
		}
		if f&FollowThisClass != 0 && class.Valid() && class.Kind() != "object" {
			return m.method(class, e.Get("property").Text())
		}
	}
	return syntax.Node{}
}

// functionNamed resolves an identifier to the function it names.
func (m *Model) functionNamed(id syntax.Node, f Follow) syntax.Node {
	b := m.scope.Resolve(id)
	if b == nil {
		return syntax.Node{}
	}
	if b.Kind == scope.FunctionDecl {
		return b.Init
	}
	init := scope.Unwrap(b.Init)
	if f&FollowMemo != 0 && init.Kind() == "call_expression" && CalleeName(init) == "useCallback" {
		init = scope.Unwrap(init.Get("arguments").Child(0))
	}
	if scope.IsFunction(init) && (!b.Reassigned || f&FollowReassigned != 0) {
		return init
	}
	return syntax.Node{}
}
