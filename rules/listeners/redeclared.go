package listeners

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
)

// checkRedeclared reports the re-registration idiom, a removal right
// before the same addition (`$(window).off("mouseup", up).on("mouseup",
// up)`, or removeEventListener then addEventListener), when the handler
// is a function declared inside the function that runs the pair. The
// idiom says the code runs again (why remove first otherwise), but each
// run declares a new function, so the removal never matches what the
// previous run added, and one more listener stays on a target that
// outlives the run. Functions named for start-up are taken to run once.
// It reports whether it reported r.
func (v *mismatch) checkRedeclared(r call) bool {
	p := v.p
	h := scope.Unwrap(r.handler)
	fn := astutil.EnclosingFunction(r.node)
	if h.Kind() != "identifier" || !fn.Valid() || amdFactory(fn) {
		return false
	}
	// A function named for start-up (initUnread, setupKeys) runs once:
	// its removal first is only defensive, and nothing piles up.
	name := astutil.FunctionName(fn)
	if astutil.StartupName(name) {
		return false
	}
	b := p.Scope.Resolve(h)
	if b == nil || !declaredFreshIn(b, fn) {
		return false
	}
	a, ok := v.addedRightAfter(r, b)
	if !ok {
		return false
	}
	target := unwrapJQuery(r.target)
	if !p.Scope.LifetimeOf(target).LongLived() && !amdDependency(p.Scope, rootOf(target)) {
		return false // a target made per run goes with the run
	}
	if name == "" {
		name = "the enclosing function"
	}
	msg := fmt.Sprintf("%s with %s removes nothing from an earlier run: %s is declared inside %s, so each run makes a new function and the %s listener the previous run added stays on %s; declare %s once outside %s",
		r.method, b.Name, b.Name, name, cleanup.Describe(r.event), cleanup.Describe(target), b.Name, name)
	p.Report(analyzer.Diagnostic{Start: r.handler.Start(), End: r.handler.End(), Message: msg,
		Related: []analyzer.Related{{Start: a.node.Start(), End: a.node.End(), Message: "added again here, each run"}}})
	return true
}

// declaredFreshIn reports a name fn declares for a function of its own
// (a function declaration, or a constant or variable set to a function
// expression): a new function object on each call of fn.
func declaredFreshIn(b *scope.Binding, fn syntax.Node) bool {
	switch b.Kind {
	case scope.FunctionDecl:
		// The declaration's name sits in the declaration itself.
		return astutil.EnclosingFunction(b.Decl.Parent()).Index() == fn.Index()
	case scope.Const, scope.Let, scope.Var:
		return !b.Reassigned && scope.IsFunction(scope.Unwrap(b.Init)) &&
			astutil.EnclosingFunction(b.Decl).Index() == fn.Index()
	}
	return false
}

// addedRightAfter finds the addition of the same handler, event and
// target that follows removal r directly: chained on it (jQuery's
// off(...).on(...)) or in the next statement.
func (v *mismatch) addedRightAfter(r call, b *scope.Binding) (call, bool) {
	p := v.p
	var next syntax.Node
	if up := r.node.Parent(); up.Kind() == "member_expression" && up.Get("object").Index() == r.node.Index() {
		next = up.Parent() // .on(...) called on the off(...) call
	} else if up.Kind() == "expression_statement" {
		if st := up.NextNamed(); st.Kind() == "expression_statement" {
			next = scope.Unwrap(st.Child(0))
		}
	}
	if next.Kind() != "call_expression" {
		return call{}, false
	}
	a, ok := parseAdd(p, next)
	if !ok || a.style != r.style || !sameCallEvent(p, a, r) {
		return call{}, false
	}
	if h := scope.Unwrap(a.handler); h.Kind() != "identifier" || p.Scope.Resolve(h) != b {
		return call{}, false
	}
	if scope.Unwrap(a.target).Index() != r.node.Index() && !sameTarget(p, a.target, r.target) {
		return call{}, false
	}
	return a, true
}
