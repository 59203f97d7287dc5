package timers

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// NotCleared is timer-not-cleared.
var NotCleared = &analyzer.Rule{
	ID:         "timer-not-cleared",
	Severity:   analyzer.SeverityWarning,
	Kinds:      []string{"call_expression"},
	APIs:       timerAPIs,
	Needles:    apis.Builtin().Needles(timerAPIs),
	NeedsOwner: true,
	// The end path of an entity's interval (end_path.go) needs no owner,
	// only a deletion from the collection that holds the entity.
	OwnerlessNeedles: []string{"delete"},
	New: func(p *analyzer.Pass) analyzer.Visitor {
		return &notCleared{p: p, loops: make(map[int]bool)}
	},
	Doc: analyzer.Doc{
		Title: "Interval, re-arming timeout or animation-frame loop never cleared",
		Text: `A timer keeps its callback alive until it is cleared, and the callback keeps alive
everything it closes over: the component, its props and state, the DOM it renders to.
setInterval fires until clearInterval; a setTimeout that schedules its own function
again, and a requestAnimationFrame callback that requests itself (also through a
wrapper such as raf or rc-util's raf, cancelled with raf.cancel(id), or the project's
own raf helper: a raf export of a relative module named raf), run forever the
same way. So does a timeout whose callback fires an event of the owner's own
(this.emit("stale"), this.trigger("stale"), this.dispatchEvent(new Event("stale"))) when the
owner's lasting handler for that event (this.on("stale", ...)) arms the timeout again. When a React effect, a class component, an Angular, Vue, Svelte or Lit component,
or any class with a teardown method (dispose, destroy, stop, ...) starts one, its
teardown must stop it; otherwise every mount adds a timer that keeps running, keeps
the unmounted component in memory and keeps doing its work (polling, animating,
calling setState on nothing). A re-arming loop that a React function component starts
from a handler (a hold-to-repeat chain begun on mousedown) is the component's: only
the cleanup an effect returns, or an unmount hook (useUnmount), stops it when the
component unmounts mid-loop. Such a finding has no fix: an effect's cleanup sees the
variables of the render that made it, so where the id is kept is the developer's call.

Outside components, an interval kept on an entity that a handler files in a long-lived
collection (data.timer = setInterval(...); replyHash[data.uuid] = data) is reported when
the file deletes entities from that collection (delete replyHash[uuid], map.delete(id))
and no function that does clears an interval: that is the entity's end path.

In an owner, an interval whose id is stored over further down the same code before
anything clears it (feed = setInterval(...) twice in a row) is reported whatever the
teardown clears: only the last id is left, and the first interval can never be stopped.

A one-shot setTimeout is not reported, nor are timers started at module top level
(they live as long as the program) or in other plain functions outside any owner.`,
		Accepts: []string{
			"clearInterval / clearTimeout / cancelAnimationFrame (also window., globalThis. and Node timers forms) on the stored id in the owner's teardown, directly or through a method or local function it calls",
			"the id stored in a variable, a class member (this.timer), a ref (timerRef.current) or a collection (this.timers.push(id), timers[key] = id) that the teardown clears, iterates or passes to a helper; also under a key of component state (this.setState({ timer: id }), state = { timer: id }) cleared as this.state.timer; a Vue ref's value (timer.value = setInterval(...)) also cleared through Vue's unwrappers, clearInterval(unref(timer)) or clearInterval(toValue(timer))",
			"for a re-arming setTimeout or requestAnimationFrame loop (also one split over two methods, start() scheduling tick() which calls start(), and one in a helper the component declares and calls only from one effect): the latest id stored on every re-arm and cleared in the teardown, or (for a loop through the owner's own event) the teardown taking the owner's handlers off (this.off(...), this.removeAllListeners()), or a flag the loop checks (if (!this.running) return) that the teardown sets, or an AbortSignal the loop checks whose controller the teardown aborts",
			"an interval in a field that the teardown clears through the field's name, taken from a list of string literals written in the loop or in a const: for (const name of [\"_poll\", \"_ping\"]) clearInterval(this[name]), or NAMES.forEach((name) => clearInterval(this[name]))",
			"an interval that clears itself from its own callback (clearInterval(id) inside the callback)",
			"a clear handed to someone else to run later: a sibling unmount effect (useEffect(() => () => clearInterval(timer.current), [])), useUnmount(...), a stop function returned to the caller, a disposer pushed into a collection the teardown runs",
			"a loop that stops on its own: the re-arm is guarded by a comparison of something that changes from run to run, a value the loop computes, is handed or raises itself (if (progress < 1) requestAnimationFrame(step), if (attempt < max) setTimeout(retry, delay)); a comparison of values the loop leaves alone (if (this.count > 1) for an autoplay carousel) is no end, also one given a name: a constant Vue computed read as .value or an arrow function called bare whose body is the comparison (const gaveUp = computed(() => tries.value >= MAX); if (!gaveUp.value) setTimeout(connect, 1000)); a computed that compares nothing is a flag and stays reported; or a loop that drains a queue, re-arming only when it took an element out of it on this run (const message = this.messages.shift(); if (message) setTimeout(show, delay))",
			"a poll that re-arms only while the status it fetched on this run says its job is under way: a field or value named running, pending, processing, in_progress, queued or busy, read from the then() callback's parameter, an await, or where the loop stored it (api.log(id).then((log) => { if (log.running) setTimeout(poll, 1000) }), switch (res.status) { case \"running\": ... }); it ends with the job. A success flag (if (res.ok)) or a flag nothing fetched is no end",
			"a poll that settles the promise it was started in and re-arms only on the branch that does not (new Promise((resolve) => { const check = () => { if (done()) resolve(); else requestAnimationFrame(check) }; check() })): it ends when what it waits for does, and code awaits that end",
			"an id returned to the caller (start() { return setInterval(...) }), who then owns it",
			"Vue 2 this.$once(\"hook:beforeDestroy\", () => clearInterval(id))",
			"a class the file creates once for the program's life, whose timers last as long: at load (export const clock = new Clock()) or by a get-or-create guard (if (!instance) instance = new C(), C.instance ??= new C(), or a static start() that returns early when C.instance is set, then stores a new C() in it, directly or through a local)",
		},
		Bad: analyzer.Example{Path: "Clock.jsx", Code: `import { useEffect, useState } from "react";

export function Clock() {
  const [now, setNow] = useState(new Date());
  useEffect(() => {
    setInterval(() => setNow(new Date()), 1000);
  }, []);
  return <time>{now.toLocaleTimeString()}</time>;
}
`},
		Good: analyzer.Example{Path: "Clock.jsx", Code: `import { useEffect, useState } from "react";

export function Clock() {
  const [now, setNow] = useState(new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  return <time>{now.toLocaleTimeString()}</time>;
}
`},
	},
}

