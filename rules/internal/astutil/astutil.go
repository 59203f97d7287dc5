// Package astutil holds small syntax helpers the rules share: reading calls,
// arguments, string values and option objects.
package astutil

import (
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Method returns the receiver and method name of a call `recv.name(...)`
// (optional chaining included), or a zero receiver and the function's name
// for a plain call `name(...)`.
func Method(call syntax.Node) (recv syntax.Node, name string) {
	fn := scope.Unwrap(call.Get("function"))
	switch fn.Kind() {
	case "member_expression":
		return fn.Get("object"), fn.Get("property").Text()
	case "identifier":
		return syntax.Node{}, fn.Text()
	}
	return syntax.Node{}, ""
}

// MethodName returns the called method or function name.
func MethodName(call syntax.Node) string {
	_, name := Method(call)
	return name
}

// Callee returns the node naming the called method (the property of a
// member call, or the identifier of a plain call); diagnostics stand on it.
func Callee(call syntax.Node) syntax.Node {
	fn := scope.Unwrap(call.Get("function"))
	if fn.Kind() == "member_expression" {
		return fn.Get("property")
	}
	return fn
}

// Args returns a call's arguments, or nil.
func Args(call syntax.Node) []syntax.Node { return call.Get("arguments").Children() }

// Arg returns argument i, or the zero Node.
func Arg(call syntax.Node, i int) syntax.Node { return call.Get("arguments").Child(i) }

// CallTaking returns the call or new expression fn is written as an
// argument of (`then(fn)`, `new Promise(fn)`), or the zero Node: what
// becomes of a callback is the question of who it is handed to.
func CallTaking(fn syntax.Node) syntax.Node {
	if args := fn.Parent(); args.Kind() == "arguments" {
		return args.Parent()
	}
	return syntax.Node{}
}

// StringValue returns the value of a string literal or a template literal
// without substitutions.
func StringValue(n syntax.Node) (string, bool) {
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "string":
		t := n.Text()
		if len(t) >= 2 {
			if s, err := strconv.Unquote(`"` + strings.ReplaceAll(t[1:len(t)-1], `"`, `\"`) + `"`); err == nil {
				return s, true
			}
			return t[1 : len(t)-1], true
		}
	case "template_string":
		for _, c := range n.Children() {
			if c.Kind() == "template_substitution" {
				return "", false
			}
		}
		t := n.Text()
		return t[1 : len(t)-1], true
	}
	return "", false
}

// Property returns the value of property key in an object literal, and
// whether the key is present (`{ signal }` is present with the shorthand
// identifier as its value).
func Property(obj syntax.Node, key string) (syntax.Node, bool) {
	obj = scope.Unwrap(obj)
	if obj.Kind() != "object" {
		return syntax.Node{}, false
	}
	for _, c := range obj.Children() {
		switch c.Kind() {
		case "pair":
			k := c.Get("key")
			name := k.Text()
			if s, ok := StringValue(k); ok {
				name = s
			}
			if name == key {
				return c.Get("value"), true
			}
		case "shorthand_property_identifier":
			if c.Text() == key {
				return c, true
			}
		case "method_definition":
			if c.Get("name").Text() == key {
				return c, true
			}
		}
	}
	return syntax.Node{}, false
}

// IsTrue reports a literal `true` (or `!0`).
func IsTrue(n syntax.Node) bool {
	n = scope.Unwrap(n)
	return n.Kind() == "true" || n.Text() == "!0"
}

// IsFunction reports function literals of any form.
func IsFunction(n syntax.Node) bool { return scope.IsFunction(scope.Unwrap(n)) }

// Statement returns the statement that contains n (the nearest ancestor
// whose parent is a block, a program or a switch case).
func Statement(n syntax.Node) syntax.Node {
	for p := n; p.Valid(); p = p.Parent() {
		switch p.Parent().Kind() {
		case "statement_block", "program", "switch_case", "switch_default", "class_static_block":
			return p
		}
	}
	return syntax.Node{}
}

// EnclosingFunction returns the nearest function around n.
func EnclosingFunction(n syntax.Node) syntax.Node {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if scope.IsFunction(p) {
			return p
		}
	}
	return syntax.Node{}
}

// ChainRoot returns the root of a chain of members and calls:
// this.el().textTracks and this.querySelector("x").y give this.
func ChainRoot(n syntax.Node) syntax.Node {
	for {
		n = scope.Unwrap(n)
		switch n.Kind() {
		case "member_expression", "subscript_expression":
			n = n.Get("object")
		case "call_expression":
			n = n.Get("function")
		default:
			return n
		}
	}
}

// RootOf returns the root of a member chain: a.b.c and a[k].c give a.
func RootOf(n syntax.Node) syntax.Node {
	n = scope.Unwrap(n)
	for n.Kind() == "member_expression" || n.Kind() == "subscript_expression" {
		n = scope.Unwrap(n.Get("object"))
	}
	return n
}

// IsTopLevel reports whether no function encloses n. Rules deciding
// whether a registration lives as long as the program should use
// lifecycle.Model.RunsAtLoad instead, which also knows that the top level
// of a Vue <script setup> or Svelte instance script runs per component.
func IsTopLevel(n syntax.Node) bool { return !EnclosingFunction(n).Valid() }

// ResultUse describes what happens to a call's return value.
type ResultUse struct {
	// Kind is "discarded", "variable", "member", "returned", "argument"
	// (passed to another call, e.g. subs.push(x.subscribe())), or "other".
	Kind string
	// Holder is the declared identifier, the member expression, or the
	// call it was passed to.
	Holder syntax.Node
}

