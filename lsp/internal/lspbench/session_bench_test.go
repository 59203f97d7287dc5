package lspbench

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/lsp"
	"github.com/leakwatch/leakwatch/rules"
)

// BenchmarkSessionInComponent is BenchmarkDidChangeInComponent without the
// server: the engine's own share of an edit (reparse, models, rules), with
// the engine set up as the server sets it. It exists to profile that
// share alone:
//
//	go test ./lsp/internal/lspbench -run '^$' -bench SessionInComponent -cpuprofile cpu.out
func BenchmarkSessionInComponent(b *testing.B) {
	for _, lines := range []int{5000, 20000} {
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) {
			b.Cleanup(lsp.TuneCollector())
			eng := analyzer.NewEngine(append(rules.All(), marker))
			eng.DeferFixes = true
			eng.SplitRulesFrom = 1
			text := tsxFile(lines)
			at := strings.Index(text[strings.LastIndex(text, "export function Widget"):], "\n") +
				strings.LastIndex(text, "export function Widget") + 1
			edited := text[:at] + "benchLeak();\n" + text[at:]
			s := &analyzer.Session{}
			defer s.Close()
			ctx := context.Background()
			f := analyzer.File{Path: "/bench/Widgets.tsx", Src: []byte(text)}
			if r := eng.AnalyzeIn(ctx, s, f); len(r.Diagnostics) == 0 {
				b.Fatal("no findings")
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				src := text
				if i%2 == 0 {
					src = edited
				}
				eng.AnalyzeIn(ctx, s, analyzer.File{Path: f.Path, Src: []byte(src)})
			}
		})
	}
}