type notCleared struct {
	p *analyzer.Pass
	// loops holds the re-arming functions already reported, so a loop
	// that re-arms from two branches is one finding.
	loops map[int]bool
}

func (v *notCleared) Visit(n syntax.Node) {
	fn := timerCall(v.p, n)
	if fn == "" || v.p.Life.RunsAtLoad(n) && !inInstanceField(n) {
		return
	}
	o := v.p.Life.OwnerOf(n)
	if o == nil {
		o = v.p.Life.HelperOwner(n)
	}
	if o == nil && !repeating(fn) {
		// A loop a React component's handler starts (a hold-to-repeat
		// chain) runs until it stops itself or the component's unmount
		// cleanup stops it.
		o = v.p.Life.ReactComponentOwner(n)
	}
	if o == nil {
		if repeating(fn) {
			v.checkEndPath(n)
		}
		return
	}
	if repeating(fn) {
		v.checkInterval(n, o)
		return
	}
	v.checkLoop(n, fn, o)
}

// checkInterval reports an interval whose id is thrown away, or kept but
// never cleared.
func (v *notCleared) checkInterval(call syntax.Node, o *lifecycle.Owner) {
	p := v.p
	held, chained := heldID(p, o, call, false)
	switch held.Kind {
	case "returned", "unknown":
		return
	case "stored":
		if next := replacedUncleared(p, o, call, held); next.Valid() {
			msg := fmt.Sprintf("setInterval stored in %s is replaced at line %d before anything clears it, so this interval can never be stopped; clear it before storing the next one, or start only one",
				held.Name(), astutil.Line(next))
			v.p.Report(analyzer.Diagnostic{Start: astutil.Callee(call).Start(), End: call.End(), Message: msg,
				Related: []analyzer.Related{{Start: next.Start(), End: next.End(), Message: "the id is stored over here"}}})
			return
		}
		if cleanup.Released(p, o, held.Keys).Valid() || clearedByName(p, o, held.Keys) || clearsItself(p, o, call, held.Keys) || clearedInFinally(p, call, held.Keys) ||
			cleanup.HandedOutRelease(p, cleanup.Surroundings(o), held.Keys, liveCancel(p)).Valid() {
			return
		}
	}
	var msg string
	if held.Kind == "discarded" {
		msg = fmt.Sprintf("setInterval keeps running after %s ends: its id is thrown away, so nothing can clear it; store the id and call clearInterval on it %s",
			o.Ends(), cleanup.WhereClause(o))
	} else {
		name := held.Name()
		if text, ok := fixgen.InstanceText(p, o, held.Holder); ok {
			name = text // the teardown reaches self.timer as this.timer
		}
		msg = fmt.Sprintf("setInterval stored in %s keeps running after %s ends; call clearInterval(%s) %s",
			held.Name(), o.Ends(), name, cleanup.WhereClause(o))
		if h := held.Holder; h.Kind() == "identifier" && !fixgen.Visible(p, fixgen.CleanupScope(o), h) {
			msg = fmt.Sprintf("setInterval keeps running after %s ends: only the local %s holds its id, out of the teardown's reach; keep the id on the instance and call clearInterval on it %s",
				o.Ends(), h.Text(), cleanup.WhereClause(o))
		}
		if !held.Holder.Valid() && held.Path == "" {
			msg = fmt.Sprintf("setInterval keeps running after %s ends: the collection that holds its id is never cleared; call clearInterval on each id %s",
				o.Ends(), cleanup.WhereClause(o))
		}
	}
	d := v.diagnostic(call, o, msg)
	if !chained && p.WantsFixes() {
		d.Fixes = intervalFixes(p, call, o, held)
	}
	p.Report(d)
}

