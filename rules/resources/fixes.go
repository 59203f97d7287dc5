package resources

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// closeCall writes the statement that closes the resource held by name.
func (v *notClosed) closeCall(a acquisition, name string, async bool) string {
	k := a.kind
	switch k {
	case fdKind:
		fn := scope.Unwrap(a.node.Get("function"))
		if fn.Kind() == "member_expression" {
			m := "closeSync"
			if a.callback.Valid() {
				m = "close"
			}
			return fn.Get("object").Text() + "." + m + "(" + name + ")"
		}
		if o := origin(v.p, identifierNamed(v.p, a.node, "closeSync")); o == "fs:closeSync" {
			return "closeSync(" + name + ")"
		}
		return ""
	case fileHandleKind, mongoKind, browserKind, browserContextKind:
		if async {
			return "await " + name + ".close()"
		}
		return name + ".close()"
	case pgPoolKind, pgClientKind, mysqlConnKind, mysqlPoolKind:
		if async {
			return "await " + name + ".end()"
		}
		return name + ".end()"
	case redisKind:
		if async {
			return "await " + name + ".quit()"
		}
		return name + ".quit()"
	case kafkaProducerKind, kafkaConsumerKind, kafkaAdminKind:
		if async {
			return "await " + name + ".disconnect()"
		}
		return name + ".disconnect()"
	}
	return name + "." + k.closer + "()"
}

// identifierNamed finds what a name means at n, by looking for a reference
// to it in the file; the zero Node when the file never mentions it.
func identifierNamed(p *analyzer.Pass, at syntax.Node, name string) syntax.Node {
	b := p.Scope.ScopeOf(at).Lookup(name)
	if b == nil {
		return syntax.Node{}
	}
	return b.Decl
}

// ownerClose is the statement a teardown runs to close target.
func (v *notClosed) ownerClose(a acquisition, target string, plain bool) string {
	dot := "."
	if !plain {
		dot = "?."
	}
	k := a.kind
	switch k {
	case fdKind:
		return ""
	case pgPoolKind, pgClientKind, mysqlConnKind, mysqlPoolKind:
		return target + dot + "end()"
	case redisKind:
		return target + dot + "quit()"
	case mongoKind, fileHandleKind:
		return target + dot + "close()"
	}
	return target + dot + k.closer + "()"
}

