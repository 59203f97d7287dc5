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

// RemovalMismatch is listener-removal-mismatch.
var RemovalMismatch = &analyzer.Rule{
	ID:       "listener-removal-mismatch",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"call_expression"},
	APIs:     removalAPIs,
	// Additions too: an undo method that adds again has no removal at all.
	Needles: append(append(apis.Builtin().Needles(removalAPIs), apis.Builtin().Needles(listenerAPIs)...), apis.EventHelperNeedles()...),
	New: func(p *analyzer.Pass) analyzer.Visitor {
		return &mismatch{p: p}
	},
	Doc: analyzer.Doc{
		Title: "Listener removal that can never remove anything",
		Text: `removeEventListener and off only remove the exact function object that was
added, on the same target, with the same capture flag. A removal that passes an inline
function, a fresh .bind(...), debounce(...) or throttle(...) result, a different capture
flag or a different target silently does nothing, and the listener it was meant to remove stays forever. The same
holds for the remove-then-add idiom (off(h).on(h)) when h is declared inside the function
that runs it: each run removes its own new h, never the one the previous run added.`,
		Accepts: []string{
			"the same function reference in the addition and the removal (a named function, a variable, a method bound once in the constructor, or a class field arrow)",
			"the same target and the same capture flag (true or { capture: true } on both sides, or on neither)",
			"off(event) or removeAllListeners(event) without a handler",
			"an emitter addition given more arguments than the listener API reads, whose removal names one of the later ones: an application's bus with `$on(event, priority, listener)` and `$off(event, listener)`",
			"a handler stored where the removal reads it back: `this.onKey = onKey` after adding onKey, then `const onKey = this.onKey` before removing it (also on a member of same-named parameters of sibling functions)",
			"handlers the file cannot tell apart: both taken as parameters by a wrapper pair (addListener(el, type, handler) and removeListener(el, type, handler)), or the same member of same-named locals set alike from this in two methods of one class (`const rec = this.get(t)`, then rec.onDispose)",
			"the remove-then-add idiom with a handler declared outside the function, on a target the run creates, or in a function named for start-up (init, setup), which runs once",
			"a removal from a target the adding owner made itself (a member it creates, also in a Vue component's data(), or its own markup): whatever the removal misses goes with the target and the owner; on a target the owner was handed (the store's player, a parameter) it is reported",
			"a removal in a function nothing runs (a class method or named function the file never names, that no framework calls and the module does not export): it strands nothing, and whether the listener needs removing is listener-not-removed's question",
		},
		Bad: analyzer.Example{Path: "scroller.js", Code: `export class Scroller {
  attach() {
    window.addEventListener("scroll", this.onScroll.bind(this));
  }
  dispose() {
    window.removeEventListener("scroll", this.onScroll.bind(this));
  }
  onScroll() {}
}
`},
		Good: analyzer.Example{Path: "scroller.js", Code: `export class Scroller {
  constructor() {
    this.onScroll = this.onScroll.bind(this);
  }
  attach() {
    window.addEventListener("scroll", this.onScroll);
  }
  dispose() {
    window.removeEventListener("scroll", this.onScroll);
  }
  onScroll() {}
}
`},
	},
}

type mismatch struct {
	p       *analyzer.Pass
	adds    []call
	removes []call
	// addIndex and removeIndex pair calls by event; built in Finish.
	addIndex, removeIndex *callIndex
	// reported marks additions already reported, once each.
	reported map[int]bool
	// onces are the file's once-listeners (once, one): they remove
	// themselves, and a removal naming one is meant for it.
	onces []call
}

// onceAdders are the once-listener adders of the table, by style.
var onceAdders, _, _ = styleTables(apis.Builtin(), apis.Use{Family: apis.Listener, Styles: []apis.Style{DOM, Emitter, VueBus}, Once: true})

func (v *mismatch) Visit(n syntax.Node) {
	if a, ok := parseAdd(v.p, n); ok {
		v.adds = append(v.adds, a)
		return
	}
	if r, ok := parseRemove(v.p, n); ok && r.handler.Valid() {
		v.removes = append(v.removes, r)
		return
	}
	if o, ok := parse(n, onceAdders); ok && o.handler.Valid() {
		v.onces = append(v.onces, o)
	}
}

func (v *mismatch) Finish() {
	v.reported = make(map[int]bool)
	v.addIndex, v.removeIndex = indexCalls(v.adds), indexCalls(v.removes)
	v.checkUndoTypos()
	for _, r := range v.removes {
		if v.checkRedeclared(r) {
			continue
		}
		v.check(r)
	}
}

