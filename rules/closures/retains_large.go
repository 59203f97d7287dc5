package closures

import (
	"fmt"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// RetainsLarge is closure-retains-large-value.
var RetainsLarge = &analyzer.Rule{
	ID:       "closure-retains-large-value",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"program"},
	// Every finding is about a variable declared with a value; the
	// shared-context chain (`const prev = theThing`) has no more telling
	// text than that.
	// Every finding needs an evidently large value, and each kind of large
	// value is named by one of these (Array covers typed arrays).
	Needles: []string{"Array(", "Array.from(", "Buffer", "repeat(", "readFile", "JSON.parse", ".json(", ".text(", "arrayBuffer(",
		"blob(", "formData(", "querySelectorAll", "getElementsBy", "cloneNode", "parseFromString"},
	New: func(p *analyzer.Pass) analyzer.Visitor {
		return analyzer.VisitFunc(func(syntax.Node) { (&run{p: p}).check() })
	},
	Doc: analyzer.Doc{
		Title: "Long-lived closure keeps a large value alive",
		Text: `A closure keeps alive the variables of the scopes it was created in. V8 does not
give each closure its own copy: all closures created in one function share one
context object, holding every variable that any of them uses. So when a function
creates a closure that is kept for a long time (a setInterval callback, a listener
on window or process, a property of a module-level object, an entry of a module-level
cache) and another closure in the same function uses a large value (a big array or
string, a buffer, a parsed response, a DOM subtree), the long-lived closure keeps the
large value alive too, although it never uses it. When the large value is the
previous value of the very variable the closure is stored in (the Meteor
"replaceThing" leak), every call links the new value to the old one, and the chain
is never freed.

A long-lived callback that uses a large value only for a small part of it
(rows.length, data.id) keeps all of it alive; copy the small part into a constant
before creating the callback.

Only evidently large values are reported: literal sizes of 100,000 and more, buffers
sized by a file, file contents, parsed response bodies, querySelectorAll results and
deep clones of DOM nodes.`,
		Accepts: []string{
			"setting the large variable to null (or undefined) after its last use",
			"a long-lived closure that uses the large value as a whole (keeping it is its purpose)",
			"closures that are not kept: passed to array methods, promise callbacks, one-shot setTimeout, listeners with { once: true }, listeners on objects created locally",
			"large values declared at module level (they live as long as the program anyway)",
			"values whose size is not evident from the code (a call result, a parameter)",
		},
		Bad: analyzer.Example{Path: "poller.js", Code: `export async function startPolling(url, render) {
  const res = await fetch(url);
  const rows = await res.json();
  setInterval(() => {
    render(rows.length);
  }, 5000);
}
`},
		Good: analyzer.Example{Path: "poller.js", Code: `export async function startPolling(url, render) {
  const res = await fetch(url);
  const rows = await res.json();
  const rowCount = rows.length;
  setInterval(() => {
    render(rowCount);
  }, 5000);
}
`},
	},
}

type run struct {
	p *analyzer.Pass
	// reported closures, by node index: one finding per closure.
	reported map[int]bool
}

// value is a large value held in a variable of some function.
type value struct {
	b    *scope.Binding
	decl syntax.Node // the variable_declarator
	what string
	// chain is the module-level variable whose previous value this is.
	chain *scope.Binding
	// fn is the function whose context holds the variable.
	fn syntax.Node
}

// closure is a function that keeps a variable's context alive.
type closure struct {
	fn   syntax.Node
	kept holder
}

func (r *run) check() {
	r.reported = map[int]bool{}
	for _, v := range r.largeValues() {
		r.checkValue(v)
	}
}

// declarators are the nodes largeValues reads.
var declarators = syntax.NewKinds("variable_declarator")

// largeValues finds variables declared inside functions whose value is
// evidently large, or is the previous value of a module-level variable the
// same function replaces.
func (r *run) largeValues() []value {
	var out []value
	for d := range r.p.Tree.Root().Of(declarators) {
		if d.Get("name").Kind() != "identifier" {
			continue
		}
		b := r.p.Scope.DeclaredAt(d.Get("name"))
		if b == nil || b.ModuleLevel() {
			continue
		}
		fn := b.Scope.Function().Node
		if !scope.IsFunction(fn) {
			continue
		}
		v := value{b: b, decl: d, fn: fn}
		if what, ok := r.large(d.Get("value"), 0); ok {
			v.what = what
			out = append(out, v)
			continue
		}
		if m := r.replacedModuleVar(d.Get("value"), fn); m != nil {
			v.what = fmt.Sprintf("the previous value of `%s`", m.Name)
			v.chain = m
			out = append(out, v)
		}
	}
	return out
}

