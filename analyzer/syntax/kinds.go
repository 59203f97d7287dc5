package syntax

import (
	"iter"
	"slices"
)

// Kinds is a set of node kinds that tests a node by its grammar symbol:
// one table read, where a switch on Node.Kind compares the kind's name
// with each name in turn. Picking two kinds out of every node of a file
// takes a third of the time a Walk with such a switch takes
// (BenchmarkKindsWalk), which in the lifecycle model and the rules walk
// whole files several times over. Make a set once, in a package
// variable.
type Kinds struct {
	in [len(grammars)][]bool // by grammar, then by symbol
}

// NewKinds returns the set of the named kinds.
func NewKinds(names ...string) *Kinds {
	k := &Kinds{}
	for l := range k.in {
		g := grammarFor(Lang(l))
		k.in[l] = make([]bool, len(g.kinds))
		for sym, name := range g.kinds {
			k.in[l][sym] = slices.Contains(names, name)
		}
	}
	return k
}

// Has reports whether n's kind is in k.
func (k *Kinds) Has(n Node) bool { return n.t != nil && k.in[n.t.Lang][n.rec().kind] }

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
			if in[recs[i].kind] && !yield(Node{t: n.t, i: i}) {
				return
			}
		}
	}
}
