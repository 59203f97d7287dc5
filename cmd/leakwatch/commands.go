package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/lsp"
)

// metaRuleDocs documents the engine's own diagnostic ids, which are not
// rules but appear in reports, SARIF's rules table and `explain`.
var metaRuleDocs = map[string]analyzer.Doc{
	analyzer.RuleInternalError: {
		Title: "leakwatch failed on this file",
		Text: "A rule crashed while analysing the file and was stopped for it; the other rules still ran. " +
			"The run exits with code 3. Please report it with the file (or a reduced copy) and the output of `leakwatch check -v`.",
	},
	analyzer.RuleInvalidSuppression: {
		Title: "malformed suppression comment",
		Text: "A `leakwatch-ignore` comment names an unknown rule, names no rule, or gives no reason. " +
			"Write `// leakwatch-ignore <rule>: <reason>` on the line of the finding or the line above.",
	},
	analyzer.RuleUnusedSuppression: {
		Title: "suppression comment that silences nothing",
		Text:  "A `leakwatch-ignore` comment has no finding to silence any more; remove it so stale comments do not pile up.",
	},
}

const rulesUsage = `Usage: leakwatch rules [--json]

Lists the rules: id, default severity and title. "leakwatch explain <id>"
shows a rule's documentation.

Flags:
`

type jsonRule struct {
	ID       string `json:"id"`
	Severity string `json:"severity"`
	Title    string `json:"title"`
	Docs     string `json:"docs"`
}

func runRules(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("rules", rulesUsage, stdout, stderr)
	asJSON := fs.Bool("json", false, "print a JSON array of {id, severity, title, docs}")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError("rules", err, stderr)
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "leakwatch rules: unexpected argument %q (did you mean \"leakwatch explain %s\"?)\n", rest[0], rest[0])
		return exitUsage
	}
	eng := newEngine()
	if *asJSON {
		out := []jsonRule{}
		for _, r := range eng.Rules() {
			out = append(out, jsonRule{r.ID, r.Severity.String(), r.Doc.Title, analyzer.DocURL(r.ID)})
		}
		b, err := marshalJSON(out)
		if err != nil {
			fmt.Fprintf(stderr, "leakwatch rules: %v\n", err)
			return exitInternal
		}
		fmt.Fprintf(stdout, "%s\n", b)
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE")
	for _, r := range eng.Rules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Doc.Title)
	}
	tw.Flush()
	return exitOK
}

const explainUsage = `Usage: leakwatch explain <rule-id>

Shows a rule's documentation: what it finds and why it leaks, the cleanup
shapes it accepts, a leaking and a fixed example, and its documentation URL.
`

func runExplain(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("explain", explainUsage, stdout, stderr)
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError("explain", err, stderr)
	}
	if len(rest) != 1 {
		fmt.Fprint(stderr, "leakwatch explain: name one rule, for example: leakwatch explain timer-not-cleared\n(\"leakwatch rules\" lists them)\n")
		return exitUsage
	}
	id := rest[0]
	eng := newEngine()
	var doc analyzer.Doc
	sev := analyzer.SeverityWarning
	if r := eng.Rule(id); r != nil {
		doc, sev = r.Doc, r.Severity
	} else if d, ok := metaRuleDocs[id]; ok {
		doc = d
	} else {
		ids := append(append([]string(nil), eng.RuleIDs()...), metaRules...)
		fmt.Fprintf(stderr, "leakwatch explain: unknown rule %q%s\n(\"leakwatch rules\" lists them)\n", id, didYouMean(id, ids))
		return exitUsage
	}
	w := stdout
	title := doc.Title
	if title == "" {
		title = "(no title)"
	}
	fmt.Fprintf(w, "%s: %s\n", id, title)
	fmt.Fprintf(w, "Default severity: %s\n", sev)
	if doc.Text != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(doc.Text))
	}
	if len(doc.Accepts) > 0 {
		fmt.Fprintf(w, "\nAccepted as cleanup:\n")
		for _, a := range doc.Accepts {
			fmt.Fprintf(w, "  - %s\n", a)
		}
	}
	for _, ex := range []struct {
		label string
		ex    analyzer.Example
	}{{"Leaks", doc.Bad}, {"Fixed", doc.Good}} {
		if strings.TrimSpace(ex.ex.Code) == "" {
			continue
		}
		label := ex.label
		if ex.ex.Path != "" {
			label += " (" + ex.ex.Path + ")"
		}
		fmt.Fprintf(w, "\n%s:\n\n%s\n", label, indent(strings.TrimRight(ex.ex.Code, "\n"), "    "))
	}
	fmt.Fprintf(w, "\nDocumentation: %s\n", analyzer.DocURL(id))
	return exitOK
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

