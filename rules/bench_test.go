package rules_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules"
)

// The engine benchmarks run over LEAKWATCH_CORPUS (a folder of JS/TS, such
// as the npm packages `make bench` installs) or, without it, over the
// repository's own fixtures and examples. Compare:
//
//	go test ./rules -run '^$' -bench 'Parse|Analyze' -benchmem
//
// BenchmarkParse is the floor (tree-sitter plus flattening); the engine's
// own cost is the difference to BenchmarkAnalyze.

type corpusFile struct {
	path string
	lang syntax.Lang
	src  []byte
}

func loadCorpus(b *testing.B) ([]corpusFile, int64) {
	b.Helper()
	root := os.Getenv("LEAKWATCH_CORPUS")
	if root == "" {
		root = "../testdata"
	}
	var files []corpusFile
	var total int64
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		lang, ok := syntax.LangForPath(path)
		if !ok {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil || int64(len(src)) > analyzer.DefaultMaxFileSize {
			return nil
		}
		files = append(files, corpusFile{path, lang, src})
		total += int64(len(src))
		return nil
	})
	if len(files) == 0 {
		b.Fatalf("no JS/TS files under %s", root)
	}
	return files, total
}

func BenchmarkParse(b *testing.B) {
	files, total := loadCorpus(b)
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			if _, err := syntax.Parse(context.Background(), f.lang, f.src, syntax.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAnalyze runs every rule with the literal prefilter, as `check`
// does.
func BenchmarkAnalyze(b *testing.B) {
	benchAnalyze(b, false)
}

// BenchmarkAnalyzeAll forces every file through the full pipeline (parse,
// scope, lifecycle, all rules), to measure the engine's cost over parsing.
func BenchmarkAnalyzeAll(b *testing.B) {
	benchAnalyze(b, true)
}

func benchAnalyze(b *testing.B, noPrefilter bool) {
	files, total := loadCorpus(b)
	all := rules.All()
	if noPrefilter {
		stripped := make([]*analyzer.Rule, len(all))
		for i, r := range all {
			c := *r
			c.Needles = nil
			stripped[i] = &c
		}
		all = stripped
	}
	e := analyzer.NewEngine(all)
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	findings := 0
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			r := e.Analyze(context.Background(), analyzer.File{Path: f.path, Src: f.src})
			findings += len(r.Diagnostics)
		}
	}
	b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
}
