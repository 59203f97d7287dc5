package globals

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// Implicit is implicit-global.
var Implicit = &analyzer.Rule{
	ID:       "implicit-global",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"assignment_expression", "for_in_statement"},
	// An implicit global is made by `x = ...` or `for (x in/of ...)`.
	Needles: []string{"=", " in ", " of "},
	// A direct eval anywhere may declare any name (hasDirectEval).
	FileWords: []string{"eval"},
	Applies:   mayBeScript,
	New:       newImplicit,
	Doc: analyzer.Doc{
		Title: "Assignment to an undeclared name creates a global",
		Text: `In a sloppy-mode script (not an ES module, not TypeScript, no "use strict"),
assigning to a name that is declared nowhere does not fail: it creates a property of
the global object (window or globalThis). That global lives as long as the page or
the process, so whatever it holds (a response, a DOM subtree, a big array) is never
collected, and every call of the function overwrites the same shared variable.
Usually a let, const or var was forgotten, often in a loop counter
(for (i = 0; ...)) or a chained assignment (a = b = 0, which declares only a when
written as let a = b = 0).

Host globals that exist already (onload, name, location, status, the built-in
constructors) are not reported: assigning them does not create anything new.`,
		Accepts: []string{
			"a declaration anywhere in scope: let, const, var, function, class, a parameter, a catch parameter, an import",
			"ES modules (files with import or export, .mjs), TypeScript files, and code under \"use strict\" or in a class body, where the assignment throws instead",
			"names listed in a /* global name */ or /* globals a, b */ comment, or in the rule's config: {\"globals\": [\"name\"]}",
			"existing host globals: window event handlers (onload, onmessage, ...), name, status, location, built-ins such as Promise or fetch being polyfilled, and CommonJS exports / module.exports",
			"deliberate globals: a name also written as window.name or globalThis.name, tested with typeof, or assigned from itself (App = App || {})",
			"member assignments (window.x = ..., this.x = ...), which never create an implicit global",
		},
		Bad: analyzer.Example{Path: "totals.js", Code: `function total(rows) {
  sum = 0;
  for (i = 0; i < rows.length; i++) {
    sum += rows[i].amount;
  }
  return sum;
}
`},
		Good: analyzer.Example{Path: "totals.js", Code: `function total(rows) {
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    sum += rows[i].amount;
  }
  return sum;
}
`},
	},
}

type implicit struct {
	p        *analyzer.Pass
	declared map[string]bool // /* global */ comments and config
	reported map[string]bool // function index + name
	typeofs  map[string]bool // names tested with typeof
	members  map[string]bool // names written as window.x / globalThis.x
	blockFns map[string]bool // function declarations in blocks (sloppy mode hoists them)
	hasEval  bool
}

func newImplicit(p *analyzer.Pass) analyzer.Visitor {
	if !sloppyScript(p) {
		return analyzer.VisitFunc(func(syntax.Node) {})
	}
	v := &implicit{p: p, declared: make(map[string]bool), reported: make(map[string]bool),
		typeofs: make(map[string]bool), members: make(map[string]bool), blockFns: make(map[string]bool)}
	for _, name := range optionGlobals(p.Options) {
		v.declared[name] = true
	}
	v.hasEval = hasDirectEval(p.Tree.Src)
	for n := range p.Tree.Root().Of(implicitKinds) {
		switch n.Kind() {
		case "comment":
			for _, name := range globalComment(n.Text()) {
				v.declared[name] = true
			}
		case "unary_expression":
			if n.Get("operator").Text() == "typeof" {
				if arg := scope.Unwrap(n.Get("argument")); arg.Kind() == "identifier" {
					v.typeofs[arg.Text()] = true
				}
			}
		case "member_expression":
			if obj := scope.Unwrap(n.Get("object")); obj.Kind() == "identifier" && globalObjects[obj.Text()] && p.Scope.Resolve(obj) == nil {
				v.members[n.Get("property").Text()] = true
			}
		case "subscript_expression":
			if obj := scope.Unwrap(n.Get("object")); obj.Kind() == "identifier" && globalObjects[obj.Text()] && p.Scope.Resolve(obj) == nil {
				if s, ok := astutil.StringValue(n.Get("index")); ok {
					v.members[s] = true
				}
			}
		case "function_declaration":
			if n.Parent().Kind() != "program" && n.Parent().Parent().Kind() != "" && !scope.IsFunction(n.Parent().Parent()) {
				v.blockFns[n.Get("name").Text()] = true
			}
		}
	}
	return v
}

