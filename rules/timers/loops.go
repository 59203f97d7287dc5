package timers

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// rearmedThrough returns the function call schedules when that function
// leads back to the call through the function the call is in: start()
// schedules tick(), and tick() calls start() again. A loop split over two
// methods runs forever just like one that re-arms itself. It returns the
// zero Node when the scheduled function never calls back.
func rearmedThrough(p *analyzer.Pass, o *lifecycle.Owner, call syntax.Node) syntax.Node {
	home := astutil.EnclosingFunction(call)
	if !home.Valid() {
		return syntax.Node{}
	}
	return scheduled(p, o, call, func(fn syntax.Node) bool {
		return !fn.Contains(home) && !home.Contains(fn) && callsBack(p, o, fn, home)
	})
}

// callsBack reports fn calling home on every run, directly or from a
// callback of its own (`fetch(url).then(() => this.start())`). A call back
// under a condition (`if (this.menuOpen) this.startCloseTimer()`, a retry
// in a catch) is weaker evidence of a loop than one method re-arming
// itself: a toggle or a retry on one error stops by the state it reads,
// which the rule cannot follow. Precision first, those stay silent.
func callsBack(p *analyzer.Pass, o *lifecycle.Owner, fn, home syntax.Node) bool {
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		if n.Kind() == "call_expression" && !scope.IsFunction(scope.Unwrap(n.Get("function"))) {
			found = functionOf(p, o, n.Get("function")).Index() == home.Index() && !conditional(n, fn)
		}
		return !found
	})
	return found
}

// conditional reports n running only on some runs of fn: under an if, a
// switch case, a ternary, the right of && or ||, a catch or a loop body.
func conditional(n, fn syntax.Node) bool {
	for child, parent := n, n.Parent(); parent.Valid() && parent.Index() != fn.Index(); child, parent = parent, parent.Parent() {
		switch parent.Kind() {
		case "if_statement", "switch_case", "switch_default", "ternary_expression", "catch_clause",
			"for_statement", "for_in_statement", "while_statement", "do_statement":
			return true
		case "binary_expression":
			switch parent.Get("operator").Text() {
			case "&&", "||", "??":
				if child.Field() == "right" {
					return true
				}
			}
		}
	}
	return false
}

// loopStops reports a loop that a flag the teardown sets stops, or that
// stops on its own (see stoppedByFlag and finite). A loop split over two
// functions may check either of them.
func loopStops(p *analyzer.Pass, o *lifecycle.Owner, loop, call syntax.Node) bool {
	if stoppedByFlag(p, o, loop) || finite(p, loop) || settlesPromise(p, loop, call) {
		return true
	}
	home := astutil.EnclosingFunction(call)
	if home.Valid() && !loop.Contains(home) {
		return stoppedByFlag(p, o, home) || finite(p, home)
	}
	return false
}

// twoMethodFixes clears the stored id of a loop split over two functions
// in the teardown: `start() { this.timer = setTimeout(() => this.tick()) }`
// with tick() calling start() gets clearTimeout(this.timer). Only when
// tick() calls back at once (not after an await or from a callback), so
// the id stored last is the one pending when the teardown runs.
func twoMethodFixes(p *analyzer.Pass, o *lifecycle.Owner, call syntax.Node, fn string, loop syntax.Node) []analyzer.Fix {
	home := astutil.EnclosingFunction(call)
	if home.Index() == loop.Index() || loop.HasToken("async") || home.HasToken("async") || !callsBackAtOnce(p, o, loop, home) {
		return nil
	}
	held := cleanup.HeldBy(p, call)
	if held.Kind != "stored" || !held.Holder.Valid() {
		return nil
	}
	text, ok := holderText(p, o, held.Holder, call)
	if !ok {
		return nil
	}
	b := fixgen.New(p)
	if !addClear(p, b, o, call, held.Keys, cancelFor(p, call, fn)+"("+text+")") {
		return nil
	}
	return []analyzer.Fix{b.Fix("Clear the timeout "+cleanup.WhereClause(o), true)}
}

// callsBackAtOnce reports loop calling home in its own body, outside any
// callback it passes on.
func callsBackAtOnce(p *analyzer.Pass, o *lifecycle.Owner, loop, home syntax.Node) bool {
	found := false
	body := loop.Get("body")
	body.Walk(func(n syntax.Node) bool {
		if found || n.Index() != body.Index() && scope.IsFunction(n) {
			return false
		}
		if n.Kind() == "call_expression" && functionOf(p, o, n.Get("function")).Index() == home.Index() {
			found = true
		}
		return !found
	})
	return found
}