// UseOf tells where the value of expression n goes.
func UseOf(n syntax.Node) ResultUse {
	child := n
	p := n.Parent()
	for p.Kind() == "parenthesized_expression" || p.Kind() == "await_expression" ||
		p.Kind() == "as_expression" || p.Kind() == "non_null_expression" {
		child, p = p, p.Parent()
	}
	switch p.Kind() {
	case "expression_statement":
		return ResultUse{Kind: "discarded"}
	case "for_statement":
		// `for (start(); ...)`: the grammar no longer wraps a loop's
		// initializer in an expression_statement, but its value is
		// dropped all the same.
		if child.Field() == "initializer" {
			return ResultUse{Kind: "discarded"}
		}
	case "variable_declarator":
		if child.Field() == "value" {
			return ResultUse{Kind: "variable", Holder: p.Get("name")}
		}
	case "assignment_expression":
		if child.Field() == "right" {
			left := scope.Unwrap(p.Get("left"))
			if left.Kind() == "identifier" {
				return ResultUse{Kind: "variable", Holder: left}
			}
			return ResultUse{Kind: "member", Holder: left}
		}
	case "public_field_definition", "field_definition":
		return ResultUse{Kind: "member", Holder: p}
	case "return_statement":
		if run := runnerCall(EnclosingFunction(p)); run.Valid() {
			return UseOf(run)
		}
		return ResultUse{Kind: "returned"}
	case "arrow_function":
		if child.Field() == "body" {
			if run := runnerCall(p); run.Valid() {
				return UseOf(run)
			}
			return ResultUse{Kind: "returned"}
		}
	case "arguments":
		return ResultUse{Kind: "argument", Holder: p.Parent()}
	case "sequence_expression", "ternary_expression", "binary_expression":
		return ResultUse{Kind: "other"}
	}
	return ResultUse{Kind: "other"}
}

// runnerCall returns the call that runs fn at once and returns what fn
// returns (`this.zone.runOutsideAngular(() => src.subscribe(...))`): the
// value fn returns goes where that call's value goes. Otherwise no node.
func runnerCall(fn syntax.Node) syntax.Node {
	if !fn.Valid() {
		return syntax.Node{}
	}
	call := CallTaking(fn)
	if len(Args(call)) != 1 {
		return syntax.Node{}
	}
	recv, name := Method(call)
	switch name {
	case "runOutsideAngular", "runGuarded":
		return call
	case "run":
		// NgZone.run; other run() methods may run the function later.
		if strings.Contains(strings.ToLower(recv.Text()), "zone") {
			return call
		}
	}
	return syntax.Node{}
}

// Indent returns the leading whitespace of the line containing offset off.
func Indent(src string, off int) string {
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return src[start:end]
}

// IndentUnit guesses the file's indentation step: a tab, or the run of
// spaces one line most often indents by from the line before (2 when the
// file gives no hint).
func IndentUnit(src string) string {
	// The step is the most common increase of indentation from one line to
	// the next, not the smallest indentation: a JSDoc line (" * ...") or a
	// wrapped argument would otherwise pass for the file's step.
	steps := map[int]int{}
	tabs, spaces := 0, 0
	prev := 0
	for _, line := range strings.SplitN(src, "\n", 2000) {
		body := strings.TrimLeft(line, " \t")
		if body == "" || strings.HasPrefix(body, "*") {
			continue // blank (or a blanked template line), or inside a block comment
		}
		if strings.HasPrefix(line, "\t") {
			tabs++
			continue
		}
		n := len(line) - len(strings.TrimLeft(line, " "))
		if n > 0 {
			spaces++
		}
		if d := n - prev; d > 0 && d <= 8 {
			steps[d]++
		}
		prev = n
	}
	if tabs > spaces {
		return "\t"
	}
	best := 2
	for d, c := range steps {
		if c > steps[best] || c == steps[best] && d < best {
			best = d
		}
	}
	return strings.Repeat(" ", best)
}

// UsesSemicolons guesses whether the file ends statements with semicolons.
func UsesSemicolons(t *syntax.Tree) bool {
	with, without := 0, 0
	for _, st := range t.Root().Children() {
		switch st.Kind() {
		case "expression_statement", "lexical_declaration", "variable_declaration", "import_statement":
			if strings.HasSuffix(st.Text(), ";") {
				with++
			} else {
				without++
			}
		}
	}
	return with >= without
}

// QuoteChar guesses the file's string quote (' or ").
func QuoteChar(t *syntax.Tree) byte {
	single, double := strings.Count(t.Src, "'"), strings.Count(t.Src, `"`)
	if double > single {
		return '"'
	}
	return '\''
}

// ParamNames returns the names of a function's parameters in order, ""
// for a destructuring pattern: `(a, { b }, c = 1) => ...` gives a, "", c.
func ParamNames(fn syntax.Node) []string {
	if one := fn.Get("parameter"); one.Valid() {
		return []string{one.Text()}
	}
	var out []string
	for _, c := range fn.Get("parameters").Children() {
		id := c
		switch c.Kind() {
		case "required_parameter", "optional_parameter":
			id = c.Get("pattern")
		case "assignment_pattern":
			id = c.Get("left")
		}
		if id.Kind() == "identifier" {
			out = append(out, id.Text())
		} else {
			out = append(out, "")
		}
	}
	return out
}

// Line is the 1-based line n starts on, for a message that points the
// reader at another line of the file.
func Line(n syntax.Node) int { return strings.Count(n.Tree().Src[:n.Start()], "\n") + 1 }
