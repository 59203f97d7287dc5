// Package fixgen writes cleanup code into an owner's teardown: it appends
// statements to an existing teardown, or creates the teardown (a returned
// cleanup function, a lifecycle method, an onBeforeUnmount call) in the
// file's own style. Rules decide what statement undoes their registration;
// fixgen decides where it goes.
package fixgen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// Style is how the file writes code.
type Style struct {
	Indent string // one indentation step
	Semi   string // ";" or ""
}

// StyleOf reads the file's style.
func StyleOf(t *syntax.Tree) Style {
	s := Style{Indent: astutil.IndentUnit(t.Src)}
	if astutil.UsesSemicolons(t) {
		s.Semi = ";"
	}
	return s
}

// Builder collects the edits of one fix.
type Builder struct {
	p     *analyzer.Pass
	Style Style
	Edits []analyzer.Edit
	// scopes are the classes and owners the fix adds to (analyzer.Fix.Scopes).
	scopes []int
}

// addsTo records that the fix adds to n (a class, an owner) beyond its own
// edits, so that another fix adding to it waits for the next round.
func (b *Builder) addsTo(n syntax.Node) {
	if n.Valid() && !slices.Contains(b.scopes, n.Start()) {
		b.scopes = append(b.scopes, n.Start())
	}
}

type styleKey struct{}

// New starts a fix for a pass. The file's style is read once per file.
func New(p *analyzer.Pass) *Builder {
	style := p.Memo(styleKey{}, func() any { return StyleOf(p.Tree) }).(Style)
	return &Builder{p: p, Style: style}
}

func (b *Builder) src() string { return b.p.Tree.Src }

// Replace replaces a node's text.
func (b *Builder) Replace(n syntax.Node, text string) {
	b.Edits = append(b.Edits, analyzer.Edit{Start: n.Start(), End: n.End(), NewText: text})
}

// Insert inserts text at an offset.
func (b *Builder) Insert(off int, text string) {
	b.Edits = append(b.Edits, analyzer.Edit{Start: off, End: off, NewText: text})
}

// Fix wraps the edits into a fix.
func (b *Builder) Fix(title string, safe bool) analyzer.Fix {
	return analyzer.Fix{Title: title, Safe: safe, Edits: b.Edits, Scopes: b.scopes}
}

// lineIndent is the indentation of the line n starts on.
func (b *Builder) lineIndent(n syntax.Node) string { return astutil.Indent(b.src(), n.Start()) }

// InsertBefore puts a statement on its own line before statement st, at
// the same indentation.
func (b *Builder) InsertBefore(st syntax.Node, stmt string) {
	ind := b.lineIndent(st)
	b.Insert(st.Start(), stmt+b.Style.Semi+"\n"+ind)
}

// Visible reports whether every identifier in nodes means the same thing
// anywhere inside where (a function whose body gets the cleanup, or the
// class that gets a new teardown method) as where it is written: the names a
// cleanup statement reuses must be in scope where the cleanup goes.
func Visible(p *analyzer.Pass, where syntax.Node, nodes ...syntax.Node) bool {
	for _, n := range nodes {
		ok := true
		n.Walk(func(c syntax.Node) bool {
			if ok && c.Kind() == "identifier" {
				if bd := p.Scope.Resolve(c); bd != nil && !bd.Scope.Node.Contains(where) {
					ok = false
				}
			}
			return ok
		})
		if !ok {
			return false
		}
	}
	return true
}

// InstanceText returns the text of a member chain whose root is a name
// for owner o's instance (`self.timer` after `const self = this`) written
// from `this` (`this.timer`), for a cleanup in the owner's teardown, where
// the name is out of scope and `this` is the instance. ok is false for
// any other expression.
func InstanceText(p *analyzer.Pass, o *lifecycle.Owner, n syntax.Node) (text string, ok bool) {
	n = scope.Unwrap(n)
	root := astutil.RootOf(n)
	if root.Index() == n.Index() || root.Kind() != "identifier" || !o.Class.Valid() {
		return "", false
	}
	this := p.Scope.ThisAlias(p.Scope.Resolve(root))
	if !this.Valid() || p.Scope.ThisOwner(this).Index() != o.Class.Index() {
		return "", false
	}
	src := p.Tree.Src
	return "this" + src[root.End():n.End()], true
}

