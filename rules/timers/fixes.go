package timers

import (
	"slices"
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

// idNames are the names a fix gives a stored id.
var idNames = map[string]string{
	"setInterval":           "intervalId",
	"setTimeout":            "timeoutId",
	"requestAnimationFrame": "frameId",
}

// idVariable is how a new variable or field for an id is declared after
// its name: timeout and interval ids may be undefined until set (and are
// Timeout objects in Node), frame ids are numbers and 0 cancels nothing.
// The type names the function as the call does: window.setInterval returns
// a number where the global setInterval may be Node's.
func idVariable(p *analyzer.Pass, call syntax.Node, fn string, field bool) string {
	if fn == "requestAnimationFrame" {
		return " = 0"
	}
	if !p.Tree.Lang.IsTypeScript() {
		return ""
	}
	typ := "ReturnType<typeof " + scope.Unwrap(call.Get("function")).Text() + ">"
	if field {
		return "?: " + typ
	}
	return ": " + typ + " | undefined"
}

// intervalFixes stores a thrown-away interval id and clears it in the
// teardown, or clears an id that is already stored.
func intervalFixes(p *analyzer.Pass, call syntax.Node, o *lifecycle.Owner, held cleanup.Held) []analyzer.Fix {
	b := fixgen.New(p)
	cancel := cancelFor(p, call, "setInterval")
	if held.Kind == "discarded" && o.Setup.Valid() && o.Setup.Get("body").Index() == call.Index() {
		// useEffect(() => setInterval(...)) returns the id as if it were
		// the cleanup: give the callback a body that keeps the id and
		// returns a real cleanup.
		return []analyzer.Fix{expressionBodyFix(p, b, o, call, cancel)}
	}
	var holder string
	switch held.Kind {
	case "discarded":
		h, ok := storeInterval(p, b, o, call)
		if !ok {
			return nil
		}
		holder = h
	case "stored":
		h, ok := holderText(p, o, held.Holder, call)
		if !ok && !held.Holder.Valid() && strings.HasPrefix(held.Path, "this.") && o.Class.Valid() {
			// Kept in the instance's state (setState({ timer: id })).
			h, ok = held.Path, true
		}
		if !ok && held.Holder.Kind() == "identifier" && !o.Setup.Valid() && o.Class.Valid() && len(held.Keys) == 1 {
			// A local of a class method: make it a field the teardown sees.
			h, ok = b.PromoteToField(o.Class, held.Holder, "ReturnType<typeof "+scope.Unwrap(call.Get("function")).Text()+">")
		}
		if !ok {
			return nil
		}
		holder = h
	default:
		return nil
	}
	if !addClear(p, b, o, call, held.Keys, cancel+"("+heldIDArgument(p, o, held.Holder, holder, "setInterval")+")") {
		return nil
	}
	return []analyzer.Fix{b.Fix("Clear the interval "+cleanup.WhereClause(o), true)}
}

// wholeStatement returns the expression statement that consists of expr alone.
func wholeStatement(expr syntax.Node) (syntax.Node, bool) {
	st := expr.Parent()
	return st, st.Kind() == "expression_statement" && st.Child(0).Index() == expr.Index()
}

// storeInterval writes `const intervalId = ` (effects and setup functions)
// or `this.intervalId = ` (classes) in front of a discarded setInterval.
func storeInterval(p *analyzer.Pass, b *fixgen.Builder, o *lifecycle.Owner, call syntax.Node) (string, bool) {
	st, ok := wholeStatement(call)
	if !ok {
		return "", false
	}
	if o.Setup.Valid() {
		body := o.Setup.Get("body")
		if o.Setup.Kind() == "program" {
			body = o.Setup // the top level of <script setup> or a Svelte instance script
		} else if body.Kind() != "statement_block" {
			return "", false
		}
		name := fixgen.UniqueName(p, call, syntax.Node{}, idNames["setInterval"])
		if st.Parent().Index() == body.Index() {
			b.Insert(call.Start(), "const "+name+" = ")
			return name, true
		}
		// onMounted(() => { setInterval(...) }) in a setup function: the
		// id must live where onBeforeUnmount can see it.
		hook := mountHook(o, call)
		if !hook.Valid() {
			return "", false
		}
		b.InsertBefore(hook, "let "+name+idVariable(p, call, "setInterval", false))
		b.Insert(call.Start(), name+" = ")
		return name, true
	}
	name, ok := newField(p, b, o, call, "setInterval")
	if !ok {
		return "", false
	}
	b.Insert(call.Start(), name+" = ")
	return name, true
}

// mountHook returns the statement of a setup function that registers a
// setup callback of the owner's convention (onMounted, onBeforeMount)
// whose body contains n, when the fix registers a teardown hook beside it:
// that callback runs once, before any unmount hook could.
func mountHook(o *lifecycle.Owner, n syntax.Node) syntax.Node {
	fn := astutil.EnclosingFunction(n)
	c := o.Follows()
	if c.Cleanup.Site != lifecycle.InHook || astutil.EnclosingFunction(fn).Index() != o.Setup.Index() {
		return syntax.Node{}
	}
	call := fn.Parent().Parent()
	if fn.Parent().Kind() != "arguments" || call.Kind() != "call_expression" {
		return syntax.Node{}
	}
	if !slices.Contains(c.SetupCallbacks, astutil.MethodName(call)) {
		return syntax.Node{}
	}
	st, ok := wholeStatement(call)
	if !ok || st.Parent().Index() != o.Setup.Get("body").Index() {
		return syntax.Node{}
	}
	return st
}

// newField picks a member name for an id in a class-like owner and
// declares it in a TypeScript class. It returns "this.<name>".
func newField(p *analyzer.Pass, b *fixgen.Builder, o *lifecycle.Owner, at syntax.Node, fn string) (string, bool) {
	if !o.Class.Valid() || p.Scope.ThisOwner(at).Index() != o.Class.Index() {
		return "", false
	}
	name := fixgen.UniqueName(p, at, o.Class, idNames[fn])
	if p.Tree.Lang.IsTypeScript() && o.Class.Kind() != "object" {
		if !b.AddField(o.Class, "private "+name+idVariable(p, at, fn, true)) {
			return "", false
		}
	}
	return "this." + name, true
}

// holderText returns how the teardown names an id that is already stored,
// if it can name it at all.
func holderText(p *analyzer.Pass, o *lifecycle.Owner, holder, at syntax.Node) (string, bool) {
	switch holder.Kind() {
	case "property_identifier", "private_property_identifier":
		return "this." + holder.Text(), true // a class field
	case "identifier", "member_expression":
	default:
		return "", false
	}
	if text, ok := fixgen.InstanceText(p, o, holder); ok {
		return text, true // self.timer after const self = this
	}
	if !fixgen.Visible(p, fixgen.CleanupScope(o), holder) || !fixgen.Visible(p, at, holder) {
		return "", false
	}
	if rootedInThis(holder) && p.Scope.ThisOwner(holder).Index() != o.Class.Index() {
		return "", false
	}
	return holder.Text(), true
}

// heldIDArgument is what the clear is given for an id its holder keeps: the
// holder's text, unless TypeScript declares the holder `... | null` (a
// field that starts as null and is reset to it). clearInterval takes no
// null under strict null checks and cancelAnimationFrame only a number, so
// null becomes the value that clears nothing: undefined, or frame id 0.
func heldIDArgument(p *analyzer.Pass, o *lifecycle.Owner, holder syntax.Node, text, fn string) string {
	if !p.Tree.Lang.IsTypeScript() || !declaredNullable(p, o, holder) {
		return text
	}
	if fn == "requestAnimationFrame" {
		return text + " ?? 0"
	}
	return text + " ?? undefined"
}

// declaredNullable reports a holder whose declared type names null: a
// variable's annotation, or that of the owner's class field it names.
func declaredNullable(p *analyzer.Pass, o *lifecycle.Owner, holder syntax.Node) bool {
	var annotation syntax.Node
	holder = scope.Unwrap(holder)
	field := ""
	switch holder.Kind() {
	case "identifier":
		if bd := p.Scope.Resolve(holder); bd != nil && bd.Decl.Parent().Kind() == "variable_declarator" {
			annotation = bd.Decl.Parent().Get("type")
		}
	case "property_identifier", "private_property_identifier":
		field = holder.Text()
	case "member_expression":
		if scope.Unwrap(holder.Get("object")).Kind() == "this" {
			field = holder.Get("property").Text()
		}
	}
	if field != "" && o.Class.Valid() && o.Class.Kind() != "object" {
		for _, m := range o.Class.Get("body").Children() {
			if m.Kind() == "public_field_definition" && m.Get("name").Text() == field {
				annotation = m.Get("type")
			}
		}
	}
	if !annotation.Valid() {
		return false
	}
	nullable := false
	annotation.Walk(func(n syntax.Node) bool {
		if n.Kind() == "null" || n.Kind() == "literal_type" && n.Text() == "null" {
			nullable = true
		}
		return !nullable
	})
	return nullable
}

func rootedInThis(n syntax.Node) bool { return astutil.RootOf(n).Kind() == "this" }

// loopFixes keeps the latest id of a re-arming loop in one variable or
// field (assigned at every re-arm and at the calls that start the loop) and
// clears it in the teardown.
func loopFixes(p *analyzer.Pass, o *lifecycle.Owner, call syntax.Node, fn string, loop syntax.Node) []analyzer.Fix {
	// After an await (or in a callback) the loop re-arms later than the
	// teardown may run, and clearing the last id would miss the next one:
	// that needs a flag, which is for a human to place.
	if loop.HasToken("async") || astutil.EnclosingFunction(call).Index() != loop.Index() {
		return nil
	}
	var calls []syntax.Node
	var holder syntax.Node
	var holderKeys []string
	ok := true
	region(o).Walk(func(n syntax.Node) bool {
		if !ok || n.Kind() != "call_expression" || timerCall(p, n) != fn {
			return ok
		}
		if scheduled(p, o, n, func(f syntax.Node) bool { return f.Index() == loop.Index() }).Valid() {
			held, chained := heldID(p, o, n, loop.Contains(n))
			switch {
			case chained || held.Kind == "unknown" || held.Kind == "returned":
				ok = false
			case held.Kind == "discarded":
				calls = append(calls, n)
			case held.Holder.Valid() && !holder.Valid():
				holder, holderKeys = held.Holder, held.Keys
			}
		}
		return true
	})
	if !ok || len(calls) == 0 && !holder.Valid() {
		return nil
	}
	b := fixgen.New(p)
	var text string
	if holder.Valid() {
		t, ok := holderText(p, o, holder, call)
		if !ok {
			return nil
		}
		for _, c := range calls {
			if !fixgen.Visible(p, c, holder) {
				return nil
			}
		}
		text = t
	} else if o.Setup.Valid() {
		first := firstStatementOf(o.Setup, append([]syntax.Node{loop}, calls...))
		if !first.Valid() {
			return nil
		}
		text = fixgen.UniqueName(p, call, syntax.Node{}, idNames[fn])
		b.InsertBefore(first, "let "+text+idVariable(p, call, fn, false))
	} else {
		for _, c := range calls {
			if p.Scope.ThisOwner(c).Index() != o.Class.Index() {
				return nil
			}
		}
		t, ok := newField(p, b, o, call, fn)
		if !ok {
			return nil
		}
		text = t
	}
	for _, c := range calls {
		b.Insert(c.Start(), text+" = ")
	}
	cancel := cancelFor(p, call, fn)
	// A new teardown hook in a setup function goes after the code that
	// starts the loop.
	reg := call
	for _, c := range append([]syntax.Node{loop}, calls...) {
		if o.Setup.Valid() && c.Start() > reg.Start() {
			reg = c
		}
	}
	if !holder.Valid() || !cleanup.Released(p, o, holderKeys).Valid() {
		if !addClear(p, b, o, reg, holderKeys, cancel+"("+heldIDArgument(p, o, holder, text, fn)+")") {
			return nil
		}
	}
	title := "Clear the timeout "
	if fn == "requestAnimationFrame" {
		title = "Cancel the animation frame "
	}
	return []analyzer.Fix{b.Fix(title+cleanup.WhereClause(o), true)}
}

// firstStatementOf returns the earliest statement of fn's body that
// contains any of nodes, or the zero Node when one of them is not in the
// body.
func firstStatementOf(fn syntax.Node, nodes []syntax.Node) syntax.Node {
	body := fn.Get("body")
	if body.Kind() != "statement_block" {
		return syntax.Node{}
	}
	var first syntax.Node
	for _, n := range nodes {
		st := n
		for st.Valid() && st.Parent().Index() != body.Index() {
			st = st.Parent()
		}
		if !st.Valid() {
			return syntax.Node{}
		}
		if !first.Valid() || st.Start() < first.Start() {
			first = st
		}
	}
	return first
}

// cancelFor names the cancelling function the way the call names its
// timer function: window.setInterval is cleared with window.clearInterval,
// timers.setTimeout with timers.clearTimeout.
// A timer function imported under another name is cleared with the
// cancelling function that import statement brings in, if it does.
func cancelFor(p *analyzer.Pass, call syntax.Node, fn string) string {
	cancel := timerFuncs[fn]
	f := scope.Unwrap(call.Get("function"))
	if f.Kind() == "identifier" {
		// A wrapper's ids are its own: raf(step) is cancelled by raf.cancel.
		if _, ok := apis.Builtin().FromModule(apis.Timer, p.Life.ImportedFrom(f.Text())); ok {
			if a, _ := apis.Builtin().Adder(apis.Timer, fn); a != nil && a.ModuleUndo != "" {
				return f.Text() + "." + a.ModuleUndo
			}
		}
	}
	if f.Kind() == "member_expression" {
		return f.Get("object").Text() + "." + cancel
	}
	for _, st := range importStatements(p, f.Tree()) {
		if !strings.Contains(st.Text(), f.Text()) {
			continue
		}
		local := ""
		st.Walk(func(n syntax.Node) bool {
			if n.Kind() == "import_specifier" && n.Get("name").Text() == cancel {
				local = n.Get("name").Text()
				if alias := n.Get("alias"); alias.Valid() {
					local = alias.Text()
				}
			}
			return true
		})
		if local != "" {
			return local
		}
	}
	return cancel
}

type importsKey struct{ tree *syntax.Tree }

// importStatements lists the top-level import statements of a tree once
// per file: a file with many timers would otherwise go through every
// top-level statement for each of them.
func importStatements(p *analyzer.Pass, t *syntax.Tree) []syntax.Node {
	return p.Memo(importsKey{t}, func() any {
		var imps []syntax.Node
		for _, st := range t.Root().Children() {
			if st.Kind() == "import_statement" {
				imps = append(imps, st)
			}
		}
		return imps
	}).([]syntax.Node)
}

// expressionBodyFix rewrites `() => setInterval(...)` into a body that
// stores the id and returns the cleanup.
func expressionBodyFix(p *analyzer.Pass, b *fixgen.Builder, o *lifecycle.Owner, call syntax.Node, cancel string) analyzer.Fix {
	ind := astutil.Indent(p.Tree.Src, o.Setup.Start())
	in := ind + b.Style.Indent
	name := fixgen.UniqueName(p, call, syntax.Node{}, idNames["setInterval"])
	b.Replace(call, "{\n"+in+"const "+name+" = "+call.Text()+b.Style.Semi+"\n"+
		in+"return () => "+cancel+"("+name+")"+b.Style.Semi+"\n"+ind+"}")
	return b.Fix("Clear the interval "+cleanup.WhereClause(o), true)
}

// addClear puts the clearing statement into the teardown: right before a
// statement there that resets the stored id (`this.timer = null`), which
// would otherwise leave nothing to clear, or else where fixgen puts
// cleanups.
func addClear(p *analyzer.Pass, b *fixgen.Builder, o *lifecycle.Owner, reg syntax.Node, keys []string, stmt string) bool {
	want := make(map[string]bool)
	for _, k := range keys {
		want[k] = true
	}
	reset := p.Life.FindInTeardown(o, func(n syntax.Node) bool {
		return n.Kind() == "assignment_expression" && want[p.Scope.Key(n.Get("left"))]
	})
	if st, ok := wholeStatement(reset); ok {
		b.InsertBefore(st, stmt)
		return true
	}
	return b.AddCleanup(o, reg, []string{stmt})
}