// implicitKinds are the nodes newImplicit reads before the walk: what
// declares a global out of sight (a /* global */ comment, a typeof test,
// a window member) and function declarations in blocks.
var implicitKinds = syntax.NewKinds("comment", "unary_expression", "member_expression", "subscript_expression", "function_declaration")

// hasDirectEval reports a call eval(...) in the text: eval can declare
// names the file does not show. It matches what the regexp
// `(^|[^\w$.])eval\s*\(` would (FuzzDirectEval holds it to that), by
// looking only where "eval" occurs: the regexp spent half a second on the
// TypeScript compiler's bundle, which says eval often.
func hasDirectEval(src string) bool {
	for i := 0; ; {
		j := strings.Index(src[i:], "eval")
		if j < 0 {
			return false
		}
		at := i + j
		i = at + 1
		if at > 0 {
			if c := src[at-1]; c == '$' || c == '.' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
				continue
			}
		}
		k := at + len("eval")
		for k < len(src) && isRegexpSpace(src[k]) {
			k++
		}
		if k < len(src) && src[k] == '(' {
			return true
		}
	}
}

// isRegexpSpace is RE2's \s: space, tab, newline, form feed, carriage return.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

var globalObjects = map[string]bool{"window": true, "globalThis": true, "self": true, "global": true}

// sloppyScript reports files where an assignment to an undeclared name
// creates a global: JavaScript scripts (CommonJS included) without a
// top-level "use strict". ES modules and TypeScript are strict, and
// component files (.vue, .svelte) are compiled as modules.
func sloppyScript(p *analyzer.Pass) bool {
	if p.Tree.Lang.IsTypeScript() || p.Scope.IsModule {
		return false
	}
	switch strings.ToLower(filepath.Ext(p.Path)) {
	case ".mjs", ".mts", ".ts", ".tsx", ".cts", ".vue", ".svelte":
		return false
	}
	return !hasUseStrict(p.Tree.Root())
}

// hasUseStrict reads a program's or function body's directive prologue.
func hasUseStrict(body syntax.Node) bool {
	for _, st := range body.Children() {
		if st.Kind() == "hash_bang_line" || st.Kind() == "comment" {
			continue // #!/usr/bin/env node, then the prologue
		}
		if st.Kind() != "expression_statement" {
			return false
		}
		s := st.Child(0)
		if s.Kind() != "string" {
			return false
		}
		if v, _ := astutil.StringValue(s); v == "use strict" {
			return true
		}
	}
	return false
}

var globalDirective = regexp.MustCompile(`^/\*\s*globals?\s+([^*]*)\*/$`)

// globalComment reads the names of an ESLint / JSHint `/* global a, b:writable */`
// comment.
func globalComment(text string) []string {
	m := globalDirective.FindStringSubmatch(text)
	if m == nil {
		return nil
	}
	var names []string
	for _, f := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		if i := strings.IndexByte(f, ':'); i >= 0 {
			f = f[:i]
		}
		if f != "" {
			names = append(names, f)
		}
	}
	return names
}

