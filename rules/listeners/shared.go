package listeners

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// sharedLeak decides for a listener whose target outlives owner o only
// because o's convention says the target is a longer-lived object's (a
// video.js component's player, the track lists a player hands its tech;
// lifecycle.Model.Outlives). Many such owners live exactly as long as that
// object (a player's text track display), so the listener is reported
// only where the class shows it must come off: it takes some listener off
// a shared target itself, somewhere (on the player's "dispose", when a
// fullscreen begins, in its own teardown for a sibling), or its library
// expects it to (Convention.SharedEnds: a Leaflet layer). And since the
// convention's names reach one object in several ways (`player`,
// `this.player()`, `this.player_`), a removal in the teardown of the same
// event and handler from any shared target counts as this listener's (a
// handler bound with video.js's Fn.bind(this, fn) keeps fn's guid, and
// off(type, fn) takes it off).
func (v *notRemoved) sharedLeak(a call, o *lifecycle.Owner) bool {
	p := v.p
	knows := o.Follows().SharedEnds
	for _, r := range v.removes {
		if knows {
			break
		}
		if o.Node.Contains(r.node) && p.Life.Outlives(o, unwrapJQuery(r.target)) {
			knows = true
			break
		}
	}
	if !knows {
		return false
	}
	found := p.Life.FindInTeardown(o, func(m syntax.Node) bool {
		if m.Kind() != "call_expression" {
			return false
		}
		r, ok := parseRemove(p, m)
		return ok && r.style == a.style && (!r.event.Valid() || sameCallEvent(p, a, r) && boundAlike(p, a.handler, r.handler)) &&
			p.Life.Outlives(o, unwrapJQuery(r.target))
	})
	return !found.Valid()
}

// boundAlike reports a removal's handler that names the added one, or the
// function the added one binds (`Fn.bind(this, this.update)`,
// `this.update.bind(this)`).
func boundAlike(p *analyzer.Pass, added, removed syntax.Node) bool {
	if !removed.Valid() || sameExpr(p, added, removed) {
		return true
	}
	if from := boundFrom(added); from.Valid() && sameExpr(p, from, removed) {
		return true
	}
	if c := scope.Unwrap(added); c.Kind() == "call_expression" && strings.HasPrefix(astutil.MethodName(c), "bind") {
		for _, arg := range astutil.Args(c) {
			if sameExpr(p, arg, removed) {
				return true
			}
		}
	}
	return false
}
