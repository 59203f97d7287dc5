package cleanup

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

type regionProbe struct {
	p     *analyzer.Pass
	check func(p *analyzer.Pass)
}

func (v *regionProbe) Visit(syntax.Node) {}
func (v *regionProbe) Finish()           { v.check(v.p) }

// handedOutReleases walks each region once with the functions open around
// it; it must list exactly what asking every expression on its own lists:
// in a release position, in a function the region hands out.
func TestHandedOutReleasesListsEveryRelease(t *testing.T) {
	src := `import { useEffect, useRef } from "react";
export function Poller({ source }) {
  const t = useRef();
  useEffect(() => {
    const id = setInterval(() => source.poll(id), 1000);
    t.current = setTimeout(tick, 10);
    return () => { clearInterval(id); clearTimeout(t.current); };
  }, []);
  useUnmount(() => clearTimeout(t.current));
  function stop() { clearInterval(t.ids[0]); }
  return { dispose() { clearInterval(t.current); }, stop, [key]: () => cancel(t) };
}
export class Widget {
  start() {
    this.id = setInterval(this.tick, 5);
    this.subs.push({ dispose: () => clearInterval(this.id) });
    this.register(function named() { for (const x of this.ids) clearTimeout(x); });
    return (() => ((this.ro)).disconnect());
  }
}
const later = () => () => clearTimeout(handle);
`
	var checked int
	rule := &analyzer.Rule{ID: "region-probe", Severity: analyzer.SeverityWarning, Kinds: []string{"program"}, New: func(p *analyzer.Pass) analyzer.Visitor {
		return &regionProbe{p: p, check: func(p *analyzer.Pass) {
			regions := []syntax.Node{p.Tree.Root()}
			p.Tree.Root().Walk(func(n syntax.Node) bool {
				if scope.IsFunction(n) || n.Kind() == "class_declaration" {
					regions = append(regions, n)
				}
				return true
			})
			for _, region := range regions {
				var want []syntax.Node
				region.Walk(func(n syntax.Node) bool {
					switch n.Kind() {
					case "identifier", "member_expression", "subscript_expression":
						if ReleasePosition(n) && handedOut(astutil.EnclosingFunction(n), region) {
							want = append(want, n)
						}
					}
					return true
				})
				got := handedOutReleases(p, region)
				if len(got) != len(want) {
					t.Errorf("region %.40q: %d releases, want %d", region.Text(), len(got), len(want))
					continue
				}
				for i := range got {
					if got[i].Index() != want[i].Index() {
						t.Errorf("region %.40q: release %d is %q, want %q", region.Text(), i, got[i].Text(), want[i].Text())
					}
				}
				if len(want) > 0 {
					checked++
				}
			}
		}}
	}}
	analysistest.Analyze(t, rule, "poller.jsx", src)
	if checked < 5 {
		t.Fatalf("only %d regions hand out a release; the source should give more", checked)
	}
}