// checkLoop reports a setTimeout or requestAnimationFrame that schedules
// the function it is called from again, when nothing stops that loop.
func (v *notCleared) checkLoop(call syntax.Node, fn string, o *lifecycle.Owner) {
	p := v.p
	loop := rearmed(p, o, call)
	if !loop.Valid() || v.loops[loop.Index()] {
		return
	}
	if loopStops(p, o, loop, call) {
		return
	}
	held, _ := heldID(p, o, call, true)
	switch held.Kind {
	case "unknown":
		return
	case "stored":
		if cleanup.Released(p, o, held.Keys).Valid() || cleanup.HandedOutRelease(p, cleanup.Surroundings(o), held.Keys, liveCancel(p)).Valid() {
			return
		}
	}
	v.loops[loop.Index()] = true
	name := anonymous
	if n := lifecycle.NameOf(loop, 0); n != "" {
		name = n + "()"
	} else if !loop.Contains(call) {
		// An inline handler the loop runs through (an own event's): the
		// function that armed the timer is the one it calls again.
		if n := lifecycle.NameOf(astutil.EnclosingFunction(call), 0); n != "" {
			name = n + "()"
		}
	}
	var msg string
	own := ownFrameHelper(p, call)
	if fn == "requestAnimationFrame" {
		cancel := cancelFor(p, call, fn)
		if own {
			cancel = "the cancel function of " + astutil.Callee(call).Text() + "'s module"
		}
		msg = fmt.Sprintf("requestAnimationFrame loop in %s keeps running after %s ends; keep the latest frame id and call %s on it (or set a stop flag the loop checks) %s",
			name, o.Ends(), cancel, cleanup.WhereClause(o))
	} else if held.Kind == "stored" && held.Holder.Valid() && fixgen.Visible(p, fixgen.CleanupScope(o), held.Holder) {
		// The loop already keeps its latest id where the teardown can
		// read it (this.openTimeout = setTimeout(...)): say so.
		msg = fmt.Sprintf("setTimeout re-arms %s on every run, so the loop keeps running after %s ends; %s holds the latest timeout id: call clearTimeout(%s) %s",
			name, o.Ends(), held.Name(), held.Name(), cleanup.WhereClause(o))
	} else {
		msg = fmt.Sprintf("setTimeout re-arms %s on every run, so the loop keeps running after %s ends; keep the latest timeout id and call clearTimeout on it (or set a stop flag the loop checks) %s",
			name, o.Ends(), cleanup.WhereClause(o))
	}
	d := v.diagnostic(call, o, msg)
	// A project's own frame helper has its own cancel, which no fix
	// knows: cancelAnimationFrame would miss the timeout it falls back to.
	if p.WantsFixes() && !own && !o.Follows().Cleanup.None {
		d.Fixes = loopFixes(p, o, call, fn, loop)
		if d.Fixes == nil {
			d.Fixes = twoMethodFixes(p, o, call, fn, loop)
		}
	}
	p.Report(d)
}

