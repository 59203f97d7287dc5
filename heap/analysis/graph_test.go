package analysis

import (
	"math/rand"
	"testing"

	"github.com/leakwatch/leakwatch/heap/snapshot"
)

// randomSnapshot builds a snapshot over a random graph, some edges weak.
func randomSnapshot(r *rand.Rand, n, m int) *snapshot.Snapshot {
	s := &snapshot.Snapshot{NodeTypes: []string{"hidden", "object"}, EdgeTypes: []string{"property", "weak"}}
	adj := make([][][2]int, n)
	for k := 0; k < m; k++ {
		from, to := r.Intn(n), r.Intn(n)
		typ := 0
		if r.Intn(5) == 0 {
			typ = 1
		}
		adj[from] = append(adj[from], [2]int{to, typ})
	}
	s.FirstEdge = []uint32{0}
	for v := 0; v < n; v++ {
		s.NodeType = append(s.NodeType, 1)
		s.NodeName = append(s.NodeName, 0)
		s.NodeID = append(s.NodeID, uint64(2*v+1))
		s.SelfSize = append(s.SelfSize, uint64(1+r.Intn(100)))
		for _, e := range adj[v] {
			s.EdgeType = append(s.EdgeType, uint8(e[1]))
			s.EdgeName = append(s.EdgeName, 0)
			s.EdgeTo = append(s.EdgeTo, uint32(e[0]))
		}
		s.FirstEdge = append(s.FirstEdge, uint32(len(s.EdgeType)))
	}
	return snapshot.NewForTest(s)
}

// reachableWithout lists what the root reaches over strong edges when
// node cut is removed.
func reachableWithout(s *snapshot.Snapshot, cut int) []bool {
	seen := make([]bool, s.NodeCount())
	if cut == 0 {
		return seen
	}
	stack := []int{0}
	seen[0] = true
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for e := s.FirstEdge[v]; e < s.FirstEdge[v+1]; e++ {
			w := int(s.EdgeTo[e])
			if s.IsWeak(int(e)) || w == cut || seen[w] {
				continue
			}
			seen[w] = true
			stack = append(stack, w)
		}
	}
	return seen
}

// TestDominatorsMatchDefinition checks Lengauer-Tarjan against the
// definition (d dominates v when removing d cuts v off from the root) and
// retained sizes against the sum of self sizes of what each node
// dominates.
func TestDominatorsMatchDefinition(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for trial := 0; trial < 200; trial++ {
		n := 2 + r.Intn(40)
		s := randomSnapshot(r, n, r.Intn(3*n))
		g := Build(s)
		reach := reachableWithout(s, -1)
		// dom[d][v]: d dominates v.
		dom := make([][]bool, n)
		for d := 0; d < n; d++ {
			without := reachableWithout(s, d)
			dom[d] = make([]bool, n)
			for v := 0; v < n; v++ {
				dom[d][v] = reach[v] && !without[v]
			}
		}
		for v := 0; v < n; v++ {
			if !reach[v] || v == 0 {
				if g.Idom[v] != -1 {
					t.Fatalf("trial %d: node %d is the root or unreachable but has idom %d", trial, v, g.Idom[v])
				}
				continue
			}
			// The immediate dominator is the strict dominator that every
			// other strict dominator dominates.
			want := -1
			for d := 0; d < n; d++ {
				if d == v || !dom[d][v] {
					continue
				}
				closest := true
				for o := 0; o < n; o++ {
					if o != v && o != d && dom[o][v] && !dom[o][d] {
						closest = false
					}
				}
				if closest {
					want = d
				}
			}
			if int(g.Idom[v]) != want {
				t.Fatalf("trial %d: idom(%d) = %d, want %d", trial, v, g.Idom[v], want)
			}
			var size uint64
			for w := 0; w < n; w++ {
				if w == v || dom[v][w] {
					size += s.SelfSize[w]
				}
			}
			if g.Retained[v] != size {
				t.Fatalf("trial %d: retained(%d) = %d, want %d", trial, v, g.Retained[v], size)
			}
			if !g.Reachable(v) || len(g.Path(v)) == 0 {
				t.Fatalf("trial %d: no path to reachable node %d", trial, v)
			}
		}
	}
}

// TestDeepChain makes sure long chains (a linked list of 131072
// timers) neither recurse nor crawl.
func TestDeepChain(t *testing.T) {
	const n = 1 << 17
	s := &snapshot.Snapshot{NodeTypes: []string{"hidden", "object"}, EdgeTypes: []string{"property", "weak"}}
	s.FirstEdge = []uint32{0}
	for v := 0; v < n; v++ {
		s.NodeType = append(s.NodeType, 1)
		s.NodeName = append(s.NodeName, 0)
		s.NodeID = append(s.NodeID, uint64(v))
		s.SelfSize = append(s.SelfSize, 1)
		if v+1 < n {
			s.EdgeType = append(s.EdgeType, 0)
			s.EdgeName = append(s.EdgeName, 0)
			s.EdgeTo = append(s.EdgeTo, uint32(v+1))
		}
		s.FirstEdge = append(s.FirstEdge, uint32(len(s.EdgeType)))
	}
	g := Build(snapshot.NewForTest(s))
	if g.Retained[0] != n || g.Idom[n-1] != n-2 || len(g.Path(n-1)) != n-1 {
		t.Fatalf("chain: retained %d, idom %d", g.Retained[0], g.Idom[n-1])
	}
}
