package caches

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// checkOwnerEnd reports a module-level collection that a component adds
// its entry to and removes it from only in the other branch of the same
// callback (watch(flag, v => v ? registry.set(id, x) : registry.delete(id)))
// when its teardown does not remove it too: a component that ends while
// the flag is on leaves its entry behind, holding whatever the entry keeps
// (Vuetify's focus trap registry).
func checkOwnerEnd(p *analyzer.Pass, c *collection, s summary) {
	if c.kind != mapKind && c.kind != setKind {
		return
	}
	for _, a := range s.adds {
		fn := astutil.EnclosingFunction(a.node)
		if !fn.Valid() || !watcherCallback(fn) {
			continue
		}
		o := p.Life.OwnerOf(a.node)
		if o == nil || o.Kind == lifecycle.Disposable {
			continue
		}
		elsewhere := false
		for _, r := range s.removals {
			if astutil.EnclosingFunction(r).Index() != fn.Index() {
				elsewhere = true // removed on another path (a teardown, a close())
			}
		}
		if elsewhere {
			return
		}
		msg := fmt.Sprintf("%s%s `%s`%s gets this entry when the watched value turns on and loses it only when it turns off: a component that ends while it is on leaves the entry behind; remove it %s too",
			c.prefix, c.kind, c.name, c.suffix, teardownPlace(o))
		start := a.node.Start()
		if a.method != "" {
			start = astutil.Callee(a.node).Start()
		}
		p.Report(analyzer.Diagnostic{Start: start, End: a.node.End(), Message: msg,
			Related: []analyzer.Related{{Start: s.removals[0].Start(), End: s.removals[0].End(), Message: "removed only here, in the same callback"}}})
		return
	}
}

// watcherCallback reports a function passed to a Vue watch / watchEffect
// (or Angular's effect): it runs on changes, not at teardown.
func watcherCallback(fn syntax.Node) bool {
	call := astutil.CallTaking(fn)
	if !call.Valid() {
		return false
	}
	switch astutil.MethodName(call) {
	case "watch", "watchEffect", "watchPostEffect", "watchSyncEffect", "$watch", "effect":
		return true
	}
	name := scope.Unwrap(call.Get("function")).Text()
	return name == "watch" || name == "watchEffect"
}

// teardownPlace says where the owner's teardown is.
func teardownPlace(o *lifecycle.Owner) string {
	if o.TeardownName != "" {
		return "in " + o.TeardownName
	}
	return "when the component ends"
}