// optionGlobals reads {"globals": ["a", "b"]} or {"globals": {"a": "writable"}}.
func optionGlobals(opts map[string]any) []string {
	var out []string
	switch g := opts["globals"].(type) {
	case []any:
		for _, x := range g {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	case []string:
		out = append(out, g...)
	case map[string]any:
		for k := range g {
			out = append(out, k)
		}
	}
	return out
}

func (v *implicit) Visit(n syntax.Node) {
	switch n.Kind() {
	case "assignment_expression":
		for _, id := range targetNames(n.Get("left")) {
			v.check(id, n)
		}
	case "for_in_statement":
		if !n.Get("kind").Valid() {
			for _, id := range targetNames(n.Get("left")) {
				v.check(id, n)
			}
		}
	}
}

// targetNames returns the identifiers an assignment target writes as
// plain names (not members).
func targetNames(left syntax.Node) []syntax.Node { return scope.PatternNames(left) }

// lookup resolves a name where it is written; Resolve does not take
// pattern identifiers.
func (v *implicit) lookup(id syntax.Node) *scope.Binding {
	if b := v.p.Scope.Resolve(id); b != nil {
		return b
	}
	return v.p.Scope.ScopeOf(id).Lookup(id.Text())
}

func (v *implicit) check(id, assign syntax.Node) {
	name := id.Text()
	if v.lookup(id) != nil || v.declared[name] || hostGlobals[name] || scope.KnownGlobals[name] ||
		eventHandlerProp.MatchString(name) || v.typeofs[name] || v.members[name] || v.blockFns[name] || v.hasEval {
		return
	}
	if selfAssigned(assign, name) || strictAt(id) || inWith(id) {
		return
	}
	fn := astutil.EnclosingFunction(id)
	scopeNode := fn
	if !scopeNode.Valid() {
		scopeNode = v.p.Tree.Root()
	}
	key := fmt.Sprintf("%d:%s", scopeNode.Index(), name)
	if v.reported[key] {
		return
	}
	v.reported[key] = true
	v.report(id, fn)
}

// hostGlobals exist before any user code runs (browser window properties,
// built-ins, Node's module wrapper); assigning one replaces or sets it
// deliberately instead of creating a new global.
var hostGlobals = words(`
	name status defaultStatus location opener parent top frames length closed history
	navigator screen innerWidth innerHeight outerWidth outerHeight screenX screenY screenLeft
	screenTop scrollX scrollY pageXOffset pageYOffset devicePixelRatio event external origin
	menubar toolbar locationbar personalbar scrollbars statusbar visualViewport performance
	crypto customElements localStorage sessionStorage indexedDB caches frameElement document
	alert confirm prompt open close print focus blur stop scroll scrollTo scrollBy moveTo moveBy
	resizeTo resizeBy postMessage getComputedStyle getSelection matchMedia requestAnimationFrame
	cancelAnimationFrame requestIdleCallback cancelIdleCallback setTimeout setInterval
	clearTimeout clearInterval queueMicrotask structuredClone atob btoa fetch reportError
	importScripts XMLHttpRequest WebSocket EventSource Worker Image Audio Option Event
	CustomEvent EventTarget URL URLSearchParams Blob File FileReader FormData Headers Request
	Response AbortController AbortSignal TextEncoder TextDecoder MutationObserver ResizeObserver
	IntersectionObserver PerformanceObserver Notification HTMLElement Element Node Document
	DOMParser Object Function Array Number parseFloat parseInt Infinity NaN undefined Boolean
	String Symbol Date Promise RegExp Error AggregateError EvalError RangeError ReferenceError
	SyntaxError TypeError URIError JSON Math Intl ArrayBuffer SharedArrayBuffer Atomics
	Uint8Array Int8Array Uint16Array Int16Array Uint32Array Int32Array Float32Array
	Float64Array Uint8ClampedArray BigUint64Array BigInt64Array DataView Map BigInt Set WeakMap
	WeakSet Proxy Reflect FinalizationRegistry WeakRef decodeURI decodeURIComponent encodeURI
	encodeURIComponent escape unescape eval isFinite isNaN Iterator arguments
	require module exports __dirname __filename Buffer setImmediate clearImmediate
`)

func words(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// eventHandlerProp matches window's event handler properties (onload,
// onmessage, onbeforeunload, ...).
var eventHandlerProp = regexp.MustCompile(`^on[a-z]+$`)

// selfAssigned reports `App = App || {}` and similar: the name is read on
// the right, so it must exist already (from another script).
func selfAssigned(assign syntax.Node, name string) bool {
	if assign.Kind() != "assignment_expression" {
		return false
	}
	found := false
	assign.Get("right").Walk(func(n syntax.Node) bool {
		if n.Kind() == "identifier" && n.Text() == name {
			found = true
		}
		return !found
	})
	return found
}

// strictAt reports code under a function's "use strict" or in a class
// body, where the assignment throws instead of creating a global.
func strictAt(n syntax.Node) bool {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		switch p.Kind() {
		case "class_body":
			return true
		}
		if scope.IsFunction(p) {
			if body := p.Get("body"); body.Kind() == "statement_block" && hasUseStrict(body) {
				return true
			}
		}
	}
	return false
}

// inWith reports code inside `with (obj)`, where the name may be obj's.
func inWith(n syntax.Node) bool { return n.Ancestor("with_statement").Valid() }

func (v *implicit) report(id, fn syntax.Node) {
	p := v.p
	name := id.Text()
	uses := v.uses(name)
	home := commonFunction(uses)
	msg := fmt.Sprintf("%s is declared nowhere, so this assignment creates a global (globalThis.%s) that is never collected; ", name, name)
	var related []analyzer.Related
	if home.Valid() {
		msg += fmt.Sprintf("declare it with let in %s", describeFunction(home))
	} else {
		msg += "declare it with let at the top of the file"
		// Name where else it is used: the shared global may be on purpose.
		for _, u := range uses {
			uf := astutil.EnclosingFunction(u)
			if fn.Valid() && fn.Contains(u) || uf.Index() == fn.Index() {
				continue
			}
			where := "at top level"
			if uf.Valid() {
				where = "in " + describeFunction(uf)
			}
			msg += " (it is also used " + where + ")"
			related = append(related, analyzer.Related{Start: u.Start(), End: u.End(), Message: "also used here"})
			break
		}
	}
	d := analyzer.Diagnostic{Start: id.Start(), End: id.End(), Message: msg, Related: related}
	if p.WantsFixes() {
		if f, ok := v.fix(id, uses, home); ok {
			d.Fixes = []analyzer.Fix{f}
		}
	}
	p.Report(d)
}

// identifiers are the nodes that can name a global.
var identifiers = syntax.NewKinds("identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern")

// uses returns every identifier in the file that means the undeclared
// global name, in source order.
func (v *implicit) uses(name string) []syntax.Node {
	var out []syntax.Node
	for n := range v.p.Tree.Root().Of(identifiers) {
		if n.Text() != name || v.lookup(n) != nil {
			continue
		}
		out = append(out, n)
	}
	return out
}

// commonFunction returns the innermost function that contains every use,
// or the zero Node when a use is at top level.
func commonFunction(uses []syntax.Node) syntax.Node {
	if len(uses) == 0 {
		return syntax.Node{}
	}
	fn := astutil.EnclosingFunction(uses[0])
	for fn.Valid() {
		all := true
		for _, u := range uses[1:] {
			if !fn.Contains(u) {
				all = false
				break
			}
		}
		if all {
			return fn
		}
		fn = astutil.EnclosingFunction(fn)
	}
	return syntax.Node{}
}

// describeFunction names the function a global is used in for a message.
func describeFunction(fn syntax.Node) string {
	if name := lifecycle.NameOf(fn, lifecycle.CalledAs); name != "" {
		return name
	}
	p := fn.Parent()
	for p.Kind() == "parenthesized_expression" {
		p = p.Parent()
	}
	if name := astutil.MethodName(p.Parent()); p.Kind() == "arguments" && name != "" {
		return "the callback passed to " + name
	}
	return "the function that uses it"
}

// fix declares the name. Used inside one function only, with the reported
// assignment as its first use, the declaration goes into that function
// (safe): the assignment statement itself becomes `let x = ...` when it is
// a statement of the function's body, else `let x;` opens the body.
// Otherwise `let x;` goes at the top of the file (unsafe: other scripts
// may share the global on purpose).
func (v *implicit) fix(id syntax.Node, uses []syntax.Node, home syntax.Node) (analyzer.Fix, bool) {
	p := v.p
	name := id.Text()
	b := fixgen.New(p)
	first := len(uses) > 0 && uses[0].Index() == id.Index()
	container := home.Get("body")
	if !home.Valid() {
		container = p.Tree.Root()
	} else if container.Kind() != "statement_block" {
		return analyzer.Fix{}, false
	}
	safe := home.Valid() && first
	if loop := loopHead(id); first && loop.Valid() && loopOnly(uses, loop) {
		kw := "let "
		if loop.Kind() == "for_in_statement" && len(uses) > 0 && !writtenIn(uses[1:]) {
			kw = "const "
		}
		b.Insert(id.Start(), kw)
		return b.Fix(fmt.Sprintf("Declare %s with %sin the loop", name, kw), true), true
	}
	if st := plainAssignment(id); first && st.Valid() && st.Parent().Index() == container.Index() {
		b.Insert(st.Start(), "let ")
		if safe {
			return b.Fix("Declare "+name+" with let", true), true
		}
		return b.Fix("Declare "+name+" with let (other scripts can no longer see it)", false), true
	}
	stmts := container.Children()
	if len(stmts) == 0 {
		return analyzer.Fix{}, false
	}
	at := stmts[0]
	if !home.Valid() {
		// After a directive prologue and before the first statement.
		for _, st := range stmts {
			if st.Kind() == "expression_statement" && st.Child(0).Kind() == "string" {
				continue
			}
			at = st
			break
		}
	}
	b.InsertBefore(at, "let "+name)
	if safe {
		return b.Fix(fmt.Sprintf("Declare %s with let in %s", name, describeFunction(home)), true), true
	}
	if home.Valid() {
		return b.Fix(fmt.Sprintf("Declare %s with let in %s (it is read before this assignment)", name, describeFunction(home)), false), true
	}
	return b.Fix("Declare "+name+" with let at the top of the file (other scripts can no longer see it)", false), true
}

// loopHead returns the loop whose head declares id when written with a
// keyword: `for (i = 0; ...)` and `for (key in obj)`.
func loopHead(id syntax.Node) syntax.Node {
	p := id.Parent()
	switch {
	case p.Kind() == "for_in_statement" && id.Field() == "left":
		return p
	case p.Kind() == "assignment_expression" && id.Field() == "left":
		// The grammar hangs the assignment straight off the loop (it
		// wrapped it in an expression_statement before v0.23).
		if p.Field() == "initializer" && p.Parent().Kind() == "for_statement" {
			return p.Parent()
		}
	}
	return syntax.Node{}
}

// loopOnly reports names used only inside the loop and in no function
// there: a closure would see one binding per iteration instead of the
// shared one.
func loopOnly(uses []syntax.Node, loop syntax.Node) bool {
	for _, u := range uses {
		if !loop.Contains(u) {
			return false
		}
		for f := astutil.EnclosingFunction(u); f.Valid() && loop.Contains(f); f = astutil.EnclosingFunction(f) {
			return false
		}
	}
	return true
}

// writtenIn reports whether any of the uses is assigned or updated.
func writtenIn(uses []syntax.Node) bool {
	for _, u := range uses {
		switch p := u.Parent(); p.Kind() {
		case "assignment_expression", "augmented_assignment_expression":
			if u.Field() == "left" {
				return true
			}
		case "update_expression":
			return true
		}
	}
	return false
}

// plainAssignment returns the statement `x = ...;` when id is the target
// of an expression statement's own assignment (chained ones included:
// `a = b = 0` gives the statement for a).
func plainAssignment(id syntax.Node) syntax.Node {
	assign := id.Parent()
	if assign.Kind() != "assignment_expression" || id.Field() != "left" {
		return syntax.Node{}
	}
	st := assign.Parent()
	if st.Kind() != "expression_statement" {
		return syntax.Node{}
	}
	return st
}

// moduleSyntax reports an import or export statement at the start of a
// line: the keyword after nothing but spaces and tabs, followed by what
// starts its clause (`(?m)^[ \t]*(import[ \t{*"'\x60]|export[ \t{*])`,
// scanned by hand: the regular expression was half of the engine's whole
// prefilter time). A match means an ES module, where assignments to
// undeclared names throw instead of creating globals; the rule cannot fire
// there, so the engine need not even parse the file for it.
func moduleSyntax(src []byte) bool {
	for _, kw := range [...]struct{ word, next string }{{"import", " \t{*\"'`"}, {"export", " \t{*"}} {
		word := []byte(kw.word)
		for off := 0; ; {
			i := bytes.Index(src[off:], word)
			if i < 0 {
				break
			}
			i += off
			off = i + 1
			if j := i + len(word); j >= len(src) || strings.IndexByte(kw.next, src[j]) < 0 {
				continue
			}
			k := i
			for k > 0 && (src[k-1] == ' ' || src[k-1] == '\t') {
				k--
			}
			if k == 0 || src[k-1] == '\n' {
				return true
			}
		}
	}
	return false
}

// mayBeScript is the rule's cheap prefilter: JavaScript files that may be
// sloppy-mode scripts.
func mayBeScript(path string, src []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".js", ".cjs", ".jsx":
	default:
		return false // TypeScript, .mjs and components are always strict
	}
	// The prologue first: it reads only the file's start, and CommonJS
	// builds (the files without import or export, which moduleSyntax
	// reads to the end) mostly open with "use strict".
	return !strictPrologue(src) && !moduleSyntax(src)
}

