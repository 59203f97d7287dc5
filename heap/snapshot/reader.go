package snapshot

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
)

// Options bound a read.
type Options struct {
	// MaxMemory is the budget in bytes for the decoded snapshot; 0 means
	// no limit. Nodes and edges must fit (a snapshot without all of them
	// cannot be analysed, so that is an error that says how much is
	// needed); strings that do not fit are cut to their first bytes, and
	// Snapshot.Skipped says how much was cut.
	MaxMemory int64

	// sizeHint is the file's size when known: a file cannot hold more
	// nodes than it has bytes, which bounds the preallocation.
	sizeHint int64
}

// Bytes per node and per edge in the decoded form, for the budget.
const (
	bytesPerNode = 1 + 4 + 8 + 8 + 1 + 4
	bytesPerEdge = 1 + 4 + 4
	// keptStringPrefix is how much of each string is kept once the budget
	// is spent: enough for a name or a URL.
	keptStringPrefix = 128
)

// NotSnapshotError is a file that is valid so far but is not a heap
// snapshot (another JSON document, or another kind of file).
type NotSnapshotError struct{ Reason string }

func (e *NotSnapshotError) Error() string { return "not a V8 heap snapshot: " + e.Reason }

// BudgetError is a snapshot whose nodes and edges alone exceed the budget.
type BudgetError struct {
	Nodes, Edges int64
	Need, Budget int64
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("snapshot has %d nodes and %d edges, needing about %s to analyse; the memory budget is %s (raise it with --max-memory)",
		e.Nodes, e.Edges, FormatBytes(e.Need), FormatBytes(e.Budget))
}

