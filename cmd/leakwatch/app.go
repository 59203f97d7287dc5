package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/rules"
)

// Exit codes, as DESIGN.md fixes them.
const (
	exitOK          = 0   // nothing found
	exitFindings    = 1   // warnings or errors found
	exitUsage       = 2   // bad flags, bad configuration, missing path
	exitInternal    = 3   // leakwatch itself failed
	exitInterrupted = 130 // SIGINT, as shells report it
)

// newEngine builds the engine every command uses. Tests replace it to run
// the CLI with small rules of their own, independent of the real ones.
var newEngine = func() *analyzer.Engine { return rules.NewEngine() }

// version is set at build time (-ldflags "-X main.version=v1.2.3"); without
// it, the module version or VCS revision from the build info is used.
var version = ""

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"check", "analyse files and folders (the default command)", runCheck},
		{"lsp", "run the language server on stdin/stdout", runLSP},
		{"rules", "list the rules", runRules},
		{"explain", "explain one rule, with examples", runExplain},
		{"version", "print the version", runVersion},
		{"debug", "tools for rule authors (debug tree FILE)", runDebug},
		{"heap", "runtime evidence from heap snapshots (heap diff|record|watch)", runHeap},
	}
}

const mainUsage = `leakwatch finds memory leaks in JavaScript and TypeScript.

Usage:
  leakwatch [check] [flags] [paths...]   analyse files and folders (default: .)
  leakwatch <command> [flags]

Commands:
%s
Run "leakwatch <command> --help" for a command's flags.

Exit codes: 0 nothing found, 1 findings, 2 usage or configuration error,
3 internal failure.
`

func printMainUsage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, mainUsage, b.String())
}

// runContext dispatches to a command. "check" is the default: a first
// argument that is a flag or an existing path starts a check, so
// `leakwatch src --format json` works as people type it.
func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "leakwatch: internal error: %v\n%s\nPlease report this at https://github.com/leakwatch/leakwatch/issues\n", p, debug.Stack())
			code = exitInternal
		}
	}()
	if len(args) == 0 {
		return runCheck(ctx, nil, stdin, stdout, stderr)
	}
	first := args[0]
	switch first {
	case "-h", "-help", "--help", "help":
		if first == "help" && len(args) > 1 {
			return runContext(ctx, []string{args[1], "--help"}, stdin, stdout, stderr)
		}
		printMainUsage(stdout)
		return exitOK
	case "--version", "-version":
		return runVersion(ctx, nil, stdin, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == first {
			return c.run(ctx, args[1:], stdin, stdout, stderr)
		}
	}
	if strings.HasPrefix(first, "-") {
		return runCheck(ctx, args, stdin, stdout, stderr)
	}
	if _, err := os.Lstat(first); err == nil || looksLikePath(first) {
		// check reports a missing path as such.
		return runCheck(ctx, args, stdin, stdout, stderr)
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	fmt.Fprintf(stderr, "leakwatch: %q is neither a command nor an existing file or folder%s\n", first, didYouMean(first, names))
	fmt.Fprintln(stderr, `Run "leakwatch --help" for usage.`)
	return exitUsage
}

func runVersion(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if args[0] == "-h" || args[0] == "--help" {
			fmt.Fprintln(stdout, "Usage: leakwatch version\n\nPrints leakwatch's version, the Go version it was built with and the platform.")
			return exitOK
		}
		fmt.Fprintf(stderr, "leakwatch version: unexpected argument %q\n", args[0])
		return exitUsage
	}
	fmt.Fprintf(stdout, "leakwatch %s (%s, %s/%s)\n", versionString(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}

// looksLikePath tells a mistyped path from a mistyped command.
func looksLikePath(s string) bool {
	return strings.ContainsAny(s, "/\\.") || isSourceName(s)
}

// versionString is what `version`, SARIF and the language server report.
func versionString() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "devel-" + rev
}

// didYouMean formats the closest candidates as "; did you mean x?", or "".
func didYouMean(input string, candidates []string) string {
	s := suggest(input, candidates)
	if len(s) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(s, " or ") + "?"
}

// suggest returns up to three candidates close to input: a small edit
// distance, or one containing the other.
func suggest(input string, candidates []string) []string {
	type scored struct {
		s string
		d int
	}
	in := strings.ToLower(input)
	var out []scored
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := editDistance(in, lc)
		limit := max(2, len(in)/3)
		switch {
		case d <= limit:
		case len(in) >= 4 && (strings.Contains(lc, in) || strings.Contains(in, lc)):
			d = limit + 1
		default:
			continue
		}
		out = append(out, scored{c, d})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].d != out[j].d {
			return out[i].d < out[j].d
		}
		return out[i].s < out[j].s
	})
	var names []string
	for i := 0; i < len(out) && i < 3; i++ {
		names = append(names, out[i].s)
	}
	return names
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
