// Package snapshot reads V8 heap snapshots (.heapsnapshot files written by
// Node's v8.writeHeapSnapshot, --heapsnapshot-signal, the inspector, or
// Chromium's DevTools) into compact column arrays.
//
// The file is streamed: its JSON text is never held in memory. Nodes and
// edges are decoded straight into typed slices laid out by the file's own
// snapshot.meta (field order differs between V8 versions: Node 20 adds
// "detachedness", older ones lack it), so a snapshot costs roughly 30 bytes
// per node and 9 per edge plus its strings, a fraction of the file size and
// far less than loading it into a JavaScript heap.
package snapshot

import (
	"fmt"
	"strings"
)

// Snapshot is one heap snapshot. Node i's edges are
// EdgeType[FirstEdge[i]:FirstEdge[i+1]] (and the same range of EdgeName,
// EdgeTo). Node 0 is the synthetic root.
type Snapshot struct {
	// NodeTypes and EdgeTypes name the values of NodeType and EdgeType, as
	// the file's meta lists them.
	NodeTypes []string
	EdgeTypes []string

	NodeType []uint8
	NodeName []uint32 // index into the strings
	NodeID   []uint64 // stable across snapshots of one process
	SelfSize []uint64
	// Detachedness is 2 for DOM nodes V8 knows are detached, 1 attached,
	// 0 unknown; nil when the file has no such field.
	Detachedness []uint8
	FirstEdge    []uint32 // len = node count + 1

	EdgeType []uint8
	// EdgeName is a string index for named edges, an element index for
	// "element" and "hidden" edges.
	EdgeName []uint32
	EdgeTo   []uint32 // node index (not the file's field offset)

	strData []byte
	strEnd  []uint64 // strEnd[i] is the end of string i in strData

	// Locations are the source positions of closures (and a few other
	// objects): script id, 0-based line and column.
	Locations []Location

	// Allocation traces, present when the program ran with allocation
	// tracking (node --track-heap-objects): the stacks' functions, the call
	// tree, and the timeline samples. NodeTrace is per node: its trace
	// node's index in TraceNodes plus one, 0 for none; nil without traces.
	// Use AllocationTrace to read it.
	TraceFunctions []TraceFunction
	TraceNodes     TraceTree
	Samples        []Sample
	NodeTrace      []uint32

	// Skipped lists what was left out to stay within the memory budget,
	// for the user to see.
	Skipped []string

	// Typed indexes into NodeTypes/EdgeTypes, -1 when the meta lacks them.
	TypeHidden, TypeObject, TypeClosure, TypeNative, TypeCode, TypeSynthetic, TypeString,
	TypeArray, TypeConsString, TypeSlicedString, TypeNumber, TypeRegexp, TypeSymbol, TypeBigint,
	TypeObjectShape int
	EdgeContext, EdgeElement, EdgeProperty, EdgeInternal, EdgeHidden, EdgeShortcut, EdgeWeak int
}

// Location is where a closure's function starts.
type Location struct {
	Node     uint32
	ScriptID uint32
	Line     uint32 // 0-based
	Column   uint32 // 0-based
}

// NodeCount is the number of nodes.
func (s *Snapshot) NodeCount() int { return len(s.NodeType) }

// EdgeCount is the number of edges.
func (s *Snapshot) EdgeCount() int { return len(s.EdgeType) }

// StringCount is the number of strings in the string table.
func (s *Snapshot) StringCount() int { return len(s.strEnd) }

// String returns string i of the string table ("" when out of range).
func (s *Snapshot) String(i uint32) string {
	if int(i) >= len(s.strEnd) {
		return ""
	}
	start := uint64(0)
	if i > 0 {
		start = s.strEnd[i-1]
	}
	return string(s.strData[start:s.strEnd[i]])
}

// Name is node i's name.
func (s *Snapshot) Name(i int) string { return s.String(s.NodeName[i]) }

// TypeName is node i's type ("object", "closure", ...).
func (s *Snapshot) TypeName(i int) string { return s.NodeTypes[s.NodeType[i]] }

// EdgeTypeName is edge e's type ("property", "weak", ...).
func (s *Snapshot) EdgeTypeName(e int) string { return s.EdgeTypes[s.EdgeType[e]] }

// EdgeLabel is how edge e is written on a retainer path: a property or
// variable name, or an [index].
func (s *Snapshot) EdgeLabel(e int) string {
	t := int(s.EdgeType[e])
	if t == s.EdgeElement || t == s.EdgeHidden {
		return fmt.Sprintf("[%d]", s.EdgeName[e])
	}
	return s.String(s.EdgeName[e])
}

