package analysis

import (
	"hash/fnv"
	"slices"

	"github.com/leakwatch/leakwatch/heap/snapshot"
)

// Summary is what a comparison needs of a snapshot other than the last:
// its object ids, its live count per group, and a sample of identities to
// check that the next snapshot comes from the same process. It costs a few
// bytes per node, so the decoded snapshot can be dropped once summarised.
type Summary struct {
	ids    []uint64 // sorted
	counts map[groupKey]int
	// sample maps the ids of every k-th object or closure to a hash of
	// its type and name.
	sample map[uint64]uint64
	// prev is the summary this one was checked against, and sameErr the
	// outcome (ErrDifferentProcesses or nil).
	prev    *Summary
	sameErr error
	info    SnapshotInfo
	skipped []string
}

// sampleSize is about how many identities are compared between snapshots.
const sampleSize = 20000

// rawKey is a group key in one snapshot's terms (string indexes, not
// strings), so counting millions of nodes allocates only per distinct key.
type rawKey struct {
	typ               uint8
	hasLoc            bool
	name              uint32
	script, line, col uint32
}

type rawCount struct {
	n     int
	first int // a node with this key
}

// userType reports node types that can form leak groups.
func userType(s *snapshot.Snapshot, i int) bool {
	t := int(s.NodeType[i])
	return t == s.TypeObject || t == s.TypeClosure || t == s.TypeNative || t == s.TypeRegexp
}

// Summarize reduces a snapshot to what Diff needs of it. prev is the
// summary of the snapshot before it (nil for the first): the two are
// checked to come from one process.
func Summarize(s *snapshot.Snapshot, prev *Summary) *Summary {
	sm := &Summary{ids: slices.Clone(s.NodeID), counts: map[groupKey]int{}, sample: map[uint64]uint64{}, prev: prev, skipped: s.Skipped}
	slices.Sort(sm.ids)
	c := newClassifier(s)
	raw := map[rawKey]*rawCount{}
	var live uint64
	n := s.NodeCount()
	step := max(1, n/sampleSize)
	checked, mismatched := 0, 0
	for i := 0; i < n; i++ {
		live += s.SelfSize[i]
		if !userType(s, i) {
			continue
		}
		id := s.NodeID[i]
		if i%step == 0 {
			sm.sample[id] = identity(s, i)
		}
		if prev != nil {
			if want, ok := prev.sample[id]; ok {
				checked++
				if identity(s, i) != want {
					mismatched++
				}
			}
		}
		k := rawKey{typ: s.NodeType[i], name: s.NodeName[i]}
		if int(s.NodeType[i]) == s.TypeClosure {
			if l, ok := c.loc[uint32(i)]; ok {
				k.script, k.line, k.col, k.hasLoc = l.ScriptID, l.Line, l.Column, true
			}
		}
		if rc := raw[k]; rc != nil {
			rc.n++
		} else {
			raw[k] = &rawCount{n: 1, first: i}
		}
	}
	for _, rc := range raw {
		if gk, ok := c.key(uint32(rc.first)); ok {
			sm.counts[gk] += rc.n
		}
	}
	if prev != nil && (checked == 0 || mismatched*10 > checked) {
		sm.sameErr = ErrDifferentProcesses
	}
	sm.info = SnapshotInfo{Nodes: n, Edges: s.EdgeCount(), LiveBytes: live}
	return sm
}

// identity hashes a node's type and name.
func identity(s *snapshot.Snapshot, i int) uint64 {
	h := fnv.New64a()
	h.Write([]byte{s.NodeType[i]})
	h.Write(s.StringBytes(s.NodeName[i]))
	return h.Sum64()
}

func has(sorted []uint64, id uint64) bool {
	_, ok := slices.BinarySearch(sorted, id)
	return ok
}
