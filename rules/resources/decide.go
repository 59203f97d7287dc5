// This file decides whether a tracked resource is closed: on every path,
// in the owner's teardown, or by whoever it was handed to.

package resources

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// classField returns the class field whose initializer n is (not inside a
// function), or the zero Node.
func classField(n syntax.Node) syntax.Node {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if scope.IsFunction(p) {
			return syntax.Node{}
		}
		if p.Is("public_field_definition", "field_definition") {
			if p.HasToken("static") || p.Parent().Kind() != "class_body" {
				return syntax.Node{}
			}
			return p
		}
	}
	return syntax.Node{}
}

// checkField handles `ws = new WebSocket(url)` as a class field: the
// instance keeps it, and an owner must close it in its teardown.
func (v *notClosed) checkField(a acquisition, field syntax.Node) {
	p := v.p
	class := field.Parent().Parent()
	var o *lifecycle.Owner
	// The lifecycle model finds owners from functions; ask it about a
	// method that is not a teardown.
	for _, m := range class.Get("body").Children() {
		if m.Kind() == "method_definition" {
			if o = p.Life.OwnerOf(m.Get("body")); o != nil {
				break
			}
		}
	}
	if o == nil || scope.Unwrap(field.Get("value")).Index() != a.node.Index() {
		return
	}
	name := field.Get("name")
	if !name.Valid() {
		name = field.Get("property")
	}
	key := fmt.Sprintf("this@%d.%s", class.Index(), name.Text())
	if v.closedInTeardown(o, key) {
		return
	}
	target := "this." + name.Text()
	v.reportOwner(a, o, target, target, true, syntax.Node{})
}

// decideStored handles a resource kept in a member or an outer variable:
// inside an owner the teardown must close it; elsewhere it is kept for
// later and we cannot follow it.
func (v *notClosed) decideStored(a acquisition, o *lifecycle.Owner, holder syntax.Node) {
	if o == nil && !a.checkout {
		if fn, ok := v.getterReopens(a, holder); ok {
			v.reportGetterReopens(a, fn, holder)
		}
		return
	}
	if o == nil || a.checkout && !a.evidence {
		return
	}
	p := v.p
	key := p.Scope.Key(holder)
	if holder.Is("public_field_definition", "field_definition") {
		return // handled by checkField
	}
	if key == "" {
		return
	}
	if v.closedInTeardown(o, key) {
		if fn, live := v.overwritesLive(a, o, holder); live {
			v.reportOverwrite(a, fn, holder)
		}
		return
	}
	// Kept in a variable of the owner's own setup (let ws; ... ws = new
	// WebSocket()) and closed there: the close is found through the
	// variable's references.
	if id := scope.Unwrap(holder); id.Kind() == "identifier" {
		if b := p.Scope.Resolve(id); b != nil {
			for _, r := range p.Scope.References(b) {
				if m := parentSkipping(r, "parenthesized_expression", "non_null_expression"); m.Kind() == "member_expression" && closers[m.Get("property").Text()] {
					return
				}
			}
		}
	}
	target := holder.Text()
	plain := inSetupHook(a.node, o) && !optionalField(o, holder)
	v.reportOwner(a, o, target, target, plain, holder)
}

// inSetupHook reports creations that certainly run before the owner's
// teardown (in a constructor, componentDidMount, ngOnInit, mounted,
// connectedCallback, an effect), so the teardown needs no `?.`.
func inSetupHook(n syntax.Node, o *lifecycle.Owner) bool {
	if o.Setup.Valid() {
		fn := astutil.EnclosingFunction(n)
		return fn.Index() == o.Setup.Index() || !fn.Valid() && o.Setup.Kind() == "program"
	}
	fn := astutil.EnclosingFunction(n)
	if fn.Kind() != "method_definition" {
		return false
	}
	switch fn.Get("name").Text() {
	case "constructor", "componentDidMount", "ngOnInit", "ngAfterViewInit", "mounted", "created",
		"beforeMount", "connectedCallback", "firstUpdated", "setup":
		st := astutil.Statement(n)
		return st.Valid() && st.Parent().Index() == fn.Get("body").Index()
	}
	return false
}