// CleanupScope returns the node a cleanup for owner o is written inside,
// for Visible: the setup function for effects and setup owners, the class
// for class-like owners, and the teardown itself when it is written
// outside the setup (an ES5 constructor's Control.prototype.dispose, which
// sees none of the constructor's locals).
func CleanupScope(o *lifecycle.Owner) syntax.Node {
	if o.Setup.Valid() {
		if o.Follows().Cleanup.Site == lifecycle.InMethod && len(o.Teardowns) > 0 && !o.Setup.Contains(o.Teardowns[0]) {
			return o.Teardowns[0]
		}
		return o.Setup
	}
	return o.Class
}

// AddCleanup adds stmts (without trailing semicolons) to what runs when
// owner o ends, creating the teardown if there is none. reg is the
// registration being cleaned up; it decides where a new lifecycle method
// goes. It returns false when no correct place can be found.
//
// Where the code goes is the owner's convention's to say (its Cleanup), so
// a new framework convention needs no code here.
func (b *Builder) AddCleanup(o *lifecycle.Owner, reg syntax.Node, stmts []string) bool {
	b.addsTo(o.Node)
	b.addsTo(o.Class)
	switch c := o.Follows().Cleanup; c.Site {
	case lifecycle.InReturned:
		return b.addReturnedCleanup(o, reg, stmts)
	case lifecycle.InHook:
		return b.addHookCleanup(o, reg, stmts, c.Create, c.Module)
	default:
		if len(o.Teardowns) > 0 && !inherited(o) {
			if c.SuperLast {
				if st := closingSuperCall(o.Teardowns[0], o.TeardownName); st.Valid() {
					for _, s := range stmts {
						b.InsertBefore(st, s)
					}
					return true
				}
			}
			return b.appendToFunction(o.Teardowns[0], stmts)
		}
		// No teardown, or one inherited from a base class: the owner gets
		// its own (which calls the base's), and the base stays untouched.
		return b.createMethod(o, reg, stmts)
	}
}

// appendToFunction adds statements at the end of a function's body.
func (b *Builder) appendToFunction(fn syntax.Node, stmts []string) bool {
	body := fn.Get("body")
	if !body.Valid() {
		return false
	}
	if body.Kind() != "statement_block" {
		// () => expr  becomes  () => { expr; stmts }
		ind := b.lineIndent(fn)
		inner := ind + b.Style.Indent
		var sb strings.Builder
		sb.WriteString("{\n")
		sb.WriteString(inner + body.Text() + b.Style.Semi + "\n")
		for _, s := range stmts {
			sb.WriteString(inner + s + b.Style.Semi + "\n")
		}
		sb.WriteString(ind + "}")
		b.Replace(body, sb.String())
		return true
	}
	if st := clearingStatement(body, stmts); st.Valid() {
		for _, s := range stmts {
			b.InsertBefore(st, s)
		}
		return true
	}
	b.appendToBlock(body, stmts)
	return true
}

// clearingStatement returns the first statement of a teardown's body that
// assigns or deletes a place the new statements read (`this.socket =
// null;` before `this.socket.off(...)` is appended): they go before it,
// where the place still holds what they undo. Otherwise the zero Node.
func clearingStatement(body syntax.Node, stmts []string) syntax.Node {
	for st := body.FirstChild(); st.Valid(); st = st.NextSibling() {
		if st.Kind() != "expression_statement" {
			continue
		}
		e := scope.Unwrap(st.FirstChild())
		var place syntax.Node
		switch e.Kind() {
		case "assignment_expression", "augmented_assignment_expression":
			place = scope.Unwrap(e.Get("left"))
		case "unary_expression":
			if e.Get("operator").Text() == "delete" {
				place = scope.Unwrap(e.Get("argument"))
			}
		}
		if !place.Valid() {
			continue
		}
		for _, s := range stmts {
			if syntax.ContainsWord(s, place.Text()) {
				return LeadingComment(st)
			}
		}
	}
	return syntax.Node{}
}

