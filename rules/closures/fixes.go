package closures

import (
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// copyOutFix reads the small parts into constants before the statement
// that creates the closure, and makes the closure use those. Unsafe: the
// parts are read once, when the closure is created, instead of each time it
// runs (the rule only reports values nothing changes afterwards).
func (r *run) copyOutFix(v value, k closure, reads []syntax.Node) (analyzer.Fix, bool) {
	if k.fn.Kind() == "function_declaration" {
		return analyzer.Fix{}, false // hoisted: it may run before the constant exists
	}
	st := astutil.Statement(k.fn)
	if !st.Valid() || !v.b.Scope.Node.Contains(st) || st.Start() < v.decl.End() {
		return analyzer.Fix{}, false
	}
	p := r.p
	b := fixgen.New(p)
	names := map[string]string{}
	var order []string
	for _, m := range reads {
		t := squash(m.Text())
		if _, ok := names[t]; !ok {
			name := fixgen.UniqueName(p, st, syntax.Node{}, constName(m))
			for _, taken := range names {
				if taken == name {
					name += "2"
				}
			}
			names[t] = name
			order = append(order, t)
			b.InsertBefore(st, "const "+name+" = "+m.Text())
		}
		b.Replace(m, names[t])
	}
	var what []string
	for _, t := range order {
		what = append(what, fmt.Sprintf("%s into `%s`", t, names[t]))
	}
	title := fmt.Sprintf("Copy %s before creating the callback", strings.Join(what, " and "))
	return b.Fix(title, false), true
}

// constName names the copy of a member chain: rows.length -> rowCount,
// payload.items.length -> itemCount, data.id -> dataId.
func constName(m syntax.Node) string {
	var parts []string
	n := m
	for n.Kind() == "member_expression" {
		parts = append([]string{n.Get("property").Text()}, parts...)
		n = scope.Unwrap(n.Get("object"))
	}
	parts = append([]string{n.Text()}, parts...)
	last := parts[len(parts)-1]
	if len(parts) >= 2 {
		prev := parts[len(parts)-2]
		switch {
		case (last == "length" || last == "count") && singular(prev) != prev:
			return singular(prev) + "Count" // rows.length -> rowCount
		case last == "length" || last == "size" || last == "byteLength":
			return prev + strings.ToUpper(last[:1]) + last[1:] // body.length -> bodyLength
		}
	}
	out := parts[0]
	for _, s := range parts[1:] {
		out += strings.ToUpper(s[:1]) + s[1:]
	}
	return out
}

func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "ches") || strings.HasSuffix(s, "shes") || strings.HasSuffix(s, "xes") || strings.HasSuffix(s, "sses"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && len(s) > 3:
		return s[:len(s)-1]
	}
	return s
}

// syncCallbacks are methods that call their callback before returning.
var syncCallbacks = map[string]bool{
	"forEach": true, "map": true, "filter": true, "reduce": true, "reduceRight": true, "some": true,
	"every": true, "find": true, "findIndex": true, "findLast": true, "findLastIndex": true,
	"flatMap": true, "sort": true, "toSorted": true, "from": true,
}

// releaseFix sets the large variable to null after the last statement that
// uses it, when every closure that uses it has finished by then: it is
// called synchronously by an array method, or never called at all.
func (r *run) releaseFix(v value) (analyzer.Fix, bool) {
	p := r.p
	refs := p.Scope.References(v.b)
	for _, ref := range refs {
		for f := astutil.EnclosingFunction(ref); f.Valid() && f.Index() != v.fn.Index(); f = astutil.EnclosingFunction(f) {
			if !r.doneBefore(f) {
				return analyzer.Fix{}, false
			}
		}
	}
	decl := v.decl.Parent()
	kind := decl.Get("kind")
	if p.Tree.Lang.IsTypeScript() {
		t := v.decl.Get("type").Text()
		if !strings.Contains(t, "null") && !strings.Contains(t, "any") {
			return analyzer.Fix{}, false // the type would not admit null
		}
	}
	block := v.b.Scope.Node
	if scope.IsFunction(block) {
		block = block.Get("body")
	}
	if block.Kind() != "statement_block" {
		return analyzer.Fix{}, false
	}
	var last syntax.Node
	for _, st := range block.Children() {
		for _, ref := range refs {
			if st.Contains(ref) {
				last = st
				break
			}
		}
	}
	if !last.Valid() {
		return analyzer.Fix{}, false
	}
	switch last.Kind() {
	case "return_statement", "throw_statement", "break_statement", "continue_statement":
		return analyzer.Fix{}, false
	}
	b := fixgen.New(p)
	if kind.Kind() == "const" {
		b.Replace(kind, "let")
	}
	stmt := v.b.Name + " = null"
	if next := last.NextNamed(); next.Valid() {
		b.InsertBefore(next, stmt)
	} else {
		src := p.Tree.Src
		closeBrace := block.End() - 1
		lineStart := strings.LastIndexByte(src[:closeBrace], '\n') + 1
		if strings.TrimSpace(src[lineStart:closeBrace]) != "" {
			return analyzer.Fix{}, false
		}
		b.Insert(lineStart, astutil.Indent(src, last.Start())+stmt+b.Style.Semi+"\n")
	}
	return b.Fix(fmt.Sprintf("Set `%s` to null after its last use", v.b.Name), false), true
}

// doneBefore reports closures that cannot run after the statement that
// creates them: callbacks of synchronous array methods, and functions kept
// in a local name nobody uses.
func (r *run) doneBefore(f syntax.Node) bool {
	e := f
	for e.Parent().Kind() == "parenthesized_expression" {
		e = e.Parent()
	}
	switch pa := e.Parent(); pa.Kind() {
	case "arguments":
		call := pa.Parent()
		m := astutil.MethodName(call)
		at := 0
		if m == "from" {
			at = 1 // Array.from(items, fn)
		}
		return call.Kind() == "call_expression" && syncCallbacks[m] && astutil.Arg(call, at).Index() == e.Index()
	case "variable_declarator":
		b := r.p.Scope.DeclaredAt(pa.Get("name"))
		return b != nil && len(r.p.Scope.References(b)) == 0
	}
	if f.Kind() == "function_declaration" {
		b := r.p.Scope.DeclaredAt(f.Get("name"))
		return b != nil && len(r.p.Scope.References(b)) == 0
	}
	return false
}
