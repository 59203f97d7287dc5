package lifecycle

import (
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// HelperOwner returns the owner of a registration made in a helper that a
// component declares in its body and calls only from one owner's setup:
//
//	function tick() { setTimeout(tick, 1000) }
//	useEffect(() => { tick() }, [])
//
// The helper runs as part of that effect, so what it registers is the
// effect's to undo. It returns nil when n is not in such a helper: a
// module-level function (any module may call it), a helper also called or
// handed out elsewhere (an event handler, a prop), or one called from no
// owner. Calls the helper makes to itself do not count.
func (m *Model) HelperOwner(n syntax.Node) *Owner {
	if m.appRoot || m.inMountedRoot(n) || m.onceGuarded(n) {
		return nil
	}
	fn := enclosingFunction(n)
	b := m.helperBinding(fn)
	// Through the helper's own callbacks: fetch(url).then(() => setTimeout(poll, 1000)).
	for b == nil && fn.Valid() && fn.Parent().Kind() == "arguments" {
		fn = enclosingFunction(fn)
		b = m.helperBinding(fn)
	}
	if b == nil || b.Reassigned || b.Scope.Kind == scope.ModuleScope {
		return nil
	}
	var owner *Owner
	for _, ref := range m.scope.References(b) {
		if fn.Contains(ref) {
			continue // the helper re-arming or recursing
		}
		call := ref.Parent()
		if call.Kind() != "call_expression" || call.Get("function").Index() != ref.Index() {
			return nil // handed out: it may run from anywhere
		}
		o := m.OwnerOf(call)
		if o == nil || owner != nil && o != owner {
			return nil
		}
		owner = o
	}
	return owner
}

// helperBinding returns the binding that names fn, a function declaration
// or a function stored in a const (`const tick = () => {...}`), or nil.
func (m *Model) helperBinding(fn syntax.Node) *scope.Binding {
	name := scope.FunctionName(fn)
	if !name.Valid() {
		return nil
	}
	return m.scope.DeclaredAt(name)
}

func enclosingFunction(n syntax.Node) syntax.Node {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if scope.IsFunction(p) {
			return p
		}
	}
	return syntax.Node{}
}