func (v *mismatch) check(r call) {
	p := v.p
	if !removalCanRun(p, r.node) {
		return // nothing calls it: see reachable.go
	}
	if what, fresh := freshFunction(r.handler); fresh {
		if v.diesWithOwner(r) {
			return
		}
		msg := fmt.Sprintf("%s with %s removes nothing: it is a new function, never the one that was added", r.method, what)
		d := analyzer.Diagnostic{Start: r.handler.Start(), End: r.handler.End(), Message: msg}
		a, ok := v.addedWith(r)
		if ok {
			d.Related = append(d.Related, analyzer.Related{Start: a.node.Start(), End: a.node.End(), Message: "the listener it is meant to remove is added here"})
			d.Fixes = v.bindOnceFix(a, r)
		}
		if r.viaModule {
			d.Fixes = nil // the fixes write method calls on the target
		}
		p.Report(d)
		if ok {
			v.reportAtAdd(a, r, "the removal passes "+what)
		}
		return
	}
	var sameTargetAdds, otherTargetAdds []call
	// Only additions of r's handler, or of a .bind() of it, can be
	// reported below, so only those are visited.
	for a := range v.addIndex.sameHandler(p, r) {
		if a.style != r.style || !sameCallEvent(p, a, r) {
			continue
		}
		if from := boundFrom(a.handler); from.Valid() && sameExpr(p, from, r.handler) && sameTarget(p, a.target, r.target) {
			if v.diesWithOwner(r) {
				return
			}
			msg := fmt.Sprintf("%s removes %s, but the listener was added as %s, a different function", r.method,
				cleanup.Describe(r.handler), cleanup.Describe(a.handler))
			d := analyzer.Diagnostic{Start: r.handler.Start(), End: r.handler.End(), Message: msg,
				Related: []analyzer.Related{{Start: a.handler.Start(), End: a.handler.End(), Message: "added here with a fresh .bind()"}}}
			d.Fixes = v.bindOnceFix(a, r)
			if r.viaModule {
				d.Fixes = nil // the fixes write method calls on the target
			}
			p.Report(d)
			v.reportAtAdd(a, r, "it was added as a fresh .bind() of "+cleanup.Describe(r.handler))
			return
		}
		if !sameExpr(p, a.handler, r.handler) {
			continue
		}
		if sameTarget(p, a.target, r.target) {
			sameTargetAdds = append(sameTargetAdds, a)
		} else {
			otherTargetAdds = append(otherTargetAdds, a)
		}
	}
	if len(sameTargetAdds) > 0 {
		if r.style != DOM || !captureKnown(r.options) {
			return
		}
		for _, a := range sameTargetAdds {
			if !captureKnown(a.options) || capture(a.options) == capture(r.options) {
				return
			}
		}
		if v.diesWithOwner(r) {
			return
		}
		a := sameTargetAdds[0]
		msg := fmt.Sprintf("removeEventListener uses capture %v but the listener was added with capture %v, so it is not removed",
			capture(r.options), capture(a.options))
		d := analyzer.Diagnostic{Start: astutil.Callee(r.node).Start(), End: r.node.End(), Message: msg,
			Related: []analyzer.Related{{Start: a.node.Start(), End: a.node.End(), Message: "added here"}}}
		d.Fixes = v.captureFix(a, r)
		if r.viaModule {
			d.Fixes = nil // the fixes write method calls on the target
		}
		p.Report(d)
		v.reportAtAdd(a, r, fmt.Sprintf("the removal uses capture %v", capture(r.options)))
		return
	}
	if len(otherTargetAdds) == 0 {
		v.checkOtherHandler(r)
		return
	}
	if a := otherTargetAdds[0]; siblingParams(p, a.target, r.target) {
		v.checkHelperTargets(a, r)
		return
	}
	// Different names can denote the same object (a parameter, an alias,
	// this._x = x), so a different target is only certain between two
	// globals: window and document are never the same.
	if p.Scope.LifetimeOf(unwrapJQuery(r.target)) == scope.Global {
		a := otherTargetAdds[0]
		if p.Scope.LifetimeOf(unwrapJQuery(a.target)) != scope.Global || p.Scope.Key(unwrapJQuery(a.target)) == "" {
			return
		}
		msg := fmt.Sprintf("%s removes the listener from %s, but it was added to %s", r.method,
			cleanup.Describe(r.target), cleanup.Describe(a.target))
		d := analyzer.Diagnostic{Start: r.target.Start(), End: r.target.End(), Message: msg,
			Related: []analyzer.Related{{Start: a.target.Start(), End: a.target.End(), Message: "added to this target"}}}
		b := fixgen.New(p)
		b.Replace(r.target, a.target.Text())
		if fixgen.Visible(p, r.node, a.target) {
			d.Fixes = []analyzer.Fix{b.Fix("Remove the listener from "+cleanup.Describe(a.target), false)}
		}
		if r.viaModule {
			d.Fixes = nil // the fixes write method calls on the target
		}
		p.Report(d)
		v.reportAtAdd(a, r, "the removal is from "+cleanup.Describe(r.target))
	}
}

