package analyzer

import (
	"fmt"

	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Rule is one check. Rules are values registered in rules.All; the engine
// creates a Visitor per file and dispatches to it the nodes whose kind is in
// Kinds, in source order.
type Rule struct {
	ID       string
	Doc      Doc
	Severity Severity // default severity, overridable by config

	// Kinds lists the node kinds Visit receives.
	Kinds []string

	// Needles are literal strings at least one of which must occur in a file
	// for the rule to be able to report anything. Files containing none of
	// any enabled rule's needles are not even parsed. Leave empty to always
	// run.
	Needles []string

	// NeedsOwner declares that the rule reports only registrations with an
	// owner (lifecycle.Model.OwnerOf): a file with none of
	// lifecycle.OwnerNeedles, outside .vue and .svelte files, has nothing
	// for it, and the prefilter skips it there. Rules that also report
	// without an owner (module-level caches, per-call listeners, resources
	// in plain functions, globals) leave it false.
	NeedsOwner bool
	// OwnerlessNeedles, for a rule that NeedsOwner, name text without which
	// its few checks that need no owner cannot report (timer-not-cleared's
	// end path of an entity needs a `delete`): a file holding one runs the
	// rule even where nothing can own a registration.
	OwnerlessNeedles []string

	// FileWords are text whose presence anywhere in a file changes the
	// rule's verdicts elsewhere in it (implicit-global's `eval`, which
	// makes every free name possibly declared). The language server runs
	// the rule again after an edit that adds or removes one, where it
	// would otherwise keep the findings of the statements the edit did
	// not touch (analyzer/reuse.go).
	FileWords []string

	// APIs is the part of the registration API table (analyzer/apis) the
	// rule follows; zero for none. NewEngine checks that Needles cover
	// every name selected, so derive them: apis.Builtin().Needles(APIs),
	// plus needles from the rule's own data.
	APIs apis.Use

	// Applies, when set, is a second cheap prefilter on the file's path and
	// text: false means the rule cannot report anything in this file (an
	// ES-module-only rule on a script, a JavaScript-only rule on .ts). It
	// must never be false for a file where the rule could report.
	Applies func(path string, src []byte) bool

	// New starts the rule on one file.
	New func(*Pass) Visitor
}

// Visitor receives the nodes a rule asked for. If it also implements
// Finisher, Finish is called after the walk, for rules that must see the
// whole file before deciding (pairing additions with removals).
type Visitor interface {
	Visit(n syntax.Node)
}

// Finisher is implemented by visitors that report at the end of the walk.
type Finisher interface {
	Finish()
}

// VisitFunc adapts a function to Visitor.
type VisitFunc func(syntax.Node)

func (f VisitFunc) Visit(n syntax.Node) { f(n) }

// Doc is a rule's documentation, shown by `leakwatch explain`, in hovers and
// in SARIF. The examples are checked by tests: Bad must report, Good must not.
type Doc struct {
	Title string
	// Text explains why the pattern leaks, in Markdown.
	Text string
	// Accepts lists the cleanup shapes the rule recognises, one per entry.
	Accepts []string
	Bad     Example
	Good    Example
}

// Example is a code sample; Path picks the grammar (and framework) by name.
type Example struct {
	Path string
	Code string
}

// Pass is what a rule sees of one file.
type Pass struct {
	Rule *Rule
	Path string
	Tree *syntax.Tree
	// Scope answers what names and this.x members refer to.
	Scope *scope.Info
	// Life answers which owner a registration belongs to and whether its
	// teardown undoes it.
	Life *lifecycle.Model
	// APIs is the registration API table for this file: the built-in one
	// extended by the owners.listenerPairs of its configuration.
	APIs *apis.Table
	// Options are the rule's settings from config, if any.
	Options map[string]any

	report func(Diagnostic)
	memo   map[any]any
	// noFixes is set when the driver asks for fixes later (Engine.DeferFixes).
	noFixes bool
}

// WantsFixes reports whether this pass's findings need their fixes. The
// language server publishes diagnostics without them and builds them only
// when a code action asks (Engine.FixesIn), so a rule skips the work of
// writing fixes when this is false. Nothing else about a finding may
// depend on it.
func (p *Pass) WantsFixes() bool { return !p.noFixes }

// Memo returns the value stored under key for this file, computing it with
// build the first time. Rules and their helpers use it for facts about the
// whole file (its code style, an index of calls) that would otherwise be
// recomputed for every finding. The memo is shared by all rules of one
// file; use an unexported key type to avoid clashes.
func (p *Pass) Memo(key any, build func() any) any {
	if v, ok := p.memo[key]; ok {
		return v
	}
	v := build()
	if p.memo == nil {
		p.memo = make(map[any]any) // a Pass made outside the engine, in a test
	}
	p.memo[key] = v
	return v
}

// Report records a finding. The rule id and default severity are filled in.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.Rule.ID
	if p.noFixes {
		d.Fixes = nil // a rule that built them anyway: WantsFixes only saves work
	}
	p.report(d)
}

// Reportf reports a finding on node n.
func (p *Pass) Reportf(n syntax.Node, format string, args ...any) {
	p.Report(Diagnostic{Start: n.Start(), End: n.End(), Message: fmt.Sprintf(format, args...)})
}

// DocsBaseURL is where each rule's documentation page lives; the language
// server links diagnostics to it and SARIF uses it as helpUri.
const DocsBaseURL = "https://github.com/leakwatch/leakwatch/blob/main/docs/rules/"

// DocURL returns the documentation page of a rule id.
func DocURL(id string) string { return DocsBaseURL + id + ".md" }