// ReadFile reads the snapshot at path; gzip-compressed files are accepted.
func ReadFile(path string, opt Options) (*Snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		opt.sizeHint = st.Size()
	}
	s, err := Read(f, opt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Read decodes a snapshot from r.
func Read(r io.Reader, opt Options) (*Snapshot, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		br = bufio.NewReaderSize(zr, 1<<20)
	}
	p := &parser{lex: lexer{r: br}, opt: opt, s: &Snapshot{}}
	if err := p.document(); err != nil {
		return nil, err
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	return p.s, nil
}

type parser struct {
	lex lexer
	opt Options
	s   *Snapshot

	haveMeta bool
	// Field positions from the meta; -1 when absent.
	nodeFields                                      int
	fType, fName, fID, fSelf, fEdgeCount, fDetached int
	edgeFields                                      int
	eType, eName, eTo                               int
	locFields                                       int
	lObject, lScript, lLine, lColumn                int
	nodeCount, edgeCount                            int64
	edgesSeen                                       uint64
	stringBytes, stringsCut                         int64
	stringBudget                                    int64
	seen                                            map[string]bool

	fTrace int // position of trace_node_id, -1 when absent
	// Allocation trace layouts from layout(); nil when the meta has none.
	traceFnFields, traceNodeFields, sampleFields []int
	traceSkipped                                 bool
}

func (p *parser) document() error {
	l := &p.lex
	c, err := l.next()
	if err != nil {
		if se := (*syntaxError)(nil); errors.As(err, &se) && l.pos == 0 {
			return &NotSnapshotError{"the file is empty"}
		}
		return err
	}
	if c != '{' {
		return &NotSnapshotError{fmt.Sprintf("it does not start with a JSON object (first byte %q)", c)}
	}
	p.seen = map[string]bool{}
	for {
		key, _, err := l.str(64)
		if err != nil {
			if p.seen["snapshot"] {
				return err
			}
			return &NotSnapshotError{"it is not a JSON object with a \"snapshot\" field"}
		}
		k := string(key)
		if err := l.expect(':'); err != nil {
			return err
		}
		l.where = k
		if err := p.field(k); err != nil {
			return err
		}
		p.seen[k] = true
		l.where = ""
		c, err := l.next()
		if err != nil {
			return err
		}
		if c == '}' {
			return nil
		}
		if c != ',' {
			return l.fail("expected ',' or '}' after %q, found %q", k, c)
		}
	}
}

func (p *parser) field(k string) error {
	l := &p.lex
	switch k {
	case "snapshot":
		return p.meta()
	case "nodes":
		if !p.haveMeta {
			return &NotSnapshotError{"\"nodes\" comes before \"snapshot\" and its meta"}
		}
		return p.nodes()
	case "edges":
		if !p.haveMeta {
			return &NotSnapshotError{"\"edges\" comes before \"snapshot\" and its meta"}
		}
		if !p.seen["nodes"] {
			return l.fail("\"edges\" comes before \"nodes\"")
		}
		return p.edges()
	case "locations":
		if !p.haveMeta {
			return l.skip()
		}
		return p.locations()
	case "strings":
		return p.strings()
	case "trace_function_infos":
		if !p.haveMeta {
			return l.skip()
		}
		return p.traceFunctions()
	case "trace_tree":
		if !p.haveMeta {
			return l.skip()
		}
		return p.traceTree()
	case "samples":
		if !p.haveMeta {
			return l.skip()
		}
		return p.samples()
	default:
		return l.skip()
	}
}

// stringList reads a JSON array of strings (or of nested arrays of them,
// as in node_types) into names; nested arrays are returned as the first
// element's list.
func (p *parser) typeList() (first []string, err error) {
	l := &p.lex
	if err := l.expect('['); err != nil {
		return nil, err
	}
	idx := 0
	for {
		c, err := l.peek()
		if err != nil {
			return nil, err
		}
		if c == ']' {
			l.next()
			return first, nil
		}
		if c == '[' && idx == 0 {
			if first, err = p.strList(); err != nil {
				return nil, err
			}
		} else if err := l.skip(); err != nil {
			return nil, err
		}
		idx++
		c, err = l.next()
		if err != nil {
			return nil, err
		}
		if c == ']' {
			return first, nil
		}
		if c != ',' {
			return nil, l.fail("expected ',' or ']', found %q", c)
		}
	}
}

func (p *parser) strList() ([]string, error) {
	l := &p.lex
	if err := l.expect('['); err != nil {
		return nil, err
	}
	var out []string
	if c, err := l.peek(); err != nil {
		return nil, err
	} else if c == ']' {
		l.next()
		return out, nil
	}
	for {
		s, _, err := l.str(256)
		if err != nil {
			return nil, err
		}
		out = append(out, string(s))
		c, err := l.next()
		if err != nil {
			return nil, err
		}
		if c == ']' {
			return out, nil
		}
		if c != ',' {
			return nil, l.fail("expected ',' or ']', found %q", c)
		}
	}
}

// object calls f for each key of a JSON object; f must consume the value.
func (p *parser) object(f func(key string) error) error {
	l := &p.lex
	if err := l.expect('{'); err != nil {
		return err
	}
	if c, err := l.peek(); err != nil {
		return err
	} else if c == '}' {
		l.next()
		return nil
	}
	for {
		key, _, err := l.str(128)
		if err != nil {
			return err
		}
		k := string(key)
		if err := l.expect(':'); err != nil {
			return err
		}
		if err := f(k); err != nil {
			return err
		}
		c, err := l.next()
		if err != nil {
			return err
		}
		if c == '}' {
			return nil
		}
		if c != ',' {
			return l.fail("expected ',' or '}', found %q", c)
		}
	}
}

func (p *parser) meta() error {
	l := &p.lex
	var nodeFields, edgeFields, locFields []string
	var traceFnFields, traceNodeFields, sampleFields []string
	p.nodeCount, p.edgeCount = -1, -1
	err := p.object(func(k string) error {
		switch k {
		case "meta":
			return p.object(func(k string) error {
				var err error
				switch k {
				case "node_fields":
					nodeFields, err = p.strList()
				case "edge_fields":
					edgeFields, err = p.strList()
				case "location_fields":
					locFields, err = p.strList()
				case "trace_function_info_fields":
					traceFnFields, err = p.strList()
				case "trace_node_fields":
					traceNodeFields, err = p.strList()
				case "sample_fields":
					sampleFields, err = p.strList()
				case "node_types":
					p.s.NodeTypes, err = p.typeList()
				case "edge_types":
					p.s.EdgeTypes, err = p.typeList()
				default:
					err = l.skip()
				}
				return err
			})
		case "node_count", "edge_count":
			f, err := l.number()
			if err != nil {
				return err
			}
			if f < 0 || f > 1<<32 {
				return l.fail("%s %v is out of range", k, f)
			}
			if k == "node_count" {
				p.nodeCount = int64(f)
			} else {
				p.edgeCount = int64(f)
			}
			return nil
		default:
			return l.skip()
		}
	})
	if err != nil {
		return err
	}
	if nodeFields == nil || edgeFields == nil || p.s.NodeTypes == nil || p.s.EdgeTypes == nil {
		return &NotSnapshotError{"\"snapshot.meta\" lacks node_fields, edge_fields or their types"}
	}
	pos := func(list []string, name string) int {
		for i, n := range list {
			if n == name {
				return i
			}
		}
		return -1
	}
	p.nodeFields, p.edgeFields = len(nodeFields), len(edgeFields)
	p.fType, p.fName, p.fID = pos(nodeFields, "type"), pos(nodeFields, "name"), pos(nodeFields, "id")
	p.fSelf, p.fEdgeCount, p.fDetached = pos(nodeFields, "self_size"), pos(nodeFields, "edge_count"), pos(nodeFields, "detachedness")
	p.eType, p.eName, p.eTo = pos(edgeFields, "type"), pos(edgeFields, "name_or_index"), pos(edgeFields, "to_node")
	if p.fType < 0 || p.fName < 0 || p.fID < 0 || p.fSelf < 0 || p.fEdgeCount < 0 || p.eType < 0 || p.eName < 0 || p.eTo < 0 {
		return &NotSnapshotError{fmt.Sprintf("meta fields %v / %v lack type, name, id, self_size, edge_count or to_node", nodeFields, edgeFields)}
	}
	if len(p.s.NodeTypes) > 255 || len(p.s.EdgeTypes) > 255 {
		return l.fail("too many node or edge types")
	}
	p.locFields = len(locFields)
	p.lObject, p.lScript, p.lLine, p.lColumn = pos(locFields, "object_index"), pos(locFields, "script_id"), pos(locFields, "line"), pos(locFields, "column")
	p.fTrace = pos(nodeFields, "trace_node_id")
	p.traceFnFields = layout(traceFnFields, "name", "script_name", "script_id", "line", "column")
	p.traceNodeFields = layout(traceNodeFields, "id", "function_info_index", "count", "size", "children")
	p.sampleFields = layout(sampleFields, "timestamp_us", "last_assigned_id")
	// The tree is nested: each node's children array must be its last field.
	if f := p.traceNodeFields; f != nil && f[4] != len(traceNodeFields)-1 {
		p.traceNodeFields = nil
	}
	p.s.indexTypes()
	p.haveMeta = true

	if p.nodeCount >= 0 && p.edgeCount >= 0 {
		need := p.nodeCount*p.perNode() + p.edgeCount*bytesPerEdge
		if p.opt.MaxMemory > 0 && need > p.opt.MaxMemory {
			return &BudgetError{Nodes: p.nodeCount, Edges: p.edgeCount, Need: need, Budget: p.opt.MaxMemory}
		}
		// Preallocate: the counts are exact in every V8 we know, and a
		// wrong count only costs a regrowth. Capped, so that a small file
		// that claims billions of nodes cannot make us allocate them: each
		// value takes at least two bytes ("0,"), so a file of known size
		// bounds the counts; otherwise a modest cap.
		capN, capE := int64(1<<21), int64(1<<23)
		if h := p.opt.sizeHint; h > 0 {
			capN, capE = h/int64(2*p.nodeFields)+1, h/int64(2*p.edgeFields)+1
		}
		n, e := int(min(p.nodeCount, capN)), int(min(p.edgeCount, capE))
		s := p.s
		s.NodeType, s.NodeName, s.NodeID, s.SelfSize = make([]uint8, 0, n), make([]uint32, 0, n), make([]uint64, 0, n), make([]uint64, 0, n)
		s.FirstEdge = make([]uint32, 1, n+1)
		if p.fDetached >= 0 {
			s.Detachedness = make([]uint8, 0, n)
		}
		if p.fTrace >= 0 {
			s.NodeTrace = make([]uint32, 0, n)
		}
		s.EdgeType, s.EdgeName, s.EdgeTo = make([]uint8, 0, e), make([]uint32, 0, e), make([]uint32, 0, e)
	} else {
		p.s.FirstEdge = []uint32{0}
	}
	return nil
}

func (p *parser) nodes() error {
	l := &p.lex
	s := p.s
	k := 0
	var edges uint64
	nTypes := uint64(len(s.NodeTypes))
	err := l.uintArray(func(v uint64) error {
		switch k {
		case p.fType:
			if v >= nTypes {
				return l.fail("node type %d is not in the meta's %d types", v, nTypes)
			}
			s.NodeType = append(s.NodeType, uint8(v))
		case p.fName:
			if v > 0xFFFFFFFF {
				return l.fail("node name index %d out of range", v)
			}
			s.NodeName = append(s.NodeName, uint32(v))
		case p.fID:
			s.NodeID = append(s.NodeID, v)
		case p.fSelf:
			s.SelfSize = append(s.SelfSize, v)
		case p.fEdgeCount:
			edges += v
			if edges > 0xFFFFFFFF {
				return l.fail("more than 2^32 edges")
			}
			s.FirstEdge = append(s.FirstEdge, uint32(edges))
		case p.fDetached:
			s.Detachedness = append(s.Detachedness, uint8(min(v, 255)))
		case p.fTrace:
			// A trace node id for now; finish turns it into an index.
			s.NodeTrace = append(s.NodeTrace, uint32(min(v, 0xFFFFFFFF)))
		}
		if k++; k == p.nodeFields {
			k = 0
			if p.nodeCount < 0 && p.opt.MaxMemory > 0 && int64(len(s.NodeType))*p.perNode() > p.opt.MaxMemory {
				return &BudgetError{Nodes: int64(len(s.NodeType)), Need: int64(len(s.NodeType)) * p.perNode(), Budget: p.opt.MaxMemory}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if k != 0 {
		return l.fail("\"nodes\" has %d values, not a multiple of the %d node fields", len(s.NodeType)*p.nodeFields+k, p.nodeFields)
	}
	if p.nodeCount >= 0 && int64(len(s.NodeType)) != p.nodeCount {
		return l.fail("\"nodes\" holds %d nodes but the meta says %d", len(s.NodeType), p.nodeCount)
	}
	if len(s.NodeType) == 0 {
		return &NotSnapshotError{"it has no nodes"}
	}
	return nil
}

func (p *parser) edges() error {
	l := &p.lex
	s := p.s
	k := 0
	nodes := uint64(len(s.NodeType))
	nf := uint64(p.nodeFields)
	nTypes := uint64(len(s.EdgeTypes))
	err := l.uintArray(func(v uint64) error {
		switch k {
		case p.eType:
			if v >= nTypes {
				return l.fail("edge type %d is not in the meta's %d types", v, nTypes)
			}
			s.EdgeType = append(s.EdgeType, uint8(v))
		case p.eName:
			if v > 0xFFFFFFFF {
				return l.fail("edge name %d out of range", v)
			}
			s.EdgeName = append(s.EdgeName, uint32(v))
		case p.eTo:
			if v%nf != 0 || v/nf >= nodes {
				return l.fail("edge points to node offset %d, which is not a node", v)
			}
			s.EdgeTo = append(s.EdgeTo, uint32(v/nf))
		}
		if k++; k == p.edgeFields {
			k = 0
			if p.edgeCount < 0 && p.opt.MaxMemory > 0 {
				need := int64(len(s.NodeType))*p.perNode() + int64(len(s.EdgeType))*bytesPerEdge
				if need > p.opt.MaxMemory {
					return &BudgetError{Nodes: int64(len(s.NodeType)), Edges: int64(len(s.EdgeType)), Need: need, Budget: p.opt.MaxMemory}
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if k != 0 {
		return l.fail("\"edges\" ends in the middle of an edge")
	}
	if want := s.FirstEdge[len(s.FirstEdge)-1]; uint64(want) != uint64(len(s.EdgeType)) {
		return l.fail("the nodes' edge counts add up to %d but \"edges\" holds %d", want, len(s.EdgeType))
	}
	return nil
}

func (p *parser) locations() error {
	l := &p.lex
	s := p.s
	if p.locFields == 0 || p.lObject < 0 || p.lScript < 0 || p.lLine < 0 || p.lColumn < 0 {
		return l.skip()
	}
	k := 0
	var loc Location
	nf := uint64(p.nodeFields)
	err := l.uintArray(func(v uint64) error {
		if v > 0xFFFFFFFF {
			return l.fail("location value %d out of range", v)
		}
		switch k {
		case p.lObject:
			if v%nf != 0 || v/nf >= uint64(len(s.NodeType)) {
				return l.fail("location names node offset %d, which is not a node", v)
			}
			loc.Node = uint32(v / nf)
		case p.lScript:
			loc.ScriptID = uint32(v)
		case p.lLine:
			loc.Line = uint32(v)
		case p.lColumn:
			loc.Column = uint32(v)
		}
		if k++; k == p.locFields {
			k = 0
			s.Locations = append(s.Locations, loc)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if k != 0 {
		return l.fail("\"locations\" ends in the middle of a location")
	}
	return nil
}

func (p *parser) strings() error {
	l := &p.lex
	s := p.s
	budget := int64(-1)
	if p.opt.MaxMemory > 0 {
		budget = p.opt.MaxMemory - p.used()
	}
	if err := l.expect('['); err != nil {
		return err
	}
	if c, err := l.peek(); err != nil {
		return err
	} else if c == ']' {
		l.next()
		return nil
	}
	var cut, cutStrings int64
	for {
		limit := 1 << 62
		if budget >= 0 && int64(len(s.strData))+int64(len(s.strEnd))*8 >= budget-keptStringPrefix {
			limit = keptStringPrefix
		}
		str, dropped, err := l.str(limit)
		if err != nil {
			return err
		}
		if dropped > 0 {
			cut += int64(dropped)
			cutStrings++
		}
		s.strData = append(s.strData, str...)
		s.strEnd = append(s.strEnd, uint64(len(s.strData)))
		c, err := l.next()
		if err != nil {
			return err
		}
		if c == ']' {
			break
		}
		if c != ',' {
			return l.fail("expected ',' or ']' in strings, found %q", c)
		}
	}
	if cut > 0 {
		s.Skipped = append(s.Skipped, fmt.Sprintf("%s of string contents (%d strings cut to their first %d bytes) to stay within the memory budget of %s",
			FormatBytes(cut), cutStrings, keptStringPrefix, FormatBytes(p.opt.MaxMemory)))
	}
	// Give back the slack of the last growth when it is large; copying
	// costs a second copy at the peak, so small slack stays.
	if cap(s.strData)-len(s.strData) > len(s.strData)/2 {
		s.strData = append([]byte(nil), s.strData...)
	}
	return nil
}

// finish checks what can only be checked once everything is read.
func (p *parser) finish() error {
	s := p.s
	for _, k := range []string{"snapshot", "nodes", "edges", "strings"} {
		if !p.seen[k] {
			if k == "snapshot" {
				return &NotSnapshotError{"it has no \"snapshot\" field"}
			}
			return &NotSnapshotError{fmt.Sprintf("it has no %q array", k)}
		}
	}
	n := uint32(len(s.strEnd))
	for i, name := range s.NodeName {
		if name >= n {
			return fmt.Errorf("corrupt snapshot: node %d names string %d of %d", i, name, n)
		}
	}
	for e, name := range s.EdgeName {
		t := int(s.EdgeType[e])
		if t != s.EdgeElement && t != s.EdgeHidden && name >= n {
			return fmt.Errorf("corrupt snapshot: edge %d names string %d of %d", e, name, n)
		}
	}
	return p.finishTraces()
}

// FormatBytes writes a size the way people read it: 12.4 MB.
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
