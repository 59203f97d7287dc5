// This file words resource-not-closed's findings.

package resources

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

func (v *notClosed) line(n syntax.Node) int {
	if v.ix == nil {
		v.ix = textpos.New(v.p.Tree.Src)
	}
	l, _ := v.ix.Position(n.Start(), textpos.UTF16)
	return l + 1
}

// subject names the resource: "FileHandle from open()", "WebSocket",
// "WebSocket stored in this.ws".
func (v *notClosed) subject(a acquisition, stored string) string {
	s := a.kind.name
	if a.node.Kind() == "call_expression" {
		s += " from " + a.from
	}
	if stored != "" {
		s += " stored in " + stored
	}
	return s
}

// imperative is the verb a message asks for: "close it", "release it".
func imperative(k *kind) string {
	switch k.closer {
	case "release", "end", "terminate", "destroy":
		return k.closer
	}
	return "close"
}

// reportNever reports a scoped resource that is never closed.
func (v *notClosed) reportNever(a acquisition, o *lifecycle.Owner, f fate, holder syntax.Node) {
	k := a.kind
	name := holder.Text()
	if name == "" {
		name = defaultName(k)
	}
	var advice string
	switch {
	case k == fdKind && a.callback.Valid():
		advice = fmt.Sprintf("call %s when done with it", v.closeCall(a, name, false))
	case k == fdKind:
		if c := v.closeCall(a, name, false); c != "" {
			advice = "call " + c + " in a finally block"
		} else {
			advice = "close it with fs.closeSync in a finally block"
		}
	case k == readStreamKind:
		advice = "pipe it somewhere or call " + name + ".destroy() when done"
	case k == writeStreamKind:
		advice = "call " + name + ".end() when done"
	case k == fileHandleKind:
		advice = "await " + name + ".close() in a finally block"
	case k == grpcClientKind:
		// Its calls run on after the function returns: a finally block
		// would close the channel under them.
		advice = fmt.Sprintf("reuse one client per address, or call %s.close() once its calls are done", name)
	case a.wrapper != "":
		// The project's module made it; it may keep a shared one too.
		advice = fmt.Sprintf("reuse one client for the process instead of opening one per call, or call %s.%s() in a finally block", name, k.closer)
	case k.db && !a.checkout:
		advice = fmt.Sprintf("create it once at module level and reuse it, or call %s.%s() in a finally block", name, k.closer)
	default:
		advice = fmt.Sprintf("call %s.%s() in a finally block", name, k.closer)
	}
	if a.callback.Valid() && k != fdKind {
		advice = fmt.Sprintf("call %s.%s() when done with it, on every path", name, k.closer)
	}
	if !holder.Valid() {
		// Kept nowhere: nothing can close it as written.
		switch k {
		case fdKind:
			advice = "keep the descriptor and call " + v.closeCall(a, "fd", false) + " when done"
			if v.closeCall(a, "fd", false) == "" {
				advice = "keep the descriptor and close it with fs.closeSync when done"
			}
		case writeStreamKind:
			advice = "keep the stream and call .end() on it after the last write"
		case readStreamKind:
			advice = "pipe it somewhere or destroy it"
		default:
			if !k.db || a.checkout {
				advice = fmt.Sprintf("keep it in a variable and call %s() on it when done", k.closer)
			}
		}
	}
	what := v.subject(a, "")
	if (k.db || k == grpcClientKind) && !a.checkout && a.node.Kind() == "new_expression" {
		what = k.name + " created on every call"
	}
	msg := fmt.Sprintf("%s is never %s; %s", what, k.verb, advice)
	d := v.diagnostic(a, msg)
	if holder.Valid() && k != grpcClientKind && a.wrapper == "" && v.p.WantsFixes() {
		if b := v.p.Scope.Resolve(holder); b != nil {
			if decl := holder.Parent(); decl.Kind() == "variable_declarator" && decl.Parent().ChildCount() == 1 {
				if k == writeStreamKind {
					d.Fixes = v.endFix(a, b, decl.Parent())
				} else {
					d.Fixes = v.finallyFix(a, f, b, decl.Parent(), syntax.Node{})
				}
			}
		}
	}
	if f.lastWrite.Valid() && v.p.WantsFixes() {
		// The only write can be the last one: end(chunk) writes it and ends.
		bld := fixgen.New(v.p)
		bld.Replace(f.lastWrite, "end")
		d.Fixes = []analyzer.Fix{bld.Fix("Write with end() so the stream is closed", true)}
	}
	v.p.Report(d)
}

