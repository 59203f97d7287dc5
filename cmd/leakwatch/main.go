// Command leakwatch finds memory leaks in JavaScript and TypeScript.
//
// Everything except the process plumbing lives in run, so tests drive the
// whole command in-process with their own arguments, streams and rules.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// Interrupting a run cancels the analysis; --fix only ever replaces a
	// file whole (rename), so stopping midway leaves no half-written file.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
