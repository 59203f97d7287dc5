// Command lspmain runs the language server with the real rules. It stands
// in for `leakwatch lsp` in the end-to-end tests until cmd/leakwatch wires
// that subcommand.
package main

import (
	"context"
	"flag"
	"os"

	"github.com/leakwatch/leakwatch/lsp"
	"github.com/leakwatch/leakwatch/rules"
)

func main() {
	verbose := flag.Bool("v", false, "log debug lines to stderr")
	flag.Parse()
	os.Exit(lsp.Run(context.Background(), os.Stdin, os.Stdout, lsp.Options{
		Engine: rules.NewEngine(), Version: "dev", Log: os.Stderr, Verbose: *verbose,
	}))
}