// strictPrologue reports a file whose directive prologue says "use strict"
// (as CommonJS builds start): the whole file is strict, and sloppyScript
// stops the rule there, so the engine need not parse the file for it. It
// reads only what cannot be anything but a directive: after comments and
// whitespace, string literals each ended by a semicolon on the same line
// (`'use strict'` then a newline may continue as a call, `'use
// strict'(x)`), one of them exactly 'use strict' or "use strict".
// Anything else, it says no and the parse decides.
func strictPrologue(src []byte) bool {
	i := skipSpaceAndComments(src, 0, true)
	for i >= 0 && i < len(src) && (src[i] == '\'' || src[i] == '"') {
		q := src[i]
		j := i + 1
		for j < len(src) && src[j] != q && src[j] != '\\' && lineTerminator(src, j) == 0 {
			j++
		}
		if j >= len(src) || src[j] != q {
			return false // an escape, a line break or no end: let the parse read it
		}
		text := string(src[i+1 : j])
		k := skipSpaceAndComments(src, j+1, false)
		if k < 0 || k >= len(src) || src[k] != ';' {
			return false
		}
		if text == "use strict" {
			// A NUL byte makes tree-sitter read the text otherwise.
			return bytes.IndexByte(src[:k], 0) < 0
		}
		i = skipSpaceAndComments(src, k+1, true)
	}
	return false
}