// IsWeak reports whether edge e does not keep its target alive.
func (s *Snapshot) IsWeak(e int) bool { return int(s.EdgeType[e]) == s.EdgeWeak }

// Describe is a short label for node i, for paths and messages.
func (s *Snapshot) Describe(i int) string {
	name := s.Name(i)
	if len(name) > 60 {
		name = name[:57] + "..."
	}
	name = strings.ReplaceAll(name, "\n", " ")
	switch int(s.NodeType[i]) {
	case s.TypeClosure:
		if name == "" {
			name = "(anonymous)"
		}
		return name + "()"
	case s.TypeString, s.TypeConsString, s.TypeSlicedString:
		return fmt.Sprintf("%q", name)
	}
	if name == "" {
		return "(" + s.TypeName(i) + ")"
	}
	return name
}

func (s *Snapshot) indexTypes() {
	find := func(list []string, name string) int {
		for i, n := range list {
			if n == name {
				return i
			}
		}
		return -1
	}
	nt, et := s.NodeTypes, s.EdgeTypes
	s.TypeHidden, s.TypeObject, s.TypeClosure = find(nt, "hidden"), find(nt, "object"), find(nt, "closure")
	s.TypeNative, s.TypeCode, s.TypeSynthetic = find(nt, "native"), find(nt, "code"), find(nt, "synthetic")
	s.TypeString, s.TypeArray = find(nt, "string"), find(nt, "array")
	s.TypeConsString, s.TypeSlicedString = find(nt, "concatenated string"), find(nt, "sliced string")
	s.TypeNumber, s.TypeRegexp, s.TypeSymbol = find(nt, "number"), find(nt, "regexp"), find(nt, "symbol")
	s.TypeBigint, s.TypeObjectShape = find(nt, "bigint"), find(nt, "object shape")
	s.EdgeContext, s.EdgeElement, s.EdgeProperty = find(et, "context"), find(et, "element"), find(et, "property")
	s.EdgeInternal, s.EdgeHidden, s.EdgeShortcut, s.EdgeWeak = find(et, "internal"), find(et, "hidden"), find(et, "shortcut"), find(et, "weak")
}

// ScriptNames maps script ids to script names (file paths or URLs).
//
// A snapshot file carries no script table. What it does carry: each
// location names a closure; the closure's "shared" edge leads to its
// SharedFunctionInfo, whose "script_or_debug_info" (older V8: "script")
// edge leads to the Script, a "code" node named by the script's name. So
// one reachable closure per script is enough to name all its locations.
func (s *Snapshot) ScriptNames() map[uint32]string {
	names := make(map[uint32]string)
	for _, loc := range s.Locations {
		if _, ok := names[loc.ScriptID]; ok {
			continue
		}
		if n := s.scriptOf(int(loc.Node)); n != "" {
			names[loc.ScriptID] = n
		}
	}
	return names
}

func (s *Snapshot) scriptOf(node int) string {
	shared := s.Child(node, "shared")
	if shared < 0 {
		return ""
	}
	script := s.Child(shared, "script_or_debug_info")
	if script < 0 {
		script = s.Child(shared, "script")
	}
	if script < 0 {
		return ""
	}
	if int(s.NodeType[script]) == s.TypeCode {
		return s.Name(script)
	}
	// A debug info object sits between the function and its script when
	// the debugger is attached.
	if inner := s.Child(script, "script"); inner >= 0 {
		return s.Name(inner)
	}
	return ""
}

// Child returns the target of node's first edge named name, or -1.
func (s *Snapshot) Child(node int, name string) int {
	for e := s.FirstEdge[node]; e < s.FirstEdge[node+1]; e++ {
		t := int(s.EdgeType[e])
		if t == s.EdgeElement || t == s.EdgeHidden {
			continue
		}
		if s.String(s.EdgeName[e]) == name {
			return int(s.EdgeTo[e])
		}
	}
	return -1
}

// StringBytes returns string i without copying; it must not be modified.
func (s *Snapshot) StringBytes(i uint32) []byte {
	if int(i) >= len(s.strEnd) {
		return nil
	}
	start := uint64(0)
	if i > 0 {
		start = s.strEnd[i-1]
	}
	return s.strData[start:s.strEnd[i]]
}

// NewForTest completes a snapshot built in memory (by tests of the
// analyses): it gets one empty string and its type indexes.
func NewForTest(s *Snapshot) *Snapshot {
	s.strData, s.strEnd = nil, []uint64{0}
	s.indexTypes()
	return s
}