// LeadingComment returns the first of the comments directly above st
// (its doc comment, the lines that lead into it), or st itself: new code
// that must come before st goes above them. A comment after a blank line,
// or trailing the statement before, is not st's.
func LeadingComment(st syntax.Node) syntax.Node {
	src := st.Tree().Src
	var run []syntax.Node
	for c := st.Parent().FirstChild(); c.Valid() && c.Index() != st.Index(); c = c.NextSibling() {
		if c.Kind() == "comment" {
			run = append(run, c)
		} else {
			run = run[:0]
		}
	}
	first, start := st, st.Start()
	for i := len(run) - 1; i >= 0; i-- {
		gap := src[run[i].End():start]
		if strings.Count(gap, "\n") > 1 || strings.TrimSpace(gap) != "" || !ownLine(src, run[i].Start()) {
			break
		}
		first, start = run[i], run[i].Start()
	}
	return first
}

// ownLine reports whether only blanks come before off on its line.
func ownLine(src string, off int) bool {
	return strings.TrimSpace(src[lineStart(src, off):off]) == ""
}

// appendToBlock inserts statements before a block's closing brace.
func (b *Builder) appendToBlock(block syntax.Node, stmts []string) {
	ind := b.blockIndent(block)
	var sb strings.Builder
	for _, s := range stmts {
		sb.WriteString(ind + s + b.Style.Semi + "\n")
	}
	b.insertBeforeClose(block, sb.String())
}

// insertBeforeClose inserts whole lines (each ending in a newline) before a
// block's closing brace, after any trailing comment of the last statement.
func (b *Builder) insertBeforeClose(block syntax.Node, lines string) {
	src := b.src()
	closeBrace := block.End() - 1
	start := lineStart(src, closeBrace)
	if strings.TrimSpace(src[start:closeBrace]) == "" && start > block.Start() {
		// The brace is on its own line: insert the lines above it, and
		// above a comment that speaks of the brace's line
		// (`// eslint-disable-next-line react-hooks/exhaustive-deps`
		// before `}, [])`).
		for start > block.Start()+1 {
			prev := lineStart(src, start-1)
			if prev <= block.Start() || !nextLineDirective(src[prev:start-1]) {
				break
			}
			start = prev
		}
		b.Insert(start, lines)
		return
	}
	// `{ a(); }` or `{}` on one line: break it open.
	inner := strings.TrimRight(src[block.Start()+1:closeBrace], " \t")
	var sb strings.Builder
	sb.WriteString("{")
	if strings.TrimSpace(inner) != "" {
		sb.WriteString("\n" + b.blockIndent(block) + strings.TrimSpace(inner))
	}
	sb.WriteString("\n" + lines + b.lineIndent(block) + "}")
	b.Replace(block, sb.String())
}

// nextLineDirectives mark a comment that applies to the line after it.
var nextLineDirectives = []string{"eslint-disable-next-line", "@ts-ignore", "@ts-expect-error", "prettier-ignore", "biome-ignore", "oxlint-disable-next-line"}

// nextLineDirective reports a line holding only a comment that applies to
// the next line.
func nextLineDirective(line string) bool {
	t := strings.TrimSpace(line)
	if !strings.HasPrefix(t, "//") && !(strings.HasPrefix(t, "/*") && strings.HasSuffix(t, "*/")) {
		return false
	}
	for _, d := range nextLineDirectives {
		if strings.Contains(t, d) {
			return true
		}
	}
	return false
}

// blockIndent is the indentation of statements inside block.
func (b *Builder) blockIndent(block syntax.Node) string {
	if first := block.Child(0); first.Valid() {
		ind := b.lineIndent(first)
		// A one-line block `{ a(); }` has its statement on the brace line.
		if strings.Count(b.src()[block.Start():first.Start()], "\n") > 0 {
			return ind
		}
	}
	return b.lineIndent(block) + b.Style.Indent
}

