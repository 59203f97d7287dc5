package syntax

import "github.com/leakwatch/leakwatch/internal/pool"

// The records and subtree ends of released trees (Tree.Release), for the
// next parse to flatten into. Trees of up to 2^18 nodes (7 MB of records)
// are pooled; larger ones are rare, and their memory is better given back.
var (
	recordPool = pool.Arrays[record]{MaxClass: 18}
	endPool    = pool.Arrays[int32]{MaxClass: 18}
)

// Release hands the tree's records to later parses. The tree and its
// nodes must not be used afterwards: they then panic rather than read
// another file's nodes. Src stays valid, and with it every string taken
// from it.
func (t *Tree) Release() {
	if t == nil || t.recs == nil {
		return
	}
	recordPool.Put(t.recs)
	endPool.Put(t.ends)
	t.recs, t.ends = nil, nil
}
