// Package lsp is leakwatch's language server. It is the only package that
// imports go.lsp.dev; it runs the same engine as `leakwatch check`.
package lsp

import (
	"context"
	"io"

	"github.com/leakwatch/leakwatch/analyzer"
)

// Options configure a server.
type Options struct {
	// Engine is the analysis engine with the rules registered.
	Engine *analyzer.Engine
	// Version is reported in serverInfo.
	Version string
	// Log receives the server's log lines (stderr); never stdout.
	Log io.Writer
}

// Run serves one client over in/out until it exits, and returns the process
// exit code the LSP specification asks for (0 after shutdown, 1 otherwise).
func Run(ctx context.Context, in io.Reader, out io.Writer, opts Options) int {
	_ = ctx
	_ = in
	_ = out
	_ = opts
	return 1
}