// addReturnedCleanup handles React effects and Svelte onMount: the cleanup
// is the function the callback returns.
func (b *Builder) addReturnedCleanup(o *lifecycle.Owner, reg syntax.Node, stmts []string) bool {
	if o.AsyncSetup() {
		// An async callback returns a promise: a cleanup returned from it
		// never runs, and moving the code into a sync callback is a
		// rewrite for a human.
		return false
	}
	for _, r := range o.Returned {
		// `() => el.addEventListener(...)` returns nothing useful: the
		// registration itself may be the returned expression.
		if !r.Contains(reg) {
			return false // returns something else already; a human must merge
		}
	}
	setup := o.Setup
	for _, t := range o.Teardowns {
		if scope.IsFunction(t) && setup.Contains(t) {
			return b.appendToFunction(t, stmts)
		}
	}
	for _, t := range o.Teardowns {
		// A returned teardown we cannot edit (a function declared
		// elsewhere); a teardown callback elsewhere in the file (Svelte's
		// onDestroy beside onMount) is fine.
		if setup.Contains(t) || len(o.Follows().TeardownCallbacks) == 0 {
			return false
		}
	}
	body := setup.Get("body")
	if body.Kind() != "statement_block" {
		// () => expr  becomes  () => { expr; return () => { ... }; }
		ind := b.lineIndent(setup)
		inner := ind + b.Style.Indent
		var sb strings.Builder
		sb.WriteString("{\n" + inner + body.Text() + b.Style.Semi + "\n")
		sb.WriteString(b.returnCleanup(inner, stmts) + "\n" + ind + "}")
		b.Replace(body, sb.String())
		return true
	}
	ind := b.blockIndent(body)
	b.insertBeforeClose(body, b.returnCleanup(ind, stmts)+"\n")
	return true
}

func (b *Builder) returnCleanup(ind string, stmts []string) string {
	var sb strings.Builder
	sb.WriteString(ind + "return () => {\n")
	for _, s := range stmts {
		sb.WriteString(ind + b.Style.Indent + s + b.Style.Semi + "\n")
	}
	sb.WriteString(ind + "}" + b.Style.Semi)
	return sb.String()
}

// member returns the class member or options-object entry containing n.
func member(container, n syntax.Node) syntax.Node {
	body := container
	if container.Kind() != "object" {
		body = container.Get("body")
	}
	for p := n; p.Valid(); p = p.Parent() {
		if p.Parent().Index() == body.Index() && p.Parent().Tree() == body.Tree() {
			return p
		}
	}
	return syntax.Node{}
}

// createMethod adds the owner's teardown method after the member that
// makes the registration.
func (b *Builder) createMethod(o *lifecycle.Owner, reg syntax.Node, stmts []string) bool {
	if !o.Class.Valid() {
		return false
	}
	m := member(o.Class, reg)
	if !m.Valid() {
		return false
	}
	if a := setupAnchor(o); a.Valid() {
		m = a
	}
	c := o.Follows().Cleanup
	ind := b.lineIndent(m)
	inner := ind + b.Style.Indent
	sig := o.TeardownName + "()"
	if b.p.Tree.Lang.IsTypeScript() {
		sig += c.ReturnType
	}
	super := callsSuper(c, o.Class) || inherited(o)
	if super && b.p.Tree.Lang.IsTypeScript() && writesOverride(o.Class) {
		// A class that marks its overrides (as noImplicitOverride
		// demands) gets a teardown marked too, or it no longer compiles.
		sig = "override " + sig
	}
	var sb strings.Builder
	gap := "\n\n"
	if o.Class.Kind() == "object" {
		sb.WriteString(",")
		gap = "\n"
	}
	sb.WriteString(gap + ind + sig + " {\n")
	if super && !c.SuperLast {
		sb.WriteString(inner + "super." + o.TeardownName + "()" + b.Style.Semi + "\n")
	}
	for _, s := range stmts {
		sb.WriteString(inner + s + b.Style.Semi + "\n")
	}
	if super && c.SuperLast {
		sb.WriteString(inner + "super." + o.TeardownName + "()" + b.Style.Semi + "\n")
	}
	sb.WriteString(ind + "}")
	at := m.End()
	if rest := b.src()[at:]; o.Class.Kind() != "object" && strings.HasPrefix(strings.TrimLeft(rest, " \t"), ";") {
		// A field's semicolon is a token of the class body, not of the
		// field: the new method goes after it, not between the two.
		at += strings.IndexByte(rest, ';') + 1
	}
	if o.Class.Kind() == "object" {
		// Put the new entry after the member's trailing comma, if any.
		rest := b.src()[at:]
		trimmed := strings.TrimLeft(rest, " \t")
		if strings.HasPrefix(trimmed, ",") {
			at += len(rest) - len(trimmed) + 1
			text := sb.String()[1:]
			sb.Reset()
			sb.WriteString(text)
			// Keep a trailing comma style: the next entry still follows.
			sb.WriteString(",")
		}
	}
	b.Insert(at, sb.String())
	if c.Implements != "" {
		b.implement(o.Class, c.Implements, c.Module)
	}
	return true
}