// replacedModuleVar returns the module-level variable init reads when
// function fn also assigns a new value to it: `const prev = theThing;
// ... theThing = {...}`.
func (r *run) replacedModuleVar(init syntax.Node, fn syntax.Node) *scope.Binding {
	init = scope.Unwrap(init)
	if init.Kind() != "identifier" {
		return nil
	}
	m := r.p.Scope.Resolve(init)
	if m == nil || !m.ModuleLevel() || m.Kind != scope.Let && m.Kind != scope.Var {
		return nil
	}
	for _, ref := range r.p.Scope.References(m) {
		if fn.Contains(ref) && ref.Field() == "left" && ref.Parent().Kind() == "assignment_expression" {
			return m
		}
	}
	return nil
}

func (r *run) checkValue(v value) {
	refs := r.p.Scope.References(v.b)
	for _, ref := range refs {
		if a := ref.Parent(); ref.Field() == "left" && a.Kind() == "assignment_expression" {
			switch scope.Unwrap(a.Get("right")).Kind() {
			case "null", "undefined":
				return // released after use
			}
		}
	}
	// The closures that use the variable put it in the shared context.
	var capturers []syntax.Node
	isCapturer := map[int]bool{}
	for _, ref := range refs {
		for f := astutil.EnclosingFunction(ref); f.Valid() && f.Index() != v.fn.Index(); f = astutil.EnclosingFunction(f) {
			if !isCapturer[f.Index()] {
				isCapturer[f.Index()] = true
				capturers = append(capturers, f)
			}
		}
	}
	if len(capturers) == 0 {
		return
	}
	sort.Slice(capturers, func(i, j int) bool { return capturers[i].Start() < capturers[j].Start() })
	// Closures created in the variable's scope that something long-lived
	// keeps.
	var kept []closure
	region := v.b.Scope.Node
	region.Walk(func(n syntax.Node) bool {
		if n.Index() != region.Index() && n.IsNamed() && scope.IsFunction(n) {
			if h, ok := r.keptBy(n); ok {
				kept = append(kept, closure{fn: n, kept: h})
			}
		}
		return true
	})
	if len(kept) == 0 {
		return
	}
	// A kept closure that uses the whole value keeps it on purpose; then
	// nothing else needs saying about this value.
	for _, k := range kept {
		if isCapturer[k.fn.Index()] {
			if _, small := r.smallReads(k.fn, v); !small {
				return
			}
		}
	}
	capturerKept := false
	for _, k := range kept {
		if isCapturer[k.fn.Index()] {
			capturerKept = true
		}
	}
	for _, k := range kept {
		if r.reported[k.fn.Index()] {
			continue
		}
		if isCapturer[k.fn.Index()] {
			reads, _ := r.smallReads(k.fn, v)
			if r.mutated(v) {
				continue
			}
			r.reported[k.fn.Index()] = true
			r.reportSmallRead(v, k, reads, len(capturers) == 1)
			continue
		}
		if capturerKept {
			continue // the value stays alive anyway; that finding comes first
		}
		if v.chain != nil && k.kept.module != v.chain {
			continue // an old value kept once is not evidently large
		}
		r.reported[k.fn.Index()] = true
		r.reportShared(v, k, outermost(capturers, v.fn))
	}
}

// outermost returns the first capturer created directly in fn's scope
// chain, the one a reader sees in fn's body.
func outermost(capturers []syntax.Node, fn syntax.Node) syntax.Node {
	for _, c := range capturers {
		if astutil.EnclosingFunction(c).Index() == fn.Index() {
			return c
		}
	}
	return capturers[0]
}

// scalarProps are properties that hold a small part of a value.
var scalarProps = map[string]bool{
	"length": true, "size": true, "byteLength": true, "count": true, "total": true, "totalCount": true,
	"id": true, "uuid": true, "key": true, "name": true, "title": true, "type": true, "kind": true,
	"status": true, "statusCode": true, "version": true, "etag": true, "hash": true, "checksum": true,
	"timestamp": true, "updatedAt": true, "createdAt": true, "lastModified": true, "url": true,
	"href": true, "page": true, "pageCount": true, "offset": true, "limit": true, "code": true,
}

// smallReads returns the member chains through which closure fn uses
// value v, when every use reads a small scalar part (rows.length,
// data.meta.id).
func (r *run) smallReads(fn syntax.Node, v value) ([]syntax.Node, bool) {
	var reads []syntax.Node
	for _, ref := range r.p.Scope.References(v.b) {
		if !fn.Contains(ref) {
			continue
		}
		m := ref
		for m.Parent().Kind() == "member_expression" && m.Field() == "object" {
			m = m.Parent()
		}
		if m.Index() == ref.Index() || !scalarProps[m.Get("property").Text()] {
			return nil, false
		}
		p := m.Parent()
		if p.Kind() == "call_expression" && m.Field() == "function" ||
			p.Is("assignment_expression", "augmented_assignment_expression") && m.Field() == "left" ||
			p.Kind() == "update_expression" || p.Kind() == "unary_expression" && p.Get("operator").Text() == "delete" {
			return nil, false
		}
		reads = append(reads, m)
	}
	return reads, len(reads) > 0
}

