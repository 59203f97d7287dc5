// Package analysis finds what grows in V8 heap snapshots: retained sizes
// through the dominator tree, growth per constructor, closure and detached
// DOM group between snapshots (memlab's three-snapshot method), the
// shortest retainer path of each group from a GC root, and the source
// position that allocates it.
package analysis

import (
	"runtime"
	"sort"

	"github.com/leakwatch/leakwatch/heap/snapshot"
)

// Graph is a snapshot with the facts every analysis needs: who dominates
// whom, what each node retains, and the shortest way to reach it.
type Graph struct {
	S *snapshot.Snapshot
	// Idom is each node's immediate dominator, -1 for the root and for
	// nodes no strong path reaches.
	Idom []int32
	// Retained is the size freed if the node were collected.
	Retained []uint64
	// Order lists the reachable nodes in depth-first preorder: a node's
	// dominator always comes before it.
	Order []uint32
	// parentEdge is the edge that reaches each node on a shortest strong
	// path from the root (BFS), ^0 for the root and unreachable nodes.
	parentEdge []uint32
	// dist is the number of edges on that path.
	dist []uint32
	// internalOnly marks nodes reached only through bookkeeping edges.
	internalOnly []bool
}

const noEdge = ^uint32(0)

// Build computes dominators, retained sizes and shortest paths. Weak edges
// are ignored: they do not keep anything alive, so they neither dominate
// nor retain.
func Build(s *snapshot.Snapshot) *Graph {
	g := &Graph{S: s}
	g.dominators()
	// The dominator pass's scratch arrays (tens of bytes per node) are
	// garbage now; collect them before the path arrays are allocated.
	runtime.GC()
	g.shortestPaths()
	return g
}

// strong reports whether edge e keeps its target alive.
func strong(s *snapshot.Snapshot, e uint32) bool { return int(s.EdgeType[e]) != s.EdgeWeak }

