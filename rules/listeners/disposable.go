package listeners

import (
	"fmt"
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

// A VS Code or Monaco event (`model.onDidChangeContent(fn)`,
// `emitter.event(fn)`) keeps its listener until the IDisposable the call
// returns is disposed: there is no removal to pair, so what decides is
// where that value goes. Dropped, or kept where nothing ever reads it, the
// listener (and the owner its handler closes over) stays as long as the
// event's source.

// disposableEvent is one such registration.
type disposableEvent struct {
	node    syntax.Node
	target  syntax.Node // the event's source: model in model.onDidChangeContent(fn)
	method  string
	handler syntax.Node
	slot    bool // a one-argument `slot.on(fn)`: no event name, the call's value removes it
	// event is set for a helper that adds a DOM listener and returns its
	// IDisposable: addDisposableListener(window, "resize", fn).
	event syntax.Node
}

// parseDisposableEvent reads `source.onDidX(listener[, thisArgs[, disposables]])`
// and `source.event(listener, ...)`. A call given a disposables list (a
// third argument that is not null) hands the IDisposable to that list and
// is not returned.
func parseDisposableEvent(p *analyzer.Pass, n syntax.Node) (disposableEvent, bool) {
	fn := scope.Unwrap(n.Get("function"))
	if fn.Kind() != "member_expression" {
		return disposableEvent{}, false
	}
	name := fn.Get("property").Text()
	args := astutil.Args(n)
	if name == "on" {
		return parseSlot(p, n, fn, args)
	}
	if !apis.DisposableEvent(name) {
		return disposableEvent{}, false
	}
	if len(args) == 0 || len(args) > 3 || len(args) == 3 && !nullish(args[2]) {
		return disposableEvent{}, false
	}
	h := scope.Unwrap(args[0])
	if !listenerLike(p, h, name != "event") {
		return disposableEvent{}, false
	}
	return disposableEvent{node: n, target: fn.Get("object"), method: name, handler: args[0]}, true
}

// parseSlot reads `slot.on(listener)`: a signal object (BlockSuite's
// Slot, and the libraries like it) that is its own event, so its on()
// takes no event name and returns the disposable that removes the
// listener. An emitter's on() always names the event first, so one
// argument that is a function is read as a slot; a method reference
// (this.handle) could be anything and is left alone.
func parseSlot(p *analyzer.Pass, n, fn syntax.Node, args []syntax.Node) (disposableEvent, bool) {
	if len(args) != 1 {
		return disposableEvent{}, false
	}
	h := scope.Unwrap(args[0])
	if !listenerLike(p, h, false) {
		return disposableEvent{}, false
	}
	return disposableEvent{node: n, target: fn.Get("object"), method: "on", handler: args[0], slot: true}, true
}

// listenerLike reports an argument that is a function: written inline,
// bound, or a function the file declares. `event` is a common method name
// (analytics.event({...}), gtag's event("name")), so it also needs a
// function; onDidX/onWillX names say what they are, and a method reference
// (this.onChange) is enough there.
func listenerLike(p *analyzer.Pass, h syntax.Node, named bool) bool {
	switch h.Kind() {
	case "arrow_function", "function_expression", "function":
		return true
	case "call_expression":
		return astutil.MethodName(h) == "bind"
	case "identifier":
		return p.Life.FunctionOf(h).Valid() || named
	case "member_expression":
		return named
	}
	return false
}

func nullish(n syntax.Node) bool {
	n = scope.Unwrap(n)
	return n.Kind() == "null" || n.Kind() == "undefined" || n.Text() == "undefined"
}

// visitDisposableEvent decides one registration; it reports at once, as
// nothing later in the file can undo a dropped IDisposable.
func (v *notRemoved) visitDisposableEvent(d disposableEvent) {
	p := v.p
	n := d.node
	if p.Life.RunsAtLoad(n) {
		return
	}
	h := cleanup.HandleOf(p, n)
	if !droppedHandle(p, n, h) {
		return
	}
	o := p.Life.OwnerOf(n)
	if o == nil {
		if class, ok := staticSourceOfOwnClass(p, d); ok {
			v.reportOwnerlessDisposable(d, class)
		}
		return
	}
	target := d.target
	life := p.Scope.LifetimeOf(target)
	if !targetMayOutlive(o, life, apis.Accumulates(p.Scope.DeclaredType(target))) ||
		life == scope.Unknown && madeByOwner(p, target) && !editorModel(p, target) {
		return
	}
	switch life {
	case scope.Parameter:
		if ownedParameter(p, target, o) {
			return
		}
	case scope.Member:
		if createdByOwner(p, target, o) {
			return
		}
	}
	if o.Follows().IsElement && rootedInThis(target) {
		return
	}
	// panel.onDidDispose(...), session.onWillClose(...): like a 'close'
	// listener, it runs when its source goes away and keeps nothing after.
	if endEvents[strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(d.method, "onDid"), "onWill"))] && life != scope.Global {
		return
	}
	// The owner disposes the source itself (this.model.dispose()): the
	// listener goes with it.
	if p.Life.FindInTeardown(o, func(m syntax.Node) bool {
		if m.Kind() != "call_expression" {
			return false
		}
		recv, name := astutil.Method(m)
		return disposers[name] && recv.Valid() && sameTarget(p, recv, target)
	}).Valid() {
		return
	}
	if cleanup.HandleUndone(p, o, n, h) {
		return
	}
	v.reportDisposable(d, o)
}

