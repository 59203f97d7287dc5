package facts

import (
	"fmt"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// BenchmarkCompute is the cost of facts for one imported module: a parse
// and one walk over its classes and functions.
func BenchmarkCompute(b *testing.B) {
	var src strings.Builder
	src.WriteString("import { Base } from './base';\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&src, "export class C%d extends Base {\n  subs = [];\n  dispose() { this.subs.forEach((s) => s.unsubscribe()); this.onDispose(); }\n  track(d) { this.subs.push(d); }\n}\n", i)
		fmt.Fprintf(&src, "export function listen%d(el, type, fn) { el.addEventListener(type, fn); return () => el.removeEventListener(type, fn); }\n", i)
	}
	data := []byte(src.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if Compute(syntax.TypeScript, data) == nil {
			b.Fatal("no facts")
		}
	}
}

// BenchmarkQuestions is the cost of the questions an analysis asks when
// the facts are known: resolution (cached) and lookups through a barrel.
func BenchmarkQuestions(b *testing.B) {
	fs := mapFS{
		"/p/tsconfig.json":   `{"compilerOptions":{"baseUrl":".","paths":{"@/*":["src/*"]}}}`,
		"/p/src/index.ts":    `export * from "./view"; export * from "./dom";`,
		"/p/src/view.ts":     `import { Base } from "./base"; export class View extends Base { close() { this.onClose(); } }`,
		"/p/src/base.ts":     `export class Base { dispose() { this.subs.forEach((s) => s.unsubscribe()); } }`,
		"/p/src/dom.ts":      `export function listen(el, t, h) { el.addEventListener(t, h); return () => el.removeEventListener(t, h); }`,
		"/p/src/app/main.ts": ``,
	}
	p := NewProgram("/p", fs, nil)
	v := p.For("/p/src/app/main.ts")
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := v.Class("@/index", "View"); !ok {
			b.Fatal("no class")
		}
		if _, ok := v.Function("@/index", "listen"); !ok {
			b.Fatal("no function")
		}
	}
}
