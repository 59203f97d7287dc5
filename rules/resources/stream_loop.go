// This file reports a read stream opened before a for await loop reads
// it, when code between the two can leave the function first. The loop
// itself is safe: a Readable's async iterator destroys the stream when the
// loop ends early. But an await that rejects, a throw or a return before
// the loop starts leaves a stream that nothing will read or destroy, with
// its file descriptor open.

package resources

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// streamReadLater reports a read stream kept in a variable and read by a
// for await loop later in the function, with a way out before the loop.
// It returns false (the general decision applies) in every other case.
func (v *notClosed) streamReadLater(a acquisition) bool {
	p := v.p
	if a.kind != readStreamKind {
		return false
	}
	use := astutil.UseOf(a.node)
	if use.Kind != "variable" {
		return false
	}
	stream := p.Scope.DeclaredAt(use.Holder)
	fn := astutil.EnclosingFunction(a.node)
	if stream == nil || !fn.Valid() {
		return false
	}
	decl := use.Holder.Ancestor("lexical_declaration", "variable_declaration")
	if !decl.Valid() || decl.Parent().Kind() != "statement_block" {
		return false
	}
	var loop syntax.Node
	fn.Walk(func(n syntax.Node) bool {
		if !loop.Valid() && n.Kind() == "for_in_statement" && n.HasToken("await") {
			if right := scope.Unwrap(n.Get("right")); right.Kind() == "identifier" && p.Scope.Resolve(right) == stream {
				loop = n
			}
		}
		return !loop.Valid()
	})
	if !loop.Valid() || astutil.EnclosingFunction(loop).Index() != fn.Index() {
		return false
	}
	// The statements after the declaration, up to the one holding the loop.
	var exit syntax.Node
	for st := decl.NextNamed(); st.Valid() && !st.Contains(loop) && !exit.Valid(); st = st.NextNamed() {
		exit = earlyExit(st)
	}
	if !exit.Valid() || destroyedInFinally(p, fn, stream) {
		return false
	}
	msg := fmt.Sprintf("%s is read by the for await loop on line %d, but the %s on line %d comes first: if the function leaves there, nothing reads or destroys the stream; open it just before the loop, or destroy it in a finally block",
		describeCall(a.node), lineOf(p.Tree.Src, loop.Start()), exitWord(exit), lineOf(p.Tree.Src, exit.Start()))
	p.Report(v.diagnostic(a, msg))
	return true
}

// lineOf returns the 1-based line of a byte offset.
func lineOf(src string, off int) int {
	n := 1
	for _, c := range src[:off] {
		if c == '\n' {
			n++
		}
	}
	return n
}