// editorModel reports a target that is a Monaco editor's text model
// (editor.getModel(), kept in a local or not): the model is not the
// editor's own part, so disposing the editor leaves the model, and the
// listeners on it, alive in Monaco's model registry until the model itself
// is disposed.
func editorModel(p *analyzer.Pass, target syntax.Node) bool {
	t := scope.Unwrap(target)
	if t.Kind() == "identifier" {
		if b := p.Scope.Resolve(t); b != nil && !b.Reassigned {
			t = scope.Unwrap(b.Init)
		}
	}
	found := false
	t.Walk(func(m syntax.Node) bool {
		if m.Kind() == "call_expression" && astutil.MethodName(m) == "getModel" {
			found = true
		}
		return !found && !scope.IsFunction(m)
	})
	return found
}

// droppedHandle reports an IDisposable that nothing can dispose: the call's
// value is discarded, or kept in a local or a member that nothing reads
// again. Any other use (returned, passed on, pushed to a list, read
// anywhere) counts as handing it to whoever disposes it.
func droppedHandle(p *analyzer.Pass, n syntax.Node, h cleanup.Handle) bool {
	switch h.Kind {
	case "discarded":
		return true
	case "variable":
		b := p.Scope.Resolve(h.Holder)
		if b == nil || b.ModuleLevel() {
			return false
		}
		for _, ref := range p.Scope.References(b) {
			if ref.Index() != h.Holder.Index() && ref.Index() != b.Decl.Index() {
				return false
			}
		}
		return true
	case "member":
		if h.Key == "" || !strings.HasPrefix(h.Key, "this@") {
			return false
		}
		read := false
		p.Tree.Root().Walk(func(m syntax.Node) bool {
			if read {
				return false
			}
			if m.Kind() == "member_expression" && m.Index() != h.Holder.Index() && p.Scope.Key(m) == h.Key {
				read = true
			}
			return true
		})
		return !read
	}
	return false
}

// staticSourceOfOwnClass reports, for a registration without an owner, the
// class whose instances register on a static emitter of that same class
// (`ScriptSkipper.sharedSkips.event(e => this.toggle(e))` in its
// constructor): the static lives as long as the program and is shared by
// every instance, so each instance's listener keeps it alive for good. A
// class without a teardown is otherwise no owner (its lifetime is unknown),
// but one that keeps a static emitter for its instances to share has more
// than one instance.
func staticSourceOfOwnClass(p *analyzer.Pass, d disposableEvent) (syntax.Node, bool) {
	t := scope.Unwrap(d.target)
	if t.Kind() != "member_expression" || astutil.InStaticContext(d.node) {
		return syntax.Node{}, false
	}
	obj := scope.Unwrap(t.Get("object"))
	class := p.Scope.ThisOwner(d.node)
	if obj.Kind() != "identifier" || !class.Valid() || class.Kind() == "object" || lifecycle.ClassName(class) != obj.Text() {
		return syntax.Node{}, false
	}
	if astutil.SingletonInstance(p.Scope, class).Valid() {
		return syntax.Node{}, false
	}
	prop := t.Get("property").Text()
	static := false
	for _, m := range class.Get("body").Children() {
		if (m.Kind() == "public_field_definition" || m.Kind() == "field_definition") && m.HasToken("static") &&
			m.Get("name").Text() == prop {
			static = true
		}
	}
	if !static {
		return syntax.Node{}, false
	}
	// The listener must hold the instance: a handler that never uses this
	// keeps nothing of it.
	held := false
	scope.Unwrap(d.handler).Walk(func(m syntax.Node) bool {
		if m.Kind() == "this" && p.Scope.ThisOwner(m).Index() == class.Index() {
			held = true
		}
		return !held
	})
	return class, held
}

// disposableMessage words a finding; where says where the dispose belongs.
func disposableMessage(d disposableEvent, where string) string {
	if d.event.Valid() {
		return fmt.Sprintf("%s listener added to %s with %s is never removed: the IDisposable it returns is dropped; keep it and dispose it %s",
			cleanup.Describe(d.event), cleanup.Describe(d.target), d.method, where)
	}
	if d.slot {
		return fmt.Sprintf("on listener added to %s is never removed: the disposable it returns is dropped; keep it and dispose it %s",
			cleanup.Describe(d.target), where)
	}
	return fmt.Sprintf("%s listener added to %s is never removed: the IDisposable it returns is dropped; keep it and dispose it %s",
		d.method, cleanup.Describe(d.target), where)
}