// settlesPromise reports a poll that waits for something to finish and
// settles the promise it was started in: `new Promise((resolve) => { const
// check = () => { if (done()) resolve(); else requestAnimationFrame(check)
// }; check() })`. It re-arms only on the branch that does not settle, so it
// ends when what it waits for does (a shader compiled, a query answered),
// and code awaits that end: a wait, not a loop that runs as long as its
// owner.
func settlesPromise(p *analyzer.Pass, loop, call syntax.Node) bool {
	var settle []*scope.Binding
	for fn := loop; fn.Valid(); fn = astutil.EnclosingFunction(fn) {
		if nw := scope.Unwrap(fn.Parent().Parent()); fn.Parent().Kind() == "arguments" && nw.Kind() == "new_expression" && nw.Get("constructor").Text() == "Promise" {
			for _, par := range fn.Get("parameters").Children() {
				if par.Kind() == "identifier" || par.Kind() == "required_parameter" {
					if b := p.Scope.Resolve(paramName(par)); b != nil {
						settle = append(settle, b)
					}
				}
			}
			if fn.Get("parameter").Valid() {
				if b := p.Scope.Resolve(fn.Get("parameter")); b != nil {
					settle = append(settle, b)
				}
			}
			break
		}
	}
	if len(settle) == 0 {
		return false
	}
	settles := func(branch syntax.Node) bool {
		found := false
		branch.Walk(func(n syntax.Node) bool {
			if n.Kind() == "call_expression" {
				if f := scope.Unwrap(n.Get("function")); f.Kind() == "identifier" {
					b := p.Scope.Resolve(f)
					for _, s := range settle {
						found = found || b == s
					}
				}
			}
			return !found
		})
		return found
	}
	// The innermost if around the re-arm inside the loop: one branch
	// re-arms, the other settles.
	for child, n := call, call.Parent(); n.Valid() && n.Index() != loop.Index(); child, n = n, n.Parent() {
		if n.Kind() != "if_statement" {
			continue
		}
		var other syntax.Node
		switch child.Field() {
		case "consequence":
			other = n.Get("alternative")
		case "alternative":
			other = n.Get("consequence")
		default:
			return false
		}
		return other.Valid() && settles(other)
	}
	return false
}

// paramName returns the identifier a simple parameter declares.
func paramName(par syntax.Node) syntax.Node {
	if par.Kind() == "required_parameter" {
		return par.Get("pattern")
	}
	return par
}

// ownEventHandler returns the handler that emit, an event the owner fires
// at itself, runs when accept agrees: `this.trigger("mediaupdatetimeout")`
// in a timer's callback runs what `this.on("mediaupdatetimeout", () =>
// this.refreshMedia_())` added, at once, as a direct call would. So a
// timer armed in refreshMedia_ that fires that event re-arms itself
// through it. Only the owner's own events count (another object's
// handlers are not in view), and only when its teardown leaves them on:
// taking them off (`this.off()`, `this.removeAllListeners()`) stops such
// a loop at its next run.
func ownEventHandler(p *analyzer.Pass, o *lifecycle.Owner, emit syntax.Node, accept func(syntax.Node) bool) syntax.Node {
	recv, method := astutil.Method(emit)
	if !apis.EmitMethod(method) || !ownThis(p, o, recv) {
		return syntax.Node{}
	}
	ev, ok := firedEvent(emit, method)
	if !ok {
		return syntax.Node{}
	}
	var found syntax.Node
	o.Class.Walk(func(n syntax.Node) bool {
		if found.Valid() {
			return false
		}
		if n.Kind() != "call_expression" {
			return true
		}
		r, m := astutil.Method(n)
		if !apis.LastingListenMethod(m) || !ownThis(p, o, r) {
			return true
		}
		if name, ok := astutil.StringValue(astutil.Arg(n, 0)); !ok || name != ev {
			return true
		}
		h := scope.Unwrap(astutil.Arg(n, 1))
		if !scope.IsFunction(h) {
			h = functionOf(p, o, h)
		}
		if h.Valid() && accept(h) {
			found = h
		}
		return true
	})
	if !found.Valid() || p.Life.FindInTeardown(o, func(n syntax.Node) bool {
		r, m := astutil.Method(n)
		return n.Kind() == "call_expression" && apis.UnlistenMethod(m) && ownThis(p, o, r)
	}).Valid() {
		return syntax.Node{}
	}
	return found
}

// ownThis reports a receiver that is the owning class's own `this`.
func ownThis(p *analyzer.Pass, o *lifecycle.Owner, recv syntax.Node) bool {
	recv = scope.Unwrap(recv)
	return o.Class.Valid() && recv.Kind() == "this" && p.Scope.ThisOwner(recv).Index() == o.Class.Index()
}

// firedEvent returns the name of the event an emit call fires: its first
// argument, or for dispatchEvent the name given to the event it makes
// (`new Event("stale")`, `new CustomEvent("stale", {...})`).
func firedEvent(emit syntax.Node, method string) (string, bool) {
	arg := scope.Unwrap(astutil.Arg(emit, 0))
	if method == "dispatchEvent" {
		if arg.Kind() != "new_expression" {
			return "", false
		}
		arg = astutil.Arg(arg, 0)
	}
	return astutil.StringValue(arg)
}
