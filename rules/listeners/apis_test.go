package listeners_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/listeners"
)

var wantRE = regexp.MustCompile(`// want "([a-z-]+)"`)

// A .leakwatch.json's listenerPairs extends the API table the rule reads:
// the fixture's configured adders are reported when their own undo is
// missing, and another pair's undo does not count.
func TestConfiguredPairsFromConfigFile(t *testing.T) {
	dir := filepath.Join(filepath.Dir(analysistest.FixtureDir(t, "x")), "..", "config", "listener-pairs")
	e := analyzer.NewEngine([]*analyzer.Rule{listeners.NotRemoved})
	cfg, err := analyzer.LoadConfigFile(filepath.Join(dir, analyzer.ConfigFileName), e.RuleIDs())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "router.jsx")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want []int
	for i, line := range strings.Split(string(src), "\n") {
		if m := wantRE.FindStringSubmatch(line); m != nil && m[1] == listeners.NotRemoved.ID {
			want = append(want, i+1)
		}
	}
	if len(want) != 2 {
		t.Fatalf("fixture has %d want lines, expected 2", len(want))
	}
	lines := func(r analyzer.Result) []int {
		var got []int
		for _, d := range r.Diagnostics {
			got = append(got, strings.Count(string(src[:d.Start]), "\n")+1)
		}
		return got
	}
	r := e.Analyze(context.Background(), analyzer.File{Path: path, Src: src, Config: cfg})
	if got := lines(r); len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("reported lines %v, want %v: %+v", got, want, r.Diagnostics)
	}
	// The fix writes the configured undo.
	if len(r.Diagnostics[0].Fixes) == 0 || !strings.Contains(r.Diagnostics[0].Fixes[0].Edits[0].NewText, "router.unlisten(") {
		t.Errorf("fix does not call the configured undo: %+v", r.Diagnostics[0].Fixes)
	}
	// Without the configuration neither name is a listener API.
	if r := e.Analyze(context.Background(), analyzer.File{Path: path, Src: src}); len(r.Diagnostics) != 0 {
		t.Fatalf("unconfigured: %+v", r.Diagnostics)
	}
}
