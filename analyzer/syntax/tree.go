package syntax

import (
	"strings"
	"sync/atomic"
)

// Tree is a parsed file: the source and its nodes in pre-order. It is plain
// Go memory and safe to read from many goroutines.
type Tree struct {
	Lang Lang
	// Src is the parsed text. Offsets in nodes are byte offsets into it.
	Src  string
	recs []record
	ends []int32 // pre-order index just past each node's subtree
	g    *grammar
	// borrows counts the holders an Incremental lent this tree to
	// (Borrow, Kept) that have not given it back. A replaced tree nobody
	// holds is recycled: its arrays take the next flattening.
	borrows atomic.Int32
}

// Root is the program node.
func (t *Tree) Root() Node { return Node{t: t, i: 0} }

// Len is the number of nodes kept in the tree.
func (t *Tree) Len() int { return len(t.recs) }

// At returns the node with pre-order index i.
func (t *Tree) At(i int) Node { return Node{t: t, i: int32(i)} }

// HasErrors reports whether the parser had to recover from a syntax error.
func (t *Tree) HasErrors() bool { return t.recs[0].flags&flagHasError != 0 }

// SyntaxError is where the parser found text it could not parse or a token
// it had to invent.
type SyntaxError struct {
	Start, End int
	Missing    string // the kind of an invented token, empty for unparsable text
}

// Errors lists the syntax errors, outermost first, at most limit of them
// (limit <= 0 means all).
func (t *Tree) Errors(limit int) []SyntaxError {
	if !t.HasErrors() {
		return nil
	}
	var errs []SyntaxError
	for i := 0; i < len(t.recs); i++ {
		r := &t.recs[i]
		switch {
		case r.flags&flagError != 0:
			errs = append(errs, SyntaxError{Start: int(r.start), End: int(r.end)})
			// Skip the subtree: one report per unparsable region.
			i = t.subtreeEnd(i) - 1
		case r.flags&flagMissing != 0:
			errs = append(errs, SyntaxError{Start: int(r.start), End: int(r.end), Missing: t.g.kinds[r.kind]})
		default:
			continue
		}
		if limit > 0 && len(errs) >= limit {
			break
		}
	}
	return errs
}

// subtreeEnd returns the pre-order index just past node i's subtree.
func (t *Tree) subtreeEnd(i int) int { return int(t.ends[i]) }

// computeEnds fills ends in one forward pass: a node's subtree ends where its
// next sibling starts, or where its parent's subtree ends. The array is
// buf when it is large enough (every element is written below): the
// pool's for a one-shot tree, which is released when analysed, a recycled
// tree's for an incremental one. The language server's other trees are
// kept, and get an array of their exact size.
func (t *Tree) computeEnds(buf []int32) {
	if cap(buf) >= len(t.recs) {
		t.ends = buf[:len(t.recs)]
	} else {
		t.ends = make([]int32, len(t.recs))
	}
	for i := range t.recs {
		r := &t.recs[i]
		switch {
		case r.next >= 0:
			t.ends[i] = r.next
		case r.parent >= 0:
			t.ends[i] = t.ends[r.parent]
		default:
			t.ends[i] = int32(len(t.recs))
		}
	}
}

// Node is a position in a Tree. The zero Node is "no node": every method on
// it is safe and returns a zero value, so lookups can be chained without
// checks (call.Field("function").Field("property").Text()).
type Node struct {
	t *Tree
	i int32
}

// Valid reports whether n is a node (not the zero Node).
func (n Node) Valid() bool { return n.t != nil }

func (n Node) rec() *record { return &n.t.recs[n.i] }

func (n Node) at(i int32) Node {
	if i < 0 {
		return Node{}
	}
	return Node{t: n.t, i: i}
}

// Tree returns the tree n belongs to.
func (n Node) Tree() *Tree { return n.t }

// Index is n's pre-order index, unique within its tree; useful as a map key
// and for "is a inside b" tests in O(1) with End.
func (n Node) Index() int {
	if n.t == nil {
		return -1
	}
	return int(n.i)
}

// Kind is the grammar's node type ("call_expression", "identifier", "=").
func (n Node) Kind() string {
	if n.t == nil {
		return ""
	}
	return n.t.g.kinds[n.rec().kind]
}

// Is reports whether n's kind is one of kinds.
func (n Node) Is(kinds ...string) bool {
	k := n.Kind()
	for _, want := range kinds {
		if k == want {
			return true
		}
	}
	return false
}

// Field is the name under which n hangs off its parent, or "".
func (n Node) Field() string {
	if n.t == nil {
		return ""
	}
	return n.t.g.fields[n.rec().field]
}

func (n Node) Start() int {
	if n.t == nil {
		return 0
	}
	return int(n.rec().start)
}

func (n Node) End() int {
	if n.t == nil {
		return 0
	}
	return int(n.rec().end)
}

// Text is n's source text. It shares memory with the tree's source.
func (n Node) Text() string {
	if n.t == nil {
		return ""
	}
	r := n.rec()
	return n.t.Src[r.start:r.end]
}

