package subscriptions

import (
	"fmt"
	"regexp"
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

// promisedDisposerOf returns the API of the table apis.PromisedDisposers
// that call subscribes with: its receiver is the vendor's service (a
// member named as the SDK names it, or a variable made with `new Class`),
// and the file or the project uses the vendor's SDK.
func promisedDisposerOf(p *analyzer.Pass, call syntax.Node) (apis.PromisedDisposer, bool) {
	recv, name := astutil.Method(call)
	recv = scope.Unwrap(recv)
	for _, d := range apis.PromisedDisposers() {
		if name != d.Method {
			continue
		}
		// The receiver first: asking the file's imports for every
		// subscribe() was a fourteenth of an edit in a 5,000-line file.
		service := false
		switch recv.Kind() {
		case "member_expression":
			service = recv.Get("property").Text() == d.Member
		case "identifier":
			if b := p.Scope.Resolve(recv); b != nil {
				if init := scope.Unwrap(b.Init); init.Kind() == "new_expression" {
					ctor := scope.Unwrap(init.Get("constructor"))
					service = ctor.Text() == d.Class && d.Vouches(p.Life.ImportedFrom(d.Class))
				}
			}
		}
		if service && usesSDK(p, d) {
			return d, true
		}
	}
	return apis.PromisedDisposer{}, false
}

// sdkKey memoizes usesSDK per file and vendor.
type sdkKey struct{ vendor string }

// usesSDK reports whether the file imports from the vendor's packages or
// the project depends on one of them.
func usesSDK(p *analyzer.Pass, d apis.PromisedDisposer) bool {
	return p.Memo(sdkKey{d.Vendor}, func() any {
		for st := p.Tree.Root().FirstChild(); st.Valid(); st = st.NextSibling() {
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
	}).(bool)
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
	diag := analyzer.Diagnostic{Start: callee.Start(), End: call.End(), Message: msg,
		Related: []analyzer.Related{cleanup.Where(o)}}
	if v.p.WantsFixes() {
		diag.Fixes = promisedFixes(v.p, call, o, d)
	}
	v.p.Report(diag)
	return true
}

// promisedFixes keeps the promise a sync setup returns in a variable and
// returns a cleanup that closes the subscription once it resolves:
//
//	onMount(() => realtime.subscribe(ch, fn))
//
// becomes
//
//	onMount(() => {
//	  const subscription = realtime.subscribe(ch, fn);
//	  return () => {
//	    subscription.then((s) => s.close());
//	  };
//	});
//
// Only the setup's own return is rewritten; a dropped promise, or one an
// async setup returns, needs a human to place the cleanup.
func promisedFixes(p *analyzer.Pass, call syntax.Node, o *lifecycle.Owner, d apis.PromisedDisposer) []analyzer.Fix {
	setup := o.Setup
	if !setup.Valid() || setup.HasToken("async") || !cleanup.Returned(o, call) {
		return nil
	}
	b := fixgen.New(p)
	src := p.Tree.Src
	name := fixgen.UniqueName(p, call, syntax.Node{}, "subscription")
	cleanupFn := func(ind string) string {
		return ind + "return () => {\n" +
			ind + b.Style.Indent + name + ".then((s) => s." + d.Close + "())" + b.Style.Semi + "\n" +
			ind + "}" + b.Style.Semi
	}
	body := setup.Get("body")
	if body.Kind() != "statement_block" {
		// () => realtime.subscribe(...)
		if scope.Unwrap(body).Index() != call.Index() {
			return nil
		}
		ind := astutil.Indent(src, setup.Start())
		inner := ind + b.Style.Indent
		text := fixgen.Reindent(call.Text(), astutil.Indent(src, call.Start()), inner)
		// From right after `=>` to the call's closing parenthesis, so the
		// braces sit where a hand would put them.
		start := strings.LastIndex(src[:body.Start()], "=>") + len("=>")
		end := body.End()
		if rest := strings.TrimLeft(src[end:], " \t\r\n"); strings.HasPrefix(rest, ")") {
			end = len(src) - len(rest)
		}
		b.Edits = append(b.Edits, analyzer.Edit{Start: start, End: end,
			NewText: " {\n" + inner + "const " + name + " = " + text + b.Style.Semi + "\n" + cleanupFn(inner) + "\n" + ind + "}"})
	} else {
		// return realtime.subscribe(...);
		ret := call.Parent()
		for ret.Kind() == "parenthesized_expression" {
			ret = ret.Parent()
		}
		if ret.Kind() != "return_statement" || astutil.EnclosingFunction(ret).Index() != setup.Index() {
			return nil
		}
		ind := astutil.Indent(src, ret.Start())
		text := fixgen.Reindent(call.Text(), astutil.Indent(src, call.Start()), ind)
		b.Replace(ret, "const "+name+" = "+text+b.Style.Semi+"\n"+cleanupFn(ind))
	}
	return []analyzer.Fix{b.Fix(fmt.Sprintf("Keep the promised subscription and %s it in the cleanup", d.Close), true)}
}

var lineBreaks = regexp.MustCompile(`\s*\n\s*`)
