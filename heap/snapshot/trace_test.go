package snapshot

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	tracedOnce   sync.Once
	tracedData   []byte
	tracedScript string
	tracedErr    error
)

// tracedProgram allocates Widgets in makeWidgets (line 4, column 21 is its
// opening parenthesis, where V8 places the function).
const tracedProgram = `const v8 = require('v8');
class Widget { constructor(i) { this.i = i; } }
globalThis.kept = [];
function makeWidgets(n) {
  for (let i = 0; i < n; i++) globalThis.kept.push(new Widget(i));
}
makeWidgets(50);
globalThis.gc();
v8.writeHeapSnapshot(process.argv[2]);
`

// tracedSnapshot is a snapshot Node writes with allocation tracking on,
// once per test binary; it returns the snapshot and the script's path.
func tracedSnapshot(t testing.TB) ([]byte, string) {
	t.Helper()
	tracedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "leakwatch-traced")
		if err != nil {
			tracedErr = err
			return
		}
		defer os.RemoveAll(dir)
		script := filepath.Join(dir, "widgets.js")
		tracedScript = script
		if tracedErr = os.WriteFile(script, []byte(tracedProgram), 0o644); tracedErr != nil {
			return
		}
		path := filepath.Join(dir, "s.heapsnapshot")
		out, err := exec.Command("node", "--track-heap-objects", "--expose-gc", script, path).CombinedOutput()
		if err != nil {
			tracedErr = errors.New(string(out) + err.Error())
			return
		}
		tracedData, tracedErr = os.ReadFile(path)
	})
	if tracedErr != nil {
		t.Fatalf("writing a traced snapshot with node: %v", tracedErr)
	}
	return tracedData, tracedScript
}

func TestReadAllocationTraces(t *testing.T) {
	data, script := tracedSnapshot(t)
	s, err := Read(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Skipped) != 0 {
		t.Errorf("skipped %q, want nothing", s.Skipped)
	}
	// The function table names makeWidgets with its script and position.
	fn := -1
	for i, f := range s.TraceFunctions {
		if s.String(f.Name) == "makeWidgets" {
			fn = i
		}
	}
	if fn < 0 {
		t.Fatalf("no trace function makeWidgets among %d", len(s.TraceFunctions))
	}
	f := s.TraceFunctions[fn]
	if got := s.String(f.ScriptName); got != script || f.Line != 4 || f.Column != 21 {
		t.Errorf("makeWidgets at %s:%d:%d, want %s:4:21", got, f.Line, f.Column, script)
	}
	// Every trace node but the roots has a parent that comes before it.
	tr := &s.TraceNodes
	if tr.Len() < 2 || tr.Parent[0] != -1 {
		t.Fatalf("trace tree of %d nodes, first parent %v", tr.Len(), tr.Parent)
	}
	for i, p := range tr.Parent {
		if int(p) >= i {
			t.Fatalf("trace node %d has parent %d", i, p)
		}
	}
	// Each Widget maps to a trace node whose function is makeWidgets,
	// called (somewhere up the stack) from the root.
	widgets := 0
	for i := 0; i < s.NodeCount(); i++ {
		if int(s.NodeType[i]) != s.TypeObject || s.Name(i) != "Widget" {
			continue
		}
		widgets++
		tn := s.AllocationTrace(i)
		if tn < 0 {
			t.Fatalf("Widget node %d has no allocation trace", i)
		}
		if int(tr.Function[tn]) != fn {
			t.Fatalf("Widget allocated in %q, want makeWidgets", s.String(s.TraceFunctionOf(tn).Name))
		}
		if tr.Count[tn] < 50 || tr.Parent[tn] < 0 {
			t.Errorf("makeWidgets' trace node counts %d allocations, parent %d", tr.Count[tn], tr.Parent[tn])
		}
	}
	if widgets != 50 {
		t.Errorf("found %d Widgets, want 50", widgets)
	}
}