func (v *notCleared) diagnostic(call syntax.Node, o *lifecycle.Owner, msg string) analyzer.Diagnostic {
	return analyzer.Diagnostic{Start: astutil.Callee(call).Start(), End: call.End(), Message: msg,
		Related: []analyzer.Related{cleanup.Where(o)}}
}

// liveCancel is cancels, except in the cleanup an async callback returns,
// which never runs.
func liveCancel(p *analyzer.Pass) func(syntax.Node) bool {
	return func(use syntax.Node) bool { return !p.Life.InLostCleanup(use) && cancels(use) }
}

// cancels vets a use of a stored id in a function handed out to run later:
// it must be cancelled there (clearTimeout(t.current), timers.forEach(...)),
// not merely mentioned (console.debug("stopped", id)).
func cancels(use syntax.Node) bool {
	parent := use.Parent()
	for parent.Kind() == "parenthesized_expression" || parent.Kind() == "non_null_expression" || parent.Kind() == "as_expression" {
		parent = parent.Parent()
	}
	switch parent.Kind() {
	case "arguments":
		name := astutil.MethodName(parent.Parent())
		return strings.HasPrefix(name, "clear") || strings.HasPrefix(name, "cancel")
	case "subscript_expression":
		return cancels(parent)
	}
	return true // a method called on it or iterating it
}