// writesOverride reports a class with a member marked `override`.
func writesOverride(class syntax.Node) bool { return writesModifier(class, "override_modifier") }

// writesModifier reports a class one of whose members is written with a
// modifier of the given kind (override_modifier, accessibility_modifier).
func writesModifier(class syntax.Node, kind string) bool {
	if class.Kind() == "object" {
		return false
	}
	for _, m := range class.Get("body").Children() {
		for c := m.FirstChild(); c.Valid(); c = c.NextSibling() {
			if c.Kind() == kind {
				return true
			}
		}
	}
	return false
}

// FieldModifier is what a new private field of class starts with in a
// TypeScript file: "private " when the class writes accessibility
// modifiers on its members (a project whose linter asks for them), else
// nothing.
func FieldModifier(p *analyzer.Pass, class syntax.Node) string {
	if p.Tree.Lang.IsTypeScript() && writesModifier(class, "accessibility_modifier") {
		return "private "
	}
	return ""
}

// setupAnchor is the last setup member of a class or options object (its
// convention's SetupMethods, or the constructor). Every fix that creates
// the owner's teardown inserts it at this one point whatever registration
// it cleans up, so fixes applied together (`check --fix` merges them)
// conflict there instead of each writing its own copy of the method; the
// next round adds to the teardown the first wrote.
func setupAnchor(o *lifecycle.Owner) syntax.Node {
	class := o.Class
	body := class
	if class.Kind() != "object" {
		body = class.Get("body")
	}
	var last syntax.Node
	for _, c := range body.Children() {
		var key syntax.Node
		switch c.Kind() {
		case "method_definition":
			key = c.Get("name")
		case "pair":
			if scope.IsFunction(scope.Unwrap(c.Get("value"))) {
				key = c.Get("key")
			}
		}
		if key.Valid() && o.SetupMember(strings.Trim(key.Text(), `"'`)) {
			last = c
		}
	}
	return last
}

// inherited reports an owner whose teardown is a base class's method,
// declared in this file or (through facts) in another.
func inherited(o *lifecycle.Owner) bool {
	return len(o.Teardowns) > 0 && o.Class.Valid() && !o.Class.Contains(o.Teardowns[0]) || o.InheritsTeardown()
}

// closingSuperCall returns the last statement of a teardown method when it
// calls the base's teardown (`super.dispose()`), or the zero Node.
func closingSuperCall(fn syntax.Node, name string) syntax.Node {
	body := fn.Get("body")
	if body.Kind() != "statement_block" {
		return syntax.Node{}
	}
	var last syntax.Node
	for _, c := range body.Children() {
		if c.Kind() != "comment" {
			last = c
		}
	}
	if last.Kind() != "expression_statement" {
		return syntax.Node{}
	}
	call := scope.Unwrap(last.Child(0))
	if call.Kind() != "call_expression" {
		return syntax.Node{}
	}
	callee := scope.Unwrap(call.Get("function"))
	if callee.Kind() != "member_expression" || callee.Get("object").Kind() != "super" || callee.Get("property").Text() != name {
		return syntax.Node{}
	}
	return last
}

// callsSuper reports whether a teardown created in class calls its base
// class's first, as the convention's Cleanup says (a LitElement has its own
// disconnectedCallback, HTMLElement none).
func callsSuper(c lifecycle.Cleanup, class syntax.Node) bool {
	base := lifecycle.ClassBase(class)
	return c.SuperUnless != nil && base != "" && !c.SuperUnless.MatchString(base)
}