// decide reports a resource held in a local variable (b, declared by
// statement decl when that is all the statement does), or held nowhere
// (b == nil: discarded or used once in a chain).
func (v *notClosed) decide(a acquisition, o *lifecycle.Owner, f fate, b *scope.Binding, decl syntax.Node) {
	if f.escaped || f.consumed {
		return
	}
	if a.checkout && !a.evidence && len(f.closes) == 0 {
		return
	}
	k := a.kind
	if o != nil && !k.scoped {
		if len(f.closes) > 0 || k.selfRunning {
			return // a worker_threads job kept nowhere ends with its script
		}
		if b == nil {
			v.reportOwner(a, o, "", "", true, syntax.Node{})
			return
		}
		v.reportOwner(a, o, b.Name, b.Name, inSetupHook(a.node, o), b.Decl)
		return
	}
	if !k.scoped || f.service || k.selfRunning {
		if len(f.closes) > 0 || f.captured || k.selfRunning {
			return
		}
		if why, ok := v.perCall(a.node); ok {
			v.reportPerCall(a, why)
		}
		return
	}
	if f.captured && len(f.closes) == 0 {
		return // a closure that outlives the function keeps using it
	}
	if len(f.closes) == 0 {
		v.reportNever(a, o, f, bindingDecl(b))
		return
	}
	if k.paths && !f.captured && !f.service {
		if c, only := closedOnlyOnFailure(a.node, f.closes); only {
			v.reportFailureOnly(a, c)
			return
		}
		if b != nil {
			if op, h, c, ok := v.closedOnlyOnSuccess(a, f.closes, b); ok {
				v.reportSuccessOnly(a, op, h, c)
				return
			}
		}
	}
	if !k.paths || b == nil || !decl.Valid() {
		return
	}
	v.checkPaths(a, f, b, decl)
}

func bindingDecl(b *scope.Binding) syntax.Node {
	if b == nil {
		return syntax.Node{}
	}
	return b.Decl
}

// checkPaths looks for a way out of the function that skips every close:
// an early return or throw before the close, or an await that can reject
// before it. decl is the statement that declares the resource.
func (v *notClosed) checkPaths(a acquisition, f fate, b *scope.Binding, decl syntax.Node) {
	block := decl.Parent()
	home := astutil.EnclosingFunction(decl)
	if block.Kind() != "statement_block" || !home.Valid() {
		return
	}
	closeAt := make(map[int]bool)
	for _, c := range f.closes {
		if astutil.EnclosingFunction(c).Index() != home.Index() {
			return // closed from a callback: when it runs is beyond us
		}
		for q := c.Parent(); q.Valid() && q.Index() != home.Index(); q = q.Parent() {
			if q.Kind() == "finally_clause" {
				return
			}
		}
		closeAt[c.Index()] = true
	}
	// The first close that certainly runs: a statement of the block itself.
	var last syntax.Node
	for _, c := range f.closes {
		st := closeStatement(c, closeAt)
		if st.Valid() && st.Parent().Index() == block.Index() && st.Start() > decl.End() {
			if !last.Valid() || st.Start() < last.Start() {
				last = st
			}
		}
	}
	// A loop that runs until a branch closes the resource and leaves
	// (`while (true) { rows = await cursor.read(); if (!rows.length) {
	// client.release(); return; } ... }`) closes it on every way out but
	// the rejections inside it.
	var loop syntax.Node
	if !last.Valid() {
		loop = closingLoop(block, decl, f.closes)
		if !loop.Valid() {
			return // closed only on some branches: too subtle to judge
		}
	}
	// until is where the walk stops: the first certain close, or the end
	// of the closing loop.
	until := func(n syntax.Node) bool {
		if loop.Valid() {
			return n.Start() >= loop.End()
		}
		return n.Start() >= last.Start()
	}
	mentions := v.mentioner(b)
	var exit, await syntax.Node
	block.Walk(func(n syntax.Node) bool {
		if exit.Valid() {
			return false
		}
		if n.End() <= decl.End() || until(n) {
			return !until(n) && n.End() > decl.End()
		}
		if scope.IsFunction(n) {
			return false
		}
		switch n.Kind() {
		case "return_statement", "throw_statement":
			if !mentions(n) && !guarded(n, block, mentions) && !v.closedBefore(n, block, decl, closeAt) {
				exit = n
			}
			return false
		case "await_expression":
			if !await.Valid() && !guarded(n, block, nil) && !containsClose(n, closeAt) && !settled(n) &&
				!(loop.Valid() && v.closedBefore(n, block, decl, closeAt)) {
				await = n
			}
		}
		return true
	})
	k := a.kind
	switch {
	case exit.Valid():
		how := "returns"
		if exit.Kind() == "throw_statement" {
			how = "throws"
		}
		msg := fmt.Sprintf("%s is not %s when the function %s at line %d; %s it in a finally block",
			v.subject(a, ""), k.verb, how, v.line(exit), imperative(k))
		v.reportPath(a, f, b, decl, last, msg)
	case await.Valid():
		if astutil.SetupName(astutil.FunctionName(astutil.EnclosingFunction(decl))) {
			// connect() or init() runs once; when it fails the program
			// usually stops, so the error path keeps nothing for long.
			return
		}
		what := "the await"
		if call := scope.Unwrap(await.Child(0)); call.Kind() == "call_expression" {
			what = describeCallee(call.Get("function"))
		} else if up := await.Parent(); up.Kind() == "call_expression" && await.Field() == "function" {
			// TypeScript parses `await f<T>()` as (await f)<T>().
			what = describeCallee(call)
		}
		msg := fmt.Sprintf("%s is never %s on the error path (if %s at line %d rejects); %s it in a finally block",
			v.subject(a, ""), k.verb, what, v.line(await), imperative(k))
		v.reportPath(a, f, b, decl, last, msg)
	}
}

