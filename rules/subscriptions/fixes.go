package subscriptions

import (
	"slices"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// fixes offers the one cleanup a careful developer would write for this
// registration: dispose of a handle that is already kept; where the
// owner's convention has an operator that ends subscriptions (Angular's
// takeUntilDestroyed), end the pipe the way the class already does
// (takeUntil), or with that operator, or keep it in a Subscription
// unsubscribed in the teardown; elsewhere keep the subscription (a const in
// effects and setup code, a field on classes) and undo it in the teardown.
func (v *notDisposed) fixes(r registration) []analyzer.Fix {
	if r.topic.Valid() {
		return nil // topic-based pub/sub: the undo call is the library's own
	}
	if r.holder.kind != "discarded" {
		if f, ok := v.disposeHolderFix(r); ok {
			return []analyzer.Fix{f}
		}
	}
	if end := r.owner.Follows().Subscriptions.End; end != nil {
		if f, ok := v.endOperatorFix(r, end); ok {
			return []analyzer.Fix{f}
		}
		return nil
	}
	if r.holder.kind != "discarded" || r.style == styleUnknown {
		return nil
	}
	// A teardown method reaches what the class keeps on this; a returned
	// cleanup or a teardown hook reaches a const of the setup.
	if r.owner.Follows().Cleanup.Site == lifecycle.InMethod {
		if f, ok := v.keepOnThisFix(r); ok {
			return []analyzer.Fix{f}
		}
	} else if f, ok := v.keepInConstFix(r); ok {
		return []analyzer.Fix{f}
	}
	return nil
}

// disposeHolderFix unsubscribes a kept subscription (or the collection it
// was added to) in the teardown.
func (v *notDisposed) disposeHolderFix(r registration) (analyzer.Fix, bool) {
	p, o, h := v.p, r.owner, r.holder
	node := scope.Unwrap(h.node)
	text := node.Text()
	if strings.HasPrefix(h.key, "this@") {
		if node.Kind() == "identifier" {
			text = "this." + text // constructor(private subs: Subscription)
		}
	} else if !fixgen.Visible(p, fixgen.CleanupScope(o), node) {
		return analyzer.Fix{}, false
	}
	var stmt string
	switch {
	case h.kind == "collection" && h.method == "add" && r.style != styleFunc && !isSetOrMap(p, node):
		stmt = text + ".unsubscribe()"
	case h.kind == "collection" && r.style == styleRx:
		stmt = text + ".forEach((subscription) => subscription.unsubscribe())"
	case h.kind == "collection" && r.style == styleFunc:
		stmt = text + ".forEach((unsubscribe) => unsubscribe())"
	case h.kind == "collection":
		return analyzer.Fix{}, false
	case r.style == styleRx:
		stmt = text + optional(v.mayBeUnset(r), "?.", ".") + "unsubscribe()"
	case r.style == styleFunc:
		stmt = text + optional(v.mayBeUnset(r), "?.()", "()")
	default:
		return analyzer.Fix{}, false
	}
	b := fixgen.New(p)
	if !b.AddCleanup(o, r.call, []string{stmt}) {
		return analyzer.Fix{}, false
	}
	title := "Unsubscribe " + cleanup.Describe(node)
	switch {
	case h.kind == "collection":
		title = "Unsubscribe what " + cleanup.Describe(node) + " holds"
	case r.style == styleFunc:
		title = "Call " + cleanup.Describe(node) + "()"
	}
	return b.Fix(title+" "+cleanup.WhereClause(o), true), true
}

func optional(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

// isSetOrMap reports a collection created as a Set or Map, whose add/set
// keeps subscriptions that must be unsubscribed one by one.
func isSetOrMap(p *analyzer.Pass, coll syntax.Node) bool {
	var init syntax.Node
	switch coll.Kind() {
	case "identifier":
		if b := p.Scope.Resolve(coll); b != nil {
			init = b.Init
		}
	case "member_expression":
		if scope.Unwrap(coll.Get("object")).Kind() == "this" {
			m := findMember(p.Scope.ThisOwner(coll), coll.Get("property").Text())
			init = m.value
			if len(m.assigned) == 1 && !init.Valid() {
				init = m.assigned[0]
			}
		}
	}
	init = scope.Unwrap(init)
	if init.Kind() != "new_expression" {
		return false
	}
	switch scope.Unwrap(init.Get("constructor")).Text() {
	case "Set", "Map", "WeakSet":
		return true
	}
	return false
}

// onceSetup are methods that run once per owner lifetime (where a handle
// may still be unset at teardown unless the owner's convention says they
// run first): one field keeps what they subscribe to.
var onceSetup = map[string]bool{
	"constructor": true, "componentDidMount": true, "connectedCallback": true,
	"ngOnInit": true, "mounted": true, "created": true, "beforeMount": true,
	"firstUpdated": true, "init": true, "initialize": true, "start": true, "activate": true,
	"attach": true, "connect": true, "mount": true, "setup": true, "open": true,
}

// mayBeUnset reports whether a kept handle could be unset when the
// teardown runs, so the undo needs optional chaining.
func (v *notDisposed) mayBeUnset(r registration) bool {
	h := r.holder
	if h.kind == "variable" {
		// const sub = x.subscribe(): set before anything can run.
		return h.node.Parent().Kind() != "variable_declarator"
	}
	node := scope.Unwrap(h.node)
	if node.Kind() != "member_expression" || scope.Unwrap(node.Get("object")).Kind() != "this" {
		return true
	}
	if v.p.Tree.Lang.IsTypeScript() {
		m := findMember(v.p.Scope.ThisOwner(node), node.Get("property").Text())
		if m.decl.Valid() && !m.injected {
			return declaredOptional(m.decl)
		}
	}
	fn := astutil.EnclosingFunction(r.call)
	st := astutil.Statement(r.call)
	if !fn.Valid() || st.Parent().Index() != fn.Get("body").Index() {
		return true // stored conditionally or in a callback
	}
	return !setsUpFirst(r.owner, lifecycle.NameOf(fn, 0))
}

// setsUpFirst reports a method that runs before the owner's every
// teardown: the constructor, or one its convention names.
func setsUpFirst(o *lifecycle.Owner, method string) bool {
	return method == "constructor" || slices.Contains(o.Follows().SetupFirst, method)
}

// declaredOptional reports a TypeScript field that may hold undefined.
func declaredOptional(field syntax.Node) bool {
	if field.HasToken("?") {
		return true
	}
	t := field.Get("type").Text()
	return strings.Contains(t, "undefined") || strings.Contains(t, "null")
}

// endOperatorFix ends the pipe with the operator the class already uses
// (takeUntil(this.destroy$)), or with the convention's end operator
// (takeUntilDestroyed) in classes that keep its ref and files recent
// enough to have it, or keeps the subscription in a Subscription field that
// the teardown unsubscribes.
func (v *notDisposed) endOperatorFix(r registration, end *lifecycle.EndOperator) (analyzer.Fix, bool) {
	p, o := v.p, r.owner
	class := o.Class
	if !class.Valid() || class.Kind() == "object" || p.Scope.ThisOwner(r.call).Index() != class.Index() {
		return analyzer.Fix{}, false // inside a function(){} callback `this` is not the component
	}
	c := &classifier{p: p, o: o, operators: v.operators}
	if t := existingTakeUntil(p, o); t.Valid() && !c.notifierFires(t) {
		// The class ends its subscriptions with takeUntil(this.destroy$)
		// but its teardown never fires destroy$: fire it there, which ends
		// this subscription and every other one that waits on it.
		b := fixgen.New(p)
		if !b.AddCleanup(o, r.call, []string{t.Text() + ".next()", t.Text() + ".complete()"}) {
			return analyzer.Fix{}, false
		}
		return b.Fix("Fire "+t.Text()+" "+cleanup.WhereClause(o), true), true
	} else if t.Valid() {
		b := fixgen.New(p)
		op := "takeUntil(" + t.Text() + ")"
		addOperator(b, r.call, r.recv, op)
		if p.Life.ImportedFrom("takeUntil") == "" {
			module := "rxjs"
			if importsAny(p, "rxjs/operators") {
				module = "rxjs/operators"
			}
			b.EnsureImport("takeUntil", module, r.call.Start())
		}
		return b.Fix("End the subscription with "+op, true), true
	}
	if ref := refOf(class, r.call, end.Ref); ref != "" || available(p, end) {
		b := fixgen.New(p)
		switch {
		case ref != "" || end.Ref == "":
		case injectionContext(r.call):
			// The operator finds its ref itself here.
		default:
			name := uniqueMember(class, strings.ToLower(end.Ref[:1])+end.Ref[1:])
			inject := end.Inject + "(" + end.Ref + ")"
			decl := "readonly " + name + " = " + inject + b.Style.Semi
			if p.Tree.Lang.IsTypeScript() {
				decl = "private " + decl
			} else {
				decl = name + " = " + inject + b.Style.Semi
			}
			insertField(b, class, decl)
			importNames(p, b, end.RefModule, r.call.Start(), end.Ref, end.Inject)
			ref = "this." + name
		}
		op := end.Name + "(" + ref + ")"
		addOperator(b, r.call, r.recv, op)
		if p.Life.ImportedFrom(end.Name) == "" {
			b.EnsureImport(end.Name, end.Module, r.call.Start())
		}
		return b.Fix("End the subscription with "+op, true), true
	}
	return v.subscriptionFieldFix(r)
}

// subscriptionFieldFix keeps a discarded subscription in the class's
// Subscription field (creating `subscriptions = new Subscription()` when
// there is none) and unsubscribes that field in the teardown (ngOnDestroy,
// componentWillUnmount, ...).
func (v *notDisposed) subscriptionFieldFix(r registration) (analyzer.Fix, bool) {
	p, o := v.p, r.owner
	class := o.Class
	if r.holder.kind != "discarded" || p.Scope.ThisOwner(r.call).Index() != class.Index() {
		return analyzer.Fix{}, false
	}
	b := fixgen.New(p)
	name := existingSubscriptionField(class)
	created := name == ""
	if created && typeOnlyImports(p, "rxjs") {
		return analyzer.Fix{}, false // new Subscription() would need a value import beside `import type`
	}
	if created {
		name = uniqueMember(class, "subscriptions")
		decl := name + " = new Subscription()" + b.Style.Semi
		if p.Tree.Lang.IsTypeScript() {
			decl = "private readonly " + decl
		}
		insertField(b, class, decl)
	}
	b.Insert(r.call.Start(), "this."+name+".add(")
	b.Insert(r.call.End(), ")")
	key := scope.MemberKey(class, name)
	if created || !cleanup.Mentioned(p, o, key).Valid() {
		if !b.AddCleanup(o, r.call, []string{"this." + name + ".unsubscribe()"}) {
			return analyzer.Fix{}, false
		}
	}
	if created {
		b.EnsureImport("Subscription", "rxjs", r.call.Start())
	}
	return b.Fix("Keep the subscription in this."+name+" and unsubscribe it "+cleanup.WhereClause(o), true), true
}

// existingSubscriptionField returns the name of a field initialised with
// new Subscription(), or "".
func existingSubscriptionField(class syntax.Node) string {
	for _, c := range class.Get("body").Children() {
		if c.Kind() != "public_field_definition" && c.Kind() != "field_definition" {
			continue
		}
		val := scope.Unwrap(c.Get("value"))
		if val.Kind() == "new_expression" && scope.Unwrap(val.Get("constructor")).Text() == "Subscription" {
			key := c.Get("name")
			if !key.Valid() {
				key = c.Get("property")
			}
			return key.Text()
		}
	}
	return ""
}

// existingTakeUntil returns the notifier of a takeUntil(this.x) the class
// already uses, or the zero Node.
func existingTakeUntil(p *analyzer.Pass, o *lifecycle.Owner) syntax.Node {
	if !o.Class.Valid() || o.Class.Kind() == "object" {
		return syntax.Node{}
	}
	var found syntax.Node
	o.Class.Walk(func(n syntax.Node) bool {
		if found.Valid() {
			return false
		}
		if n.Kind() == "call_expression" && astutil.MethodName(n) == "takeUntil" && !scope.Unwrap(n.Get("function")).Is("member_expression") {
			arg := scope.Unwrap(astutil.Arg(n, 0))
			if arg.Kind() == "member_expression" && scope.Unwrap(arg.Get("object")).Kind() == "this" &&
				p.Scope.ThisOwner(arg).Index() == o.Class.Index() {
				found = arg
			}
		}
		return true
	})
	return found
}

// refOf returns how code at call reaches the class's ref of type ref
// (this.destroyRef, or a constructor parameter inside the constructor), or
// "".
func refOf(class, call syntax.Node, ref string) string {
	if ref == "" {
		return ""
	}
	body := class.Get("body")
	for _, c := range body.Children() {
		switch c.Kind() {
		case "public_field_definition", "field_definition":
			key := c.Get("name")
			if !key.Valid() {
				key = c.Get("property")
			}
			val := scope.Unwrap(c.Get("value"))
			isRef := val.Kind() == "call_expression" && astutil.MethodName(val) == "inject" && astutil.Arg(val, 0).Text() == ref
			isRef = isRef || strings.TrimSpace(strings.TrimPrefix(c.Get("type").Text(), ":")) == ref
			if isRef {
				return "this." + key.Text()
			}
		case "method_definition":
			if c.Get("name").Text() != "constructor" {
				continue
			}
			for _, prm := range c.Get("parameters").Children() {
				if strings.TrimSpace(strings.TrimPrefix(prm.Get("type").Text(), ":")) != ref {
					continue
				}
				name := prm.Get("pattern").Text()
				if isParameterProperty(prm) {
					return "this." + name
				}
				if astutil.EnclosingFunction(call).Index() == c.Index() {
					return name
				}
			}
		}
	}
	return ""
}

// available reports files written for a version that has the end
// operator (Angular 16 and later: they use inject(), signals, DestroyRef
// or the RxJS interop package).
func available(p *analyzer.Pass, end *lifecycle.EndOperator) bool {
	if n := p.Life.PackageMajor(end.Package); n > 0 {
		return n >= end.Since // the project's package.json knows best
	}
	if importsAny(p, end.SinceModule...) {
		return true
	}
	for _, name := range end.SinceNames {
		if p.Life.ImportedFrom(name) == end.RefModule {
			return true
		}
	}
	return false
}

// injectionContext reports code that runs while the framework constructs
// the class (the constructor's own body, a field initialiser), where the
// end operator needs no ref argument (takeUntilDestroyed()).
func injectionContext(call syntax.Node) bool {
	fn := astutil.EnclosingFunction(call)
	if !fn.Valid() {
		return call.Ancestor("public_field_definition", "field_definition").Valid()
	}
	return fn.Kind() == "method_definition" && fn.Get("name").Text() == "constructor"
}

// addOperator ends the subscribed pipe with op, creating .pipe(op) when
// the source has no pipe, in the layout the chain already uses.
func addOperator(b *fixgen.Builder, call, recv syntax.Node, op string) {
	src := call.Tree().Src
	r := scope.Unwrap(recv)
	if r.Kind() == "call_expression" && astutil.MethodName(r) == "pipe" {
		args := r.Get("arguments")
		list := args.Children()
		if len(list) == 0 {
			b.Insert(args.Start()+1, op)
			return
		}
		last := list[len(list)-1]
		multiline := strings.Contains(src[args.Start():last.Start()], "\n")
		ind := astutil.Indent(src, last.Start())
		rest := src[last.End() : args.End()-1]
		if i := strings.IndexByte(rest, ','); i >= 0 {
			at := last.End() + i + 1
			if multiline {
				b.Insert(at, "\n"+ind+op+",")
			} else {
				b.Insert(at, " "+op)
			}
			return
		}
		if multiline {
			b.Insert(last.End(), ",\n"+ind+op)
		} else {
			b.Insert(last.End(), ", "+op)
		}
		return
	}
	callee := astutil.Callee(call)
	if between := src[recv.End():callee.Start()]; strings.Contains(between, "\n") {
		// this.store
		//   .select(x)
		//   .subscribe(...)   -> a .pipe(...) line of its own
		b.Insert(recv.End(), "\n"+astutil.Indent(src, callee.Start())+".pipe("+op+")")
		return
	}
	b.Insert(recv.End(), ".pipe("+op+")")
}

// importNames imports several names from one module with a single edit
// (two insertions at one point would make the fix conflict with itself).
func importNames(p *analyzer.Pass, b *fixgen.Builder, module string, near int, names ...string) {
	var missing []string
	for _, n := range names {
		if p.Life.ImportedFrom(n) == "" {
			missing = append(missing, n)
		}
	}
	switch len(missing) {
	case 0:
		return
	case 1:
		b.EnsureImport(missing[0], module, near)
		return
	}
	for _, st := range p.Tree.Root().Children() {
		if st.Kind() != "import_statement" {
			continue
		}
		if src, _ := astutil.StringValue(st.Get("source")); src != module {
			continue
		}
		var named syntax.Node
		st.Walk(func(n syntax.Node) bool {
			if n.Kind() == "named_imports" {
				named = n
			}
			return true
		})
		if len(named.Children()) > 0 {
			b.AddSpecifiers(named, missing...)
			return
		}
	}
	// No named import from the module yet: one import per name would
	// insert twice at one point, so write the line at once.
	q := string(astutil.QuoteChar(p.Tree))
	line := "import { " + strings.Join(missing, ", ") + " } from " + q + module + q + b.Style.Semi
	var last syntax.Node
	for _, st := range p.Tree.Root().Children() {
		if st.Kind() == "import_statement" {
			last = st
		}
	}
	if last.Valid() {
		b.Insert(last.End(), "\n"+line)
	} else {
		b.Insert(0, line+"\n")
	}
}

// insertField adds a field declaration after the class's leading data
// fields, or before its first member.
func insertField(b *fixgen.Builder, class syntax.Node, decl string) {
	src := class.Tree().Src
	body := class.Get("body")
	var lastField, first syntax.Node
	methodSeen := false
	for c := body.FirstChild(); c.Valid(); c = c.NextSibling() {
		if !c.IsNamed() {
			continue
		}
		if !first.Valid() {
			first = c
		}
		switch c.Kind() {
		case "public_field_definition", "field_definition":
			// Data fields lead; a function-valued field is a method.
			if scope.IsFunction(scope.Unwrap(c.Get("value"))) {
				methodSeen = true
			} else if !methodSeen {
				lastField = c
			}
		case "method_definition":
			methodSeen = true
		}
	}
	if lastField.Valid() {
		at := lastField.End()
		if at < len(src) && src[at] == ';' {
			at++
		}
		b.Insert(at, "\n"+astutil.Indent(src, lastField.Start())+decl)
		return
	}
	if first.Valid() {
		ind := astutil.Indent(src, first.Start())
		b.Insert(first.Start(), decl+"\n\n"+ind)
		return
	}
	// An empty class body.
	b.Insert(body.Start()+1, "\n"+astutil.Indent(src, class.Start())+b.Style.Indent+decl+"\n")
}

// keepInConstFix keeps a discarded subscription made directly in an
// effect or setup body in a const and undoes it in the cleanup.
func (v *notDisposed) keepInConstFix(r registration) (analyzer.Fix, bool) {
	p, o := v.p, r.owner
	st := astutil.Statement(r.call)
	if st.Kind() != "expression_statement" {
		return analyzer.Fix{}, false
	}
	body := o.Setup
	if body.Kind() != "program" {
		body = o.Setup.Get("body")
	}
	name := uniqueLocal(p, body, r.call, handleName(r))
	b := fixgen.New(p)
	stmt := name + "()"
	if r.style == styleRx {
		stmt = name + ".unsubscribe()"
	}
	if st.Parent().Index() == body.Index() {
		b.Insert(st.Start(), "const "+name+" = ")
	} else {
		// Made conditionally (inside an if or try): declare the handle
		// where the cleanup sees it, and undo it if it was set.
		top, ok := topStatement(st, body, astutil.EnclosingFunction(r.call))
		if !ok {
			return analyzer.Fix{}, false
		}
		decl := "let " + name
		if p.Tree.Lang.IsTypeScript() {
			if r.style == styleRx {
				decl += ": Subscription | undefined"
				b.EnsureTypeImport("Subscription", "rxjs", r.call.Start())
			} else {
				decl += ": (() => void) | undefined"
			}
		}
		b.InsertBefore(top, decl)
		b.Insert(st.Start(), name+" = ")
		stmt = name + "?.()"
		if r.style == styleRx {
			stmt = name + "?.unsubscribe()"
		}
	}
	if !b.AddCleanup(o, r.call, []string{stmt}) {
		return analyzer.Fix{}, false
	}
	return b.Fix(keepTitle(r, name)+" "+cleanup.WhereClause(o), true), true
}

// topStatement returns the statement of body that contains st, when st
// runs at most once per run of the setup: no loop and no nested function
// lies in between.
func topStatement(st, body, fn syntax.Node) (syntax.Node, bool) {
	if fn.Valid() && !fn.Contains(body) || !fn.Valid() && body.Kind() != "program" {
		return syntax.Node{}, false
	}
	for n := st; n.Valid(); n = n.Parent() {
		switch n.Kind() {
		case "for_statement", "for_in_statement", "while_statement", "do_statement":
			return syntax.Node{}, false
		}
		if n.Parent().Index() == body.Index() {
			return n, true
		}
	}
	return syntax.Node{}, false
}

// keepOnThisFix keeps a discarded subscription made in a class's setup
// method on `this` (declaring the field in TypeScript) and undoes it in
// the teardown.
func (v *notDisposed) keepOnThisFix(r registration) (analyzer.Fix, bool) {
	p, o := v.p, r.owner
	class := o.Class
	if !class.Valid() || p.Scope.ThisOwner(r.call).Index() != class.Index() {
		return analyzer.Fix{}, false
	}
	ts := p.Tree.Lang.IsTypeScript()
	if ts && class.Kind() == "object" {
		return analyzer.Fix{}, false // defineComponent types reject undeclared this.x
	}
	st := astutil.Statement(r.call)
	fn := st.Parent().Parent()
	if st.Kind() != "expression_statement" || st.Parent().Field() != "body" || !scope.IsFunction(fn) {
		return analyzer.Fix{}, false
	}
	method := lifecycle.NameOf(fn, 0)
	guaranteed := setsUpFirst(o, method)
	if !guaranteed && !onceSetup[method] {
		// A method that may run many times (an event handler): one field
		// would lose earlier subscriptions, a parent Subscription keeps
		// them all. Only where the file already uses RxJS.
		if r.style == styleRx && class.Kind() != "object" && importsAny(p, "rxjs") {
			return v.subscriptionFieldFix(r)
		}
		return analyzer.Fix{}, false
	}
	name := uniqueMember(class, handleName(r))
	b := fixgen.New(p)
	if ts {
		typ := "() => void"
		if r.style == styleRx {
			typ = "Subscription"
		}
		insertField(b, class, "private "+name+"?: "+typ+b.Style.Semi)
	}
	b.Insert(st.Start(), "this."+name+" = ")
	unset := ts || !guaranteed
	stmt := "this." + name + optional(unset, "?.()", "()")
	if r.style == styleRx {
		stmt = "this." + name + optional(unset, "?.", ".") + "unsubscribe()"
	}
	if !b.AddCleanup(o, r.call, []string{stmt}) {
		return analyzer.Fix{}, false
	}
	if ts && r.style == styleRx {
		b.EnsureTypeImport("Subscription", "rxjs", r.call.Start())
	}
	return b.Fix(keepTitle(r, "this."+name)+" "+cleanup.WhereClause(o), true), true
}

func keepTitle(r registration, name string) string {
	if r.style == styleFunc {
		return "Keep the unsubscribe function in " + name + " and call it"
	}
	return "Keep the subscription in " + name + " and unsubscribe it"
}

// handleName names a kept subscription after its source:
// userSubscription for this.user$, unsubscribeStore for store.
func handleName(r registration) string {
	base := sourceName(stripOperators(r.recv))
	if r.style == styleFunc {
		if base == "" {
			return "unsubscribe"
		}
		return "unsubscribe" + strings.ToUpper(base[:1]) + base[1:]
	}
	if base == "" {
		return "subscription"
	}
	return base + "Subscription"
}

func sourceName(n syntax.Node) string {
	n = scope.Unwrap(n)
	var s string
	switch n.Kind() {
	case "identifier":
		s = n.Text()
	case "member_expression":
		s = n.Get("property").Text()
	case "call_expression":
		recv, name := astutil.Method(n)
		if a := scope.Unwrap(astutil.Arg(n, 0)); name == "select" && a.Kind() == "identifier" {
			s = strings.TrimPrefix(a.Text(), "select")
		} else if ev, ok := astutil.StringValue(astutil.Arg(n, 1)); name == "fromEvent" && ok {
			s = camel(ev) // fromEvent(window, "resize") -> resize
		} else if !recv.Valid() {
			s = name
		}
	}
	s = strings.TrimLeft(s, "_$")
	s = strings.TrimRight(s, "$")
	if len(s) > 3 && strings.HasPrefix(s, "use") && s[3] >= 'A' && s[3] <= 'Z' {
		s = s[3:]
	}
	if s == "" {
		return ""
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return ""
		}
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// uniqueLocal returns base, or base2, base3..., so that a const declared in
// block neither clashes with nor shadows a name used there. (Property
// names such as .unsubscribe do not count.)
func uniqueLocal(p *analyzer.Pass, block, at syntax.Node, base string) string {
	used := make(map[string]bool)
	block.Walk(func(n syntax.Node) bool {
		switch n.Kind() {
		case "identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern":
			used[n.Text()] = true
		}
		return true
	})
	name := base
	for i := 2; used[name] || p.Scope.ScopeOf(at).Lookup(name) != nil; i++ {
		name = base + strconv.Itoa(i)
	}
	return name
}

// uniqueMember returns base, or base2, base3..., so that it names no
// member of class (field, method, parameter property, or this.x use).
func uniqueMember(class syntax.Node, base string) string {
	used := make(map[string]bool)
	for name := range lifecycle.Methods(class) {
		used[name] = true
	}
	class.Walk(func(n syntax.Node) bool {
		switch n.Kind() {
		case "public_field_definition", "field_definition":
			key := n.Get("name")
			if !key.Valid() {
				key = n.Get("property")
			}
			used[key.Text()] = true
		case "member_expression":
			if scope.Unwrap(n.Get("object")).Kind() == "this" {
				used[n.Get("property").Text()] = true
			}
		case "required_parameter", "optional_parameter":
			if isParameterProperty(n) {
				used[n.Get("pattern").Text()] = true
			}
		case "pair", "method_definition":
			if class.Kind() == "object" {
				key := n.Get("key")
				if !key.Valid() {
					key = n.Get("name")
				}
				used[strings.Trim(key.Text(), `'"`)] = true
			}
		}
		return true
	})
	name := base
	for i := 2; used[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	return name
}

// camel turns an event name into an identifier: "before-unload" ->
// "beforeUnload".
func camel(s string) string {
	var sb strings.Builder
	up := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' && sb.Len() > 0:
			if up && r >= 'a' && r <= 'z' {
				r -= 'a' - 'A'
			}
			sb.WriteRune(r)
			up = false
		default:
			up = sb.Len() > 0
		}
	}
	return sb.String()
}

// typeOnlyImports reports a file whose every import from module is
// `import type`, where adding a value to that import would not compile.
func typeOnlyImports(p *analyzer.Pass, module string) bool {
	found := false
	for _, st := range p.Tree.Root().Children() {
		if st.Kind() != "import_statement" {
			continue
		}
		if src, _ := astutil.StringValue(st.Get("source")); src != module {
			continue
		}
		if !st.HasToken("type") {
			return false
		}
		found = true
	}
	return found
}
