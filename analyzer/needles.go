package analyzer

import "github.com/leakwatch/leakwatch/analyzer/syntax"

// needleSet finds which of a fixed list of literal strings occur in a text,
// in one pass over it (an Aho-Corasick automaton compiled to a table with a
// row per state). The prefilter asks about some 150 needles per file (every
// rule's, the owner needles, the ownerless ones); one bytes.Contains each
// scanned a file that holds none of a rule's needles once per needle, a
// twentieth of a cold run's time on the benchmark corpus.
type needleSet struct {
	needles []string
	// next[state<<8|b] is the state after reading byte b in state, with
	// hasOut set when a needle ends there: the scan reads one table per
	// byte and looks at out only then.
	next []int32
	// out[state] lists the needles that end at a text position where the
	// automaton is in state (its own and those of its suffix states).
	out [][]int32
	// empty lists needles that are "": they occur in every text.
	empty []int32
}

// newNeedleSet compiles needles; a needle's index in the list is its id.
func newNeedleSet(needles []string) *needleSet {
	s := &needleSet{needles: needles}
	// The trie: goto edges in a map while building, then the dense table.
	type node struct {
		child map[byte]int32
		out   []int32
	}
	nodes := []node{{}}
	for id, n := range needles {
		if n == "" {
			s.empty = append(s.empty, int32(id))
			continue
		}
		st := int32(0)
		for i := 0; i < len(n); i++ {
			c := n[i]
			nx, ok := nodes[st].child[c]
			if !ok {
				nodes = append(nodes, node{})
				nx = int32(len(nodes) - 1)
				if nodes[st].child == nil {
					nodes[st].child = make(map[byte]int32)
				}
				nodes[st].child[c] = nx
			}
			st = nx
		}
		nodes[st].out = append(nodes[st].out, int32(id))
	}
	s.next = make([]int32, len(nodes)<<8)
	s.out = make([][]int32, len(nodes))
	fail := make([]int32, len(nodes))
	// Breadth first, so a state's suffix state is complete before it:
	// the row of a state is its suffix state's row with its own edges
	// written over it.
	queue := []int32{0}
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		row := s.next[int(st)<<8 : int(st+1)<<8]
		if st != 0 {
			copy(row, s.next[int(fail[st])<<8:int(fail[st]+1)<<8])
			s.out[st] = append(append([]int32(nil), nodes[st].out...), s.out[fail[st]]...)
		}
		for c, nx := range nodes[st].child {
			if st != 0 {
				fail[nx] = row[c]
			}
			row[c] = nx
			queue = append(queue, nx)
		}
	}
	for i, st := range s.next {
		if len(s.out[st]) > 0 {
			s.next[i] = st | hasOut
		}
	}
	return s
}

// hasOut marks table entries whose state ends a needle; states are below
// it (a needle list of over a billion bytes would not fit in memory).
const hasOut = -1 << 31

// scan sets found[id] for every needle that occurs in src; found must be
// as long as the needle list.
func (s *needleSet) scan(src []byte, found []bool) {
	counts := make([]int32, len(s.needles))
	s.count(src, counts, 1)
	for id, n := range counts {
		found[id] = found[id] || n > 0
	}
	for _, id := range s.empty {
		found[id] = true
	}
}

// count adds delta to counts[id] for every occurrence of needle id in src
// (overlapping occurrences included); the empty needles are not counted.
func (s *needleSet) count(src []byte, counts []int32, delta int32) {
	next, out := s.next, s.out
	st := int32(0)
	for _, c := range src {
		st = next[int(st)<<8|int(c)]
		if st < 0 {
			st &^= hasOut
			for _, id := range out[st] {
				counts[id] += delta
			}
		}
	}
}

// maxLen is the length of the longest needle.
func (s *needleSet) maxLen() int {
	n := 0
	for _, x := range s.needles {
		n = max(n, len(x))
	}
	return n
}

// findNeedles returns which of the engine's needles occur in src. With a
// session that counted them in the text it parsed last, only the text
// around the edit is scanned: an occurrence wholly in the common prefix
// or suffix of the two texts is in both, so the counts move by what the
// edited window held before and holds now. A keystroke in a 20,000-line
// document then scans a few hundred bytes instead of the whole text; small
// documents, scanned in microseconds, keep no counts.
func (e *Engine) findNeedles(src []byte, s *Session) []bool {
	found := make([]bool, len(e.needles.needles))
	if s == nil || len(src) < syntax.ReuseMinBytes {
		if s != nil {
			s.pendingCounts = nil
		}
		e.needles.scan(src, found)
		return found
	}
	counts := make([]int32, len(e.needles.needles))
	if old := s.last; old != nil && s.counts != nil && len(s.counts) == len(counts) {
		copy(counts, s.counts)
		p := commonPrefix(old, src)
		sf := commonSuffix(old[p:], src[p:])
		// A needle that overlaps the edit starts less than its length
		// before it and ends less than its length after it.
		reach := e.needleReach
		lo := max(0, p-reach)
		e.needles.count(old[lo:min(len(old), len(old)-sf+reach)], counts, -1)
		e.needles.count(src[lo:min(len(src), len(src)-sf+reach)], counts, +1)
	} else {
		e.needles.count(src, counts, +1)
	}
	s.pendingCounts = counts
	for id, n := range counts {
		found[id] = n > 0
	}
	for _, id := range e.needles.empty {
		found[id] = true
	}
	return found
}