// closingLoop returns the endless loop (`while (true)`, `for (;;)`) of
// block after decl that holds every close, when nothing breaks out of
// it: the function then leaves only from inside the loop, through a
// close, a return or throw, or a rejection.
func closingLoop(block, decl syntax.Node, closes []syntax.Node) syntax.Node {
	for st := decl.NextNamed(); st.Valid(); st = st.NextNamed() {
		if !endless(st) {
			continue
		}
		for _, c := range closes {
			if !st.Contains(c) {
				return syntax.Node{}
			}
		}
		escapes := false
		st.Get("body").Walk(func(n syntax.Node) bool {
			if n.Kind() == "break_statement" {
				escapes = true // even an inner loop's: precision first
			}
			return !escapes && !scope.IsFunction(n)
		})
		if escapes {
			return syntax.Node{}
		}
		return st
	}
	return syntax.Node{}
}

// endless reports `while (true)`, `while (1)`, `do ... while (true)` and
// `for (;;)`.
func endless(st syntax.Node) bool {
	switch st.Kind() {
	case "while_statement", "do_statement":
		switch c := scope.Unwrap(st.Get("condition")); c.Kind() {
		case "true":
			return true
		case "number":
			return c.Text() == "1"
		}
	case "for_statement":
		c := st.Get("condition")
		return !c.Valid() || c.Kind() == "empty_statement"
	}
	return false
}

// closeStatement returns the statement a close call makes up on its own
// (`fd.close();`, `await fh.close();`), or the zero Node.
func closeStatement(c syntax.Node, closeAt map[int]bool) syntax.Node {
	n := c
	for {
		up := n.Parent()
		switch up.Kind() {
		case "await_expression", "parenthesized_expression":
			n = up
			continue
		case "expression_statement":
			return up
		}
		return syntax.Node{}
	}
}

func containsClose(n syntax.Node, closeAt map[int]bool) bool {
	found := false
	n.Walk(func(c syntax.Node) bool {
		if closeAt[c.Index()] {
			found = true
		}
		return !found
	})
	return found
}

// guarded reports an exit or await inside a try block (its catch may
// close), or an exit under a condition on the resource itself
// (`if (!fd) return`), between n and block.
func guarded(n, block syntax.Node, mentions func(syntax.Node) bool) bool {
	child := n
	for q := n.Parent(); q.Valid() && q.Index() != block.Index(); child, q = q, q.Parent() {
		switch q.Kind() {
		case "try_statement":
			if child.Field() == "body" || child.Kind() == "catch_clause" && mentions == nil {
				return true
			}
		case "if_statement", "while_statement", "ternary_expression":
			if mentions != nil && mentions(q.Get("condition")) {
				return true
			}
		}
	}
	return false
}