// diesWithOwner reports a removal from a target that the owner adding to
// it made itself: a member it creates (this.player = new Player(), or in
// a Vue component's data), or its own markup. A removal there that
// removes nothing strands no listener past the owner; target, listener
// and owner are collected together. A target the owner was given (a
// parameter, a global) may outlive it, and the mismatch is reported.
// It visits the removal's additions and walks their owners' classes, so
// check asks it only of a removal it is about to report.
func (v *mismatch) diesWithOwner(r call) bool {
	p := v.p
	target := unwrapJQuery(r.target)
	for a := range v.addIndex.pairable(r) {
		if a.style != r.style || !sameTarget(p, a.target, r.target) {
			continue
		}
		o := p.Life.OwnerOf(a.node)
		if o == nil || p.Life.Outlives(o, target) {
			continue
		}
		if p.Scope.LifetimeOf(target) == scope.Member && createdByOwner(p, target, o) || ownMarkup(p, o, target) {
			return true
		}
	}
	return false
}

// reportAtAdd reports a mismatch a second time on the addition, the line a
// reader looks at when asking whether this listener is removed; the fix
// stays on the removal.
func (v *mismatch) reportAtAdd(a, r call, why string) {
	if v.reported[a.node.Index()] || v.removedElsewhere(a) {
		return
	}
	v.reported[a.node.Index()] = true
	line := astutil.Line(r.node)
	msg := fmt.Sprintf("%s listener added here is never removed: %s at line %d can never match (%s)",
		eventLabel(a), r.method, line, why)
	v.p.Report(analyzer.Diagnostic{Start: astutil.Callee(a.node).Start(), End: a.node.End(), Message: msg,
		Related: []analyzer.Related{{Start: r.node.Start(), End: r.node.End(), Message: "this removal does not match it"}}})
}

// removedElsewhere reports an addition that another removal does match
// (a drag's drop handler takes its dragover listener off document.body,
// while the unmount cleanup names window): the addition is removed, and
// only the mismatched removal is worth reporting.
func (v *mismatch) removedElsewhere(a call) bool {
	for other := range v.removeIndex.pairable(a) {
		if matches(v.p, a, other) {
			return true
		}
	}
	return false
}

// checkUndoTypos reports an addition in an undo method (removeListeners,
// destroy, ...) that repeats an addition made elsewhere: the remover was
// meant, so the listener is never removed and one more is added.
func (v *mismatch) checkUndoTypos() {
	p := v.p
	for _, typo := range v.adds {
		a, name, ok := undoTypo(p, typo, v.addIndex)
		if !ok {
			continue
		}
		remover := removerFor(typo)
		msg := fmt.Sprintf("%s in %s adds the %s listener again instead of removing it; %s was meant",
			typo.method, name, eventLabel(typo), remover)
		b := fixgen.New(p)
		callee := scope.Unwrap(typo.node.Get("function"))
		d := analyzer.Diagnostic{Start: astutil.Callee(typo.node).Start(), End: typo.node.End(), Message: msg,
			Related: []analyzer.Related{{Start: a.node.Start(), End: a.node.End(), Message: "the listener is added here"}}}
		if callee.Kind() == "member_expression" {
			b.Replace(callee.Get("property"), remover)
			d.Fixes = []analyzer.Fix{b.Fix("Call "+remover+" instead", true)}
		}
		p.Report(d)
		v.reported[a.node.Index()] = true
	}
}

// undoTypo returns the addition that typo, an addition written in an undo
// method, repeats (same target, event and handler, made elsewhere), and the
// method's name: the remover was meant. listener-removal-mismatch reports
// the typo, so listener-not-removed leaves that call to it.
func undoTypo(p *analyzer.Pass, typo call, adds *callIndex) (call, string, bool) {
	fn := astutil.EnclosingFunction(typo.node)
	name := astutil.FunctionName(fn)
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if !apis.UndoName(name) && !p.Life.IsTeardownName(name) {
		return call{}, "", false
	}
	for a := range adds.matchable(p, typo) {
		if a.node.Index() == typo.node.Index() || fn.Contains(a.node) || a.style != typo.style ||
			!sameCallEvent(p, a, typo) || !sameTarget(p, a.target, typo.target) || !a.handler.Valid() || !sameExpr(p, a.handler, typo.handler) {
			continue
		}
		return a, name, true
	}
	return call{}, "", false
}

// addedWith finds the addition a removal with a fresh function was meant
// for: same target and event.
func (v *mismatch) addedWith(r call) (call, bool) {
	for a := range v.addIndex.pairable(r) {
		if a.style == r.style && (sameTarget(v.p, a.target, r.target) || siblingParams(v.p, a.target, r.target) || siblingLocals(v.p, a.target, r.target)) && sameCallEvent(v.p, a, r) {
			return a, true
		}
	}
	return call{}, false
}

// siblingParams reports two targets that are parameters of the same name
// of methods of the same class or object: bindEvents(el) and
// unbindEvents(el) of a directive get the same host element.
func siblingParams(p *analyzer.Pass, a, b syntax.Node) bool {
	a, b = scope.Unwrap(a), scope.Unwrap(b)
	if a.Kind() != "identifier" || b.Kind() != "identifier" || a.Text() != b.Text() {
		return false
	}
	ba, bb := p.Scope.Resolve(a), p.Scope.Resolve(b)
	if ba == nil || bb == nil || ba.Kind != scope.Param || bb.Kind != scope.Param {
		return false
	}
	ma, mb := ba.Scope.Node, bb.Scope.Node
	return ma.Parent().Valid() && mb.Parent().Valid() && container(ma).Valid() && container(ma).Index() == container(mb).Index()
}