func TestTraceBudget(t *testing.T) {
	data, _ := tracedSnapshot(t)
	full, err := Read(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Room for the graph (with its trace node ids) but not for the trace
	// tree: the traces are dropped whole, with a note, and the rest reads.
	graph := int64(full.NodeCount())*(bytesPerNode+bytesPerNodeTrace) + int64(full.EdgeCount())*bytesPerEdge
	s, err := Read(bytes.NewReader(data), Options{MaxMemory: graph + 1000})
	if err != nil {
		t.Fatal(err)
	}
	if s.NodeCount() != full.NodeCount() || s.TraceNodes.Len() != 0 || s.TraceFunctions != nil || s.NodeTrace != nil || s.AllocationTrace(1) != -1 {
		t.Fatalf("traces kept over budget: %d trace nodes", s.TraceNodes.Len())
	}
	if !strings.Contains(strings.Join(s.Skipped, ";"), "allocation trace data") {
		t.Errorf("skipped = %q, want a note about the traces", s.Skipped)
	}
}

func TestCorruptTraces(t *testing.T) {
	meta := `{"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count","trace_node_id"],"node_types":[["hidden","object"]],"edge_fields":["type","name_or_index","to_node"],"edge_types":[["property","weak"]],` +
		`"trace_function_info_fields":["function_id","name","script_name","script_id","line","column"],"trace_node_fields":["id","function_info_index","count","size","children"],"sample_fields":["timestamp_us","last_assigned_id"]},"node_count":2,"edge_count":0},` +
		`"nodes":[0,0,1,0,0,0,1,1,3,8,0,2],"edges":[],`
	fns := `"trace_function_infos":[0,0,1,0,0,0,7,1,2,3,4,5],`
	cases := []struct{ body, want string }{
		{fns + `"trace_tree":[1,0,1,8,[2,9,1,8,[]]],"strings":["a","b","c"]}`, "trace node 2 names function 9 of 2"},
		{`"trace_function_infos":[0,0,1,0,0,0,7,8,2,3,4,5],"trace_tree":[],"strings":["a","b","c"]}`, "names string 8 or 2 of 3"},
		{fns + `"trace_tree":[1,0,1,8,9],"strings":[]}`, "expected the trace node's children array"},
		{fns + `"trace_tree":[1,0,1,[]],"strings":[]}`, "expected a number"},
		{fns + `"trace_tree":[1,0,1,8,[],],"strings":[]}`, "expected a trace node after ','"},
		{fns + `"trace_tree":[1,0,-1,8,[]],"strings":[]}`, "out of range"},
		{fns + `"trace_tree":[1,0,1,8,[2,1,1`, "file ends"},
		{`"trace_function_infos":[0,0,1,0,0],"strings":[]}`, "ends in the middle of a record"},
	}
	for _, c := range cases {
		_, err := Read(strings.NewReader(meta+c.body), Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.body, err, c.want)
		}
	}
	// The well-formed version reads, and node 1 maps to trace node 2 (in
	// function 1, "b" in "c" at 4:5); node 0's id 0 maps to none.
	s, err := Read(strings.NewReader(meta+fns+`"trace_tree":[1,0,1,8,[2,1,1,8,[]]],"samples":[10,3],"strings":["a","b","c"]}`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tn := s.AllocationTrace(1)
	if s.AllocationTrace(0) != -1 || tn != 1 || s.TraceNodes.Parent[tn] != 0 {
		t.Fatalf("node traces %v, parents %v", s.NodeTrace, s.TraceNodes.Parent)
	}
	if f := s.TraceFunctionOf(tn); s.String(f.Name) != "b" || s.String(f.ScriptName) != "c" || f.Line != 4 || f.Column != 5 {
		t.Errorf("trace function %+v", f)
	}
	if len(s.Samples) != 1 || s.Samples[0] != (Sample{10, 3}) {
		t.Errorf("samples %v", s.Samples)
	}
}
