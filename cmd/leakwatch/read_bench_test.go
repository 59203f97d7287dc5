package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkReadSource reads a 1 MB file as a check does. B/op is what the
// read allocates: about the file's size when the buffer is sized once.
func BenchmarkReadSource(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.js")
	src := strings.Repeat("window.addEventListener('resize', onResize);\n", 1<<20/46)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		data, _, err := readSource(path, 0)
		if err != nil || len(data) != len(src) {
			b.Fatalf("read %d bytes, %v; want %d", len(data), err, len(src))
		}
	}
}

// TestReadSourceReadsWholeFiles reads files around the buffer's growth
// points whole, with and without a size limit.
func TestReadSourceReadsWholeFiles(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 70000} {
		path := filepath.Join(dir, "f.js")
		want := strings.Repeat("x", n)
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int64{0, int64(n), int64(n) + 1} {
			data, tooBig, err := readSource(path, limit)
			if err != nil || tooBig != "" || string(data) != want {
				t.Errorf("size %d, limit %d: read %d bytes, %q, %v", n, limit, len(data), tooBig, err)
			}
		}
		if n > 1 { // a limit of 0 is no limit
			if _, tooBig, _ := readSource(path, int64(n)-1); tooBig == "" {
				t.Errorf("size %d, limit %d: not reported too big", n, n-1)
			}
		}
	}
}