// siblingLocals reports two locals of the same name in methods of the
// same class or object, each set once from the same expression on this:
// `let tt = this.el().textTracks` in both proxyTracks() and dispose()
// denote one object of one instance.
func siblingLocals(p *analyzer.Pass, a, b syntax.Node) bool {
	a, b = scope.Unwrap(a), scope.Unwrap(b)
	if a.Kind() != "identifier" || b.Kind() != "identifier" || a.Text() != b.Text() {
		return false
	}
	ba, bb := p.Scope.Resolve(a), p.Scope.Resolve(b)
	if ba == nil || bb == nil || ba == bb || ba.Reassigned || bb.Reassigned {
		return false
	}
	for _, x := range []*scope.Binding{ba, bb} {
		if x.Kind != scope.Var && x.Kind != scope.Let && x.Kind != scope.Const || !x.Init.Valid() || astutil.ChainRoot(x.Init).Kind() != "this" {
			return false
		}
	}
	if squash(ba.Init.Text()) != squash(bb.Init.Text()) {
		return false
	}
	fa, fb := methodOf(ba.Decl), methodOf(bb.Decl)
	return fa.Valid() && fb.Valid() && container(fa).Valid() && container(fa).Index() == container(fb).Index()
}

// methodOf returns the outermost function around n below its class body
// or object literal, or no node.
func methodOf(n syntax.Node) syntax.Node {
	var out syntax.Node
	for fn := astutil.EnclosingFunction(n); fn.Valid(); fn = astutil.EnclosingFunction(fn) {
		out = fn
	}
	return out
}

// container is the class body or object literal a method belongs to.
func container(fn syntax.Node) syntax.Node {
	par := fn.Parent()
	if par.Kind() == "pair" {
		par = par.Parent()
	}
	if par.Kind() == "class_body" || par.Kind() == "object" {
		return par
	}
	return syntax.Node{}
}

// bindOnceFix makes both sides use one reference: for `this.m.bind(this)`
// it binds once in the constructor (creating one if needed); for identical
// inline arrows in a function it hoists them into one constant.
func (v *mismatch) bindOnceFix(a, r call) []analyzer.Fix {
	p := v.p
	from := boundFrom(a.handler)
	if !from.Valid() {
		from = boundFrom(r.handler)
	}
	if from.Valid() {
		member := scope.Unwrap(from)
		if member.Kind() != "member_expression" || scope.Unwrap(member.Get("object")).Kind() != "this" {
			return nil
		}
		class := p.Scope.ThisOwner(member)
		if !class.Valid() || class.Kind() == "object" {
			return nil
		}
		ref := member.Text()
		b := fixgen.New(p)
		if boundFrom(a.handler).Valid() {
			b.Replace(a.handler, ref)
		}
		if boundFrom(r.handler).Valid() {
			b.Replace(r.handler, ref)
		}
		if !bindInConstructor(p, b, class, ref) {
			return nil
		}
		return []analyzer.Fix{b.Fix("Bind "+ref+" once in the constructor and use it in both calls", true)}
	}
	// Two identical inline functions in the same function: share one.
	if scope.Unwrap(a.handler).Kind() != "arrow_function" || squash(a.handler.Text()) != squash(r.handler.Text()) {
		return nil
	}
	fn := astutil.EnclosingFunction(a.node)
	if !fn.Valid() || !fn.Contains(r.node) {
		return nil
	}
	st := astutil.Statement(a.node)
	if !st.Valid() || st.Parent().Index() != fn.Get("body").Index() {
		return nil
	}
	// The constant goes before the addition's statement: the handler may
	// use only names declared before it, and a removal written earlier
	// would meet the constant before its declaration.
	if !fixgen.Movable(p, a.handler, st, st) || r.node.Start() < st.Start() {
		return nil
	}
	b := fixgen.New(p)
	name := fixgen.UniqueName(p, a.node, syntax.Node{}, "handle"+pascal(a.event))
	b.InsertBefore(st, "const "+name+" = "+a.handler.Text())
	b.Replace(a.handler, name)
	b.Replace(r.handler, name)
	if fixgen.LosesParamTypes(p, a.handler) {
		return []analyzer.Fix{b.Fix("Share one handler between addition and removal (it needs its parameter types)", false)}
	}
	return []analyzer.Fix{b.Fix("Share one handler between addition and removal", true)}
}

