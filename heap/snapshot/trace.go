package snapshot

import (
	"fmt"
	"math"
)

// Allocation traces are in a snapshot only when the program ran with
// allocation tracking on (node --track-heap-objects, or DevTools'
// "allocation instrumentation on timeline"). They say, for each object,
// which call stack allocated it: the most direct evidence of where a leak
// is created.

// TraceFunction is one function of the allocation call stacks.
type TraceFunction struct {
	Name       uint32 // index into the strings
	ScriptName uint32 // index into the strings; "" for native code
	ScriptID   uint32
	Line       uint32 // 1-based; 0 when unknown
	Column     uint32 // 1-based; 0 when unknown
}

// TraceTree is the allocation call tree flattened in the file's order
// (parents before their children); all slices are indexed by trace node.
type TraceTree struct {
	ID       []uint32 // the file's trace node id
	Function []uint32 // index into Snapshot.TraceFunctions
	Count    []uint32 // objects allocated at this stack (live or not)
	Size     []uint64 // their bytes
	Parent   []int32  // caller's trace node, -1 for a root
}

// Len is the number of trace nodes.
func (t *TraceTree) Len() int { return len(t.ID) }

// Sample is one point of the allocation timeline: by TimestampUS, objects
// with ids up to LastAssignedID had been allocated.
type Sample struct {
	TimestampUS    uint64
	LastAssignedID uint64
}

// Bytes of the decoded trace data, for the budget.
const (
	bytesPerTraceFunction = 5 * 4
	bytesPerTraceNode     = 4 + 4 + 4 + 8 + 4
	bytesPerSample        = 16
	bytesPerNodeTrace     = 4
)

// AllocationTrace returns node i's allocation trace node (an index into
// TraceNodes), or -1 when the snapshot has no trace for it.
func (s *Snapshot) AllocationTrace(i int) int {
	if i >= len(s.NodeTrace) || s.NodeTrace[i] == 0 {
		return -1
	}
	return int(s.NodeTrace[i]) - 1
}

// TraceFunctionOf is the function trace node t was allocating in.
func (s *Snapshot) TraceFunctionOf(t int) TraceFunction {
	return s.TraceFunctions[s.TraceNodes.Function[t]]
}

// layout maps the wanted field names to their positions in fields; nil when
// fields is absent or lacks any of them.
func layout(fields []string, want ...string) []int {
	if fields == nil {
		return nil
	}
	out := make([]int, len(want)+1)
	for i, w := range want {
		out[i] = -1
		for j, f := range fields {
			if f == w {
				out[i] = j
			}
		}
		if out[i] < 0 {
			return nil
		}
	}
	out[len(want)] = len(fields) // the record size
	return out
}

// perNode is the decoded bytes per node with this file's fields.
func (p *parser) perNode() int64 {
	if p.fTrace >= 0 {
		return bytesPerNode + bytesPerNodeTrace
	}
	return bytesPerNode
}

// used is the decoded size so far, strings aside.
func (p *parser) used() int64 {
	s := p.s
	return int64(len(s.NodeType))*p.perNode() + int64(len(s.EdgeType))*bytesPerEdge +
		int64(len(s.TraceFunctions))*bytesPerTraceFunction + int64(s.TraceNodes.Len())*bytesPerTraceNode +
		int64(len(s.Samples))*bytesPerSample
}

// traceFits reports whether more bytes of trace data fit the budget. Traces
// are optional, so a trace that does not fit is dropped whole, not failed:
// a partial tree would attribute objects to the wrong stacks.
func (p *parser) traceFits(more int64) bool {
	if p.traceSkipped {
		return false
	}
	if p.opt.MaxMemory <= 0 || p.used()+more <= p.opt.MaxMemory {
		return true
	}
	p.dropTraces()
	return false
}

func (p *parser) dropTraces() {
	s := p.s
	s.TraceFunctions, s.TraceNodes, s.Samples, s.NodeTrace = nil, TraceTree{}, nil, nil
	p.traceSkipped = true
	s.Skipped = append(s.Skipped, fmt.Sprintf("allocation trace data, to stay within the memory budget of %s (allocation sites come from closure locations instead)", FormatBytes(p.opt.MaxMemory)))
}

func (p *parser) traceFunctions() error {
	l := &p.lex
	f := p.traceFnFields
	if f == nil || p.traceSkipped {
		return l.skip()
	}
	k, size := 0, f[5]
	var fn TraceFunction
	return p.records(size, "trace_function_infos", func(v uint64) error {
		if v > math.MaxUint32 {
			return l.fail("trace function value %d out of range", v)
		}
		switch k {
		case f[0]:
			fn.Name = uint32(v)
		case f[1]:
			fn.ScriptName = uint32(v)
		case f[2]:
			fn.ScriptID = uint32(v)
		case f[3]:
			fn.Line = uint32(v)
		case f[4]:
			fn.Column = uint32(v)
		}
		if k++; k == size {
			k = 0
			if p.traceFits(bytesPerTraceFunction) {
				p.s.TraceFunctions = append(p.s.TraceFunctions, fn)
			}
		}
		return nil
	})
}

