// This file reports outgoing HTTP requests a server makes per incoming
// request and never aborts when its client goes away. A proxy or a
// long-polling backend call keeps its socket, buffers and the incoming
// response it feeds for as long as the upstream takes, which for a stream
// is forever; the handler must destroy it when the incoming request
// closes.

package resources

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/repeats"
)

// clientRequests are the calls that make an outgoing request with Node's
// http and https modules (a ClientRequest, which destroy() aborts).
var clientRequests = set("http:request", "http:get", "https:request", "https:get")

// clientModuleNeedles find the files that load http or https.
var clientModuleNeedles = []string{`"http"`, `'http'`, `"https"`, `'https'`, `"node:http"`, `'node:http'`, `"node:https"`, `'node:https'`}

// aborts are the methods that end an outgoing request early.
var aborts = set("destroy", "abort")

// upstreamRequest reports an outgoing request made in a request handler
// that nothing aborts. handled is true for every outgoing request it
// judged, reported or not.
func (v *notClosed) upstreamRequest(n syntax.Node) (handled bool) {
	p := v.p
	if n.Kind() != "call_expression" || !clientRequests[origin(p, n.Get("function"))] {
		return false
	}
	if v.repeats == nil {
		v.repeats = repeats.NewWith(v.p, streamListener, perCallOptions)
	}
	r := v.repeats.Of(n, nil)
	if r == nil || r.Kind != repeats.Request || p.Life.OwnerOf(n) != nil {
		return true
	}
	for _, a := range astutil.Args(n) {
		if _, ok := astutil.Property(scope.Unwrap(a), "signal"); ok {
			return true // aborted with the signal, whoever aborts it
		}
	}
	var held *scope.Binding
	switch use := astutil.UseOf(n); use.Kind {
	case "variable":
		held = p.Scope.DeclaredAt(use.Holder)
		if held == nil {
			held = p.Scope.Resolve(use.Holder)
		}
		if held == nil {
			return true
		}
	case "discarded", "other":
		// http.get(url, cb) or a chained .on(...): nothing keeps it.
	default:
		return true // returned or handed on: its new holder decides
	}
	if held != nil && aborted(p, r.Node, held) {
		return true
	}
	name := scope.Unwrap(n.Get("function")).Text()
	msg := fmt.Sprintf("%s() is made on every request and never aborted when the client goes away: it keeps its socket and what its callbacks hold (the response it feeds) until the upstream answers, which for a stream is never; keep it and destroy() it in req.on(\"close\"), or pass a signal the close aborts",
		name)
	p.Report(v.diagnostic(acquisition{node: n}, msg))
	return true
}

// aborted reports a destroy() or abort() of the request held by b
// anywhere in the handler, or the request handed to pipeline(), which
// destroys every stream when one of them closes.
func aborted(p *analyzer.Pass, handler syntax.Node, b *scope.Binding) bool {
	found := false
	handler.Walk(func(m syntax.Node) bool {
		if found || m.Kind() != "call_expression" {
			return !found
		}
		if recv, name := astutil.Method(m); aborts[name] && recv.Valid() {
			found = refersTo(p, recv, b)
		}
		if f := scope.Unwrap(m.Get("function")); f.Text() == "pipeline" || f.Kind() == "member_expression" && f.Get("property").Text() == "pipeline" {
			for _, a := range astutil.Args(m) {
				found = found || refersTo(p, a, b)
			}
		}
		return !found
	})
	return found
}

// refersTo reports the variable b itself.
func refersTo(p *analyzer.Pass, e syntax.Node, b *scope.Binding) bool {
	id := scope.Unwrap(e)
	return id.Kind() == "identifier" && p.Scope.Resolve(id) == b
}