// bindInConstructor adds `this.m = this.m.bind(this)` to the class's
// constructor, creating the constructor when there is none.
func bindInConstructor(p *analyzer.Pass, b *fixgen.Builder, class syntax.Node, ref string) bool {
	stmt := ref + " = " + ref + ".bind(this)" + b.Style.Semi
	body := class.Get("body")
	for _, m := range body.Children() {
		if m.Kind() == "method_definition" && m.Get("name").Text() == "constructor" {
			block := m.Get("body")
			kids := block.Children()
			ind := astutil.Indent(p.Tree.Src, m.Start()) + b.Style.Indent
			if len(kids) == 0 {
				b.Replace(block, "{\n"+ind+stmt+"\n"+astutil.Indent(p.Tree.Src, m.Start())+"}")
				return true
			}
			// Before the first statement that uses the method (the
			// addition itself, when the constructor registers it):
			// bound after it, the listener would be the unbound one.
			for _, k := range kids {
				if syntax.ContainsWord(k.Text(), ref) {
					b.Insert(k.Start(), stmt+"\n"+ind)
					return true
				}
			}
			b.Insert(kids[len(kids)-1].End(), "\n"+ind+stmt)
			return true
		}
	}
	first := body.Child(0)
	if !first.Valid() {
		return false
	}
	if hasBase(class) && p.Tree.Lang.IsTypeScript() {
		// constructor(...args) { super(...args) } does not compile in
		// TypeScript (an untyped rest spread into the base's parameters),
		// and the base's parameter types are not known here.
		return false
	}
	ind := astutil.Indent(p.Tree.Src, first.Start())
	var ctor string
	if hasBase(class) {
		ctor = "constructor(...args) {\n" + ind + b.Style.Indent + "super(...args)" + b.Style.Semi + "\n" + ind + b.Style.Indent + stmt + "\n" + ind + "}\n\n" + ind
	} else {
		ctor = "constructor() {\n" + ind + b.Style.Indent + stmt + "\n" + ind + "}\n\n" + ind
	}
	b.Insert(first.Start(), ctor)
	return true
}

// captureFix makes the removal use the addition's capture flag.
func (v *mismatch) captureFix(a, r call) []analyzer.Fix {
	b := fixgen.New(v.p)
	want := capture(a.options)
	switch {
	case r.options.Valid() && want:
		b.Replace(r.options, "true")
	case r.options.Valid():
		b.Replace(r.options, "false")
	case want:
		b.Insert(r.handler.End(), ", true")
	default:
		return nil
	}
	return []analyzer.Fix{b.Fix(fmt.Sprintf("Remove with capture %v, as added", want), true)}
}

// checkOtherHandler reports a removal in an owner's teardown that names a
// handler the file never adds for that event, while the owner adds a
// different handler for the same target and event that nothing removes:
// the removal was evidently meant for it.
func (v *mismatch) checkOtherHandler(r call) {
	p := v.p
	if p.Scope.Key(r.handler) == "" {
		return
	}
	for a := range v.addIndex.pairable(r) {
		if a.style == r.style && sameCallEvent(p, a, r) && (sameHandlerOfSiblings(p, a.handler, r.handler) || holdsHandler(p, r.handler, a.handler) || readBack(p, r.handler, a.handler)) {
			return // added somewhere with this handler, or it is kept where the removal reads it
		}
		if a.style == r.style && sameCallEvent(p, a, r) && passedAfterHandler(p, a, r.handler) {
			return // the emitter takes its listener later than the table says
		}
	}
	for _, a := range v.onces {
		// this.one("webkitendfullscreen", endFn) and, at dispose,
		// this.off("webkitendfullscreen", endFn) for when it never fired.
		if a.style == r.style && sameCallEvent(p, a, r) && sameHandlerOfSiblings(p, a.handler, r.handler) {
			return
		}
	}
	undoFn := astutil.FunctionName(astutil.EnclosingFunction(r.node))
	if i := strings.LastIndexByte(undoFn, '.'); i >= 0 {
		undoFn = undoFn[i+1:]
	}
	for a := range v.addIndex.pairable(r) {
		if a.style != r.style || !sameCallEvent(p, a, r) {
			continue
		}
		// The removal is in the owner's teardown, or in a function whose
		// name says it undoes (removeListeners(el)) given the element
		// the adding function was given (a directive's hooks).
		inTeardown := false
		if sameTarget(p, a.target, r.target) {
			o := p.Life.OwnerOf(a.node)
			if p.Life.ListensToOwnEnd(o, a.node) {
				continue // it goes with the owner
			}
			inTeardown = o != nil && p.Life.FindInTeardown(o, func(n syntax.Node) bool { return n.Index() == r.node.Index() }).Valid()
		}
		if !inTeardown && !(apis.UndoName(undoFn) && (sameTarget(p, a.target, r.target) || siblingParams(p, a.target, r.target) || siblingTopLevelParams(p, a.target, r.target))) {
			continue
		}
		if callersHandlers(p, a, r) {
			continue
		}
		removed := false
		for other := range v.removeIndex.pairable(a) {
			if matches(p, a, other) {
				removed = true
			}
		}
		if removed {
			continue
		}
		added := cleanup.Describe(a.handler)
		later := argsAfterHandler(a)
		if len(later) > 0 {
			// Which argument is the listener is not certain: name them all,
			// and offer no fix.
			names := []string{added}
			for _, l := range later {
				names = append(names, cleanup.Describe(l))
			}
			added = "one of " + strings.Join(names, ", ")
		}
		msg := fmt.Sprintf("%s removes %s, which is never added for this event; the listener added here is %s",
			r.method, cleanup.Describe(r.handler), added)
		d := analyzer.Diagnostic{Start: r.handler.Start(), End: r.handler.End(), Message: msg,
			Related: []analyzer.Related{{Start: a.handler.Start(), End: a.handler.End(), Message: "the handler that was added"}}}
		if _, fresh := freshFunction(a.handler); !fresh && len(later) == 0 && fixgen.Visible(p, astutil.EnclosingFunction(r.node), a.handler) {
			b := fixgen.New(p)
			b.Replace(r.handler, a.handler.Text())
			d.Fixes = []analyzer.Fix{b.Fix("Remove "+cleanup.Describe(a.handler)+", the handler that was added", false)}
		}
		p.Report(d)
		v.reportAtAdd(a, r, "it removes "+cleanup.Describe(r.handler))
		return
	}
}