// closedBefore reports whether a close statement certainly runs before
// exit: it precedes exit (or a block around it) in the same block, after
// the declaration.
func (v *notClosed) closedBefore(exit, block, decl syntax.Node, closeAt map[int]bool) bool {
	for cur := exit; cur.Valid() && cur.Index() != block.Index(); cur = cur.Parent() {
		if !cur.Parent().Is("statement_block", "switch_case", "switch_default") {
			continue
		}
		for sib := cur.PrevNamed(); sib.Valid() && sib.Start() > decl.End(); sib = sib.PrevNamed() {
			if sib.Kind() == "expression_statement" && containsClose(sib, closeAt) {
				if closeStatement(firstClose(sib, closeAt), closeAt).Index() == sib.Index() {
					return true
				}
			}
		}
	}
	return false
}

func firstClose(n syntax.Node, closeAt map[int]bool) syntax.Node {
	var found syntax.Node
	n.Walk(func(c syntax.Node) bool {
		if !found.Valid() && closeAt[c.Index()] {
			found = c
		}
		return !found.Valid()
	})
	return found
}

// closedOnlyOnFailure reports resources whose every close sits on a failure
// path: in a catch clause, a .catch(fn) or .then(ok, fn) rejection handler,
// or an "error" listener. The call that succeeds keeps the resource open
// for good. It returns the first such close for the message.
func closedOnlyOnFailure(open syntax.Node, closes []syntax.Node) (syntax.Node, bool) {
	if len(closes) == 0 {
		return syntax.Node{}, false
	}
	for _, c := range closes {
		if !onFailurePath(open, c) {
			return syntax.Node{}, false
		}
	}
	return closes[0], true
}

// onFailurePath reports a close that runs only when something failed,
// looking between the close and the code around the opening. A finally
// clause or .finally(fn) runs on success too.
func onFailurePath(open, c syntax.Node) bool {
	for n := c; n.Valid() && !n.Contains(open); n = n.Parent() {
		switch {
		case n.Kind() == "catch_clause":
			return true
		case n.Kind() == "finally_clause":
			return false
		case scope.IsFunction(n):
			up := parentSkipping(n, "parenthesized_expression")
			if up.Kind() != "arguments" {
				return false // a named helper or a method: who calls it is beyond us
			}
			call := up.Parent()
			recv, name := astutil.Method(call)
			if !recv.Valid() {
				return false
			}
			args := astutil.Args(call)
			switch name {
			case "catch":
				return true
			case "then":
				return len(args) > 1 && scope.Unwrap(args[1]).Index() == n.Index()
			case "on", "once", "addListener", "addEventListener":
				ev, _ := astutil.StringValue(astutil.Arg(call, 0))
				if ev == "error" {
					return true
				}
				return false
			}
			// A promise executor or a callback run right away: keep
			// walking out to where the close's path is decided.
			if name == "" || call.Kind() != "call_expression" {
				return false
			}
		}
	}
	return false
}

// reportFailureOnly reports a resource closed only when something fails:
// when the work succeeds it stays open.
func (v *notClosed) reportFailureOnly(a acquisition, c syntax.Node) {
	k := a.kind
	msg := fmt.Sprintf("%s is %s only when something fails (line %d): when the work succeeds it stays open; call %s() on it in a finally block",
		v.subject(a, ""), k.verb, v.line(c), k.closer)
	v.p.Report(v.diagnostic(a, msg))
}

