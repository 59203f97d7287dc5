package main

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
)

// BenchmarkPrecommit is a pre-commit hook's check: 20 files of the largest
// corpus project, home-assistant-frontend (LEAKWATCH_CORPUS_DIR, else
// ../shared/corpus), with facts and without. The files are the ones
// facts matter most for: components built on the project's own base
// classes and mixins, whose facts come from other files. Issue 17's target
// is facts within 2x of no-facts.
//
//	go test ./cmd/leakwatch -run '^$' -bench Precommit -count 10
//
// benchCorpus returns the corpus folder (LEAKWATCH_CORPUS_DIR, else
// ../shared/corpus), or its project of that name, and skips the benchmark
// where there is none: benchmarks on real code need the corpus checkout.
func benchCorpus(b *testing.B, project string) string {
	dir := os.Getenv("LEAKWATCH_CORPUS_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	dir = filepath.Join(dir, project)
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no corpus at %s: %v", dir, err)
	}
	return dir
}

func BenchmarkPrecommit(b *testing.B) {
	dir := benchCorpus(b, "home-assistant-frontend")
	files := precommitSample(b, dir)
	b.Chdir(dir)
	for _, mode := range []struct {
		name  string
		flags []string
	}{{"facts", nil}, {"no-facts", []string{"--no-facts"}}} {
		b.Run(mode.name, func(b *testing.B) {
			args := append(append([]string{"check", "--format", "json"}, mode.flags...), files...)
			for b.Loop() {
				if code := run(args, nil, io.Discard, io.Discard); code != exitOK && code != exitFindings {
					b.Fatalf("exit code %d", code)
				}
			}
		})
	}
}

// projectBase matches a class built on one of home-assistant-frontend's
// own base classes or mixins.
var projectBase = regexp.MustCompile(`extends [A-Za-z]+Mixin\(|extends (Hass|Hui|Ha)[A-Za-z]*( |\{)`)

// precommitSample picks 20 files spread over the project, in a fixed order.
func precommitSample(b *testing.B, dir string) []string {
	var all []string
	err := filepath.WalkDir(filepath.Join(dir, "src"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".ts" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if projectBase.Match(src) {
			rel, _ := filepath.Rel(dir, path)
			all = append(all, rel)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	sort.Strings(all)
	var out []string
	for i := 0; i < len(all) && len(out) < 20; i += 9 {
		out = append(out, all[i])
	}
	if len(out) < 20 {
		b.Fatalf("only %d sample files in %s", len(out), dir)
	}
	return out
}
