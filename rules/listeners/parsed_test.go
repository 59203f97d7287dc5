package listeners

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// parseAdd and parseRemove remember what each call reads as; asked again,
// they must answer what reading it afresh answers.
func TestParsedCallsReadAsAfresh(t *testing.T) {
	src := `import * as events from "./utils/events.js";
import { listen } from "./dom";
export class Widget {
  attach(el) {
    window.addEventListener("resize", this.onResize, { passive: true });
    el.removeEventListener("click", this.onClick);
    this.bus.on("close", () => this.close());
    this.bus.off();
    this.mql.addListener(this.onChange);
    events.on(window, "scroll", this.onScroll);
    listen(el, "focus", this.onFocus);
    console.log("not a listener");
    this.on = 3;
  }
}
`
	var adds, removes int
	rule := &analyzer.Rule{ID: "parsed-probe", Severity: analyzer.SeverityWarning, Kinds: []string{"call_expression", "member_expression"}, Needles: RemovalMismatch.Needles, New: func(p *analyzer.Pass) analyzer.Visitor {
		return analyzer.VisitFunc(func(n syntax.Node) {
			for round := 0; round < 2; round++ {
				got, gotOK := parseAdd(p, n)
				want, wantOK := readAdd(p, n)
				if gotOK != wantOK || gotOK && got != want {
					t.Errorf("round %d: parseAdd(%s) = %v %+v, read afresh %v %+v", round, n.Text(), gotOK, got, wantOK, want)
				}
				if round == 0 && gotOK {
					adds++
				}
				got, gotOK = parseRemove(p, n)
				want, wantOK = readRemove(p, n)
				if gotOK != wantOK || gotOK && got != want {
					t.Errorf("round %d: parseRemove(%s) = %v %+v, read afresh %v %+v", round, n.Text(), gotOK, got, wantOK, want)
				}
				if round == 0 && gotOK {
					removes++
				}
			}
		})
	}}
	analysistest.Analyze(t, rule, "widget.js", src)
	if adds < 4 || removes < 2 {
		t.Fatalf("read %d additions and %d removals, want at least 4 and 2", adds, removes)
	}
}