func (v *notRemoved) reportDisposable(d disposableEvent, o *lifecycle.Owner) {
	p := v.p
	callee := astutil.Callee(d.node)
	diag := analyzer.Diagnostic{Start: callee.Start(), End: d.node.End(), Message: disposableMessage(d, cleanup.WhereClause(o)),
		Related: []analyzer.Related{cleanup.Where(o)}}
	if p.WantsFixes() {
		diag.Fixes = disposableFixes(p, d, o)
	}
	p.Report(diag)
}

func (v *notRemoved) reportOwnerlessDisposable(d disposableEvent, class syntax.Node) {
	name := lifecycle.ClassName(class)
	callee := astutil.Callee(d.node)
	n := class.Get("name")
	v.p.Report(analyzer.Diagnostic{Start: callee.Start(), End: d.node.End(),
		Message: disposableMessage(d, fmt.Sprintf("when the instance ends (in dispose(); %s has none), as the static %s outlives every instance", name, cleanup.Describe(d.target))),
		Related: []analyzer.Related{{Start: n.Start(), End: n.End(), Message: name + " has no teardown yet; add dispose()"}}})
}

// disposableFixes keep the IDisposable where the owner's teardown disposes
// it: handed to the class's own _register (a VS Code Disposable), or kept
// in a field (a class) or a constant (a setup function) that the teardown
// disposes. A method that may run more than once disposes the listener it
// registered before.
func disposableFixes(p *analyzer.Pass, d disposableEvent, o *lifecycle.Owner) []analyzer.Fix {
	st := astutil.Statement(d.node)
	if !st.Valid() || st.Kind() != "expression_statement" || scope.Unwrap(st.Child(0)).Index() != d.node.Index() {
		return nil // only a dropped call written as its own statement
	}
	b := fixgen.New(p)
	if o.Class.Valid() && o.Class.Kind() != "object" {
		if registers(o.Class) && p.Scope.ThisOwner(d.node).Index() == o.Class.Index() {
			b.Insert(d.node.Start(), "this."+apis.RegisterMethod+"(")
			b.Insert(d.node.End(), ")")
			return []analyzer.Fix{b.Fix("Register the listener with this."+apis.RegisterMethod, true)}
		}
		if p.Scope.ThisOwner(d.node).Index() != o.Class.Index() {
			return nil
		}
		name := fixgen.UniqueName(p, d.node, o.Class, listenerName(d))
		field := "this." + name
		if p.Tree.Lang.IsTypeScript() && !b.AddField(o.Class, "private "+name+"?: { dispose(): void }") {
			return nil
		}
		if fn := astutil.EnclosingFunction(d.node); !(fn.Kind() == "method_definition" && fn.Get("name").Text() == "constructor") {
			b.InsertBefore(st, field+"?.dispose()")
		}
		b.Insert(d.node.Start(), field+" = ")
		if !b.AddCleanup(o, d.node, []string{field + "?.dispose()"}) {
			return nil
		}
		return []analyzer.Fix{b.Fix("Keep the listener's IDisposable and dispose it "+cleanup.WhereClause(o), true)}
	}
	if !o.Setup.Valid() || st.Parent().Index() != o.Setup.Get("body").Index() || !o.Setup.Contains(fixgen.CleanupScope(o)) {
		return nil
	}
	name := fixgen.UniqueName(p, d.node, syntax.Node{}, listenerName(d))
	b.Insert(d.node.Start(), "const "+name+" = ")
	if !b.AddCleanup(o, d.node, []string{name + ".dispose()"}) {
		return nil
	}
	return []analyzer.Fix{b.Fix("Keep the listener's IDisposable and dispose it "+cleanup.WhereClause(o), true)}
}

// listenerName names the kept IDisposable for its event: an Emitter's
// `.event` by the emitter (toggles.event -> togglesListener).
func listenerName(d disposableEvent) string {
	if ev, ok := astutil.StringValue(d.event); ok && isIdentifierWord(ev) {
		return ev + "Listener"
	}
	if d.event.Valid() {
		return "listener"
	}
	if d.method != "event" {
		return d.method + "Listener"
	}
	t := scope.Unwrap(d.target)
	if t.Kind() == "member_expression" {
		t = t.Get("property")
	}
	if t.Kind() != "identifier" && t.Kind() != "property_identifier" {
		return "eventListener"
	}
	return strings.TrimLeft(t.Text(), "_#") + "Listener"
}

// registers reports a class with its own _register method, or one built on
// VS Code's Disposable base, whose _register disposes what it is given
// with the instance.
func registers(class syntax.Node) bool {
	if _, ok := lifecycle.Methods(class)[apis.RegisterMethod]; ok {
		return true
	}
	return apis.DisposableBase(lifecycle.ClassBase(class))
}

// isIdentifierWord reports an event name that can start a variable name.
func isIdentifierWord(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
