package scope_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// BenchmarkBuild builds the scope model of a large file (2 MB of
// functions, blocks, loops, classes and closures, as in a bundle): the
// model is built for every file the rules run on, and again for every fix
// validated.
//
//	go test ./analyzer/scope -run '^$' -bench Build -benchmem
func BenchmarkBuild(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 2<<20; i++ {
		fmt.Fprintf(&sb, `var cache%d = new Map();
function handler%d(event, options) {
  const { target, detail = {} } = event;
  let count = 0;
  for (let j = 0; j < options.items.length; j++) {
    if (options.items[j] === target) { count += detail.weight || 1; }
  }
  try { cache%d.set(target, count); } catch (err) { console.error(err, target); }
  return (next) => next(count, target, cache%d);
}
class Widget%d extends Base {
  constructor(el) { super(el); this.el = el; this.onResize = () => this.update(el); }
  update(el) { const rect = el.getBoundingClientRect(); return handler%d({ target: el, detail: rect }, this); }
}
`, i, i, i, i, i, i)
	}
	src := []byte(sb.String())
	tr, err := syntax.Parse(context.Background(), syntax.JavaScript, src, syntax.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if tr.HasErrors() {
		b.Fatalf("syntax errors: %v", tr.Errors(3))
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		scope.Build(tr)
	}
}
