package listeners

import (
	"iter"
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
// offer the other; and it must offer calls in source order. The same holds
// for the keyed queries, matchable and sameHandler, checked below.
func TestPairableKeepsEveryPossiblePair(t *testing.T) {
	src := `import * as events from "./utils/events.js";
const EV = "resize";
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
  // Keyed targets and handlers: same handler on other targets, bound
  // handlers, jQuery-wrapped and keyless targets, inline handlers.
  more(el) {
    document.addEventListener("resize", this.a);
    $(window).on("resize", this.a);
    window.addEventListener("keydown", this.onKey.bind(this));
    window.addEventListener("keydown", this.onKey);
    getPanel().addEventListener("click", this.a);
    getPanel( ).removeEventListener("click", this.a);
    el.addEventListener("click", () => this.a());
    el.removeEventListener("click", () => this.a());
    el.removeEventListener("click", ()=>this.a());
    window.removeEventListener("keydown", this.onKey);
    $(window).off("resize", this.a);
    $(window).off("resize");
    window.off("resize", this.a);
    this.bus.on(ns.CLOSE, this.j);
    this.bus.off(ns.CLOSE, this.i);
    // MediaQueryList's legacy pair, whose event is not written, and an
    // event helper module's on(target, type, fn).
    this.mql.addListener(this.a);
    this.mql.removeListener(this.a);
    this.mql.removeListener(this.onKey);
    events.on(window, "resize", this.a);
    events.off(window, "resize", this.a);
    events.off(window, "scroll", this.a);
  }
}
`
	var checked bool
	rule := &analyzer.Rule{ID: "index-probe", Severity: analyzer.SeverityWarning, Kinds: []string{"call_expression"}, Needles: RemovalMismatch.Needles, New: func(p *analyzer.Pass) analyzer.Visitor {
		return &indexProbe{p: p, check: func(p *analyzer.Pass, calls []call) {
			checked = true
			if len(calls) < 41 {
				t.Fatalf("parsed %d listener calls, want 41", len(calls))
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
					// A MediaQueryList call writes no event but names one
					// ("change"); only calls without any may meet every event.
					noEvent := func(x call) bool { return !x.event.Valid() && !x.eventIsText }
					may := d.style == c.style && (sameCallEvent(p, c, d) || sameCallEvent(p, d, c) || noEvent(c) || noEvent(d))
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
				checkMatchable(t, p, x, c, calls)
				checkSameHandler(t, p, x, c, calls)
			}
		}}
	}}
	res := analysistest.Analyze(t, rule, "widget.js", src)
	if !checked {
		t.Fatalf("the probe never finished: %+v", res)
	}
}

// offered runs one of the index's queries, checking that it keeps to c's
// style and source order, and returns the calls it offered by node.
func offered(t *testing.T, query string, c call, seq iter.Seq[call]) map[int]bool {
	t.Helper()
	got := map[int]bool{}
	last := -1
	for d := range seq {
		if d.style != c.style {
			t.Errorf("%s(%s) offers %s, another style", query, c.node.Text(), d.node.Text())
		}
		if d.node.Start() <= last {
			t.Errorf("%s(%s) is out of source order at %s", query, c.node.Text(), d.node.Text())
		}
		last = d.node.Start()
		got[d.node.Index()] = true
	}
	return got
}

// matchable must offer every call that matches accepts with c, either way
// round, and (its point) nothing on another target, nor of another handler
// unless one of the two is a wildcard.
func checkMatchable(t *testing.T, p *analyzer.Pass, x *callIndex, c call, calls []call) {
	t.Helper()
	got := offered(t, "matchable", c, x.matchable(p, c))
	for _, d := range calls {
		if (matches(p, c, d) || matches(p, d, c)) && !got[d.node.Index()] {
			t.Errorf("matchable(%s) leaves out %s", c.node.Text(), d.node.Text())
		}
		if !got[d.node.Index()] {
			continue
		}
		if !sameTarget(p, c.target, d.target) {
			t.Errorf("matchable(%s) offers %s, on another target", c.node.Text(), d.node.Text())
		}
		if !wildcard(c) && !wildcard(d) && !sameExpr(p, c.handler, d.handler) {
			t.Errorf("matchable(%s) offers %s, of another handler", c.node.Text(), d.node.Text())
		}
	}
}

// sameHandler must offer exactly the calls of c's style whose handler, or
// the function it binds, is sameExpr to c's handler.
func checkSameHandler(t *testing.T, p *analyzer.Pass, x *callIndex, c call, calls []call) {
	t.Helper()
	got := offered(t, "sameHandler", c, x.sameHandler(p, c))
	for _, d := range calls {
		from := boundFrom(d.handler)
		want := d.style == c.style && (sameExpr(p, d.handler, c.handler) || from.Valid() && sameExpr(p, from, c.handler))
		if want != got[d.node.Index()] {
			t.Errorf("sameHandler(%s) offers %s: %v, want %v", c.node.Text(), d.node.Text(), got[d.node.Index()], want)
		}
	}
}