// implement adds `implements <iface>` and its import from module to a
// TypeScript class, when missing (OnDestroy for an Angular class given
// ngOnDestroy).
func (b *Builder) implement(class syntax.Node, iface, module string) {
	b.addsTo(class)
	if !b.p.Tree.Lang.IsTypeScript() || lifecycle.ClassImplements(class, iface) {
		return
	}
	name := class.Get("name")
	var heritage syntax.Node
	for _, c := range class.Children() {
		if c.Kind() == "class_heritage" {
			heritage = c
		}
	}
	switch {
	case heritage.Valid():
		var impl syntax.Node
		heritage.Walk(func(n syntax.Node) bool {
			if n.Kind() == "implements_clause" {
				impl = n
			}
			return true
		})
		if impl.Valid() {
			b.Insert(impl.End(), ", "+iface)
		} else {
			b.Insert(heritage.End(), " implements "+iface)
		}
	case name.Valid():
		end := name.End()
		if tp := class.Get("type_parameters"); tp.Valid() {
			end = tp.End()
		}
		b.Insert(end, " implements "+iface)
	default:
		return
	}
	b.ensureImport(iface, module, class.Start(), true)
}

// afterTrailingComment moves an insertion point at the end of a statement
// past a comment that ends the same line, so the comment stays with it.
func (b *Builder) afterTrailingComment(off int) int {
	src := b.src()
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src) - off
	}
	rest := strings.TrimSpace(src[off : off+end])
	if strings.HasPrefix(rest, "//") || (strings.HasPrefix(rest, "/*") && strings.HasSuffix(rest, "*/")) {
		return off + end
	}
	return off
}

// EnsureImport makes sure the value name is imported from module, in the
// script that contains offset near (the file, or the script block of a
// component).
func (b *Builder) EnsureImport(name, module string, near int) {
	b.ensureImport(name, module, near, false)
}

// EnsureTypeImport is EnsureImport for a name used only as a type, which
// may join an `import type` declaration.
func (b *Builder) EnsureTypeImport(name, module string, near int) {
	b.ensureImport(name, module, near, true)
}

func (b *Builder) ensureImport(name, module string, near int, asType bool) {
	root := b.p.Tree.Root()
	scriptStart := b.p.Life.ScriptStart(near)
	sameScript := func(n syntax.Node) bool { return b.p.Life.ScriptStart(n.Start()) == scriptStart }
	var lastImport syntax.Node
	for _, st := range root.Children() {
		if st.Kind() != "import_statement" || !sameScript(st) {
			continue
		}
		lastImport = st
		src, _ := astutil.StringValue(st.Get("source"))
		if src != module || !asType && typeOnlyImport(st) {
			// `import type { Ref } from "vue"` imports no values: a hook
			// added there is an error (TS1361), so it goes in a value
			// import of the module, or a new one.
			continue
		}
		var named syntax.Node
		found := false
		st.Walk(func(n syntax.Node) bool {
			switch n.Kind() {
			case "named_imports":
				named = n
			case "import_specifier":
				if n.Get("name").Text() == name {
					found = true
				}
			}
			return true
		})
		if found {
			return
		}
		if named.Valid() {
			b.AddSpecifiers(named, name)
			return
		}
	}
	q := string(astutil.QuoteChar(b.p.Tree))
	line := fmt.Sprintf("import { %s } from %s%s%s%s", name, q, module, q, b.Style.Semi)
	if lastImport.Valid() {
		b.Insert(lastImport.End(), "\n"+line)
		return
	}
	// No imports yet: the top of the script (of the <script> block in a
	// .vue or .svelte file), at the indentation of its first line.
	at := scriptStart
	if at > 0 && at < len(b.src()) && b.src()[at] == '\n' {
		at++
	}
	ind := ""
	if at > 0 {
		ind = astutil.Indent(b.src(), at)
	}
	b.Insert(at+len(ind), line+"\n"+ind)
}

