// This file reports read streams handed to readline and read with for
// await when the loop can end before the end of the file. The async
// iterator closes the readline interface on return, break or throw, but
// closing readline does not close its input: the stream stays paused with
// its file descriptor open, and nothing will read it to the end where it
// would close itself.

package resources

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// interfaceMakers are the calls that build a readline interface.
var interfaceMakers = set("readline:createInterface", "readline/promises:createInterface")

// readlineInput judges a read stream given as the input of a readline
// interface that a for await loop reads. handled is false when the stream
// goes anywhere else, so the rule's general decision applies.
func (v *notClosed) readlineInput(a acquisition) (handled bool) {
	p := v.p
	if a.kind != readStreamKind {
		return false
	}
	fn := astutil.EnclosingFunction(a.node)
	if !fn.Valid() {
		return false
	}
	var stream *scope.Binding
	if use := astutil.UseOf(a.node); use.Kind == "variable" {
		if stream = p.Scope.DeclaredAt(use.Holder); stream == nil {
			return false
		}
	}
	maker := interfaceOf(p, a.node, stream)
	if !maker.Valid() {
		return false
	}
	loop := loopOver(p, fn, maker)
	if !loop.Valid() {
		return false
	}
	exit := earlyExit(loop.Get("body"))
	if !exit.Valid() || stream != nil && destroyedInFinally(p, fn, stream) {
		return true
	}
	n := lineOf(p.Tree.Src, exit.Start())
	msg := fmt.Sprintf("%s handed to readline stays open when the for await loop over its lines ends early (the %s on line %d): closing readline does not close its input; destroy the stream in a finally block",
		describeCall(a.node), exitWord(exit), n)
	p.Report(v.diagnostic(a, msg))
	return true
}

// interfaceOf returns the readline.createInterface call whose options'
// input is the stream: the call itself (`{ input: fs.createReadStream(p)
// }`) or, through its variable, `{ input }` / `{ input: stream }`.
func interfaceOf(p *analyzer.Pass, call syntax.Node, stream *scope.Binding) syntax.Node {
	var values []syntax.Node
	if stream == nil {
		values = append(values, call)
	} else {
		values = append(values, p.Scope.References(stream)...)
	}
	for _, val := range values {
		child, pair := val, val.Parent()
		for pair.Kind() == "parenthesized_expression" {
			child, pair = pair, pair.Parent()
		}
		var obj syntax.Node
		switch {
		case pair.Kind() == "pair" && child.Field() == "value" && pair.Get("key").Text() == "input":
			obj = pair.Parent()
		case val.Kind() == "shorthand_property_identifier" && val.Text() == "input":
			obj = val.Parent()
		default:
			continue
		}
		args := obj.Parent()
		if args.Kind() != "arguments" {
			continue
		}
		maker := args.Parent()
		if maker.Kind() == "call_expression" && interfaceMakers[origin(p, maker.Get("function"))] {
			return maker
		}
	}
	return syntax.Node{}
}

// loopOver returns the for await loop in fn that iterates the interface
// maker makes, directly or through a const.
func loopOver(p *analyzer.Pass, fn, maker syntax.Node) syntax.Node {
	var rl *scope.Binding
	if use := astutil.UseOf(maker); use.Kind == "variable" {
		rl = p.Scope.DeclaredAt(use.Holder)
	}
	var loop syntax.Node
	fn.Walk(func(n syntax.Node) bool {
		if loop.Valid() {
			return false
		}
		if n.Kind() == "for_in_statement" && n.HasToken("await") {
			right := scope.Unwrap(n.Get("right"))
			if right.Index() == maker.Index() || rl != nil && right.Kind() == "identifier" && p.Scope.Resolve(right) == rl {
				loop = n
			}
		}
		return true
	})
	return loop
}

// earlyExit returns the first statement in a loop body that can leave the
// loop before the input ends: a return, a break of this loop, a throw, or
// an await that may reject. Nested functions do not count, nor a break of
// an inner loop or switch.
func earlyExit(body syntax.Node) syntax.Node {
	var exit syntax.Node
	var walk func(n syntax.Node, inner bool)
	walk = func(n syntax.Node, inner bool) {
		if exit.Valid() || scope.IsFunction(n) {
			return
		}
		switch n.Kind() {
		case "return_statement", "throw_statement", "await_expression":
			exit = n
			return
		case "break_statement":
			if !inner || n.Get("label").Valid() {
				exit = n
				return
			}
		case "for_statement", "for_in_statement", "while_statement", "do_statement", "switch_statement":
			inner = true
		}
		for _, c := range n.Children() {
			walk(c, inner)
		}
	}
	walk(body, false)
	return exit
}

func exitWord(n syntax.Node) string {
	switch n.Kind() {
	case "return_statement":
		return "return"
	case "throw_statement":
		return "throw"
	case "break_statement":
		return "break"
	}
	return "await (which may reject)"
}

// destroyedInFinally reports a destroy() or close() of the stream in a
// finally block of fn.
func destroyedInFinally(p *analyzer.Pass, fn syntax.Node, stream *scope.Binding) bool {
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		if n.Kind() == "finally_clause" {
			n.Walk(func(m syntax.Node) bool {
				if recv, name := astutil.Method(m); m.Kind() == "call_expression" && (name == "destroy" || name == "close") && recv.Valid() {
					if id := scope.Unwrap(recv); id.Kind() == "identifier" && p.Scope.Resolve(id) == stream {
						found = true
					}
				}
				return !found
			})
		}
		return !found
	})
	return found
}