var mutators = map[string]bool{
	"push": true, "pop": true, "shift": true, "unshift": true, "splice": true, "sort": true, "reverse": true,
	"fill": true, "copyWithin": true, "set": true, "add": true, "delete": true, "clear": true, "write": true,
	"append": true, "appendChild": true, "removeChild": true, "remove": true, "insertBefore": true,
}

// mutated reports whether v changes after it is created (then a copy
// taken early would be stale).
func (r *run) mutated(v value) bool {
	if v.b.Reassigned {
		return true
	}
	for _, ref := range r.p.Scope.References(v.b) {
		m := ref
		for m.Parent().Kind() == "member_expression" && m.Field() == "object" {
			m = m.Parent()
		}
		if m.Index() == ref.Index() {
			if ref.Parent().Kind() == "arguments" {
				return true // handed to a function that may change it
			}
			continue
		}
		p := m.Parent()
		if p.Kind() == "call_expression" && m.Field() == "function" && mutators[m.Get("property").Text()] {
			return true
		}
		if p.Is("assignment_expression", "augmented_assignment_expression", "update_expression") && m.Field() != "right" {
			return true
		}
	}
	return false
}

// head is the part of a closure a diagnostic stands on: its name, or its
// parameters and arrow.
func head(fn syntax.Node) (int, int) {
	switch fn.Kind() {
	case "method_definition", "function_declaration":
		name := fn.Get("name")
		return name.Start(), name.End()
	}
	if p := fn.Parent(); p.Kind() == "pair" {
		return p.Get("key").Start(), p.Get("key").End()
	}
	end := fn.Get("parameters").End()
	if !fn.Get("parameters").Valid() {
		end = fn.Get("parameter").End()
	}
	for c := fn.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.Kind() == "=>" {
			end = c.End()
		}
	}
	if end <= fn.Start() {
		end = fn.Start()
	}
	return fn.Start(), end
}

func (r *run) line(n syntax.Node) int {
	return astutil.Line(n)
}

func (r *run) related(v value) analyzer.Related {
	name := v.decl.Get("name")
	return analyzer.Related{Start: name.Start(), End: name.End(),
		Message: fmt.Sprintf("`%s` is created here: %s", v.b.Name, v.what)}
}

// reportShared reports a kept closure that does not use v but keeps it
// through the context it shares with capturer.
func (r *run) reportShared(v value, k closure, capturer syntax.Node) {
	start, end := head(k.fn)
	other := astutil.DescribeFunction(capturer)
	var msg string
	if v.chain != nil {
		msg = fmt.Sprintf("%s keeps `%s` (%s, line %d) alive through the closure context it shares with %s, which uses `%s`: "+
			"each new `%s` holds on to the one before it, so none is ever freed; set `%s` to null after its last use",
			k.kept.what, v.b.Name, v.what, r.line(v.decl), other, v.b.Name, v.chain.Name, v.b.Name)
	} else {
		msg = fmt.Sprintf("%s keeps `%s` (%s, line %d) alive, although it never uses it: it shares a closure context with %s, which does; "+
			"set `%s` to null after its last use, or create the long-lived closure in a function that does not hold `%s`",
			k.kept.what, v.b.Name, v.what, r.line(v.decl), other, v.b.Name, v.b.Name)
	}
	cs, ce := head(capturer)
	d := analyzer.Diagnostic{Start: start, End: end, Message: msg, Related: []analyzer.Related{
		r.related(v),
		{Start: cs, End: ce, Message: fmt.Sprintf("this closure uses `%s`, which puts it in the context every closure of %s shares",
			v.b.Name, astutil.DescribeFunction(v.fn))},
	}}
	if r.p.WantsFixes() {
		if f, ok := r.releaseFix(v); ok {
			d.Fixes = append(d.Fixes, f)
		}
	}
	r.p.Report(d)
}

// reportSmallRead reports a kept closure that reads only small parts of v.
func (r *run) reportSmallRead(v value, k closure, reads []syntax.Node, sole bool) {
	start, end := head(k.fn)
	parts := distinctTexts(reads)
	msg := fmt.Sprintf("%s keeps all of `%s` (%s, line %d) alive but only reads %s; copy %s before creating the callback",
		k.kept.what, v.b.Name, v.what, r.line(v.decl), strings.Join(parts, ", "), pronoun(parts))
	d := analyzer.Diagnostic{Start: start, End: end, Message: msg, Related: []analyzer.Related{r.related(v)}}
	if sole && r.p.WantsFixes() {
		if f, ok := r.copyOutFix(v, k, reads); ok {
			d.Fixes = append(d.Fixes, f)
		}
	}
	r.p.Report(d)
}

func distinctTexts(ns []syntax.Node) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range ns {
		t := squash(n.Text())
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func pronoun(parts []string) string {
	if len(parts) == 1 {
		return "it into a const"
	}
	return "them into constants"
}

func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}
