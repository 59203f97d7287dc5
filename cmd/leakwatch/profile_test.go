package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// LEAKWATCH_CPUPROFILE's hook writes a gzipped pprof profile of what runs
// between start and stop.
func TestStartProfileWritesProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.out")
	stop := startProfile(path)
	runCheckOnExamples(t)
	stop()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		t.Fatalf("profile of %d bytes is not gzipped pprof data", len(data))
	}
	// Unset, nothing is profiled and stop is harmless.
	startProfile("")()
}

func runCheckOnExamples(t *testing.T) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := runContext(t.Context(), []string{"check", "--format", "json", filepath.Join("..", "..", "testdata", "examples", "leaky")}, nil, &out, &errOut)
	if code != exitOK && code != exitFindings {
		t.Fatalf("check on the examples exited %d: %s", code, errOut.String())
	}
}