func (p *parser) samples() error {
	l := &p.lex
	f := p.sampleFields
	if f == nil || p.traceSkipped {
		return l.skip()
	}
	k, size := 0, f[2]
	var sm Sample
	return p.records(size, "samples", func(v uint64) error {
		switch k {
		case f[0]:
			sm.TimestampUS = v
		case f[1]:
			sm.LastAssignedID = v
		}
		if k++; k == size {
			k = 0
			if p.traceFits(bytesPerSample) {
				p.s.Samples = append(p.s.Samples, sm)
			}
		}
		return nil
	})
}

// records reads a flat array of records of size values each.
func (p *parser) records(size int, what string, f func(v uint64) error) error {
	n := 0
	err := p.lex.uintArray(func(v uint64) error { n++; return f(v) })
	if err != nil {
		return err
	}
	if n%size != 0 {
		return p.lex.fail("%q ends in the middle of a record", what)
	}
	return nil
}

// traceTree reads the nested call tree: [id, function, count, size,
// [children...], id, ...]. It walks with an explicit stack, so a deep (or
// maliciously deep) tree cannot overflow the goroutine stack.
func (p *parser) traceTree() error {
	l := &p.lex
	f := p.traceNodeFields
	if f == nil || p.traceSkipped {
		return l.skip()
	}
	if err := l.expect('['); err != nil {
		return err
	}
	type level struct {
		parent int32
		k      int // field of the node being read
	}
	stack := []level{{parent: -1}}
	var vals [4]uint64
	t := &p.s.TraceNodes
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		c, err := l.peek()
		if err != nil {
			return err
		}
		if c == ']' {
			if top.k != 0 {
				return l.fail("\"trace_tree\" ends in the middle of a trace node")
			}
			l.next()
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				break
			}
			// The children closed their node; a ',' starts its next sibling.
			if c, err := l.peek(); err != nil {
				return err
			} else if c == ',' {
				l.next()
				if c, err := l.peek(); err != nil {
					return err
				} else if c == ']' {
					return l.fail("expected a trace node after ',', found ']'")
				}
			}
			continue
		}
		if top.k == f[4] {
			if c != '[' {
				return l.fail("expected the trace node's children array, found %q", c)
			}
			l.next()
			top.k = 0
			idx := int32(-1)
			if p.traceFits(bytesPerTraceNode) {
				if t.Len() >= math.MaxInt32 {
					return l.fail("too many trace nodes")
				}
				idx = int32(t.Len())
				t.ID = append(t.ID, uint32(vals[0]))
				t.Function = append(t.Function, uint32(vals[1]))
				t.Count = append(t.Count, uint32(vals[2]))
				t.Size = append(t.Size, vals[3])
				t.Parent = append(t.Parent, top.parent)
			}
			stack = append(stack, level{parent: idx})
			continue
		}
		v, err := l.number()
		if err != nil {
			return err
		}
		if v < 0 || v != math.Trunc(v) || v > math.MaxUint32 && top.k != f[3] || v > 1<<62 {
			return l.fail("trace node value %v out of range", v)
		}
		for i := 0; i < 4; i++ {
			if top.k == f[i] {
				vals[i] = uint64(v)
			}
		}
		top.k++
		if err := l.expect(','); err != nil {
			return err
		}
	}
	return nil
}

// finishTraces checks the trace data against the strings and maps each
// heap node's trace node id to its index in TraceNodes.
func (p *parser) finishTraces() error {
	s := p.s
	n := uint32(len(s.strEnd))
	for i, fn := range s.TraceFunctions {
		if fn.Name >= n || fn.ScriptName >= n {
			return fmt.Errorf("corrupt snapshot: trace function %d names string %d or %d of %d", i, fn.Name, fn.ScriptName, n)
		}
	}
	t := &s.TraceNodes
	for i, fi := range t.Function {
		if int(fi) >= len(s.TraceFunctions) {
			return fmt.Errorf("corrupt snapshot: trace node %d names function %d of %d", t.ID[i], fi, len(s.TraceFunctions))
		}
	}
	if s.NodeTrace == nil {
		return nil
	}
	if t.Len() == 0 {
		s.NodeTrace = nil
		return nil
	}
	byID := make(map[uint32]uint32, t.Len())
	for i, id := range t.ID {
		byID[id] = uint32(i) + 1
	}
	// An id the tree lacks (0 is "no trace") maps to none.
	for i, id := range s.NodeTrace {
		s.NodeTrace[i] = byID[id]
	}
	return nil
}
