package subscriptions

import (
	"fmt"
	"regexp"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
)

// promisedDisposerOf returns the API of the table apis.PromisedDisposers
// that call subscribes with: its receiver is the vendor's service (a
// member named as the SDK names it, or a variable made with `new Class`),
// and the file or the project uses the vendor's SDK.
func promisedDisposerOf(p *analyzer.Pass, call syntax.Node) (apis.PromisedDisposer, bool) {
	recv, name := astutil.Method(call)
	recv = scope.Unwrap(recv)
	for _, d := range apis.PromisedDisposers() {
		if name != d.Method || !usesSDK(p, d) {
			continue
		}
		switch recv.Kind() {
		case "member_expression":
			if recv.Get("property").Text() == d.Member {
				return d, true
			}
		case "identifier":
			if b := p.Scope.Resolve(recv); b != nil {
				init := scope.Unwrap(b.Init)
				if init.Kind() == "new_expression" {
					ctor := scope.Unwrap(init.Get("constructor"))
					if ctor.Text() == d.Class && d.Vouches(p.Life.ImportedFrom(d.Class)) {
						return d, true
					}
				}
			}
		}
	}
	return apis.PromisedDisposer{}, false
}

// usesSDK reports whether the file imports from the vendor's packages or
// the project depends on one of them.
func usesSDK(p *analyzer.Pass, d apis.PromisedDisposer) bool {
	for _, st := range p.Tree.Root().Children() {
		if st.Kind() != "import_statement" {
			continue
		}
		if src, _ := astutil.StringValue(st.Get("source")); d.Vouches(src) {
			return true
		}
	}
	for _, m := range d.Modules {
		if p.Life.DependsOn(m) {
			return true
		}
	}
	return false
}

// reportPromised reports a subscription whose promised handle is returned
// to the framework as if it were the cleanup, or thrown away. It returns
// false when the promise goes somewhere else (kept, awaited, chained with
// .then), which is left to the code that keeps it.
func (v *notDisposed) reportPromised(call syntax.Node, o *lifecycle.Owner, d apis.PromisedDisposer) bool {
	recv, _ := astutil.Method(call)
	// A chain broken over lines (`sdk\n  .forProject(...)\n  .realtime`)
	// reads as one expression.
	chain := lineBreaks.ReplaceAllString(scope.Unwrap(recv).Text(), "")
	if len(chain) > 40 {
		chain = chain[:37] + "..."
	}
	what := "subscription to " + chain
	fix := fmt.Sprintf("keep it with .then((s) => (subscription = s)) and call subscription.%s() %s", d.Close, cleanup.WhereClause(o))
	var msg string
	switch {
	case cleanup.Returned(o, call) && astutil.UseOf(call).Kind == "returned":
		msg = fmt.Sprintf("%s is never closed: %s subscribe() returns a Promise of the subscription, and %s does not run a promise as its cleanup; %s",
			what, d.Vendor, o.Name, fix)
	case astutil.UseOf(call).Kind == "discarded":
		msg = fmt.Sprintf("%s is never closed: the Promise of the subscription %s subscribe() returns is discarded; %s", what, d.Vendor, fix)
	default:
		return false
	}
	callee := astutil.Callee(call)
	v.p.Report(analyzer.Diagnostic{Start: callee.Start(), End: call.End(), Message: msg,
		Related: []analyzer.Related{cleanup.Where(o)}})
	return true
}

var lineBreaks = regexp.MustCompile(`\s*\n\s*`)
