package analysis

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/leakwatch/leakwatch/heap/snapshot"
	"github.com/leakwatch/leakwatch/internal/nodeapp"
)

func diffFiles(t *testing.T, paths []string) *Report {
	t.Helper()
	rep, err := Compare(paths, snapshot.Options{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

const requestsPerRound = 30

// TestLeakyAndFixedPrograms runs each leak program and its fixed twin,
// takes three snapshots around two rounds of requests, and checks that
// the leak is found where the program creates it and that the twin shows
// nothing.
func TestLeakyAndFixedPrograms(t *testing.T) {
	cases := []struct {
		app        string
		kind, name string
		line       int    // where the leaking objects are created or held
		holder     string // a holder kind on the retainer path
		minRetain  uint64
	}{
		{"listener", KindClosure, "onReload", 12, "listener", 0},
		{"cache", KindObject, "RenderedPage", 12, "collection", requestsPerRound * 2048},
		{"interval", KindObject, "Timeout", 13, "timer", 0},
		{"closure", KindObject, "Object", 14, "", requestsPerRound * 32 * 1024},
		{"subscription", KindClosure, "onState", 19, "subscription", 0},
	}
	for _, c := range cases {
		t.Run(c.app+"-leaky", func(t *testing.T) {
			t.Parallel()
			rep := diffFiles(t, nodeapp.Scenario(t, c.app+"-leaky", requestsPerRound))
			if rep.Method != "three-snapshot" {
				t.Errorf("method %q", rep.Method)
			}
			i := slices.IndexFunc(rep.Groups, func(g Group) bool { return g.Kind == c.kind && g.Name == c.name })
			if i < 0 {
				t.Fatalf("no %s group %q in %+v", c.kind, c.name, rep.Groups)
			}
			g := rep.Groups[i]
			if i != 0 {
				t.Errorf("the leak is group %d, not the first: %+v", i, rep.Groups[0])
			}
			// One per request of the first round. The interval program
			// leaks one per connection, and the harness's control requests
			// (snapshot, round markers) open connections too: up to three
			// more under load, when the client cannot reuse its sockets.
			if g.Leaked < requestsPerRound || g.Leaked > requestsPerRound+3 {
				t.Errorf("leaked %d objects, want one per request of the first round (%d)", g.Leaked, requestsPerRound)
			}
			if n := len(g.Counts); n != 3 || g.Counts[1]-g.Counts[0] < requestsPerRound || g.Counts[2]-g.Counts[1] < requestsPerRound {
				t.Errorf("counts %v should grow by at least %d per round", g.Counts, requestsPerRound)
			}
			if filepath.Base(g.Site.Script) != c.app+"-leaky.js" || g.Site.Line != c.line {
				t.Errorf("site %s (%s), want %s-leaky.js:%d", g.Site, g.SiteReason, c.app, c.line)
			}
			if g.Retained < c.minRetain {
				t.Errorf("retained %d, want at least %d", g.Retained, c.minRetain)
			}
			if len(g.Path) == 0 {
				t.Fatal("no retainer path")
			}
			if c.holder != "" && !slices.ContainsFunc(g.Holders, func(h Holder) bool { return h.Kind == c.holder }) {
				t.Errorf("no %s holder in %+v", c.holder, g.Holders)
			}
		})
		t.Run(c.app+"-fixed", func(t *testing.T) {
			t.Parallel()
			rep := diffFiles(t, nodeapp.Scenario(t, c.app+"-fixed", requestsPerRound))
			for _, g := range rep.Groups {
				t.Errorf("fixed program reports %s %q: counts %v, site %s", g.Kind, g.Name, g.Counts, g.Site)
			}
		})
	}
}
