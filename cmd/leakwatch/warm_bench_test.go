package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/internal/walk"
)

// BenchmarkWarmCache is `check --cache` with every result in the cache:
// the source files of the twelve corpus projects (LEAKWATCH_CORPUS_DIR,
// else ../shared/corpus) named one by one, as bench/ names its files and
// a pre-commit hook names the staged ones. The first run fills the cache;
// each measured run reads and hashes every file and reuses every result.
// -benchmem says what a warm run allocates; issue 15's target, warm at
// most 0.3x oxlint's cold run, is measured by bench/run.sh.
//
//	go test ./cmd/leakwatch -run '^$' -bench WarmCache -benchmem -count 5
func BenchmarkWarmCache(b *testing.B) {
	dir := benchCorpus(b, "")
	b.Chdir(dir)
	// The files a run over the folder would check, in walk order.
	var files []string
	opt := walk.Options{Match: isSourceName, SkipDirs: walk.DefaultSkipDirs}
	err := walk.Walk(context.Background(), []string{"."}, opt, func(e walk.Entry) error {
		if e.Kind == walk.File {
			files = append(files, e.Path)
		}
		return nil
	})
	if err != nil || len(files) == 0 {
		b.Fatalf("listing the corpus: %d files, %v", len(files), err)
	}
	loc := filepath.Join(b.TempDir(), "warm.cache")
	args := append([]string{"check", "--cache", "--cache-location", loc, "--format", "json", "--"}, files...)
	fill := run(args, nil, io.Discard, io.Discard)
	if fill != exitOK && fill != exitFindings {
		b.Fatalf("filling the cache: exit code %d", fill)
	}
	b.ReportAllocs()
	for b.Loop() {
		if code := run(args, nil, io.Discard, io.Discard); code != fill {
			b.Fatalf("exit code %d, the run that filled the cache had %d", code, fill)
		}
	}
	b.ReportMetric(float64(len(files)), "files")
}