// AddSpecifiers adds names to the named imports of an import statement
// (`{ a, b }`), after its last specifier: on that specifier's line, or, in
// a list written one specifier a line, each on a line of its own at the
// same indentation, keeping the list's trailing comma if it has one.
func (b *Builder) AddSpecifiers(named syntax.Node, names ...string) {
	specs := named.Children()
	if len(specs) == 0 {
		b.Insert(named.Start()+1, " "+strings.Join(names, ", ")+" ")
		return
	}
	last := specs[len(specs)-1]
	src := b.src()
	if !strings.Contains(src[named.Start():last.Start()], "\n") {
		b.Insert(last.End(), ", "+strings.Join(names, ", "))
		return
	}
	ind := astutil.Indent(src, last.Start())
	rest := src[last.End():named.End()]
	if trimmed := strings.TrimLeft(rest, " \t"); strings.HasPrefix(trimmed, ",") {
		b.Insert(last.End()+len(rest)-len(trimmed)+1, "\n"+ind+strings.Join(names, ",\n"+ind)+",")
		return
	}
	b.Insert(last.End(), ",\n"+ind+strings.Join(names, ",\n"+ind))
}

// typeOnlyImport reports `import type { ... } from "m"`: the type keyword
// between import and the clause.
func typeOnlyImport(st syntax.Node) bool {
	for c := st.FirstChild(); c.Valid(); c = c.NextSibling() {
		switch c.Kind() {
		case "type":
			return true
		case "import_clause", "string":
			return false
		}
	}
	return false
}

// addHookCleanup adds the cleanup to an existing unmount callback of the
// setup (onBeforeUnmount/onUnmounted in Vue, onDestroy in Svelte), or
// registers a new one right after the statement that makes the
// registration, importing the hook when needed.
func (b *Builder) addHookCleanup(o *lifecycle.Owner, reg syntax.Node, stmts []string, hook, module string) bool {
	for _, t := range o.Teardowns {
		if scope.IsFunction(t) && o.Setup.Contains(t) {
			return b.appendToFunction(t, stmts)
		}
	}
	body := o.Setup.Get("body")
	if o.Setup.Kind() == "program" {
		body = o.Setup // <script setup> or a Svelte instance script
	}
	if body.Kind() != "statement_block" && body.Kind() != "program" {
		return false
	}
	st := reg
	for st.Valid() && st.Parent().Index() != body.Index() {
		st = st.Parent()
	}
	if !st.Valid() {
		return false
	}
	ind := b.lineIndent(st)
	var sb strings.Builder
	sb.WriteString("\n" + ind + hook + "(() => {\n")
	for _, s := range stmts {
		sb.WriteString(ind + b.Style.Indent + s + b.Style.Semi + "\n")
	}
	sb.WriteString(ind + "})" + b.Style.Semi)
	b.Insert(b.afterTrailingComment(st.End()), sb.String())
	b.ensureImport(hook, b.hookModule(module, reg.Start()), reg.Start(), false)
	return true
}

// vueHookModules re-export Vue's lifecycle hooks. A Nuxt 2 or Vue 2.6 file
// takes its composition API from one of them; a hook imported from "vue"
// beside it is not how that code base imports hooks, and before Vue 2.7
// it is undefined.
var vueHookModules = []string{"@nuxtjs/composition-api", "@vue/composition-api", "vue-demi", "#imports"}

// hookModule returns the module to import a hook of module from in the
// script around near: module itself, unless module is "vue" and the script
// names its imports from one of vueHookModules and none from "vue".
func (b *Builder) hookModule(module string, near int) string {
	if module != "vue" {
		return module
	}
	scriptStart := b.p.Life.ScriptStart(near)
	other := ""
	for _, st := range b.p.Tree.Root().Children() {
		if st.Kind() != "import_statement" || b.p.Life.ScriptStart(st.Start()) != scriptStart || typeOnlyImport(st) {
			continue
		}
		named := false
		st.Walk(func(n syntax.Node) bool {
			named = named || n.Kind() == "named_imports"
			return !named
		})
		if !named {
			continue // import Vue from "vue" (Vue 2's constructor) says nothing
		}
		src, _ := astutil.StringValue(st.Get("source"))
		if src == module {
			return module
		}
		if other == "" && slices.Contains(vueHookModules, src) {
			other = src
		}
	}
	if other != "" {
		return other
	}
	return module
}

