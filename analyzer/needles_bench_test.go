package analyzer_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules"
)

// BenchmarkFindNeedles scans text with the prefilter's real needle set
// (every rule's, the owner needles): the scan reads every byte of every
// file a cold check is given. The text is LEAKWATCH_CORPUS's files (the
// npm packages `make bench` installs), or else the repository's fixtures:
//
//	LEAKWATCH_CORPUS=$PWD/bench/.cache/corpus/node_modules \
//	  go test ./analyzer -run '^$' -bench FindNeedles
func BenchmarkFindNeedles(b *testing.B) {
	root := os.Getenv("LEAKWATCH_CORPUS")
	if root == "" {
		root = "../testdata"
	}
	var files [][]byte
	var total int64
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || total > 32<<20 {
			return nil
		}
		if _, ok := syntax.LangForPath(path); !ok {
			return nil
		}
		src, err := os.ReadFile(path)
		if err == nil {
			files = append(files, src)
			total += int64(len(src))
		}
		return nil
	})
	if len(files) == 0 {
		b.Fatalf("no JS/TS files under %s", root)
	}
	e := analyzer.NewEngine(rules.All())
	b.SetBytes(total)
	for b.Loop() {
		for _, src := range files {
			e.FindNeedles(src)
		}
	}
	b.ReportMetric(float64(e.NeedleStates()), "states")
}