// argsAfterHandler returns the arguments an emitter addition is given after
// the listener position of its table (none for DOM additions, whose third
// argument is their options): an application's own bus can take more,
// and put its listener last, as in `bus.$on(event, priority, listener)`
// with `bus.$off(event, listener)` (Baserow's priority bus).
func argsAfterHandler(a call) []syntax.Node {
	if a.style != Emitter && a.style != VueBus || !a.handler.Valid() {
		return nil
	}
	args := astutil.Args(a.node)
	for i, x := range args {
		if x.Index() == a.handler.Index() {
			return args[i+1:]
		}
	}
	return nil
}

// passedAfterHandler reports a removal's handler that the addition is also
// given, after the argument the table names as its listener: the emitter
// evidently takes its listener there, and the removal names it.
func passedAfterHandler(p *analyzer.Pass, a call, handler syntax.Node) bool {
	for _, x := range argsAfterHandler(a) {
		if sameExpr(p, x, handler) {
			return true
		}
	}
	return false
}

// holdsHandler reports a removal's handler that is a variable or member
// the file sets to the added handler: `dragMove = onMove;
// document.addEventListener("pointermove", onMove)` and, at the drag's end
// or the teardown, `document.removeEventListener("pointermove",
// dragMove)`. The variable holds what was added whenever that assignment
// ran, so the removal may well match.
func holdsHandler(p *analyzer.Pass, holder, added syntax.Node) bool {
	k := p.Scope.Key(holder)
	if k == "" {
		return false
	}
	for _, v := range assignedValues(p)[k] {
		if sameExpr(p, v, added) {
			return true
		}
	}
	return false
}

// readBack reports a removal's handler that is a local read from the
// member the added handler was stored in: `this.keyDownHandler =
// keyDownHandler` after adding it, and `const keyDownHandler =
// this.keyDownHandler` before removing it (or `stats.onTime = onTime` and
// `const handler = stats.onTime` in two functions given the same stats).
// The local holds the added function whenever the store ran first.
func readBack(p *analyzer.Pass, holder, added syntax.Node) bool {
	holder = scope.Unwrap(holder)
	if holder.Kind() != "identifier" {
		return false
	}
	b := p.Scope.Resolve(holder)
	if b == nil || b.Reassigned || b.Kind != scope.Var && b.Kind != scope.Let && b.Kind != scope.Const {
		return false
	}
	if !b.Init.Valid() {
		return readBackField(p, b, added)
	}
	member := scope.Unwrap(b.Init)
	if member.Kind() != "member_expression" {
		return false
	}
	for _, store := range memberStores(p)[holderKey(member.Text())] {
		if sameExpr(p, scope.Unwrap(store.Get("right")), added) && sameHolder(p, scope.Unwrap(store.Get("left")), member) {
			return true
		}
	}
	return false
}

// readBackField is readBack for a local destructured from a record the
// added handler was stored in under the same field: `el._onResize[uid] =
// { handler, options }` after adding it, and `const { handler, options } =
// el._onResize[uid]` before removing it (a directive's mounted and
// unmounted hooks, given the same element).
func readBackField(p *analyzer.Pass, b *scope.Binding, added syntax.Node) bool {
	field, record := destructuredFrom(b.Decl)
	if record.Kind() != "member_expression" && record.Kind() != "subscript_expression" {
		return false
	}
	for _, store := range memberStores(p)[holderKey(record.Text())] {
		if !sameHolder(p, scope.Unwrap(store.Get("left")), record) {
			continue
		}
		if v, ok := astutil.Property(store.Get("right"), field); ok && sameExpr(p, scope.Unwrap(v), added) {
			return true
		}
	}
	return false
}

// destructuredFrom returns, for a name declared by an object pattern
// (`const { handler } = v`, `const { handler: h } = v`), the field it
// takes and the value it takes it from.
func destructuredFrom(decl syntax.Node) (field string, from syntax.Node) {
	prop := decl
	switch decl.Parent().Kind() {
	case "pair_pattern":
		prop = decl.Parent()
		field = prop.Get("key").Text()
		if s, ok := astutil.StringValue(prop.Get("key")); ok {
			field = s
		}
	case "object_pattern":
		field = decl.Text()
	default:
		return "", syntax.Node{}
	}
	pattern := prop.Parent()
	if pattern.Kind() != "object_pattern" || pattern.Parent().Kind() != "variable_declarator" {
		return "", syntax.Node{}
	}
	return field, scope.Unwrap(pattern.Parent().Get("value"))
}

