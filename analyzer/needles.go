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
	// class[b] is byte b's column in next: bytes that occur in no needle
	// share column 0, every other byte has its own. The engine's needles
	// use some 60 distinct bytes, so a row is a quarter of a kilobyte
	// rather than a kilobyte per state (the table of its 1,286 states fell
	// from 1.3 MB to 0.3 MB), and the rows the scan keeps reading stay in
	// the first-level cache: BenchmarkFindNeedles went from 330 to 400 MB
	// per second of CPU.
	class [256]uint16
	// stride is the length of a row: the number of classes.
	stride int
	// next[state*stride+class[b]] is the state after reading byte b in
	// state, as the offset of its row (state*stride), with hasOut set when
	// a needle ends there: the scan reads one table per byte and looks at
	// out only then.
	next []int32
	// out[state] lists the needles that end at a text position where the
	// automaton is in state (its own and those of its suffix states).
	out [][]int32
	// empty lists needles that are "": they occur in every text.
	empty []int32
	// reach is one less than the longest needle's length: an occurrence
	// that ends at a text position starts at most reach bytes before it.
	reach int
}

// newNeedleSet compiles needles; a needle's index in the list is its id.
func newNeedleSet(needles []string) *needleSet {
	s := &needleSet{needles: needles}
	// The trie: goto edges in a map while building, then the dense table.
	type node struct {
		child map[uint16]int32 // by byte class
		out   []int32
	}
	nodes := []node{{}}
	s.stride = 1
	for _, n := range needles {
		for i := 0; i < len(n); i++ {
			if s.class[n[i]] == 0 {
				s.class[n[i]] = uint16(s.stride)
				s.stride++
			}
		}
	}
	for id, n := range needles {
		if n == "" {
			s.empty = append(s.empty, int32(id))
			continue
		}
		st := int32(0)
		for i := 0; i < len(n); i++ {
			c := s.class[n[i]]
			nx, ok := nodes[st].child[c]
			if !ok {
				nodes = append(nodes, node{})
				nx = int32(len(nodes) - 1)
				if nodes[st].child == nil {
					nodes[st].child = make(map[uint16]int32)
				}
				nodes[st].child[c] = nx
			}
			st = nx
		}
		nodes[st].out = append(nodes[st].out, int32(id))
	}
	w := s.stride
	s.next = make([]int32, len(nodes)*w)
	s.out = make([][]int32, len(nodes))
	fail := make([]int32, len(nodes))
	// Breadth first, so a state's suffix state is complete before it:
	// the row of a state is its suffix state's row with its own edges
	// written over it.
	queue := []int32{0}
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		row := s.next[int(st)*w : int(st+1)*w]
		if st != 0 {
			copy(row, s.next[int(fail[st])*w:int(fail[st]+1)*w])
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
	s.reach = max(0, s.maxLen()-1)
	// The table holds each state as the offset of its row: the scan adds
	// the byte's class and reads, without multiplying on the chain of
	// dependent loads that bounds its speed.
	for i, st := range s.next {
		s.next[i] = st * int32(w)
		if len(s.out[st]) > 0 {
			s.next[i] |= hasOut
		}
	}
	return s
}

// hasOut marks table entries whose state ends a needle; row offsets are
// below it (they would reach it with some eight million bytes of needles).
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
//
// The scan is a chain of dependent table reads, one per byte, so it runs
// at the speed of the cache's latency, not its throughput: count scans
// the two halves of a long text side by side, two independent chains the
// processor overlaps (BenchmarkFindNeedles: 400 to 640 MB per second of
// CPU; the scan was 0.27 s of a cold run of the benchmark corpus). The
// second half's automaton starts reach bytes before the half, without
// counting, so that an occurrence ending in that half and starting before
// it is seen; the first half's counts only what ends in it.
func (s *needleSet) count(src []byte, counts []int32, delta int32) {
	if len(src) < splitScanMin || len(src)/2 < s.reach {
		s.run(src, 0, counts, delta)
		return
	}
	mid := len(src) / 2
	a, b := src[:mid], src[mid:]
	sb := s.run(src[mid-s.reach:mid], 0, nil, 0)
	next, out, class, w := s.next, s.out, &s.class, int32(s.stride)
	sa := int32(0)
	bh := b[:len(a)]
	for i, c := range a {
		sa = next[sa+int32(class[c])]
		sb = next[sb+int32(class[bh[i]])]
		if sa|sb < 0 {
			if sa < 0 {
				sa &^= hasOut
				for _, id := range out[sa/w] {
					counts[id] += delta
				}
			}
			if sb < 0 {
				sb &^= hasOut
				for _, id := range out[sb/w] {
					counts[id] += delta
				}
			}
		}
	}
	s.run(b[len(a):], sb, counts, delta)
}

// splitScanMin is the text length from which count scans two halves side
// by side (when each is longer than the longest needle).
const splitScanMin = 512

// run scans src from the state whose row starts at st, adding delta to
// counts for every needle that ends in it (none when counts is nil), and
// returns the row of the state it ends in.
func (s *needleSet) run(src []byte, st int32, counts []int32, delta int32) int32 {
	next, out, class, w := s.next, s.out, &s.class, int32(s.stride)
	for _, c := range src {
		st = next[st+int32(class[c])]
		if st < 0 {
			st &^= hasOut
			if counts == nil {
				continue
			}
			for _, id := range out[st/w] {
				counts[id] += delta
			}
		}
	}
	return st
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