func defaultName(k *kind) string {
	switch k {
	case fdKind:
		return "fd"
	case fileHandleKind:
		return "handle"
	case readStreamKind, writeStreamKind:
		return "stream"
	case checkoutKind, pgClientKind, mongoKind, redisKind:
		return "client"
	case pgPoolKind, mysqlPoolKind:
		return "pool"
	case mysqlConnKind, pooledConnKind:
		return "connection"
	case webSocketKind:
		return "socket"
	case eventSourceKind:
		return "source"
	case channelKind:
		return "channel"
	case workerKind, nodeWorkerKind:
		return "worker"
	}
	return "resource"
}

// reportPath reports a resource closed on the straight path but not on
// every path, offering to move the close into a finally block.
func (v *notClosed) reportPath(a acquisition, f fate, b *scope.Binding, decl, last syntax.Node, msg string) {
	d := v.diagnostic(a, msg)
	if v.p.WantsFixes() {
		d.Fixes = v.finallyFix(a, f, b, decl, last)
	}
	v.p.Report(d)
}

// reportOwner reports a resource an owner opens and its teardown never
// closes. target is the expression the cleanup names ("" when the
// resource is kept nowhere); plain says the teardown can call it without
// `?.`.
func (v *notClosed) reportOwner(a acquisition, o *lifecycle.Owner, target, stored string, plain bool, holder syntax.Node) {
	k := a.kind
	subj := v.subject(a, "")
	if strings.Contains(stored, ".") {
		subj = v.subject(a, stored)
	}
	var msg string
	switch {
	case target == "":
		msg = fmt.Sprintf("%s is never %s; keep it in a variable and call %s() on it %s",
			subj, k.verb, k.closer, cleanup.WhereClause(o))
	case holder.Kind() == "identifier" && v.p.Scope.DeclaredAt(holder) != nil && !o.Setup.Valid():
		msg = fmt.Sprintf("%s is never %s; keep it in a field and call %s %s",
			subj, k.verb, v.ownerClose(a, "this."+target, plain), cleanup.WhereClause(o))
	default:
		msg = fmt.Sprintf("%s is never %s; call %s %s", subj, k.verb, v.ownerClose(a, target, plain), cleanup.WhereClause(o))
	}
	d := v.diagnostic(a, msg)
	d.Related = []analyzer.Related{cleanup.Where(o)}
	if target != "" && a.wrapper == "" && v.p.WantsFixes() {
		d.Fixes = v.ownerFix(a, o, target, plain, holder)
	}
	v.p.Report(d)
}

// reportPerCall reports a connection opened each time a handler, loop or
// render runs and never closed.
func (v *notClosed) reportPerCall(a acquisition, why string) {
	k := a.kind
	var msg string
	if strings.HasPrefix(why, "render of ") {
		msg = fmt.Sprintf("%s is opened on every %s and never %s; open it in a useEffect and %s it in the cleanup",
			v.subject(a, ""), why, k.verb, imperative(k))
	} else if why == "request" {
		msg = fmt.Sprintf("%s is opened on every request and never %s; %s it when the request ends",
			v.subject(a, ""), k.verb, imperative(k))
	} else {
		msg = fmt.Sprintf("%s is opened on every %s and never %s; %s it when the work is done",
			v.subject(a, ""), why, k.verb, imperative(k))
	}
	v.p.Report(v.diagnostic(a, msg))
}

func (v *notClosed) diagnostic(a acquisition, msg string) analyzer.Diagnostic {
	start := a.node.Start()
	if a.node.Kind() == "call_expression" {
		start = astutil.Callee(a.node).Start()
	}
	return analyzer.Diagnostic{Start: start, End: a.node.End(), Message: msg}
}