// holderKey is the text of a place a value is kept in, without spaces or
// TypeScript's non-null assertions (`el._onResize![uid]` and
// `el._onResize[uid]!` are one place).
func holderKey(text string) string {
	return strings.ReplaceAll(squash(text), "!", "")
}

// sameHolder reports two member expressions of the same text that denote
// one place: the same key, this in methods of one class, or a member of
// same-named parameters of sibling functions.
func sameHolder(p *analyzer.Pass, a, b syntax.Node) bool {
	if ka, kb := p.Scope.Key(a), p.Scope.Key(b); ka != "" && ka == kb {
		return true
	}
	ra, rb := rootOf(a), rootOf(b)
	if ra.Kind() == "this" && rb.Kind() == "this" {
		ca, cb := container(astutil.EnclosingFunction(a)), container(astutil.EnclosingFunction(b))
		return ca.Valid() && cb.Valid() && ca.Index() == cb.Index()
	}
	return siblingParams(p, ra, rb) || siblingTopLevelParams(p, ra, rb)
}

type memberStoresKey struct{}

// memberStores maps the text of each member or element the file assigns
// with = (holderKey) to those assignments.
func memberStores(p *analyzer.Pass) map[string][]syntax.Node {
	return p.Memo(memberStoresKey{}, func() any {
		out := make(map[string][]syntax.Node)
		p.Tree.Root().Walk(func(n syntax.Node) bool {
			if n.Kind() == "assignment_expression" {
				if left := scope.Unwrap(n.Get("left")); (left.Kind() == "member_expression" || left.Kind() == "subscript_expression") && n.Get("right").Valid() {
					k := holderKey(left.Text())
					out[k] = append(out[k], n)
				}
			}
			return true
		})
		return out
	}).(map[string][]syntax.Node)
}

// bindingValues returns the values a binding is given: its initialiser
// and, when it is set again, the right side of each plain assignment to
// it.
func bindingValues(p *analyzer.Pass, b *scope.Binding) []syntax.Node {
	values := []syntax.Node{b.Init}
	if b.Reassigned {
		for _, ref := range p.Scope.References(b) {
			if asg := ref.Parent(); asg.Kind() == "assignment_expression" && ref.Field() == "left" {
				values = append(values, asg.Get("right"))
			}
		}
	}
	return values
}

type assignedValuesKey struct{}

// assignments are the nodes that give a name or member a value.
var assignments = syntax.NewKinds("assignment_expression", "variable_declarator")

// assignedValues maps the key of each variable or member the file assigns
// (with =, or in its declaration) to the values it is given.
func assignedValues(p *analyzer.Pass) map[string][]syntax.Node {
	return p.Memo(assignedValuesKey{}, func() any {
		out := make(map[string][]syntax.Node)
		for n := range p.Tree.Root().Of(assignments) {
			left, right := n.Get("left"), n.Get("right")
			if n.Kind() == "variable_declarator" {
				left, right = n.Get("name"), n.Get("value")
			}
			if !right.Valid() {
				continue
			}
			if k := p.Scope.Key(left); k != "" {
				out[k] = append(out[k], scope.Unwrap(right))
			}
		}
		return out
	}).(map[string][]syntax.Node)
}

// sameHandlerOfSiblings is sameExpr, also for one handler written on a
// member of same-named values of sibling functions, where two bindings may
// hold one object: parameters (el.$_onFocus in a directive's bind and
// unbind hooks) and locals set alike from this (`const data =
// this.get(texture)` in the method that adds data.onDispose and in the one
// that removes it).
func sameHandlerOfSiblings(p *analyzer.Pass, a, b syntax.Node) bool {
	if sameExpr(p, a, b) {
		return true
	}
	a, b = scope.Unwrap(a), scope.Unwrap(b)
	if a.Kind() != "member_expression" || squash(a.Text()) != squash(b.Text()) {
		return false // two bare parameters are two callers' callbacks
	}
	ra, rb := rootOf(a), rootOf(b)
	return siblingParams(p, ra, rb) || siblingTopLevelParams(p, ra, rb) || siblingLocals(p, ra, rb)
}

// callersHandlers reports an addition and a removal in two functions that
// each take their handler as a parameter: a wrapper pair like
// addListener(el, type, handler) and removeListener(el, type, handler).
// Whether they match is up to their callers, which the file does not
// tell, so the removal is no certain mismatch.
func callersHandlers(p *analyzer.Pass, a, r call) bool {
	ba, br := paramOf(p, a.handler), paramOf(p, r.handler)
	return ba != nil && br != nil && ba.Scope != br.Scope
}

