// This file recognises code that runs per request or per call, where a
// resource opened and kept leaks one per call.

package resources

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

var routeMethods = set("get", "post", "put", "patch", "delete", "del", "all", "options", "head", "use", "route", "handle")

var httpDecorators = set("Get", "Post", "Put", "Patch", "Delete", "All", "Options", "Head", "MessagePattern", "EventPattern", "SubscribeMessage", "Sse")

// perCall says whether the code at n runs again and again: in a loop, in
// an HTTP handler or middleware, an event handler, a timer callback, or
// the body of a React component or hook (every render).
func (v *notClosed) perCall(n syntax.Node) (string, bool) {
	fn := astutil.EnclosingFunction(n)
	for q := n.Parent(); q.Valid() && q.Index() != fn.Index(); q = q.Parent() {
		switch q.Kind() {
		case "for_statement", "for_in_statement", "while_statement", "do_statement":
			return "loop iteration", true
		}
	}
	if !fn.Valid() {
		return "", false
	}
	if args := fn.Parent(); args.Kind() == "arguments" {
		call := args.Parent()
		recv, name := astutil.Method(call)
		first := scope.Unwrap(astutil.Arg(call, 0))
		switch {
		case name == "createServer":
			return "request", true
		case routeMethods[name] && recv.Valid() && routePath(first):
			return "request", true
		case listenerMethods[name] && recv.Valid() && !strings.Contains(name, "nce"):
			ev, ok := astutil.StringValue(first)
			switch {
			case ev == "request":
				return "request", true
			case ok:
				return fmt.Sprintf("%q event", ev), true
			}
			return "event", true
		case name == "setInterval":
			return "timer tick", true
		}
	}
	params := parameters(fn)
	if len(params) >= 2 {
		a, b := params[0].Text(), params[1].Text()
		if (a == "req" || a == "request") && (b == "res" || b == "response" || b == "reply") || a == "ctx" && b == "next" {
			return "request", true
		}
	}
	if fn.Kind() == "method_definition" {
		for c := fn.PrevNamed(); c.Valid() && c.Kind() == "decorator"; c = c.PrevNamed() {
			d := c.Child(0)
			if d.Kind() == "call_expression" {
				d = d.Get("function")
			}
			if httpDecorators[d.Text()] {
				return "request", true
			}
		}
	}
	if name := astutil.NameOf(fn, astutil.Declared); name != "" && v.reactFile() {
		if isHook(name) {
			return "render of " + name, true
		}
		if len(name) > 0 && name[0] >= 'A' && name[0] <= 'Z' && hasJSX(fn) {
			return "render of " + name, true
		}
	}
	return "", false
}

func isHook(name string) bool {
	return len(name) > 3 && strings.HasPrefix(name, "use") && name[3] >= 'A' && name[3] <= 'Z'
}

func hasJSX(fn syntax.Node) bool {
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if n.Is("jsx_element", "jsx_self_closing_element") {
			found = true
		}
		return !found
	})
	return found
}

// reactFile reports a file that imports React (or Preact) or is JSX.
func (v *notClosed) reactFile() bool {
	if strings.HasSuffix(v.p.Path, ".jsx") || strings.HasSuffix(v.p.Path, ".tsx") {
		return true
	}
	for _, st := range v.p.Tree.Root().Children() {
		if st.Kind() == "import_statement" {
			src, _ := astutil.StringValue(st.Get("source"))
			if src == "react" || src == "preact" || strings.HasPrefix(src, "preact/") {
				return true
			}
		}
	}
	return false
}

// optionalField reports `this.x` where the class declares x optional or
// possibly null (`private socket?: WebSocket`): TypeScript wants `?.` then.
func optionalField(o *lifecycle.Owner, holder syntax.Node) bool {
	h := scope.Unwrap(holder)
	if h.Kind() != "member_expression" || scope.Unwrap(h.Get("object")).Kind() != "this" || !o.Class.Valid() || o.Class.Kind() == "object" {
		return false
	}
	name := h.Get("property").Text()
	for _, m := range o.Class.Get("body").Children() {
		if !m.Is("public_field_definition", "field_definition") || m.Get("name").Text() != name {
			continue
		}
		if m.HasToken("?") {
			return true
		}
		t := m.Get("type").Text()
		return strings.Contains(t, "undefined") || strings.Contains(t, "null")
	}
	return false
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

// routePath accepts what routers take as a path: "/users/:id", "*", a
// regular expression, or a list of them.
func routePath(n syntax.Node) bool {
	switch n.Kind() {
	case "regex", "array":
		return true
	case "string", "template_string":
		t := strings.Trim(n.Text(), "'\"`")
		return strings.HasPrefix(t, "/") || t == "*"
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
		if up.Kind() != "member_expression" || !handles[up.Get("property").Text()] || next.Kind() != "call_expression" {
			break
		}
		call = next
	}
	use := astutil.UseOf(call)
	switch use.Kind {
	case "returned", "member":
		return true
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
		}
	}
	return false
}
