package analysis

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/heap/snapshot"
)

// FuzzReadAndAnalyze feeds the reader random and mutated snapshots: it
// must return an error or a snapshot the analyses can run on, never
// panic or hang. Seeds are small cuts of real Node snapshots
// (testdata/seeds, made with heap/testdata/shrink.js).
func FuzzReadAndAnalyze(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*.heapsnapshot"))
	if len(seeds) == 0 {
		f.Fatal("no seeds in testdata/seeds")
	}
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Add([]byte(`{"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count"],"node_types":[["hidden","object"]],"edge_fields":["type","name_or_index","to_node"],"edge_types":[["property","weak"]]},"node_count":2,"edge_count":1},"nodes":[1,0,1,0,1,1,1,3,8,0],"edges":[0,1,5],"strings":["a","b"]}`))
	// Allocation traces, which Node writes with --track-heap-objects.
	f.Add([]byte(`{"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count","trace_node_id"],"node_types":[["hidden","object"]],"edge_fields":["type","name_or_index","to_node"],"edge_types":[["property","weak"]],"trace_function_info_fields":["function_id","name","script_name","script_id","line","column"],"trace_node_fields":["id","function_info_index","count","size","children"],"sample_fields":["timestamp_us","last_assigned_id"]},"node_count":2,"edge_count":1},"nodes":[1,0,1,0,1,0,1,1,3,8,0,2],"edges":[0,1,6],"trace_function_infos":[0,0,1,0,0,0,7,1,2,3,4,5],"trace_tree":[1,0,1,8,[2,1,1,8,[]]],"samples":[10,3],"strings":["a","b","c"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := snapshot.Read(bytes.NewReader(data), snapshot.Options{MaxMemory: 64 << 20})
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if len(s.FirstEdge) != s.NodeCount()+1 || int(s.FirstEdge[s.NodeCount()]) != s.EdgeCount() {
			t.Fatalf("inconsistent snapshot: %d nodes, %d edges, first-edge table %d", s.NodeCount(), s.EdgeCount(), len(s.FirstEdge))
		}
		g := Build(s)
		rep, err := Diff([]*Summary{Summarize(s, nil)}, g, Options{MinCount: 1})
		if err == nil && len(rep.Snapshots) != 2 {
			t.Fatal("report lacks snapshot summaries")
		}
	})
}
