// This file says, through rules/internal/repeats with this rule's options,
// which code runs per request or per call, where a resource opened and
// kept leaks one per call.

package resources

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
	"github.com/leakwatch/leakwatch/rules/internal/repeats"
)

var routeMethods = set("get", "post", "put", "patch", "delete", "del", "all", "options", "head", "use", "route", "handle")

// perCallOptions are what resource-not-closed counts as running again and
// again: the function the resource is opened in, and it alone, when it is
// a loop body, an HTTP handler or middleware (by path, signature or NestJS
// decorator), a handler of any event, a timer callback, or the body of a
// React component or hook (every render).
var perCallOptions = repeats.Options{
	Enclosing: true, CallsOnly: true, AnyEvent: true, RoutePaths: true, Renders: true,
	Decorators: []string{"Get", "Post", "Put", "Patch", "Delete", "All", "Options", "Head", "MessagePattern", "EventPattern", "SubscribeMessage", "Sse"},
}

// perCall says whether the code at n runs again and again, and words what
// runs it ("request", "\"data\" event", "render of Chat").
func (v *notClosed) perCall(n syntax.Node) (string, bool) {
	if v.repeats == nil {
		v.repeats = repeats.NewWith(v.p, streamListener, perCallOptions)
	}
	r := v.repeats.Of(n, nil)
	if r == nil {
		return "", false
	}
	switch r.Kind {
	case repeats.Loop:
		return "loop iteration", true
	case repeats.Request, repeats.Connection:
		return "request", true
	case repeats.Event:
		if r.Event != "" {
			return fmt.Sprintf("%q event", r.Event), true
		}
		return "event", true
	case repeats.Tick:
		return "timer tick", true
	case repeats.Render:
		return "render of " + lifecycle.NameOf(r.Node, lifecycle.Declared), true
	}
	return strings.TrimPrefix(r.Phrase, "each "), true
}

// streamListener reads a stream or emitter listener addition (not a
// once): its event and the function it runs.
func streamListener(call syntax.Node) (repeats.Registration, bool) {
	recv, name := astutil.Method(call)
	if !listenerMethods[name] || !recv.Valid() || strings.Contains(name, "nce") {
		return repeats.Registration{}, false
	}
	reg := repeats.Registration{Target: recv, Event: astutil.Arg(call, 0)}
	for _, a := range astutil.Args(call) {
		if scope.IsFunction(a) {
			reg.Handler = a
			break
		}
	}
	return reg, true
}

// optionalField reports `this.x` where the class declares x optional or
// possibly null (`private socket?: WebSocket`): TypeScript wants `?.` then.
func optionalField(o *lifecycle.Owner, holder syntax.Node) bool {
	h := scope.Unwrap(holder)
	if h.Kind() != "member_expression" || scope.Unwrap(h.Get("object")).Kind() != "this" {
		return false
	}
	return fixgen.DeclaredOptional(o.Class, h.Get("property").Text())
}

// closedInTeardown reports whether what runs when the owner ends closes
// the resource kept under key: calls a closing method on it, or hands it
// to a function (a helper that closes it) or a loop. Other uses (send,
// removeAllListeners) leave it open.
func (v *notClosed) closedInTeardown(o *lifecycle.Owner, key string) bool {
	p := v.p
	return p.Life.FindInTeardown(o, func(n syntax.Node) bool {
		if !n.Is("identifier", "member_expression", "subscript_expression", "shorthand_property_identifier") || p.Scope.Key(n) != key {
			return false
		}
		up := parentSkipping(n, "parenthesized_expression", "non_null_expression", "as_expression")
		switch up.Kind() {
		case "member_expression":
			if scope.Unwrap(up.Get("object")).Index() != scope.Unwrap(n).Index() && up.Get("object").Index() != n.Index() {
				return false
			}
			return closers[up.Get("property").Text()]
		case "arguments", "for_in_statement", "array", "return_statement":
			return true
		}
		return false
	}).Valid()
}

// settled reports awaits that cannot reject: `await p.catch(...)` and
// `await Promise.allSettled(...)`.
func settled(await syntax.Node) bool {
	call := scope.Unwrap(await.Child(0))
	if call.Kind() != "call_expression" {
		return false
	}
	switch astutil.MethodName(call) {
	case "catch", "allSettled":
		return true
	}
	return false
}

// handles are methods whose result is a handle that keeps using the
// resource (a MongoClient's Db and Collection objects).
var handles = set("db", "collection", "startSession", "watch")

// handleEscapes follows client.db(...).collection(...) to where the handle
// goes: returned, stored outside the function, or kept in a local that is.
func (v *notClosed) handleEscapes(call syntax.Node) bool {
	for {
		up := parentSkipping(call, "parenthesized_expression")
		next := up.Parent()
		if up.Kind() != "member_expression" || !handles[up.Get("property").Text()] && !grpcCalls[up.Get("property").Text()] || next.Kind() != "call_expression" {
			break
		}
		call = next
	}
	// A gRPC call handed to a function or a map (grpcCalls.set(id, call))
	// is kept by whoever can close its channel when the call ends.
	keptCall := grpcCalls[astutil.MethodName(call)]
	use := astutil.UseOf(call)
	switch use.Kind {
	case "returned", "member":
		return true
	case "argument":
		return keptCall
	case "variable":
		hb := v.p.Scope.Resolve(use.Holder)
		home := astutil.EnclosingFunction(call)
		if hb == nil || hb.Scope.Function() == nil || hb.Scope.Function().Node.Index() != home.Index() || v.p.Scope.Escapes(hb) {
			return true
		}
		for _, r := range v.p.Scope.References(hb) {
			if fn := astutil.EnclosingFunction(r); fn.Valid() && fn.Index() != home.Index() && v.closureEscapes(home, fn, hb) {
				return true
			}
			if keptCall && parentSkipping(r, "parenthesized_expression", "as_expression").Kind() == "arguments" {
				return true
			}
		}
	}
	return false
}