const debugUsage = `Usage: leakwatch debug tree [--lang javascript|typescript|tsx] FILE

Prints the syntax tree of FILE as the rules see it: field names, node kinds
('quoted' for anonymous tokens) and the text of leaves. For rule authors.

Flags:
`

func runDebug(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("debug", debugUsage, stdout, stderr)
	langName := fs.String("lang", "", "grammar to use instead of the one the extension picks")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError("debug", err, stderr)
	}
	if len(rest) != 2 || rest[0] != "tree" {
		fmt.Fprint(stderr, "leakwatch debug: usage: leakwatch debug tree FILE\n")
		return exitUsage
	}
	path := rest[1]
	lang, ok := syntax.LangForPath(path)
	if *langName != "" {
		ok = false
		for _, l := range []syntax.Lang{syntax.JavaScript, syntax.TypeScript, syntax.TSX} {
			if l.String() == *langName || (*langName == "js" && l == syntax.JavaScript) || (*langName == "ts" && l == syntax.TypeScript) {
				lang, ok = l, true
			}
		}
		if !ok {
			fmt.Fprintf(stderr, "leakwatch debug: unknown --lang %q (use javascript, typescript or tsx)\n", *langName)
			return exitUsage
		}
	}
	if !ok {
		exts := make([]string, 0, len(syntax.Extensions))
		for e := range syntax.Extensions {
			exts = append(exts, e)
		}
		sort.Strings(exts)
		fmt.Fprintf(stderr, "leakwatch debug: %s: not a JavaScript or TypeScript file (%s); pass --lang\n", path, strings.Join(exts, " "))
		return exitUsage
	}
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "leakwatch debug: %s: %s\n", filepath.Clean(path), describeErr(err))
		return exitUsage
	}
	tree, err := syntax.Parse(ctx, lang, data, syntax.Options{Timeout: analyzer.DefaultParseTimeout})
	if err != nil {
		fmt.Fprintf(stderr, "leakwatch debug: %s: %v\n", path, err)
		return exitInternal
	}
	if err := syntax.Dump(stdout, tree.Root()); err != nil {
		fmt.Fprintf(stderr, "leakwatch debug: %v\n", err)
		return exitInternal
	}
	return exitOK
}

const lspUsage = `Usage: leakwatch lsp [--stdio] [-v]

Runs the language server, speaking LSP over stdin and stdout; logs go to
stderr. Editors start it themselves (see editors/ for VS Code and Neovim).

Flags:
`

func runLSP(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("lsp", lspUsage, stdout, stderr)
	// vscode-languageclient appends --stdio for the stdio transport.
	fs.Bool("stdio", true, "communicate over stdin and stdout (the only transport)")
	verbose := fs.Bool("v", false, "log debugging detail to stderr")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError("lsp", err, stderr)
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "leakwatch lsp: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	defer lsp.TuneCollector()()
	return lsp.Run(ctx, stdin, stdout, lsp.Options{Engine: newEngine(), Version: versionString(), Log: stderr, Verbose: *verbose})
}
