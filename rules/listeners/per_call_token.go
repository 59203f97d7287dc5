// This file decides listener-added-per-call for cancel tokens:
// `config.cancelToken.promise.then(cancel => req.abort())` in code that
// runs per request. A promise's callbacks cannot be removed, and a token
// the caller shares between requests (one per page or component) keeps
// every callback, with the request it holds, until it is cancelled,
// which may be never. axios replaced this with subscribe/unsubscribe.

package listeners

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/repeats"
)

// cancelTokenThen reports `token.promise.then(fn)` on a token that
// outlives a call made again and again.
func (v *perCall) cancelTokenThen(n syntax.Node) {
	p := v.p
	promise, name := astutil.Method(n)
	if name != "then" || !promise.Valid() {
		return
	}
	promise = scope.Unwrap(promise)
	if promise.Kind() != "member_expression" || promise.Get("property").Text() != "promise" {
		return
	}
	token := scope.Unwrap(promise.Get("object"))
	last := token
	if token.Kind() == "member_expression" {
		last = token.Get("property")
	}
	if !apis.CancelToken(last.Text()) || v.ownerCovers(n, syntax.Node{}) {
		return
	}
	fn := astutil.EnclosingFunction(n)
	r := v.repeats.Of(n, nil)
	if r == nil {
		r = repeats.Settling(p, fn)
	}
	if r == nil || !v.tokenOutlives(token, r) {
		return
	}
	msg := fmt.Sprintf("%s.promise.then callback is added on %s and cannot be removed; a token shared between calls keeps every callback, and what it holds, until it is cancelled, which may be never; subscribe with a listener you remove when the call settles (token.subscribe / unsubscribe, or an AbortSignal)",
		cleanup.Describe(token), r.Phrase)
	p.Report(analyzer.Diagnostic{Start: astutil.Callee(n).Start(), End: n.End(), Message: msg,
		Related: []analyzer.Related{relatedRepeat(r)}})
}

// tokenOutlives reports a token that is the same on every run: long-lived,
// declared outside what repeats, or handed in by the caller (a parameter
// or a member of one, config.cancelToken).
func (v *perCall) tokenOutlives(t syntax.Node, r *repeats.Repeat) bool {
	if v.longLived(t) || v.outlives(t, r) {
		return true
	}
	root := rootOf(t)
	if root.Kind() != "identifier" {
		return false
	}
	b := v.p.Scope.Resolve(root)
	if b == nil || b.Kind != scope.Param || b.Reassigned {
		return false
	}
	// A request handler's own req is per request: req.cancelToken is
	// made for this request.
	return r.Kind != repeats.Request && r.Kind != repeats.Connection
}