// paramOf returns the parameter binding a bare identifier names, or nil.
func paramOf(p *analyzer.Pass, n syntax.Node) *scope.Binding {
	n = scope.Unwrap(n)
	if n.Kind() != "identifier" {
		return nil
	}
	if b := p.Scope.Resolve(n); b != nil && b.Kind == scope.Param {
		return b
	}
	return nil
}

// siblingTopLevelParams reports two parameters of one name of functions
// declared at the top of the module: removeListeners(el) and
// updateRipple(el, ...) of a directive are given the same host element.
func siblingTopLevelParams(p *analyzer.Pass, a, b syntax.Node) bool {
	a, b = scope.Unwrap(a), scope.Unwrap(b)
	if a.Kind() != "identifier" || b.Kind() != "identifier" || a.Text() != b.Text() {
		return false
	}
	ba, bb := p.Scope.Resolve(a), p.Scope.Resolve(b)
	if ba == nil || bb == nil || ba == bb || ba.Kind != scope.Param || bb.Kind != scope.Param || ba.Reassigned || bb.Reassigned {
		return false
	}
	fa, fb := astutil.EnclosingFunction(ba.Decl), astutil.EnclosingFunction(bb.Decl)
	// Methods are no top-level functions: those of one class or object
	// are siblingParams, those of two classes (a cache's
	// getTextureData(texture) and a backend's _destroyTexture(texture))
	// are given different objects.
	return fa.Valid() && fb.Valid() && astutil.IsTopLevel(fa) && astutil.IsTopLevel(fb) &&
		!container(fa).Valid() && !container(fb).Valid() && fa.Kind() != "method_definition" && fb.Kind() != "method_definition"
}

// hasBase reports whether a class extends another, so a new constructor
// must call super.
func hasBase(class syntax.Node) bool { return lifecycle.ClassBase(class) != "" }

// checkHelperTargets follows an addition and a removal made on the same
// parameter of two sibling methods (addEventListeners(target) and
// removeEventListeners(target)) to the one call of each: when setup passes
// one global object and teardown another (this.document, this.window),
// the removal never undoes the addition. Reported at the adding call, the
// line a reader of setup looks at.
func (v *mismatch) checkHelperTargets(a, r call) {
	p := v.p
	ma, mr := methodOf(a.node), methodOf(r.node)
	if !ma.Valid() || !mr.Valid() || ma.Kind() != "method_definition" || mr.Kind() != "method_definition" {
		return
	}
	ia, ir := paramIndex(ma, a.target), paramIndex(mr, r.target)
	if ia < 0 || ir < 0 {
		return
	}
	callA, okA := soleThisCall(container(ma), ma.Get("name").Text())
	callR, okR := soleThisCall(container(mr), mr.Get("name").Text())
	if !okA || !okR || v.reported[callA.Index()] {
		return
	}
	argA, argR := astutil.Arg(callA, ia), astutil.Arg(callR, ir)
	da, dr := globalName(p, argA), globalName(p, argR)
	if da == "" || dr == "" || da == dr {
		return
	}
	v.reported[callA.Index()] = true
	line := astutil.Line(callR)
	msg := fmt.Sprintf("%s(%s) adds listeners that %s at line %d can never remove: it is given %s, not %s",
		ma.Get("name").Text(), scope.Unwrap(argA).Text(), mr.Get("name").Text(), line, scope.Unwrap(argR).Text(), scope.Unwrap(argA).Text())
	p.Report(analyzer.Diagnostic{Start: astutil.Callee(callA).Start(), End: callA.End(), Message: msg,
		Related: []analyzer.Related{{Start: callR.Start(), End: callR.End(), Message: "the removal is given another target here"}}})
}

// paramIndex returns the position of the parameter target names in fn, or -1.
func paramIndex(fn, target syntax.Node) int {
	name := scope.Unwrap(target).Text()
	for i, prm := range astutil.ParamNames(fn) {
		if prm != "" && prm == name {
			return i
		}
	}
	return -1
}

// soleThisCall returns the one this.name(...) call in class body c.
func soleThisCall(c syntax.Node, name string) (syntax.Node, bool) {
	var found syntax.Node
	n := 0
	if !c.Valid() {
		return found, false
	}
	c.Walk(func(m syntax.Node) bool {
		if m.Kind() == "call_expression" {
			if recv, nm := astutil.Method(m); nm == name && scope.Unwrap(recv).Kind() == "this" {
				found = m
				n++
			}
		}
		return true
	})
	return found, n == 1
}

// globalName names the browser global an argument denotes: window or
// document, written bare or as this.window / this.document.
func globalName(p *analyzer.Pass, arg syntax.Node) string {
	arg = scope.Unwrap(arg)
	name := ""
	switch arg.Kind() {
	case "identifier":
		if p.Scope.Resolve(arg) == nil {
			name = arg.Text()
		}
	case "member_expression":
		if scope.Unwrap(arg.Get("object")).Kind() == "this" {
			name = arg.Get("property").Text()
		}
	}
	if name == "window" || name == "document" {
		return name
	}
	return ""
}
