package listeners

import (
	"regexp"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// Lumino keeps every connection in per-object tables, and its Signal
// namespace clears them wholesale: Signal.clearData(obj) and
// Signal.disconnectAll(obj) end every connection obj sends or receives,
// disconnectReceiver(obj) those given obj as thisArg, disconnectSender(obj)
// those of obj's own signals. Lumino's Widget and JupyterLab's models call
// Signal.clearData(this) in their dispose(), so a subclass that connects
// with `this` as thisArg is disconnected when it is disposed.

// signalClears are the Signal namespace's wholesale disconnects and whether
// each ends connections whose thisArg (receiver) is the argument, or whose
// signal belongs to it (sender).
var signalClears = map[string]struct{ receiver, sender bool }{
	"clearData":          {true, true},
	"disconnectAll":      {true, true},
	"disconnectReceiver": {true, false},
	"disconnectSender":   {false, true},
}

// luminoBase matches the modules whose classes clear their signal data
// when disposed.
var luminoBase = regexp.MustCompile(`^@(lumino|phosphor|jupyterlab)/`)

// signalCleared reports a connection that owner o's teardown ends without
// naming it: a Signal.clearData-style call on its thisArg or on the object
// the signal belongs to, or a thisArg `this` in a class whose Lumino base
// class clears its signal data on dispose.
func signalCleared(p *analyzer.Pass, o *lifecycle.Owner, a call) bool {
	thisArg := scope.Unwrap(a.options)
	if thisArg.Kind() == "this" && o.Class.Valid() && luminoSubclass(p, o.Class) {
		return true
	}
	source := signalSource(a.target)
	for _, c := range signalClearCalls(p) {
		if !p.Life.InTeardown(c) {
			continue
		}
		kind := signalClears[astutil.MethodName(c)]
		args := astutil.Args(c)
		if len(args) != 1 {
			continue
		}
		if kind.receiver && thisArg.Valid() && sameExpr(p, args[0], thisArg) ||
			kind.sender && sameExpr(p, args[0], source) {
			return true
		}
	}
	return false
}

type signalClearsKey struct{}

// signalClearCalls lists the file's Signal.clearData(...)-style calls.
func signalClearCalls(p *analyzer.Pass) []syntax.Node {
	return p.Memo(signalClearsKey{}, func() any {
		var calls []syntax.Node
		if !strings.Contains(p.Tree.Src, "Signal.") {
			return calls
		}
		p.Tree.Root().Walk(func(n syntax.Node) bool {
			if n.Kind() == "call_expression" {
				if recv, name := astutil.Method(n); recv.Text() == "Signal" {
					if _, ok := signalClears[name]; ok {
						calls = append(calls, n)
					}
				}
			}
			return true
		})
		return calls
	}).([]syntax.Node)
}

// luminoSubclass reports a class that extends a class imported from
// Lumino, Phosphor or JupyterLab (Widget, VDomModel, widgets.Panel).
func luminoSubclass(p *analyzer.Pass, class syntax.Node) bool {
	base := lifecycle.ClassBase(class)
	if i := strings.IndexAny(base, ".<("); i >= 0 {
		base = base[:i]
	}
	return base != "" && luminoBase.MatchString(p.Life.ImportedFrom(base))
}
