package snapshot

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	realOnce sync.Once
	realData []byte
	realErr  error
)

// realSnapshot is a snapshot Node writes of a tiny program, once per test
// binary.
func realSnapshot(t testing.TB) []byte {
	t.Helper()
	realOnce.Do(func() {
		dir, err := os.MkdirTemp("", "leakwatch-snapshot")
		if err != nil {
			realErr = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "s.heapsnapshot")
		script := `const v8 = require('v8');
globalThis.kept = Array.from({length: 50}, (_, i) => ({ label: 'quote " back \\ slash \u00e9 ' + i }));
function makeHandler(n) { return function handler() { return n; }; }
globalThis.handlers = [makeHandler(1), makeHandler(2)];
v8.writeHeapSnapshot(process.argv[1]);`
		out, err := exec.Command("node", "-e", script, path).CombinedOutput()
		if err != nil {
			realErr = errors.New(string(out) + err.Error())
			return
		}
		realData, realErr = os.ReadFile(path)
	})
	if realErr != nil {
		t.Fatalf("writing a snapshot with node: %v", realErr)
	}
	return realData
}

func TestReadRealSnapshot(t *testing.T) {
	data := realSnapshot(t)
	s, err := Read(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.NodeCount() < 1000 || s.EdgeCount() < s.NodeCount() {
		t.Fatalf("implausible counts: %d nodes, %d edges", s.NodeCount(), s.EdgeCount())
	}
	if s.Detachedness == nil {
		t.Error("Node 20 snapshots have a detachedness field; it was not read")
	}
	// Strings with escapes decode to what the program wrote.
	found := false
	for i := 0; i < s.StringCount(); i++ {
		if s.String(uint32(i)) == "quote \" back \\ slash \u00e9 " {
			found = true
		}
	}
	if !found {
		t.Error("the escaped string written by the program was not decoded")
	}
	// Closures carry locations, and their script is named.
	names := s.ScriptNames()
	var handlers int
	for _, l := range s.Locations {
		if int(s.NodeType[l.Node]) == s.TypeClosure && s.Name(int(l.Node)) == "handler" {
			handlers++
			if names[l.ScriptID] != "[eval]" || l.Line != 2 {
				t.Errorf("handler at script %q line %d, want [eval] line 2 (0-based)", names[l.ScriptID], l.Line)
			}
		}
	}
	if handlers != 2 {
		t.Errorf("found %d handler closures with locations, want 2", handlers)
	}
	// The same bytes gzip-compressed read the same.
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(data)
	zw.Close()
	s2, err := Read(&z, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s2.NodeCount() != s.NodeCount() || s2.EdgeCount() != s.EdgeCount() {
		t.Error("gzip copy reads differently")
	}
}

func TestBadInput(t *testing.T) {
	data := realSnapshot(t)
	nodesAt := bytes.Index(data, []byte(`"nodes":[`))
	cases := []struct {
		name  string
		input []byte
		want  string
	}{
		{"empty", nil, "not a V8 heap snapshot: the file is empty"},
		{"text", []byte("hello"), "not a V8 heap snapshot: it does not start with a JSON object"},
		{"other json", []byte(`{"name": "package", "version": "1.0.0"}`), `it has no "snapshot" field`},
		{"json array", []byte(`[1,2,3]`), "does not start with a JSON object"},
		{"truncated in nodes", data[:nodesAt+100], `(in "nodes"): file ends in the middle of the snapshot`},
		{"truncated in strings", data[:len(data)-50], `(in "strings"): file ends in the middle`},
		{"no meta", []byte(`{"snapshot":{"node_count":0},"nodes":[]}`), "lacks node_fields"},
		{"nodes first", []byte(`{"nodes":[1,2]}`), `"nodes" comes before "snapshot"`},
		{"garbage in nodes", append(append([]byte(nil), data[:nodesAt+9]...), []byte("x,1]")...), `expected a non-negative integer, found 'x'`},
		{"negative number", append(append([]byte(nil), data[:nodesAt+9]...), []byte("-1]")...), `expected a non-negative integer`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(c.input), Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestCorruptReferences(t *testing.T) {
	meta := `{"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count"],"node_types":[["hidden","object"]],"edge_fields":["type","name_or_index","to_node"],"edge_types":[["property","weak"]]},"node_count":2,"edge_count":1},`
	cases := []struct{ body, want string }{
		{`"nodes":[1,0,1,0,1,1,1,3,8,0],"edges":[0,1,7],"strings":["a","b"]}`, "edge points to node offset 7, which is not a node"},
		{`"nodes":[1,0,1,0,1,1,1,3,8,0],"edges":[0,1,10],"strings":["a","b"]}`, "edge points to node offset 10"},
		{`"nodes":[1,0,1,0,2,1,1,3,8,0],"edges":[0,1,5],"strings":["a","b"]}`, "edge counts add up to 2 but \"edges\" holds 1"},
		{`"nodes":[1,0,1,0,1,1,9,3,8,0],"edges":[0,1,5],"strings":["a","b"]}`, "names string 9 of 2"},
		{`"nodes":[7,0,1,0,1,1,1,3,8,0],"edges":[0,1,5],"strings":["a","b"]}`, "node type 7 is not in the meta's 2 types"},
		{`"nodes":[1,0,1,0,1,1,1,3,8],"edges":[0,1,5],"strings":["a","b"]}`, "not a multiple of the 5 node fields"},
		{`"nodes":[1,0,1,0,1],"edges":[0,1,0],"strings":["a","b"]}`, "holds 1 nodes but the meta says 2"},
		{`"nodes":[1,0,1,0,1,1,1,3,8,0],"edges":[0,1,5],"strings":["a\q"]}`, "invalid escape"},
	}
	for _, c := range cases {
		_, err := Read(strings.NewReader(meta+c.body), Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.body, err, c.want)
		}
	}
	// The well-formed version reads.
	s, err := Read(strings.NewReader(meta+`"nodes":[1,0,1,0,1,1,1,3,8,0],"edges":[0,1,5],"strings":["a","b"]}`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.EdgeTo[0] != 1 || s.Name(1) != "b" || s.SelfSize[1] != 8 {
		t.Errorf("decoded wrongly: %+v", s)
	}
}

func TestStringEscapes(t *testing.T) {
	for in, want := range map[string]string{
		`"plain"`:         "plain",
		`"a\"b"`:          `a"b`,
		`"\u00e9\u00E9"`:  "\u00e9\u00e9",
		`"\ud83d\ude00!"`: "\U0001F600!",
		`"\ud83dx"`:       "\uFFFDx",
		`"tab\tnl\n\/\\"`: "tab\tnl\n/\\",
		`"` + strings.Repeat(`ab\\`, 1<<17) + `"`: strings.Repeat(`ab\`, 1<<17),
	} {
		l := &lexer{r: bufio.NewReaderSize(strings.NewReader(in), 16)}
		got, dropped, err := l.str(1 << 30)
		if err != nil || string(got) != want || dropped != 0 {
			t.Errorf("%.40s: got %.40q, %v, dropped %d", in, got, err, dropped)
		}
	}
	l := &lexer{r: bufio.NewReaderSize(strings.NewReader(`"abcdef"`), 16)}
	got, dropped, err := l.str(3)
	if err != nil || string(got) != "abc" || dropped != 3 {
		t.Errorf("limit: %q %d %v", got, dropped, err)
	}
}

func TestMemoryBudget(t *testing.T) {
	data := realSnapshot(t)
	full, err := Read(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Too small for the nodes and edges: an error that says how much.
	_, err = Read(bytes.NewReader(data), Options{MaxMemory: 64 << 10})
	var be *BudgetError
	if !errors.As(err, &be) || be.Nodes != int64(full.NodeCount()) || !strings.Contains(err.Error(), "--max-memory") {
		t.Fatalf("error %v, want a budget error naming %d nodes", err, full.NodeCount())
	}
	// Room for the graph but not all strings: strings are cut, and the
	// snapshot says so.
	graph := int64(full.NodeCount())*bytesPerNode + int64(full.EdgeCount())*bytesPerEdge
	cut, err := Read(bytes.NewReader(data), Options{MaxMemory: graph + 200<<10})
	if err != nil {
		t.Fatal(err)
	}
	if cut.NodeCount() != full.NodeCount() || cut.StringCount() != full.StringCount() {
		t.Fatal("a cut read must keep every node and string")
	}
	if len(cut.Skipped) == 0 || !strings.Contains(strings.Join(cut.Skipped, ";"), "memory budget") {
		t.Fatalf("skipped = %q, want a note about the budget", cut.Skipped)
	}
	if int64(len(cut.strData)) >= int64(len(full.strData)) {
		t.Error("strings were not cut")
	}
}