// closedOnlyOnSuccess finds the mirror image of a failure-only close: an
// operation on the resource whose promise chain closes it in the
// fulfilment handler and handles the rejection without closing it
// (client.ping().then(() => client.disconnect()).catch(reject)). The
// chain's own handler says the rejection is expected and survived, and
// whatever the handler does, the resource is forgotten open. Closes in
// the opening function's own body, in a .finally, or in the rejection
// handler (or a handler that is given the resource) keep it silent; so
// do chains with no rejection handler, whose failure is not handled here.
// It returns the operation, the rejection handler and the close.
func (v *notClosed) closedOnlyOnSuccess(a acquisition, closes []syntax.Node, b *scope.Binding) (op, handler, close syntax.Node, ok bool) {
	home := astutil.EnclosingFunction(a.node)
	mentions := v.mentioner(b)
	for _, c := range closes {
		if astutil.EnclosingFunction(c).Index() == home.Index() {
			return op, handler, close, false // a close in the opening function itself
		}
	}
	for _, c := range closes {
		fn := astutil.EnclosingFunction(c)
		up := parentSkipping(fn, "parenthesized_expression")
		if up.Kind() != "arguments" || fn.Index() != scope.Unwrap(astutil.Arg(up.Parent(), 0)).Index() {
			continue
		}
		then := up.Parent()
		recv, name := astutil.Method(then)
		if name != "then" || !recv.Valid() {
			continue
		}
		// The promise must come from an operation on the resource itself.
		call := scope.Unwrap(recv)
		if call.Kind() != "call_expression" || !v.operatesOn(call, b) {
			continue
		}
		h := scope.Unwrap(astutil.Arg(then, 1))
		for link := then; !h.Valid(); {
			m := parentSkipping(link, "parenthesized_expression")
			next := m.Parent()
			if m.Kind() != "member_expression" || next.Kind() != "call_expression" {
				break
			}
			switch m.Get("property").Text() {
			case "catch":
				h = scope.Unwrap(astutil.Arg(next, 0))
			case "then":
				h = scope.Unwrap(astutil.Arg(next, 1))
			case "finally":
				return op, handler, close, false
			}
			link = next
		}
		if !h.Valid() || !v.forgets(h, mentions) {
			continue
		}
		// A .finally further down the chain runs either way.
		for link := then; ; {
			m := parentSkipping(link, "parenthesized_expression")
			next := m.Parent()
			if m.Kind() != "member_expression" || next.Kind() != "call_expression" {
				break
			}
			if m.Get("property").Text() == "finally" {
				return op, handler, close, false
			}
			link = next
		}
		return call, h, c, true
	}
	return op, handler, close, false
}

// operatesOn reports a call on the binding's x through a chain of members
// and calls: x.ping(), x.db("admin").command(...).
func (v *notClosed) operatesOn(call syntax.Node, b *scope.Binding) bool {
	n := scope.Unwrap(call.Get("function"))
	for {
		switch n.Kind() {
		case "member_expression":
			n = scope.Unwrap(n.Get("object"))
			continue
		case "call_expression":
			n = scope.Unwrap(n.Get("function"))
			continue
		}
		break
	}
	return n.Kind() == "identifier" && v.p.Scope.Resolve(n) == b
}

// forgets reports a rejection handler that cannot close the resource: a
// function that never mentions it, or a parameter of an enclosing
// function (a promise executor's reject, a node-style callback).
func (v *notClosed) forgets(h syntax.Node, mentions func(syntax.Node) bool) bool {
	if scope.IsFunction(h) {
		return !mentions(h)
	}
	if h.Kind() != "identifier" {
		return false
	}
	hb := v.p.Scope.Resolve(h)
	return hb != nil && hb.Kind == scope.Param
}

// reportSuccessOnly reports a resource closed only when an operation on it
// succeeds: the chain's rejection handler leaves it open.
func (v *notClosed) reportSuccessOnly(a acquisition, op, h, close syntax.Node) {
	k := a.kind
	closer := k.closer
	if name := astutil.MethodName(close); name != "" {
		closer = name // the one the code already uses (disconnect, not quit)
	}
	msg := fmt.Sprintf("%s is %s only when %s succeeds: the rejection handler at line %d leaves it open; call %s() on it in .finally() or in that handler too",
		v.subject(a, ""), k.verb, describeCallee(op.Get("function")), v.line(h), closer)
	v.p.Report(v.diagnostic(a, msg))
}

// mentioner returns a test for code that refers to b: a node holding one
// of its references.
func (v *notClosed) mentioner(b *scope.Binding) func(syntax.Node) bool {
	refs := v.p.Scope.References(b)
	return func(n syntax.Node) bool {
		for _, r := range refs {
			if n.Contains(r) {
				return true
			}
		}
		return false
	}
}
