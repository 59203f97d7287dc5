package lifecycle_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

func TestHelperOwner(t *testing.T) {
	cases := []struct {
		name, src string
		owned     bool
	}{
		{"declared helper called from one effect",
			"function C() {\n  function tick() { reg(); tick(); }\n  useEffect(() => { tick(); }, []);\n}", true},
		{"const arrow helper",
			"function C() {\n  const start = () => { reg(); };\n  useEffect(() => { start(); }, []);\n}", true},
		{"through the helper's own callback",
			"function C() {\n  function poll() { load().then(() => reg()); }\n  useEffect(() => { poll(); }, []);\n}", true},
		{"also a click handler",
			"function C() {\n  function tick() { reg(); }\n  useEffect(() => { tick(); }, []);\n  return <b onClick={tick} />;\n}", false},
		{"also called from render",
			"function C() {\n  function tick() { reg(); }\n  useEffect(() => { tick(); }, []);\n  tick();\n}", false},
		{"called from two effects",
			"function C() {\n  function tick() { reg(); }\n  useEffect(() => { tick(); }, []);\n  useEffect(() => { tick(); }, [x]);\n}", false},
		{"module-level helper",
			"function tick() { reg(); }\nfunction C() {\n  useEffect(() => { tick(); }, []);\n}", false},
		{"never called from an owner",
			"function C() {\n  function tick() { reg(); }\n  return tick;\n}", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, m, call := ownerAt(t, syntax.TSX, c.src, "reg", lifecycle.Config{})
			if o != nil {
				t.Fatalf("OwnerOf found %v already; the case does not test HelperOwner", o.Kind)
			}
			h := m.HelperOwner(call)
			if got := h != nil; got != c.owned {
				t.Fatalf("HelperOwner = %v, want owned %v", h, c.owned)
			}
			if h != nil && h.Kind != lifecycle.ReactEffect {
				t.Errorf("kind = %v, want the effect", h.Kind)
			}
		})
	}
}
