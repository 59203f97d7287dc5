package resources

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// A member closed in the teardown is not enough when a method opens a new
// resource over it while the old one may still be open:
//
//	reconnect() { this.socket = net.connect(this.port) }
//	close()     { this.socket?.end() }
//
// close() ends the last socket; every earlier one stays open. The method's
// name says it runs again while a connection exists (reconnect, reopen,
// restart), so the old value is live unless the method closes it first or
// only opens when there is none.

// overwritesLive reports a resource stored into member holder by a
// reopening method of o's class that neither closes the old value first
// nor runs only when there is none.
func (v *notClosed) overwritesLive(a acquisition, o *lifecycle.Owner, holder syntax.Node) (syntax.Node, bool) {
	holder = scope.Unwrap(holder)
	if holder.Kind() != "member_expression" || scope.Unwrap(holder.Get("object")).Kind() != "this" {
		return syntax.Node{}, false
	}
	fn := astutil.EnclosingFunction(a.node)
	if fn.Kind() != "method_definition" || !apis.ReopeningName(fn.Get("name").Text()) {
		return syntax.Node{}, false
	}
	key := v.p.Scope.Key(holder)
	if key == "" {
		return syntax.Node{}, false
	}
	safe := false
	fn.Walk(func(n syntax.Node) bool {
		if safe || n.Start() >= a.node.Start() {
			return false
		}
		switch n.Kind() {
		case "call_expression":
			// this.socket.end() / this.socket?.destroy() before the new one.
			if recv, name := astutil.Method(n); closers[name] && recv.Valid() && v.p.Scope.Key(scope.Unwrap(recv)) == key {
				safe = true
			}
			// this.close() / this.disconnect(): a method of the class that
			// closes it.
			if recv, name := astutil.Method(n); recv.Kind() == "this" && v.closesMember(o, name, key) {
				safe = true
			}
		case "if_statement":
			// if (this.socket) return; / if (!this.socket) { ... }
			if containsKeyText(n.Get("condition"), v.p, key) {
				safe = true
			}
		}
		return !safe
	})
	return fn, !safe
}

// closesMember reports a method of the owner's class named name that
// closes the member keyed key.
func (v *notClosed) closesMember(o *lifecycle.Owner, name, key string) bool {
	m := v.p.Life.Method(o, name)
	if !m.Valid() {
		return false
	}
	found := false
	m.Walk(func(n syntax.Node) bool {
		if recv, meth := astutil.Method(n); n.Kind() == "call_expression" && closers[meth] && recv.Valid() && v.p.Scope.Key(scope.Unwrap(recv)) == key {
			found = true
		}
		return !found
	})
	return found
}

// containsKeyText reports an expression under n whose scope key is key.
func containsKeyText(n syntax.Node, p *analyzer.Pass, key string) bool {
	found := false
	n.Walk(func(c syntax.Node) bool {
		if c.Kind() == "member_expression" && p.Scope.Key(c) == key {
			found = true
		}
		return !found
	})
	return found
}

// reportOverwrite reports a resource opened over a live one.
func (v *notClosed) reportOverwrite(a acquisition, fn, holder syntax.Node) {
	k := a.kind
	target := scope.Unwrap(holder).Text()
	msg := fmt.Sprintf("%s replaces the one in %s without closing it: each %s() leaves the previous %s open; call %s?.%s() before opening the new one",
		v.subject(a, ""), target, fn.Get("name").Text(), k.name, target, k.closer)
	v.p.Report(v.diagnostic(a, msg))
}

// A getter that hands out a connection kept in a module variable must
// reuse it; one that opens a new one on every call drops the old one
// still open:
//
//	let browser;
//	async function getBrowser() {
//		browser = await chromium.connect(url); // the last one is never closed
//		return browser;
//	}

// getterReopens reports a resource stored into a module-level variable by
// a function named as an instance getter that returns that variable, with
// neither a check of the variable nor a close of it before the opening.
func (v *notClosed) getterReopens(a acquisition, holder syntax.Node) (syntax.Node, bool) {
	p := v.p
	holder = scope.Unwrap(holder)
	if holder.Kind() != "identifier" {
		return syntax.Node{}, false
	}
	b := p.Scope.Resolve(holder)
	if b == nil || b.Scope.Kind != scope.ModuleScope {
		return syntax.Node{}, false // only module-level variables
	}
	fn := astutil.EnclosingFunction(a.node)
	if !fn.Valid() || !apis.InstanceGetterName(lifecycle.NameOf(fn, lifecycle.Declared)) {
		return syntax.Node{}, false
	}
	returned, safe := false, false
	refs := p.Scope.References(b)
	mentions := func(n syntax.Node) bool {
		for _, r := range refs {
			if n.Contains(r) {
				return true
			}
		}
		return false
	}
	fn.Get("body").Walk(func(n syntax.Node) bool {
		if safe {
			return false
		}
		if scope.IsFunction(n) {
			return false
		}
		switch n.Kind() {
		case "return_statement":
			if r := scope.Unwrap(n.Child(0)); r.Kind() == "identifier" && p.Scope.Resolve(r) == b {
				returned = true
			}
		case "if_statement", "ternary_expression", "while_statement":
			if n.Start() < a.node.Start() && mentions(n.Get("condition")) {
				safe = true // if (browser) return browser
			}
		case "binary_expression", "augmented_assignment_expression":
			if n.Start() < a.node.Start() && mentions(n) {
				safe = true // browser ??= ..., browser || (browser = ...)
			}
		case "call_expression":
			if recv, name := astutil.Method(n); n.Start() < a.node.Start() && closers[name] && recv.Valid() && mentions(recv) {
				safe = true // await browser?.close() first
			}
		}
		return !safe
	})
	return fn, returned && !safe
}

// reportGetterReopens reports a getter that opens a new resource over the
// one it handed out before.
func (v *notClosed) reportGetterReopens(a acquisition, fn, holder syntax.Node) {
	k := a.kind
	target := scope.Unwrap(holder).Text()
	msg := fmt.Sprintf("%s replaces the one in %s on every %s() call without closing it: each call leaves the previous %s open; return %s while it is still usable, or call %s?.%s() before opening a new one",
		v.subject(a, ""), target, lifecycle.NameOf(fn, lifecycle.Declared), k.name, target, target, k.closer)
	v.p.Report(v.diagnostic(a, msg))
}