func (n Node) IsNamed() bool   { return n.t != nil && n.rec().flags&flagNamed != 0 }
func (n Node) IsMissing() bool { return n.t != nil && n.rec().flags&flagMissing != 0 }
func (n Node) IsError() bool   { return n.t != nil && n.rec().flags&flagError != 0 }

// IsExtra reports nodes that can appear anywhere, i.e. comments.
func (n Node) IsExtra() bool { return n.t != nil && n.rec().flags&flagExtra != 0 }

func (n Node) Parent() Node {
	if n.t == nil {
		return Node{}
	}
	return n.at(n.rec().parent)
}

// FirstChild and NextSibling include anonymous tokens (operators, keywords)
// and comments.
func (n Node) FirstChild() Node {
	if n.t == nil {
		return Node{}
	}
	return n.at(n.rec().firstChild)
}

func (n Node) NextSibling() Node {
	if n.t == nil {
		return Node{}
	}
	return n.at(n.rec().next)
}

// Children returns the named, non-comment children: what a reader of the
// code would call the parts of n.
func (n Node) Children() []Node {
	var out []Node
	for c := n.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.IsNamed() && !c.IsExtra() {
			out = append(out, c)
		}
	}
	return out
}

// ChildCount counts Children without allocating.
func (n Node) ChildCount() int {
	k := 0
	for c := n.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.IsNamed() && !c.IsExtra() {
			k++
		}
	}
	return k
}

// Child returns the i-th of Children, or the zero Node.
func (n Node) Child(i int) Node {
	for c := n.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.IsNamed() && !c.IsExtra() {
			if i == 0 {
				return c
			}
			i--
		}
	}
	return Node{}
}

// NextNamed returns the next named, non-comment sibling.
func (n Node) NextNamed() Node {
	for c := n.NextSibling(); c.Valid(); c = c.NextSibling() {
		if c.IsNamed() && !c.IsExtra() {
			return c
		}
	}
	return Node{}
}

// PrevNamed returns the previous named, non-comment sibling.
func (n Node) PrevNamed() Node {
	p := n.Parent()
	var prev Node
	for c := p.FirstChild(); c.Valid() && c.i != n.i; c = c.NextSibling() {
		if c.IsNamed() && !c.IsExtra() {
			prev = c
		}
	}
	return prev
}

// Get returns the first child under the field name, or the zero Node.
func (n Node) Get(field string) Node {
	for c := n.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.Field() == field {
			return c
		}
	}
	return Node{}
}

// HasToken reports whether n has a direct anonymous child with text tok,
// such as "async", "static" or "get".
func (n Node) HasToken(tok string) bool {
	for c := n.FirstChild(); c.Valid(); c = c.NextSibling() {
		if !c.IsNamed() && c.Kind() == tok {
			return true
		}
	}
	return false
}

// Contains reports whether m lies inside n's subtree (or is n).
func (n Node) Contains(m Node) bool {
	if n.t == nil || m.t != n.t {
		return false
	}
	return m.i >= n.i && int(m.i) < n.t.subtreeEnd(int(n.i))
}

// SubtreeEnd is the pre-order index just past n's subtree, so the nodes of
// the subtree are exactly Tree.At(n.Index()) .. Tree.At(SubtreeEnd()-1).
func (n Node) SubtreeEnd() int {
	if n.t == nil {
		return 0
	}
	return n.t.subtreeEnd(int(n.i))
}

// Walk calls fn for every node in n's subtree in pre-order, n included; fn
// returning false skips that node's children.
func (n Node) Walk(fn func(Node) bool) {
	if n.t == nil {
		return
	}
	end := int32(n.t.subtreeEnd(int(n.i)))
	for i := n.i; i < end; {
		c := Node{t: n.t, i: i}
		if fn(c) {
			i++
			continue
		}
		i = int32(n.t.subtreeEnd(int(i)))
	}
}

// Ancestor returns the nearest proper ancestor whose kind is one of kinds.
func (n Node) Ancestor(kinds ...string) Node {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if p.Is(kinds...) {
			return p
		}
	}
	return Node{}
}

func (n Node) String() string {
	if n.t == nil {
		return "<no node>"
	}
	txt := n.Text()
	if len(txt) > 40 {
		txt = txt[:37] + "..."
	}
	return n.Kind() + " " + strings.ReplaceAll(txt, "\n", "⏎")
}

// Symbol is the grammar's numeric id for n's kind. Several ids can share one
// kind name (tree-sitter aliases); SymbolNames maps ids back to names.
func (n Node) Symbol() uint16 {
	if n.t == nil {
		return 0
	}
	return n.rec().kind
}

// SymbolNames returns the kind name of every symbol id of a grammar, for
// building dispatch tables indexed by Node.Symbol. Most ids name no kind
// (""): SymbolsOf finds the ids of a kind without reading them all.
func SymbolNames(l Lang) []string { return grammarFor(l).kinds }

// SymbolsOf returns the symbol ids of a grammar whose kind is kind (none
// for a kind the grammar does not have). The caller must not change them.
func SymbolsOf(l Lang, kind string) []uint16 { return grammarFor(l).symbols[kind] }

// FieldNames returns the field names of a grammar, indexed by field id (id 0,
// "no field", is the empty string).
func FieldNames(l Lang) []string { return grammarFor(l).fields }
