// This file writes listener-added-per-call's fixes: once(), removal at
// the end of the call, moving the registration out of the loop.

package listeners

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/leakwatch/leakwatch/rules/internal/repeats"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

func (v *perCall) fixes(a call, r *repeats.Repeat, settles bool) []analyzer.Fix {
	var out []analyzer.Fix
	if agentSocket(v.p, a.target) {
		// A pooled socket: once() still leaves one listener per request
		// on it until the event fires, which may be never.
		return nil
	}
	if r.Kind == repeats.Call && !repeats.ReturnsPromise(r.Node) {
		// An exported per-instance setup: the listener must last as long
		// as the instance, and only the code that knows its end can
		// remove it; once() would cut it off after one event.
		return nil
	}
	if settles {
		if f, ok := v.onceFix(a, siblingWaits(a) == 1); ok {
			out = append(out, f)
		}
		return out
	}
	if r.EndObj != "" && r.EndParam != nil {
		if f, ok := v.removeAtEndFix(a, r); ok {
			out = append(out, f)
		}
	}
	if r.Kind == repeats.Loop && r.Node.Valid() && !r.ByRef {
		if f, ok := v.moveOutOfLoopFix(a, r); ok {
			out = append(out, f)
		}
	}
	if ev, _ := astutil.StringValue(a.event); len(out) == 0 && !processEndEvents[ev] {
		if f, ok := v.onceFix(a, false); ok {
			out = append(out, f)
		}
	}
	return out
}

// onceFix turns on() into once() (jQuery: one()), or passes
// { once: true } to addEventListener.
func (v *perCall) onceFix(a call, safe bool) (analyzer.Fix, bool) {
	p := v.p
	b := fixgen.New(p)
	if a.style == DOM {
		if ev, _ := astutil.StringValue(a.event); ev == "abort" {
			// A signal aborts at most once: { once: true } changes
			// nothing, and the listeners still pile up until it does.
			return analyzer.Fix{}, false
		}
		opts := scope.Unwrap(a.options)
		switch {
		case !opts.Valid():
			b.Insert(a.handler.End(), ", { once: true }")
		case opts.Kind() == "true":
			b.Replace(opts, "{ capture: true, once: true }")
		case opts.Kind() == "false":
			b.Replace(opts, "{ once: true }")
		case opts.Kind() == "object":
			props := opts.Children()
			if len(props) == 0 {
				b.Replace(opts, "{ once: true }")
			} else {
				b.Insert(props[len(props)-1].End(), ", once: true")
			}
		default:
			return analyzer.Fix{}, false
		}
		return b.Fix("Pass { once: true } so the listener removes itself after it fires", safe), true
	}
	// mitt and nanoevents have no once().
	if noOnceLib.MatchString(p.Tree.Src) {
		return analyzer.Fix{}, false
	}
	method := "once"
	switch {
	case jQueryValue(p, a.target):
		method = "one"
	case a.method == "prependListener":
		method = "prependOnceListener"
	}
	b.Replace(astutil.Callee(a.node), method)
	return b.Fix(fmt.Sprintf("Listen with %s() so the listener removes itself after it fires", method), safe), true
}