// UniqueName returns base, or base2, base3... so that it clashes with no
// name visible at n, no member of class, and no identifier written in the
// function around n (where the new name will live).
func UniqueName(p *analyzer.Pass, n syntax.Node, class syntax.Node, base string) string {
	region := astutil.EnclosingFunction(n)
	if !region.Valid() {
		region = p.Tree.Root()
	}
	if class.Valid() {
		region = class
	}
	used := map[string]bool{}
	region.Walk(func(c syntax.Node) bool {
		switch c.Kind() {
		case "identifier", "property_identifier", "shorthand_property_identifier", "private_property_identifier":
			used[c.Text()] = true
		}
		return true
	})
	taken := func(name string) bool {
		return used[name] || p.Scope.ScopeOf(n).Lookup(name) != nil
	}
	name := base
	for i := 2; taken(name); i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	return name
}

// Movable reports whether code can be written at dest and mean the same:
// every name it uses that it does not declare itself is declared in a
// scope that contains dest, and not inside before (the statement the code
// is moved in front of, whose own declarations are not there yet; the
// zero Node when the code moves elsewhere). A handler that uses a local of
// the method it was written in cannot become a class field.
func Movable(p *analyzer.Pass, code, dest, before syntax.Node) bool {
	ok := true
	code.Walk(func(c syntax.Node) bool {
		if !ok {
			return false
		}
		if c.Kind() != "identifier" {
			return true
		}
		bd := p.Scope.Resolve(c)
		if bd == nil || code.Contains(bd.Decl) {
			return true // a global, or the code's own parameter or local
		}
		if !bd.Scope.Node.Contains(dest) || before.Valid() && before.Contains(bd.Decl) {
			ok = false
		}
		return ok
	})
	return ok
}

// Reindent re-indents text moved from a line indented from to one indented
// to: its first line goes where the caller puts it, every further line
// that starts with from has it replaced by to.
func Reindent(text, from, to string) string {
	if from == to || !strings.Contains(text, "\n") {
		return text
	}
	lines := strings.Split(text, "\n")
	for i := 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], from) {
			lines[i] = to + lines[i][len(from):]
		}
	}
	return strings.Join(lines, "\n")
}

// MemberMayBeUnset reports whether `this.<name>` may hold null or
// undefined when a class's teardown runs, as the TypeScript compiler sees
// it: a TypeScript field declared optional or with null or undefined in its
// type, or a JavaScript member the constructor does not set
// (MayBeUndefinedInJS). A cleanup calls its methods with optional chaining.
func MemberMayBeUnset(p *analyzer.Pass, class syntax.Node, name string) bool {
	if !class.Valid() || class.Kind() == "object" {
		return false
	}
	if !p.Tree.Lang.IsTypeScript() {
		return MayBeUndefinedInJS(p, class, name)
	}
	return DeclaredOptional(class, name)
}

// DeclaredOptional reports a field of class declared optional or with null
// or undefined in its type (`private socket?: WebSocket`, `x: T | null`).
func DeclaredOptional(class syntax.Node, name string) bool {
	if !class.Valid() || class.Kind() == "object" {
		return false
	}
	for _, m := range class.Get("body").Children() {
		if !m.Is("public_field_definition", "field_definition") {
			continue
		}
		key := m.Get("name")
		if !key.Valid() {
			key = m.Get("property")
		}
		if key.Text() != name {
			continue
		}
		if m.HasToken("?") {
			return true
		}
		t := m.Get("type").Text()
		return strings.Contains(t, "undefined") || strings.Contains(t, "null")
	}
	return false
}

// LosesParamTypes reports a TypeScript function whose parameters have no
// type of their own: written inline as an argument, `(e) => ...` takes its
// parameter types from the call; moved into a constant or a field it has
// none, and a strict project rejects it (TS7006, implicitly any). A fix
// that moves it is left for a person to finish, as an unsafe fix.
func LosesParamTypes(p *analyzer.Pass, fn syntax.Node) bool {
	if !p.Tree.Lang.IsTypeScript() {
		return false
	}
	fn = scope.Unwrap(fn)
	if fn.Get("parameter").Valid() {
		return true // e => ...
	}
	for _, prm := range fn.Get("parameters").Children() {
		if prm.Is("required_parameter", "optional_parameter") && !prm.Get("type").Valid() && !prm.Get("value").Valid() {
			return true
		}
	}
	return false
}
