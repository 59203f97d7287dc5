// Command leakwatch finds memory leaks in JavaScript and TypeScript.
//
// Everything except the process plumbing lives in run, so tests drive the
// whole command in-process with their own arguments, streams and rules.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func main() {
	// Interrupting a run cancels the analysis; --fix only ever replaces a
	// file whole (rename), so stopping midway leaves no half-written file.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := startProfile(os.Getenv("LEAKWATCH_CPUPROFILE"))
	code := runContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// startProfile writes a CPU profile of the whole run to path, when set:
// hidden, for profiling the real binary on the benchmark corpus (see
// bench/README.md), where a test benchmark would run single-threaded
// without the CLI's reading, scheduling and output.
func startProfile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "leakwatch: LEAKWATCH_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