// clearedInFinally reports an interval started in a try block whose
// finally clears it: it spans the awaited work and ends with it, whatever
// happens to the owner.
func clearedInFinally(p *analyzer.Pass, call syntax.Node, keys []string) bool {
	for try := call.Ancestor("try_statement"); try.Valid(); try = try.Ancestor("try_statement") {
		fin := try.Get("finalizer")
		if !try.Get("body").Contains(call) || !fin.Valid() {
			continue
		}
		found := false
		fin.Walk(func(n syntax.Node) bool {
			if n.Kind() == "call_expression" && strings.HasPrefix(astutil.MethodName(n), "clear") {
				k := p.Scope.Key(astutil.Arg(n, 0))
				for _, want := range keys {
					found = found || k != "" && k == want
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// region is the code an owner runs: its setup function, or its class or
// options object.
func region(o *lifecycle.Owner) syntax.Node {
	if o.Setup.Valid() {
		return o.Setup
	}
	return o.Node
}

// heldID follows a timer id. chained is set for `setInterval(...).unref()`,
// whose id is thrown away too but cannot be stored by prefixing the call.
// An id returned from a callback is thrown away when the callback is the
// owner's setup (an effect must return a cleanup function, not an id) or
// when the timer re-arms a loop (the promise or emitter that called the
// callback does not keep it).
func heldID(p *analyzer.Pass, o *lifecycle.Owner, call syntax.Node, rearm bool) (h cleanup.Held, chained bool) {
	if m := call.Parent(); m.Kind() == "member_expression" && call.Field() == "object" {
		switch m.Get("property").Text() {
		case "unref", "ref":
			if c := m.Parent(); c.Kind() == "call_expression" {
				return cleanup.HeldBy(p, c), true
			}
		}
	}
	h = cleanup.HeldBy(p, call)
	if h.Kind == "unknown" && astutil.UseOf(call).Kind == "returned" {
		if fn := astutil.EnclosingFunction(call); rearm || fn.Index() == o.Setup.Index() {
			h.Kind = "discarded"
		}
	}
	return h, false
}

// clearsItself reports an interval that clears its own id from its
// callback, directly or through a function of this file the callback calls
// (`if (width > max) stop()`): it stops on its own.
func clearsItself(p *analyzer.Pass, o *lifecycle.Owner, call syntax.Node, keys []string) bool {
	cb := functionOf(p, o, astutil.Arg(call, 0))
	if !cb.Valid() {
		return false
	}
	want := make(map[string]bool)
	for _, k := range keys {
		want[k] = true
	}
	return clears(p, o, cb, want, 1)
}

// clears reports fn releasing one of the ids in want, looking depth calls
// deep into the functions of this file it calls.
func clears(p *analyzer.Pass, o *lifecycle.Owner, fn syntax.Node, want map[string]bool, depth int) bool {
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		switch n.Kind() {
		case "identifier", "member_expression":
			if want[p.Scope.Key(n)] && cleanup.ReleasePosition(n) {
				found = true
			}
		case "call_expression":
			if depth > 0 {
				// A callee that starts a timer again (restart()) is no stop.
				if callee := functionOf(p, o, n.Get("function")); callee.Valid() && !callee.Contains(fn) && !startsTimer(p, callee) {
					found = clears(p, o, callee, want, depth-1)
				}
			}
		}
		return !found
	})
	return found
}

// startsTimer reports fn calling a timer function.
func startsTimer(p *analyzer.Pass, fn syntax.Node) bool {
	found := false
	fn.Walk(func(n syntax.Node) bool {
		found = found || timerCall(p, n) != ""
		return !found
	})
	return found
}

// functionOf resolves an expression to the function it denotes in this
// file: an inline function, a local function, `this.method` (also bound
// with .bind(...)) of the owner's class or options object. A name given
// another value later denotes none: the timer may run something else.
func functionOf(p *analyzer.Pass, o *lifecycle.Owner, e syntax.Node) syntax.Node {
	return p.Life.FunctionDenoted(e, o, lifecycle.FollowBind)
}

// rearmed returns the function that call schedules again from inside
// itself: `setTimeout(poll, 1000)` in poll, `requestAnimationFrame(this.loop)`
// in loop, `setTimeout(() => this.poll(), 1000)` in poll. It returns the
// zero Node for a one-shot timer.
func rearmed(p *analyzer.Pass, o *lifecycle.Owner, call syntax.Node) syntax.Node {
	if loop := scheduled(p, o, call, func(fn syntax.Node) bool { return fn.Contains(call) }); loop.Valid() {
		return loop
	}
	return rearmedThrough(p, o, call)
}

// scheduled returns the function a timer call runs, directly or through an
// inline callback that calls it, when accept agrees.
func scheduled(p *analyzer.Pass, o *lifecycle.Owner, call syntax.Node, accept func(syntax.Node) bool) syntax.Node {
	cb := scope.Unwrap(astutil.Arg(call, 0))
	if !cb.Valid() {
		return syntax.Node{}
	}
	if f := functionOf(p, o, cb); f.Valid() && !cb.Contains(f) && accept(f) {
		return f
	}
	if !scope.IsFunction(cb) {
		return syntax.Node{}
	}
	// An inline callback that calls the function: () => this.poll().
	var found syntax.Node
	body := cb.Get("body")
	body.Walk(func(n syntax.Node) bool {
		if found.Valid() {
			return false
		}
		if n.Index() != body.Index() && scope.IsFunction(n) {
			return false
		}
		if n.Kind() == "call_expression" {
			if f := functionOf(p, o, n.Get("function")); f.Valid() && !scope.IsFunction(scope.Unwrap(n.Get("function"))) && accept(f) {
				found = f
			} else if h := ownEventHandler(p, o, n, accept); h.Valid() {
				found = h // () => this.emit("stale"), with this.on("stale", () => this.poll())
			}
		}
		return true
	})
	return found
}

// stoppedByFlag reports a loop that checks a condition the teardown
// changes: `if (!this.running) return` with `this.running = false`,
// `if (cancelled) return` with `cancelled = true`, `signal.aborted` with
// `controller.abort()`.
func stoppedByFlag(p *analyzer.Pass, o *lifecycle.Owner, loop syntax.Node) bool {
	keys := make(map[string]bool)
	aborted := false
	collect := func(cond syntax.Node) {
		cond.Walk(func(n syntax.Node) bool {
			switch n.Kind() {
			case "identifier", "member_expression", "subscript_expression":
				if k := p.Scope.Key(n); k != "" {
					keys[k] = true
				}
				if n.Kind() == "member_expression" && n.Get("property").Text() == "aborted" {
					aborted = true
				}
			}
			return true
		})
	}
	loop.Walk(func(n syntax.Node) bool {
		switch n.Kind() {
		case "if_statement", "while_statement", "do_statement", "ternary_expression":
			collect(n.Get("condition"))
		case "binary_expression":
			switch n.Get("operator").Text() {
			case "&&", "||", "??":
				collect(n.Get("left"))
			}
		}
		return true
	})
	if len(keys) == 0 {
		return false
	}
	return p.Life.FindInTeardown(o, func(n syntax.Node) bool {
		switch n.Kind() {
		case "assignment_expression", "augmented_assignment_expression":
			return keys[p.Scope.Key(n.Get("left"))]
		case "update_expression":
			return keys[p.Scope.Key(n.Get("argument"))]
		case "call_expression":
			return aborted && astutil.MethodName(n) == "abort"
		}
		return false
	}).Valid()
}

// finite reports a loop that stops on its own: it compares something
// before re-arming (`if (progress < 1) requestAnimationFrame(step)`,
// `if (attempt >= max) return`), as finite animations and bounded retries
// do, or it asks whether work is left (`if (buffer.length === 0) return`,
// `if (!queue.size) return`, `const next = queue.shift(); if (next)`), as
// a loop that drains a buffer a step at a time does. The comparison may
// have a name of its own (`const exhausted = computed(() => retries.value
// >= MAX)` checked as `!exhausted.value`, see namedLimit). Precision first: such a loop may outlive its owner briefly,
// but it does not run forever.
func finite(p *analyzer.Pass, loop syntax.Node) bool {
	found := false
	var check func(cond syntax.Node, depth int)
	check = func(cond syntax.Node, depth int) {
		cond.Walk(func(n syntax.Node) bool {
			switch n.Kind() {
			case "binary_expression":
				switch n.Get("operator").Text() {
				case "<", ">", "<=", ">=":
					found = advances(p, loop, n.Get("left")) || advances(p, loop, n.Get("right"))
				case "===", "==", "!==", "!=":
					found = isCount(n.Get("left")) && n.Get("right").Text() == "0" ||
						isCount(n.Get("right")) && n.Get("left").Text() == "0"
					if op := n.Get("operator").Text(); !found && (op == "===" || op == "==") {
						found = jobStatus(p, loop, n.Get("left"), n.Get("right")) || jobStatus(p, loop, n.Get("right"), n.Get("left"))
					}
				}
			case "unary_expression":
				found = n.Get("operator").Text() == "!" && isCount(n.Get("argument"))
			case "identifier", "member_expression", "call_expression":
				if n.Kind() == "identifier" && takenFrom(p, loop, n) {
					found = true // const next = queue.shift(); if (next) ...
					break
				}
				if n.Kind() == "member_expression" && apis.JobUnderway(n.Get("property").Text()) && fetched(p, loop, n.Get("object"), 0) {
					found = true // api.log(id).then((log) => { if (log.running) ... })
					break
				}
				if depth == 0 {
					if limit := namedLimit(p, n); limit.Valid() {
						check(limit, depth+1)
					}
				}
			}
			return !found
		})
	}
	loop.Walk(func(n syntax.Node) bool {
		switch n.Kind() {
		case "if_statement", "while_statement", "do_statement", "ternary_expression":
			check(n.Get("condition"), 0)
		case "switch_statement":
			found = jobSwitch(p, loop, n)
		case "binary_expression":
			if op := n.Get("operator").Text(); op == "&&" || op == "||" {
				check(n.Get("left"), 0)
			}
		}
		return !found
	})
	return found
}

// jobStatus reports value === lit where value is a status the loop fetched
// on this run and lit a string saying the job is under way
// (`status.state === "running"`).
func jobStatus(p *analyzer.Pass, loop, value, lit syntax.Node) bool {
	word, ok := astutil.StringValue(lit)
	return ok && apis.JobUnderway(word) && fetched(p, loop, value, 0)
}

// jobSwitch reports a switch over a status the loop fetched on this run
// with a case for a job under way (`case "running":`), the branch a poll
// re-arms in.
func jobSwitch(p *analyzer.Pass, loop, sw syntax.Node) bool {
	if !fetched(p, loop, sw.Get("value"), 0) {
		return false
	}
	for _, c := range sw.Get("body").Children() {
		if word, ok := astutil.StringValue(c.Get("value")); c.Kind() == "switch_case" && ok && apis.JobUnderway(word) {
			return true
		}
	}
	return false
}

// fetchDepth bounds how far fetched follows locals and stored values.
const fetchDepth = 3

// fetched reports a value the loop got on this run from a request, or a
// part of one: a parameter of the callback it hands to then()
// (`api.log(id).then((log) => ...)`), an await (`const res = await
// query()`), a local set from a call given either (`_get(res, "data")`),
// or where the loop stored one (`exportLog.value = log`, read back as
// exportLog.value.running). A poll that re-arms only while such a status
// says its job is under way ends with the job.
func fetched(p *analyzer.Pass, loop, v syntax.Node, depth int) bool {
	if depth > fetchDepth {
		return false
	}
	v = scope.Unwrap(v)
	for v.Kind() == "member_expression" || v.Kind() == "subscript_expression" {
		if k := p.Scope.Key(v); k != "" && storedFetched(p, loop, k, depth) {
			return true
		}
		v = scope.Unwrap(v.Get("object"))
	}
	switch v.Kind() {
	case "await_expression":
		return true
	case "call_expression":
		for _, a := range astutil.Args(v) {
			if fetched(p, loop, a, depth+1) {
				return true
			}
		}
	case "identifier":
		b := p.Scope.Resolve(v)
		if b == nil || !loop.Contains(b.Decl) {
			return storedFetched(p, loop, p.Scope.Key(v), depth)
		}
		if b.Kind == scope.Param {
			fn := astutil.EnclosingFunction(b.Decl)
			return fn.Index() != loop.Index() && thenCallback(fn)
		}
		return !b.Reassigned && b.Init.Valid() && fetched(p, loop, b.Init, depth+1)
	}
	return false
}

// storedFetched reports a key the loop assigns a fetched value to.
func storedFetched(p *analyzer.Pass, loop syntax.Node, key string, depth int) bool {
	if key == "" || !writtenKeys(p, loop)[key] {
		return false
	}
	stored := false
	loop.Walk(func(n syntax.Node) bool {
		if n.Kind() == "assignment_expression" && p.Scope.Key(n.Get("left")) == key && fetched(p, loop, n.Get("right"), depth+1) {
			stored = true
		}
		return !stored
	})
	return stored
}

// thenCallback reports a function passed as the first argument of a
// then() call: it is given what a promise settles with.
func thenCallback(fn syntax.Node) bool {
	call := astutil.CallTaking(fn)
	return astutil.MethodName(call) == "then" && astutil.Arg(call, 0) == fn
}

// takenFrom reports a local of the loop that holds an element the loop
// takes out of a collection (`const message = this.messages.shift()`,
// `let url = urls.pop()`): a condition on it asks whether work is left,
// and the loop drains the collection a step at a time.
func takenFrom(p *analyzer.Pass, loop, id syntax.Node) bool {
	b := p.Scope.Resolve(id)
	if b == nil || b.Kind == scope.Param || !loop.Contains(b.Decl) || !b.Init.Valid() {
		return false
	}
	init := scope.Unwrap(b.Init)
	if init.Kind() != "call_expression" {
		return false
	}
	recv, name := astutil.Method(init)
	return (name == "shift" || name == "pop") && recv.Valid() && len(astutil.Args(init)) == 0
}

// advances reports an operand of a loop's comparison that can differ from
// one run to the next: it calls something (Date.now(), a measurement),
// reads a parameter or a local of the loop (an animation's timestamp, a
// progress computed each run), reads what the loop itself assigns
// (attempt++, this.retries += 1), or reads a property of another object,
// which may change on its own (window.scrollY). A comparison of the
// instance's own fields the loop leaves alone (`this.count > 1` for an
// autoplay carousel) holds on every run, and the loop never stops on its
// own.
func advances(p *analyzer.Pass, loop, operand syntax.Node) bool {
	found := false
	assigned := func(key string) bool { return writtenKeys(p, loop)[key] }
	operand.Walk(func(n syntax.Node) bool {
		switch n.Kind() {
		case "call_expression", "new_expression", "await_expression":
			found = true
		case "member_expression", "subscript_expression":
			switch k := p.Scope.Key(n); {
			case k != "" && assigned(k):
				found = true
			case !instanceField(p, n):
				// A property of another object (an element's scrollTop, a
				// video's currentTime, this.state.progress) may change
				// without the loop writing it.
				found = true
			}
			return false
		case "identifier":
			b := p.Scope.Resolve(n)
			if b == nil {
				break
			}
			if _, member := p.Scope.ThisMemberCopy(b); member == "" && loop.Contains(b.Decl) {
				found = true // a parameter or a local of the loop, made again each run
			} else if k := p.Scope.Key(n); k != "" && assigned(k) {
				found = true
			}
		}
		return !found
	})
	return found
}

type writtenKeysKey struct{ fn int }

// writtenKeys returns the scope keys of what fn assigns or updates, once
// per function and file: a loop may compare many operands.
func writtenKeys(p *analyzer.Pass, fn syntax.Node) map[string]bool {
	return p.Memo(writtenKeysKey{fn.Index()}, func() any {
		keys := map[string]bool{}
		fn.Walk(func(n syntax.Node) bool {
			switch n.Kind() {
			case "assignment_expression", "augmented_assignment_expression":
				keys[p.Scope.Key(n.Get("left"))] = true
			case "update_expression":
				keys[p.Scope.Key(n.Get("argument"))] = true
			}
			return true
		})
		delete(keys, "")
		return keys
	}).(map[string]bool)
}

// instanceField reports a member of the instance itself (this.count,
// self.count after const self = this): state that changes only when code
// writes it.
func instanceField(p *analyzer.Pass, n syntax.Node) bool {
	if n.Kind() != "member_expression" {
		return false
	}
	switch obj := scope.Unwrap(n.Get("object")); obj.Kind() {
	case "this":
		return true
	case "identifier":
		return p.Scope.ThisAlias(p.Scope.Resolve(obj)).Valid()
	}
	return false
}

// namedLimit returns the expression a condition's name stands for when
// the name is a constant made to compute it: a Vue computed read through
// .value (`maxRetriesReached.value` for `computed(() => retries.value >=
// MAX_RETRIES)`), or an arrow function called bare (`exhausted()` for
// `const exhausted = () => attempts >= max`). Anything else (a variable,
// a member any code may set) gives the zero Node.
func namedLimit(p *analyzer.Pass, n syntax.Node) syntax.Node {
	var id syntax.Node
	computed := false
	switch n.Kind() {
	case "identifier":
		return syntax.Node{} // a bare name read as it is: a variable, not a computation
	case "member_expression":
		if n.Get("property").Text() != "value" {
			return syntax.Node{}
		}
		id, computed = scope.Unwrap(n.Get("object")), true
	case "call_expression":
		if len(astutil.Args(n)) > 0 {
			return syntax.Node{}
		}
		id = scope.Unwrap(n.Get("function"))
	}
	if id.Kind() != "identifier" {
		return syntax.Node{}
	}
	b := p.Scope.Resolve(id)
	if b == nil || b.Kind != scope.Const || b.Reassigned || !b.Init.Valid() {
		return syntax.Node{}
	}
	fn := scope.Unwrap(b.Init)
	if computed {
		if fn.Kind() != "call_expression" || scope.Unwrap(fn.Get("function")).Text() != "computed" {
			return syntax.Node{}
		}
		fn = scope.Unwrap(astutil.Arg(fn, 0))
	}
	if fn.Kind() != "arrow_function" {
		return syntax.Node{}
	}
	body := fn.Get("body")
	if body.Kind() != "statement_block" {
		return body
	}
	if kids := body.Children(); len(kids) == 1 && kids[0].Kind() == "return_statement" {
		return kids[0].Child(0) // { return expr }
	}
	return syntax.Node{}
}

// isCount reports an expression that counts a collection's entries:
// `buffer.length`, `this.queue.size`.
func isCount(n syntax.Node) bool {
	n = scope.Unwrap(n)
	if n.Kind() != "member_expression" {
		return false
	}
	prop := n.Get("property").Text()
	return prop == "length" || prop == "size"
}

const anonymous = "its callback"