// dominators is Lengauer-Tarjan with path compression, iterative so that
// the long chains of real heaps (linked lists of timers, cons strings) do
// not overflow a stack. Vertices are numbered 1..n in DFS preorder; 0
// means "none".
func (g *Graph) dominators() {
	s := g.S
	n := s.NodeCount()
	dfnum := make([]uint32, n) // node -> DFS number
	vertex := make([]uint32, 1, n+1)
	parent := make([]uint32, n+1)

	// Iterative DFS from the root (node 0).
	type frame struct{ node, edge uint32 }
	stack := []frame{{0, s.FirstEdge[0]}}
	vertex = append(vertex, 0)
	dfnum[0] = 1
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		end := s.FirstEdge[top.node+1]
		pushed := false
		for top.edge < end {
			e := top.edge
			top.edge++
			if !strong(s, e) {
				continue
			}
			w := s.EdgeTo[e]
			if dfnum[w] != 0 {
				continue
			}
			vertex = append(vertex, w)
			dfnum[w] = uint32(len(vertex) - 1)
			parent[dfnum[w]] = dfnum[top.node]
			stack = append(stack, frame{w, s.FirstEdge[w]})
			pushed = true
			break
		}
		if !pushed {
			stack = stack[:len(stack)-1]
		}
	}
	count := len(vertex) - 1
	parent = parent[:count+1]

	// Predecessors over strong edges, by DFS number, in CSR form.
	predStart := make([]uint32, count+2)
	for v := 0; v < n; v++ {
		if dfnum[v] == 0 {
			continue
		}
		for e := s.FirstEdge[v]; e < s.FirstEdge[v+1]; e++ {
			if strong(s, e) {
				predStart[dfnum[s.EdgeTo[e]]+1]++
			}
		}
	}
	for i := 1; i < len(predStart); i++ {
		predStart[i] += predStart[i-1]
	}
	preds := make([]uint32, predStart[count+1])
	fill := append([]uint32(nil), predStart...)
	for v := 0; v < n; v++ {
		dv := dfnum[v]
		if dv == 0 {
			continue
		}
		for e := s.FirstEdge[v]; e < s.FirstEdge[v+1]; e++ {
			if strong(s, e) {
				w := dfnum[s.EdgeTo[e]]
				preds[fill[w]] = dv
				fill[w]++
			}
		}
	}
	fill = nil

	semi := make([]uint32, count+1)
	label := make([]uint32, count+1)
	ancestor := make([]uint32, count+1)
	idom := make([]uint32, count+1)
	bucketHead := make([]uint32, count+1)
	bucketNext := make([]uint32, count+1)
	for v := 1; v <= count; v++ {
		semi[v], label[v] = uint32(v), uint32(v)
	}
	var path []uint32
	eval := func(v uint32) uint32 {
		if ancestor[v] == 0 {
			return v
		}
		// Compress the ancestor chain, iteratively.
		path = path[:0]
		for x := v; ancestor[ancestor[x]] != 0; x = ancestor[x] {
			path = append(path, x)
		}
		for i := len(path) - 1; i >= 0; i-- {
			x := path[i]
			a := ancestor[x]
			if semi[label[a]] < semi[label[x]] {
				label[x] = label[a]
			}
			ancestor[x] = ancestor[a]
		}
		return label[v]
	}
	for w := uint32(count); w >= 2; w-- {
		for _, v := range preds[predStart[w]:predStart[w+1]] {
			if u := eval(v); semi[u] < semi[w] {
				semi[w] = semi[u]
			}
		}
		bucketNext[w] = bucketHead[semi[w]]
		bucketHead[semi[w]] = w
		p := parent[w]
		ancestor[w] = p
		for v := bucketHead[p]; v != 0; v = bucketNext[v] {
			if u := eval(v); semi[u] < semi[v] {
				idom[v] = u
			} else {
				idom[v] = p
			}
		}
		bucketHead[p] = 0
	}
	for w := 2; w <= count; w++ {
		if idom[w] != semi[w] {
			idom[w] = idom[idom[w]]
		}
	}

	g.Idom = make([]int32, n)
	for i := range g.Idom {
		g.Idom[i] = -1
	}
	for w := 2; w <= count; w++ {
		g.Idom[vertex[w]] = int32(vertex[idom[w]])
	}
	g.Order = vertex[1:]
	g.Retained = make([]uint64, n)
	copy(g.Retained, s.SelfSize)
	for w := count; w >= 2; w-- {
		v := vertex[w]
		g.Retained[g.Idom[v]] += g.Retained[v]
	}
}

// shortestPaths runs a breadth-first search over strong edges from the
// root, remembering how each node was first reached.
//
// Edges into V8's own bookkeeping (feedback, code, maps) can reach a user
// object in fewer steps than the reference that really keeps it, and say
// nothing to a developer; they are used only when nothing else reaches
// the node (a second pass).
func (g *Graph) shortestPaths() {
	s := g.S
	n := s.NodeCount()
	g.parentEdge = make([]uint32, n)
	g.dist = make([]uint32, n)
	for i := range g.parentEdge {
		g.parentEdge[i] = noEdge
		g.dist[i] = noEdge
	}
	g.dist[0] = 0
	queue := make([]uint32, 0, 1024)
	bfs := func(allow int) {
		queue = queue[:0]
		for v := 0; v < n; v++ {
			if g.dist[v] != noEdge {
				queue = append(queue, uint32(v))
			}
		}
		// Reached nodes are re-queued in distance order.
		sort.Slice(queue, func(i, j int) bool { return g.dist[queue[i]] < g.dist[queue[j]] })
		for head := 0; head < len(queue); head++ {
			v := queue[head]
			for e := s.FirstEdge[v]; e < s.FirstEdge[v+1]; e++ {
				if !strong(s, e) {
					continue
				}
				w := s.EdgeTo[e]
				if g.dist[w] != noEdge {
					continue
				}
				if g.edgeTier(v, e) > allow {
					continue
				}
				g.dist[w] = g.dist[v] + 1
				g.parentEdge[w] = e
				queue = append(queue, w)
			}
		}
	}
	bfs(tierProgram)
	bfs(tierTransient)
	g.internalOnly = make([]bool, n)
	for i := range g.dist {
		g.internalOnly[i] = g.dist[i] == noEdge
	}
	bfs(tierInternal)
	for i := range g.dist {
		g.internalOnly[i] = g.internalOnly[i] && g.dist[i] != noEdge
	}
}

