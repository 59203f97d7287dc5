package analyzer

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
	for _, id := range s.empty {
		found[id] = true
	}
	next, out := s.next, s.out
	st := int32(0)
	for _, c := range src {
		st = next[int(st)<<8|int(c)]
		if st < 0 {
			st &^= hasOut
			for _, id := range out[st] {
				found[id] = true
			}
		}
	}
}
