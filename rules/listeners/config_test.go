package listeners_test

import (
	"context"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/rules/listeners"
)

// owners.listenerPairs teaches the rule a code base's own listener API;
// owners.longLived marks values it cannot see are long-lived.
func TestConfiguredPairsAndLongLivedNames(t *testing.T) {
	cfg, err := analyzer.ParseConfig([]byte(`{"owners": {
		"listenerPairs": {"listen": "unlisten"},
		"longLived": ["getBus"]}}`), ".leakwatch.json", []string{listeners.NotRemoved.ID})
	if err != nil {
		t.Fatal(err)
	}
	src := `import { useEffect } from "react";
export function A({ router, onChange }) {
  useEffect(() => {
    router.listen("change", onChange);
  }, []);
  useEffect(() => {
    router.listen("leave", onChange);
    return () => router.unlisten("leave", onChange);
  }, []);
  useEffect(() => {
    router.listen("enter", onChange);
    return () => router.off("enter", onChange);
  }, []);
}
`
	e := analyzer.NewEngine([]*analyzer.Rule{listeners.NotRemoved})
	r := e.Analyze(context.Background(), analyzer.File{Path: "a.jsx", Src: []byte(src), Config: cfg})
	var lines []int
	for _, d := range r.Diagnostics {
		line := 1
		for _, c := range src[:d.Start] {
			if c == '\n' {
				line++
			}
		}
		lines = append(lines, line)
	}
	// listen without unlisten (line 4) is reported; line 7 is clean; line
	// 11's off() is not listen's pair, which makes it a removal that
	// matches nothing: the mismatch rule's finding, not this one's.
	if len(lines) != 1 || lines[0] != 4 {
		t.Fatalf("reported lines %v, want [4]; %+v", lines, r.Diagnostics)
	}
	// Without the pair, listen is not a listener call at all.
	r = e.Analyze(context.Background(), analyzer.File{Path: "a.jsx", Src: []byte(src)})
	if len(r.Diagnostics) != 0 {
		t.Fatalf("unconfigured listen reported: %+v", r.Diagnostics)
	}
}

func TestLongLivedNames(t *testing.T) {
	src := `export class Panel {
  attach(bus) {
    bus.on("refresh", this.reload);
  }
  dispose() {}
  reload() {}
}
`
	e := analyzer.NewEngine([]*analyzer.Rule{listeners.NotRemoved})
	// A method's parameter in a class may well be the class's own part:
	// silent by default.
	if r := e.Analyze(context.Background(), analyzer.File{Path: "p.js", Src: []byte(src)}); len(r.Diagnostics) != 0 {
		t.Fatalf("reported without config: %+v", r.Diagnostics)
	}
	cfg, err := analyzer.ParseConfig([]byte(`{"owners": {"longLived": ["bus"]}}`), "c", nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := e.Analyze(context.Background(), analyzer.File{Path: "p.js", Src: []byte(src), Config: cfg}); len(r.Diagnostics) != 1 {
		t.Fatalf("configured long-lived bus: %+v", r.Diagnostics)
	}
}