// skipSpaceAndComments returns the offset of the first byte from i on that
// is neither whitespace nor inside a comment (a hashbang line counts as a
// comment at the start). With newlines false it stops at a line
// terminator (\n, \r, U+2028, U+2029), and at a comment that holds one.
// It returns -1 for a line comment or hashbang holding a terminator other
// than \n: where such a line ends, the parser and the language disagree.
func skipSpaceAndComments(src []byte, i int, newlines bool) int {
	if i == 0 && len(src) > 1 && src[0] == '#' && src[1] == '!' {
		if i = lineEnd(src, 0); i < 0 {
			return -1
		}
	}
	for i < len(src) {
		switch c := src[i]; {
		case c == 0xEF && i == 0 && len(src) >= 3 && src[1] == 0xBB && src[2] == 0xBF:
			i += 3 // a byte order mark
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
			i++
		case lineTerminator(src, i) > 0:
			if !newlines {
				return i
			}
			i += lineTerminator(src, i)
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			if !newlines {
				return i
			}
			if i = lineEnd(src, i); i < 0 {
				return -1
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				return len(src)
			}
			if !newlines {
				for j := i + 2; j < i+2+end; j++ {
					if lineTerminator(src, j) > 0 {
						return i
					}
				}
			}
			i += end + 4
		default:
			return i
		}
	}
	return i
}

// lineTerminator returns the length of the JavaScript line terminator at
// src[i] (\n, \r, U+2028 or U+2029 in UTF-8), or 0.
func lineTerminator(src []byte, i int) int {
	switch {
	case src[i] == '\n' || src[i] == '\r':
		return 1
	case src[i] == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9):
		return 3
	}
	return 0
}

// lineEnd returns the offset of the \n that ends the line holding src[i],
// or len(src); -1 when another line terminator comes first.
func lineEnd(src []byte, i int) int {
	for i < len(src) && src[i] != '\n' {
		if lineTerminator(src, i) > 0 {
			return -1
		}
		i++
	}
	return i
}