// removeAtEndFix removes the listener when the request or connection ends:
// `res.on("close", () => bus.off("x", handler))` after the registration,
// hoisting an inline handler into a constant first.
func (v *perCall) removeAtEndFix(a call, r *repeats.Repeat) (analyzer.Fix, bool) {
	p := v.p
	if scope.Unwrap(a.target).Index() != unwrapJQuery(a.target).Index() {
		return analyzer.Fix{}, false
	}
	st := astutil.Statement(a.node)
	if !st.Valid() || st.Parent().Kind() != "statement_block" || scope.Unwrap(st.Child(0)).Index() != a.node.Index() {
		return analyzer.Fix{}, false
	}
	root := strings.SplitN(r.EndObj, ".", 2)[0]
	if p.Scope.ScopeOf(a.node).Lookup(root) != r.EndParam {
		return analyzer.Fix{}, false
	}
	if a.nullRemoval {
		return analyzer.Fix{}, false // d3's on(type, null) would take off every run's listener
	}
	b := fixgen.New(p)
	handler := a.handler.Text()
	if h := scope.Unwrap(a.handler); scope.IsFunction(h) || h.Kind() == "call_expression" {
		name := fixgen.UniqueName(p, a.node, syntax.Node{}, "handle"+pascal(a.event))
		b.InsertBefore(st, "const "+name+" = "+h.Text())
		b.Replace(a.handler, name)
		handler = name
	}
	args := a.event.Text() + ", " + handler
	if a.style == DOM && capture(a.options) {
		args += ", true"
	}
	q := string(astutil.QuoteChar(p.Tree))
	if ev := scope.Unwrap(a.event); ev.Kind() == "string" {
		q = ev.Text()[:1]
	}
	stmt := fmt.Sprintf("%s.on(%s%s%s, () => %s.%s(%s))%s", r.EndObj, q, r.EndEvent, q,
		a.target.Text(), removerFor(a), args, b.Style.Semi)
	b.Insert(lineEndAfter(p.Tree.Src, st.End()), "\n"+astutil.Indent(p.Tree.Src, st.Start())+stmt)
	title := "Remove the listener when the request ends"
	if r.Kind == repeats.Connection {
		title = "Remove the listener when the connection closes"
	}
	return b.Fix(title, false), true
}

// lineEndAfter returns where a new line can follow the statement ending at
// off: after a trailing line comment, so the comment stays with its
// statement.
func lineEndAfter(src string, off int) int {
	eol := strings.IndexByte(src[off:], '\n')
	if eol < 0 {
		eol = len(src) - off
	}
	rest := strings.TrimSpace(src[off : off+eol])
	if rest == "" || strings.HasPrefix(rest, "//") {
		return off + len(strings.TrimRight(src[off:off+eol], " \t\r"))
	}
	return off
}

// moveOutOfLoopFix moves a registration that does not depend on the
// iteration in front of the loop, so it is made once.
func (v *perCall) moveOutOfLoopFix(a call, r *repeats.Repeat) (analyzer.Fix, bool) {
	p := v.p
	src := p.Tree.Src
	st := astutil.Statement(a.node)
	if !st.Valid() || st.Parent().Parent().Index() != r.Node.Index() || scope.Unwrap(st.Child(0)).Index() != a.node.Index() {
		return analyzer.Fix{}, false
	}
	loopStmt := r.Node
	if scope.IsFunction(loopStmt) {
		loopStmt = astutil.Statement(loopStmt) // items.forEach(...)
	}
	if !loopStmt.Valid() || !loopStmt.Parent().Is("program", "statement_block") {
		return analyzer.Fix{}, false
	}
	// Moved out, the call must not be repeated by anything further out.
	if v.repeats.Around(loopStmt) != nil {
		return analyzer.Fix{}, false
	}
	lineStart := strings.LastIndexByte(src[:st.Start()], '\n') + 1
	if strings.TrimSpace(src[lineStart:st.Start()]) != "" {
		return analyzer.Fix{}, false
	}
	eol := strings.IndexByte(src[st.End():], '\n')
	if eol < 0 {
		return analyzer.Fix{}, false
	}
	eol += st.End()
	moved := strings.TrimRight(src[st.Start():eol], " \t\r")
	from := astutil.Indent(src, st.Start())
	to := astutil.Indent(src, loopStmt.Start())
	lines := strings.Split(moved, "\n")
	for i := 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], from) {
			lines[i] = to + lines[i][len(from):]
		}
	}
	b := fixgen.New(p)
	b.Insert(loopStmt.Start(), strings.Join(lines, "\n")+"\n"+to)
	b.Edits = append(b.Edits, analyzer.Edit{Start: lineStart, End: eol + 1})
	return b.Fix("Add the listener once, before the loop", false), true
}

// processEndEvents fire at most once, when the program ends: once() would
// not remove a listener any sooner.
var processEndEvents = map[string]bool{
	"exit": true, "beforeExit": true, "SIGINT": true, "SIGTERM": true, "SIGHUP": true,
	"SIGUSR2": true, "uncaughtException": true, "unload": true, "beforeunload": true,
}

var noOnceLib = regexp.MustCompile(`["'](mitt|nanoevents|tiny-emitter)["']`)
