package listeners

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// indexProbe collects a file's listener calls so the test can compare the
// index with the pairwise comparisons it stands in for.
type indexProbe struct {
	p     *analyzer.Pass
	calls []call
	check func(p *analyzer.Pass, calls []call)
}

func (v *indexProbe) Visit(n syntax.Node) {
	if c, ok := parseAdd(v.p, n); ok {
		v.calls = append(v.calls, c)
	} else if c, ok := parseRemove(v.p, n); ok {
		v.calls = append(v.calls, c)
	}
}

func (v *indexProbe) Finish() { v.check(v.p, v.calls) }

// The index may leave out only calls that no pairing would accept: for
// every two calls of one style whose events sameCallEvent finds equal, or
// where either has no event (off() / removeAllListeners()), pairable must
// offer the other; and it must offer calls in source order.
func TestPairableKeepsEveryPossiblePair(t *testing.T) {
	src := `const EV = "resize";
const ns = { CLOSE: "close" };
export class Widget {
  attach(el, name) {
    window.addEventListener("resize", this.a);
    window.addEventListener('resize', this.b, true);
    window.addEventListener(` + "`resize`" + `, this.c);
    window.addEventListener(EV, this.d);
    window.addEventListener("scroll", this.e);
    el.addEventListener(name, this.f);
    el.addEventListener("on" + name, this.g);
    this.bus.on("resize", this.h);
    this.bus.on(ns.CLOSE, this.i);
    this.bus.on("close", this.j);
    this.vm.$on("resize", this.k);
  }
  detach(el, name) {
    window.removeEventListener("resize", this.a);
    window.removeEventListener("scroll", this.e);
    window.removeEventListener(EV, this.d);
    el.removeEventListener(name, this.f);
    this.bus.off("close", this.j);
    this.bus.off(ns.CLOSE);
    this.bus.off();
    this.bus.removeAllListeners();
    this.vm.$off("resize", this.k);
    this.vm.$off();
  }
}
`
	var checked bool
	rule := &analyzer.Rule{ID: "index-probe", Severity: analyzer.SeverityWarning, Kinds: []string{"call_expression"}, Needles: RemovalMismatch.Needles, New: func(p *analyzer.Pass) analyzer.Visitor {
		return &indexProbe{p: p, check: func(p *analyzer.Pass, calls []call) {
			checked = true
			if len(calls) < 20 {
				t.Fatalf("parsed %d listener calls, want 20", len(calls))
			}
			x := indexCalls(calls)
			for _, c := range calls {
				offered := map[int]bool{}
				last := -1
				for d := range x.pairable(c) {
					if d.style != c.style {
						t.Errorf("pairable(%s) offers %s, another style", c.node.Text(), d.node.Text())
					}
					if d.node.Start() <= last {
						t.Errorf("pairable(%s) is out of source order at %s", c.node.Text(), d.node.Text())
					}
					last = d.node.Start()
					offered[d.node.Index()] = true
				}
				for _, d := range calls {
					may := d.style == c.style && (sameCallEvent(p, c, d) || sameCallEvent(p, d, c) || !c.event.Valid() || !d.event.Valid())
					if may && !offered[d.node.Index()] {
						t.Errorf("pairable(%s) leaves out %s", c.node.Text(), d.node.Text())
					}
				}
				// The point of the index: a string event does not meet
				// another string event.
				if c.eventIsText {
					for _, d := range calls {
						if d.eventIsText && d.eventName != c.eventName && offered[d.node.Index()] {
							t.Errorf("pairable(%s) offers %s, another event", c.node.Text(), d.node.Text())
						}
					}
				}
			}
		}}
	}}
	res := analysistest.Analyze(t, rule, "widget.js", src)
	if !checked {
		t.Fatalf("the probe never finished: %+v", res)
	}
}