// ownerFix adds the close to the owner's teardown. holder is where the
// resource is stored, when it is not a local of the setup.
func (v *notClosed) ownerFix(a acquisition, o *lifecycle.Owner, target string, plain bool, holder syntax.Node) []analyzer.Fix {
	p := v.p
	if plain && strings.HasPrefix(target, "this.") && fixgen.MayBeUndefinedInJS(p, o.Class, strings.TrimPrefix(target, "this.")) {
		plain = false
	}
	bld := fixgen.New(p)
	if h := scope.Unwrap(holder); h.Kind() == "member_expression" && identifierRoot(h.Text()) != "this" && o.Setup.Valid() {
		// socketRef.current = new WebSocket(url): by cleanup time the ref
		// may hold another socket; close the one this effect opened.
		st := astutil.Statement(a.node)
		asg := scope.Unwrap(st.Child(0))
		if st.Kind() != "expression_statement" || st.Parent().Index() != o.Setup.Get("body").Index() ||
			asg.Kind() != "assignment_expression" || scope.Unwrap(asg.Get("right")).Index() != a.node.Index() {
			return nil
		}
		name := freshName(p, o.Setup, a.node, defaultName(a.kind))
		bld.InsertBefore(st, "const "+name+" = "+a.node.Text())
		bld.Replace(a.node, name)
		if !bld.AddCleanup(o, a.node, []string{v.ownerClose(a, name, true)}) {
			return nil
		}
		title := fmt.Sprintf("%s the %s %s", capitalize(imperative(a.kind)), a.kind.name, cleanup.WhereClause(o))
		return []analyzer.Fix{bld.Fix(title, true)}
	}
	if id := holder; id.Kind() == "identifier" && p.Scope.DeclaredAt(id) != nil && !o.Setup.Valid() && o.Class.Valid() {
		// A local of a lifecycle method: the teardown can reach it only as
		// a field.
		if p.Tree.Lang.IsTypeScript() && a.kind.tsType == "" {
			return nil
		}
		field, ok := bld.PromoteToField(o.Class, id, a.kind.tsType)
		if ok && fixgen.MayBeUndefinedInJS(p, o.Class, strings.TrimPrefix(field, "this.")) {
			plain = false
		}
		if !ok || !bld.AddCleanup(o, a.node, []string{v.ownerClose(a, field, plain)}) {
			return nil
		}
		title := fmt.Sprintf("Keep the %s in %s and %s it %s", a.kind.name, field, imperative(a.kind), cleanup.WhereClause(o))
		return []analyzer.Fix{bld.Fix(title, true)}
	}
	stmt := v.ownerClose(a, target, plain)
	if stmt == "" {
		return nil
	}
	// Every name the statement uses must mean the same in the teardown.
	where := fixgen.CleanupScope(o)
	if !where.Valid() {
		return nil
	}
	ok := true
	root := identifierRoot(target)
	if root != "this" {
		b := p.Scope.ScopeOf(a.node).Lookup(root)
		if b == nil || !b.Scope.Node.Contains(where) || b.Kind != scope.Const && b.Kind != scope.Let && b.Kind != scope.Var && b.Kind != scope.Import {
			ok = false
		}
		if b != nil && b.Kind == scope.Let && b.Scope.Function() != nil && o.Class.Valid() {
			ok = false
		}
	}
	if !ok {
		return nil
	}
	if !bld.AddCleanup(o, a.node, []string{stmt}) {
		return nil
	}
	title := fmt.Sprintf("%s the %s %s", capitalize(imperative(a.kind)), a.kind.name, cleanup.WhereClause(o))
	return []analyzer.Fix{bld.Fix(title, true)}
}

