package syntax

import (
	"iter"
	"slices"
)

// Kinds is a set of node kinds that Node.Of tests by grammar symbol: one
// table read per node, where a switch on Node.Kind compares the kind's
// name with each name in turn. Picking two kinds out of every node of a
// file takes a third of the time a Walk with such a switch takes
// (BenchmarkKindsWalk); the lifecycle model and the rules scan whole
// files several times over. Make a set once, in a package variable.
type Kinds struct {
	// in is by grammar, then by symbol, up to the largest in the set.
	in [len(grammars)][]bool
}

// NewKinds returns the set of the named kinds.
func NewKinds(names ...string) *Kinds {
	k := &Kinds{}
	for l := range k.in {
		g := grammarFor(Lang(l))
		var syms []uint16
		for _, name := range names {
			syms = append(syms, g.symbols[name]...)
		}
		if len(syms) == 0 {
			continue
		}
		k.in[l] = make([]bool, int(slices.Max(syms))+1)
		for _, sym := range syms {
			k.in[l][sym] = true
		}
	}
	return k
}

// Of yields the nodes of n's subtree, n included, whose kind is in k, in
// pre-order.
func (n Node) Of(k *Kinds) iter.Seq[Node] {
	return func(yield func(Node) bool) {
		if n.t == nil {
			return
		}
		in, recs := k.in[n.t.Lang], n.t.recs
		end := int32(n.t.subtreeEnd(int(n.i)))
		for i := n.i; i < end; i++ {
			if sym := int(recs[i].kind); sym < len(in) && in[sym] && !yield(Node{t: n.t, i: i}) {
				return
			}
		}
	}
}