// InternalOnly reports nodes that only V8's bookkeeping keeps alive
// (feedback vectors, allocation sites): never a program's leak.
func (g *Graph) InternalOnly(i int) bool { return g.internalOnly[i] }

// Edge tiers, from the references a developer wants to see on a path to
// the ones used only when nothing else reaches a node.
const (
	tierProgram   = iota
	tierTransient // the stack and handle scopes of the moment of the snapshot
	tierInternal  // V8's bookkeeping
)

// edgeTier ranks an edge for retainer paths. The stack of the moment the
// snapshot was taken is real but transient (a program that snapshots
// itself from top-level code keeps its module alive only there); a leak
// is better shown through something lasting when there is such a path.
func (g *Graph) edgeTier(from uint32, e uint32) int {
	if g.bookkeeping(from, e) {
		return tierInternal
	}
	s := g.S
	if int(s.NodeType[from]) == s.TypeSynthetic {
		switch s.Name(int(from)) {
		case "(Stack roots)", "(Handle scope)":
			return tierTransient
		}
	}
	return tierProgram
}

// bookkeeping reports edges that say nothing about why a program keeps an
// object: V8's inline caches, feedback and code references, and maps.
func (g *Graph) bookkeeping(from uint32, e uint32) bool {
	s := g.S
	t := int(s.EdgeType[e])
	if t == s.EdgeShortcut {
		return true
	}
	fromType := int(s.NodeType[from])
	if fromType == s.TypeCode || fromType == s.TypeObjectShape {
		return true
	}
	if fromType == s.TypeHidden || fromType == s.TypeArray {
		// Arrays of a user object (elements, properties) are fine; V8's
		// internal arrays named "(...)" other than those are not.
		name := s.Name(int(from))
		if name != "" && name != "(object elements)" && name != "(object properties)" && name != "(map descriptors)" {
			return name[0] == '(' && name != "(internal array)"
		}
	}
	if t == s.EdgeInternal || t == s.EdgeProperty {
		switch s.String(s.EdgeName[e]) {
		case "feedback_cell", "feedback_vector", "code", "map", "feedback", "raw_outer_scope_info_or_feedback_metadata", "(code)", "__proto__", "prototype", "constructor":
			return true
		}
	}
	return false
}

// Reachable reports whether a strong path from the root reaches node i.
func (g *Graph) Reachable(i int) bool { return g.dist[i] != noEdge }

// Path returns the edges of a shortest strong path from the root to node
// i, root first; nil when unreachable.
func (g *Graph) Path(i int) []uint32 {
	if g.dist[i] == noEdge {
		return nil
	}
	var edges []uint32
	for v := uint32(i); g.parentEdge[v] != noEdge; {
		e := g.parentEdge[v]
		edges = append(edges, e)
		v = g.EdgeFrom(e)
	}
	for l, r := 0, len(edges)-1; l < r; l, r = l+1, r-1 {
		edges[l], edges[r] = edges[r], edges[l]
	}
	return edges
}

// EdgeFrom returns the node that owns edge e.
func (g *Graph) EdgeFrom(e uint32) uint32 {
	fe := g.S.FirstEdge
	// The last node whose first edge is <= e.
	i := sort.Search(len(fe), func(i int) bool { return fe[i] > e })
	return uint32(i - 1)
}