func identifierRoot(target string) string {
	if i := strings.IndexAny(target, ".?["); i >= 0 {
		return target[:i]
	}
	return target
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var syncIterators = set("forEach", "map", "filter", "reduce", "reduceRight", "some", "every",
	"find", "findIndex", "findLast", "flatMap", "sort")

// finallyFix wraps the statements after the declaration in try/finally
// with the close in the finally block, dropping the closes written
// elsewhere. last is the close statement that runs on the straight path,
// if any; it is reused as written.
func (v *notClosed) finallyFix(a acquisition, f fate, b *scope.Binding, decl, last syntax.Node) []analyzer.Fix {
	p := v.p
	k := a.kind
	block := decl.Parent()
	home := astutil.EnclosingFunction(decl)
	if !k.paths || a.callback.Valid() || block.Kind() != "statement_block" || !home.Valid() {
		return nil
	}
	var rest []syntax.Node
	for s := decl.NextNamed(); s.Valid(); s = s.NextNamed() {
		rest = append(rest, s)
	}
	if len(rest) == 0 {
		return nil
	}
	async := home.HasToken("async")
	for _, r := range p.Scope.References(b) {
		if fn := astutil.EnclosingFunction(r); fn.Index() != home.Index() && !v.syncCallback(home, fn) {
			return nil // a callback may use it after the finally block ran
		}
		// return client.query(...) without await would hand out a promise
		// still using the client when the finally block releases it.
		if ret := r.Ancestor("return_statement"); async && ret.Valid() && home.Contains(ret) &&
			astutil.EnclosingFunction(ret).Index() == home.Index() && !awaited(ret.Child(0)) {
			return nil
		}
	}
	// if (!fh) return: the resource may be missing, and a finally block
	// calling fh.close() would throw.
	for _, r := range p.Scope.References(b) {
		for q := r.Parent(); q.Valid() && q.Index() != block.Index(); q = q.Parent() {
			if q.Is("if_statement", "ternary_expression") && q.Get("condition").Contains(r) {
				return nil
			}
		}
	}
	closeAt := make(map[int]bool)
	for _, c := range f.closes {
		closeAt[c.Index()] = true
	}
	var drop []syntax.Node
	for _, c := range f.closes {
		st := closeStatement(c, closeAt)
		if !st.Valid() || st.Start() < rest[0].Start() {
			return nil
		}
		if blk := st.Parent(); blk.Index() != block.Index() && (blk.Kind() != "statement_block" || blk.ChildCount() < 2) {
			return nil // dropping it would leave an empty branch
		}
		drop = append(drop, st)
	}
	var stmt string
	safe := true
	end := rest[len(rest)-1]
	if last.Valid() {
		stmt = strings.TrimSuffix(strings.TrimSpace(last.Text()), ";")
		if after := last.NextNamed(); after.Valid() {
			if !v.needsDeclarations(rest[0], last, after) {
				// The statements after the close keep running after it.
				end = last
			} else {
				refs := append(p.Scope.References(b), v.openedFrom(a)...)
				safe = movableAfterClose(k, after, refs)
			}
		}
	} else {
		stmt = v.closeCall(a, b.Name, async)
	}
	if stmt == "" {
		return nil
	}
	bld := fixgen.New(p)
	if !bld.WrapInFinally(rest[0], end, []string{stmt}, drop) {
		return nil
	}
	title := fmt.Sprintf("%s the %s in a finally block", capitalize(imperative(k)), k.name)
	return []analyzer.Fix{bld.Fix(title, safe)}
}

func containsAnyRef(n syntax.Node, refs []syntax.Node) bool {
	for _, r := range refs {
		if n.Contains(r) {
			return true
		}
	}
	return false
}

// syncCallback reports a callback that runs before the call that takes it
// returns (rows.forEach(...), items.map(...)), or an async one whose
// promises the statement awaits (await Promise.all(ids.map(async ...))).
func (v *notClosed) syncCallback(home, fn syntax.Node) bool {
	g := fn
	for up := astutil.EnclosingFunction(g); up.Valid() && up.Index() != home.Index(); up = astutil.EnclosingFunction(up) {
		g = up
	}
	args := g.Parent()
	if args.Kind() != "arguments" || !syncIterators[astutil.MethodName(args.Parent())] {
		return false
	}
	if !g.HasToken("async") {
		return true
	}
	st := astutil.Statement(args)
	for q := args.Parent(); q.Valid() && q.Index() != st.Index(); q = q.Parent() {
		if q.Kind() == "await_expression" {
			return true
		}
	}
	return false
}

// needsDeclarations reports whether the statements from after on use a
// name declared by the statements first..last (which would move into a try
// block and out of their reach).
func (v *notClosed) needsDeclarations(first, last, after syntax.Node) bool {
	declared := make(map[string]bool)
	for s := first; s.Valid() && s.Start() <= last.Start(); s = s.NextNamed() {
		switch s.Kind() {
		case "lexical_declaration", "variable_declaration":
			s.Walk(func(n syntax.Node) bool {
				if b := v.p.Scope.DeclaredAt(n); b != nil {
					declared[b.Name] = true
				}
				return true
			})
		case "function_declaration", "class_declaration":
			declared[s.Get("name").Text()] = true
		}
	}
	used := false
	for s := after; s.Valid() && !used; s = s.NextNamed() {
		s.Walk(func(n syntax.Node) bool {
			if n.Is("identifier", "shorthand_property_identifier") && declared[n.Text()] {
				used = true
			}
			return !used
		})
	}
	return used
}

// openedFrom returns the references to the object the resource was opened
// from (browser in browser.newContext()). A statement after the close that
// uses it may end it (void browser.close()): run before the close, it
// would end the parent before the child.
func (v *notClosed) openedFrom(a acquisition) []syntax.Node {
	call := scope.Unwrap(a.node)
	if call.Kind() != "call_expression" {
		return nil
	}
	callee := scope.Unwrap(call.Get("function"))
	if callee.Kind() != "member_expression" {
		return nil
	}
	root := astutil.RootOf(callee.Get("object"))
	if root.Kind() != "identifier" {
		return nil
	}
	if bd := v.p.Scope.Resolve(root); bd != nil {
		return v.p.Scope.References(bd)
	}
	return nil
}

// movableAfterClose reports whether the statements from after on can run
// before the close without changing what the program does: returns, and
// for database clients synchronous statements that use neither the client
// nor what it came from (res.json(rows)). Files are another matter: a
// rename or read after the close may depend on it.
func movableAfterClose(k *kind, after syntax.Node, refs []syntax.Node) bool {
	for s := after; s.Valid(); s = s.NextNamed() {
		if containsAnyRef(s, refs) {
			return false
		}
		if s.Kind() == "return_statement" {
			continue
		}
		if k == fdKind || k == fileHandleKind || s.Kind() != "expression_statement" {
			return false
		}
		awaits := false
		s.Walk(func(n syntax.Node) bool {
			if n.Kind() == "await_expression" {
				awaits = true
			}
			return !awaits && !scope.IsFunction(n)
		})
		if awaits {
			return false
		}
	}
	return true
}

// awaited reports `await x`, including TypeScript's parse of
// `await f<T>()` as a call of (await f).
func awaited(n syntax.Node) bool {
	n = scope.Unwrap(n)
	return n.Kind() == "await_expression" || n.Kind() == "call_expression" && n.Get("function").Kind() == "await_expression"
}

// freshName returns base (or base2, base3, ...) such that no name visible
// at n and no identifier inside fn spells it.
func freshName(p *analyzer.Pass, fn, n syntax.Node, base string) string {
	used := make(map[string]bool)
	fn.Walk(func(c syntax.Node) bool {
		if c.Is("identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern") {
			used[c.Text()] = true
		}
		return true
	})
	name := base
	for i := 2; used[name] || p.Scope.ScopeOf(n).Lookup(name) != nil; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	return name
}

// endFix ends a write stream after the last statement of its block that
// uses it, when every use is in that block and runs before the block ends.
func (v *notClosed) endFix(a acquisition, b *scope.Binding, decl syntax.Node) []analyzer.Fix {
	p := v.p
	block := decl.Parent()
	home := astutil.EnclosingFunction(decl)
	if block.Kind() != "statement_block" || !home.Valid() {
		return nil
	}
	var last syntax.Node
	for _, r := range p.Scope.References(b) {
		if fn := astutil.EnclosingFunction(r); fn.Index() != home.Index() && !v.syncCallback(home, fn) {
			return nil // a callback may write after the end
		}
		st := r
		for st.Valid() && st.Parent().Index() != block.Index() {
			st = st.Parent()
		}
		if !st.Valid() {
			return nil
		}
		if !last.Valid() || st.Start() > last.Start() {
			last = st
		}
	}
	if !last.Valid() || last.Kind() == "return_statement" || last.Kind() == "throw_statement" {
		return nil
	}
	bld := fixgen.New(p)
	bld.Insert(lineEndAfter(p.Tree.Src, last.End()), "\n"+astutil.Indent(p.Tree.Src, last.Start())+b.Name+".end()"+bld.Style.Semi)
	return []analyzer.Fix{bld.Fix("End the stream after its last write", true)}
}

// lineEndAfter is the end of the line at off, past a trailing comment.
func lineEndAfter(src string, off int) int {
	if i := strings.IndexByte(src[off:], '\n'); i >= 0 {
		if rest := strings.TrimSpace(src[off : off+i]); rest == "" || strings.HasPrefix(rest, "//") {
			return off + i
		}
	}
	return off
}
