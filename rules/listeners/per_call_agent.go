// This file decides listener-added-per-call for listeners on the socket an
// HTTP client request is given through its "socket" event. With an agent
// (a keep-alive agent, or any agent the caller passes) the socket is
// pooled: later requests are handed the same one, so a listener each
// request adds to it piles up there, holding that request.

package listeners

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// clientRequestMethods make an outgoing request on http, https or a
// module with the same API.
var clientRequestMethods = map[string]bool{"request": true, "get": true}

// agentSocket reports a target that is the parameter of a "socket" event
// handler of a client request made with an agent.
func agentSocket(p *analyzer.Pass, t syntax.Node) bool {
	t = scope.Unwrap(t)
	if t.Kind() != "identifier" {
		return false
	}
	b := p.Scope.Resolve(t)
	if b == nil || b.Kind != scope.Param || b.Reassigned {
		return false
	}
	handler := astutil.EnclosingFunction(b.Decl)
	args := handler.Parent()
	if args.Kind() != "arguments" {
		return false
	}
	on := args.Parent()
	recv, name := astutil.Method(on)
	if name != "on" && name != "once" || !recv.Valid() {
		return false
	}
	if ev, ok := astutil.StringValue(astutil.Arg(on, 0)); !ok || ev != "socket" {
		return false
	}
	req := scope.Unwrap(recv)
	if req.Kind() == "identifier" {
		rb := p.Scope.Resolve(req)
		if rb == nil || rb.Reassigned {
			return false
		}
		req = scope.Unwrap(initOf(rb))
	}
	return pooledRequest(p, req)
}

// pooledRequest reports http.request(...) / https.get(...) given an
// options object with an agent other than false.
func pooledRequest(p *analyzer.Pass, call syntax.Node) bool {
	if call.Kind() != "call_expression" {
		return false
	}
	mod, name := astutil.Method(call)
	if !clientRequestMethods[name] || !mod.Valid() || !httpModule(p, scope.Unwrap(mod)) {
		return false
	}
	for _, a := range astutil.Args(call) {
		if agent, ok := astutil.Property(scope.Unwrap(a), "agent"); ok {
			return scope.Unwrap(agent).Kind() != "false"
		}
	}
	return false
}

// httpModule reports a name bound to Node's http or https module.
func httpModule(p *analyzer.Pass, id syntax.Node) bool {
	switch moduleOf(p, id) {
	case "http", "https", "node:http", "node:https":
		return true
	}
	return false
}
