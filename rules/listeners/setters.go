package listeners

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
)

// A global setter keeps one callback: window.launchQueue.setConsumer(fn),
// navigator.mediaSession.setActionHandler("play", fn). A component that
// hands it a closure over itself stays reachable from the global after it
// ends, until the teardown sets the slot again (to a no-op or null).

// The setter names are data (apis.SetterName).

// visitSetter reports a closure handed by an owner to a setter of a global
// object that its teardown never sets again.
func (v *notRemoved) visitSetter(n syntax.Node) {
	p := v.p
	if n.Kind() != "call_expression" {
		return
	}
	recv, name := astutil.Method(n)
	if !recv.Valid() || !apis.SetterName(name) || p.Scope.LifetimeOf(recv) != scope.Global {
		return
	}
	args := astutil.Args(n)
	if len(args) == 0 || !scope.IsFunction(scope.Unwrap(args[len(args)-1])) || p.Life.RunsAtLoad(n) {
		return
	}
	o := p.Life.OwnerOf(n)
	if o == nil || o.Kind == lifecycle.Disposable {
		return
	}
	reset := p.Life.FindInTeardown(o, func(m syntax.Node) bool {
		if m.Kind() != "call_expression" {
			return false
		}
		r, nm := astutil.Method(m)
		return nm == name && r.Valid() && sameTarget(p, r, recv)
	})
	if reset.Valid() {
		return
	}
	msg := fmt.Sprintf("%s.%s keeps this closure, and %s with it, after it ends; set it again (to a no-op) %s",
		cleanup.Describe(recv), name, ownerPhrase(o), cleanup.WhereClause(o))
	p.Report(analyzer.Diagnostic{Start: astutil.Callee(n).Start(), End: n.End(), Message: msg,
		Related: []analyzer.Related{cleanup.Where(o)}})
}

// ownerPhrase names the owner in a message.
func ownerPhrase(o *lifecycle.Owner) string {
	if o.Name != "" && o.Class.Valid() {
		return o.Name
	}
	return "the component"
}
