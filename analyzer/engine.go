package analyzer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

// File is one input to the engine.
type File struct {
	// Path names the file in results; its extension picks the grammar
	// unless Lang is set.
	Path string
	// Lang overrides the grammar picked from Path when HasLang is set.
	Lang    syntax.Lang
	HasLang bool
	Src     []byte
	// Config is the configuration that applies to this file; nil means
	// defaults.
	Config *Config
	// Imports answers questions about what the file imports from other
	// files of the project (package analyzer/facts); nil analyses the file
	// alone.
	Imports lifecycle.Imports
	// ImportsKey identifies the answers Imports gives (the language server
	// passes the digest of the imported files' facts). A Session carries a
	// rule's findings over an edit only when the key is unchanged; with
	// Imports set and no key it never does.
	ImportsKey string

	// component is filled by prepare for .vue and .svelte files.
	component lifecycle.Component
}

// Result is what the engine found in one file.
type Result struct {
	Path        string
	Diagnostics []Diagnostic
	// SyntaxErrors says where parsing had to recover. The file was still
	// analysed; findings near these places are less certain.
	SyntaxErrors []syntax.SyntaxError
	// Skipped is non-empty when the file was not analysed, and says why
	// (binary, too large, parse budget exceeded), in words for people.
	Skipped string
	// SkipKind says the same as a value drivers can decide on (whether to
	// cache the result, which setting to suggest) without reading prose.
	SkipKind SkipKind
	// Parsed reports whether the file was parsed at all (the literal
	// prefilter skips files that cannot contain a finding).
	Parsed bool
}

// SkipKind is why a file was not analysed.
type SkipKind uint8

const (
	NotSkipped      SkipKind = iota
	SkipTooLarge             // over Engine.MaxFileSize
	SkipBinary               // contains NUL bytes
	SkipNoScript             // a .vue or .svelte file without a <script> block
	SkipNotSource            // not JavaScript, TypeScript or a component file
	SkipParseBudget          // parsing took longer than Engine.ParseTimeout
	SkipCancelled            // the caller's context ended
	SkipFailed               // any other failure to parse
)

// Limit reports skips a user can undo by raising a limit.
func (k SkipKind) Limit() bool { return k == SkipTooLarge || k == SkipParseBudget }

// Transient reports skips that say nothing about the file itself, so their
// result must not be cached.
func (k SkipKind) Transient() bool { return k == SkipParseBudget || k == SkipCancelled }

// Engine runs a set of rules. It is safe for concurrent use; each Analyze
// call works on its own file.
type Engine struct {
	rules []*Rule
	byID  map[string]*Rule
	// dispatch[lang][symbol] lists the indexes of rules that visit nodes of
	// that symbol. Built once per grammar.
	dispatch [3][][]int32
	ids      []string

	// ValidateFixes makes Analyze check every fix (it applies, re-parses
	// without new syntax errors, and the diagnostic is gone) and drop the
	// ones that fail. On by default; the language server turns it off for
	// the diagnostics it publishes and validates when a fix is asked for.
	ValidateFixes bool
	// FixWanted, when set, narrows validation to what the caller will use:
	// of each diagnostic's fixes only those it accepts are validated, in
	// order, and only the first valid one is kept. The CLI's text and
	// GitHub formats and --fix use one fix per finding, and validating
	// every fix re-parses the file once per fix, a fifth of a cold run.
	FixWanted func(Fix) bool
	// DeferFixes makes rules report findings without building their fixes
	// (Pass.WantsFixes); FixesIn builds them for the findings that need
	// them. The language server sets it: diagnostics need only the
	// message and range, and writing every fix on every keystroke was a
	// twentieth of an edit.
	DeferFixes bool
	// ParseTimeout bounds the parse of one file; zero means no limit.
	ParseTimeout time.Duration
	// MaxFileSize skips larger files; zero means no limit.
	MaxFileSize int64
	// HoldGoHeapFrom, when positive, is the file size from which the
	// parse holds Go's memory near its live size until the C tree is freed
	// (syntax.Options.HoldGoHeap). For drivers that analyse such files
	// with only small ones beside them, as the CLI does: the C tree of a
	// 9 MB bundle is 240 MB, and the free memory Go keeps meanwhile added
	// 15 to 30 MB to the run's peak.
	HoldGoHeapFrom int64
	// NoPrefilter runs every enabled rule on every file, whatever its
	// text: the prefilter's soundness tests compare such runs with
	// ordinary ones.
	NoPrefilter bool
	// SplitRulesFrom, when positive, is the file size from which the rules
	// run in two groups side by side (runOnTree). For the language server,
	// where one large document is analysed while the other cores wait: a
	// keystroke inside a component of a 20,000-line file reruns every rule.
	// The CLI keeps every core busy with files of its own and leaves it 0.
	SplitRulesFrom int

	// ownerNeedles are lifecycle.OwnerNeedles without configuration;
	// configured owners have theirs computed once per Config.
	ownerNeedles []string
	// needles finds every rule's needles, its ownerless needles and the
	// owner needles in one pass over a file; the ids below index it.
	needles        *needleSet
	needleReach    int       // the longest needle's length
	ruleNeedles    [][]int32 // by rule
	ownerlessIDs   [][]int32 // by rule
	ownerNeedleIDs []int32
	// configNeedles is shared by the copies drivers make of an engine
	// (the server copies one per session), so it is a pointer.
	configNeedles *sync.Map // configured names -> []string
}

// DefaultParseTimeout is generous: tree-sitter parses megabytes per second,
// so only pathological input reaches it.
const DefaultParseTimeout = 10 * time.Second

// DefaultMaxFileSize skips generated bundles that are not worth analysing.
const DefaultMaxFileSize = 4 << 20

// NewEngine returns an engine for rules. It panics when the rules are
// inconsistent (see ValidateRules): rules are compiled in, so that is a
// programming error, and failing at start beats a rule that silently never
// runs.
func NewEngine(rules []*Rule) *Engine {
	if err := ValidateRules(rules); err != nil {
		panic("analyzer.NewEngine: " + err.Error())
	}
	e := &Engine{rules: rules, byID: make(map[string]*Rule), ValidateFixes: true,
		ParseTimeout: DefaultParseTimeout, MaxFileSize: DefaultMaxFileSize,
		ownerNeedles: lifecycle.OwnerNeedles(lifecycle.Config{}), configNeedles: new(sync.Map)}
	for _, r := range rules {
		e.byID[r.ID] = r
		e.ids = append(e.ids, r.ID)
	}
	e.compileNeedles()
	for _, l := range []syntax.Lang{syntax.JavaScript, syntax.TypeScript, syntax.TSX} {
		// Several symbol ids can share a kind name (aliases).
		table := make([][]int32, len(syntax.SymbolNames(l)))
		for ri, r := range rules {
			for _, k := range r.Kinds {
				for _, sym := range syntax.SymbolsOf(l, k) {
					table[sym] = append(table[sym], int32(ri))
				}
			}
		}
		e.dispatch[l] = table
	}
	return e
}

// Rules returns the engine's rules in registration order.
func (e *Engine) Rules() []*Rule { return e.rules }

// Rule returns the rule with that id, or nil.
func (e *Engine) Rule(id string) *Rule { return e.byID[id] }

// RuleIDs lists the rule ids, for config validation.
func (e *Engine) RuleIDs() []string { return e.ids }

func (e *Engine) knownRule(id string) bool { return e.byID[id] != nil }

// ruleIndex returns the position of rule id in e.rules, or -1 for the
// engine's own ids (internal-error, suppression findings).
func (e *Engine) ruleIndex(id string) int {
	for i, r := range e.rules {
		if r.ID == id {
			return i
		}
	}
	return -1
}

// severity returns the effective severity of rule r under cfg.
func severity(r *Rule, cfg *Config) Severity {
	if cfg != nil {
		if rc, ok := cfg.Rules[r.ID]; ok {
			return rc.Severity
		}
	}
	return r.Severity
}

// Analyze runs the enabled rules on one file. It never panics because of
// the input or a rule: a crashing rule becomes an internal-error diagnostic
// and the other rules still run.
func (e *Engine) Analyze(ctx context.Context, f File) Result {
	return e.analyze(ctx, f, parseFresh, nil)
}

// parseFunc parses a file's text; sessions parse incrementally.
type parseFunc func(ctx context.Context, lang syntax.Lang, src []byte, opt syntax.Options) (*syntax.Tree, error)

func parseFresh(ctx context.Context, lang syntax.Lang, src []byte, opt syntax.Options) (*syntax.Tree, error) {
	return syntax.Parse(ctx, lang, src, opt)
}

// analyze is Analyze with the parser given; s, when not nil, is the
// session parse belongs to, whose last findings may be reused.
func (e *Engine) analyze(ctx context.Context, f File, parse parseFunc, s *Session) Result {
	res := Result{Path: f.Path}
	if kind, reason := e.unfit(f.Src); reason != "" {
		res.Skipped, res.SkipKind = reason, kind
		return res
	}
	f, lang, kind, reason := prepare(f)
	if reason != "" {
		res.Skipped, res.SkipKind = reason, kind
		return res
	}
	enabled := e.enabledRules(f, s)
	if enabled == nil {
		return res
	}
	lang = grammarFor(f, lang)
	diags, tree, err := e.run(ctx, f, lang, enabled, parse, s)
	if s == nil {
		// Nothing of a fresh parse outlives the analysis (findings and
		// fixes are plain data): its memory goes to the next file's.
		defer tree.Release()
	}
	if err != nil {
		switch {
		case errors.Is(err, syntax.ErrParseBudget):
			res.Skipped, res.SkipKind = fmt.Sprintf("parse budget of %v exceeded", e.ParseTimeout), SkipParseBudget
		case ctx.Err() != nil:
			res.Skipped, res.SkipKind = "cancelled", SkipCancelled
		default:
			res.Skipped, res.SkipKind = err.Error(), SkipFailed
		}
		return res
	}
	if tree == nil {
		return res // prefiltered: nothing to find
	}
	res.Parsed = true
	res.SyntaxErrors = tree.Errors(20)
	if e.ValidateFixes && hasFixes(diags) {
		// Fixes are checked on the tree with the edited statements parsed
		// again (syntax.ReparseSpliced); a fix the splice cannot vouch for
		// is checked on an incremental reparse of a C tree parsed then
		// (validFixes). The C tree used to be kept from the analysis's own
		// parse, with its records' subtree identities, for every file up
		// to keepTreeLimit; but at most 22 of the benchmark corpus's 5,800
		// files have a fix, and the C tree held through the analysis of every
		// other file made the cold run fault in more memory (page faults
		// 393,000 to 379,000, median of 6 runs; its 0.15 s of freeing the
		// identities is gone too).
		base := baseOf(tree)
		base.tree = tree
		base.keepOnDemand = len(f.Src) <= keepTreeLimit
		if !base.keepOnDemand {
			// Let the analysis's garbage go first: a full parse's C tree
			// beside it raised the run's peak.
			runtime.GC()
		}
		var kept *syntax.Kept
		defer func() { kept.Close() }()
		for i := range diags {
			diags[i].Fixes = e.validFixes(ctx, f, lang, base, &kept, &diags[i])
		}
	}
	res.Diagnostics = diags
	return res
}

// parseOptions are the options of a parse of size bytes.
func (e *Engine) parseOptions(size int) syntax.Options {
	return syntax.Options{Timeout: e.ParseTimeout, HoldGoHeap: e.HoldGoHeapFrom > 0 && int64(size) >= e.HoldGoHeapFrom}
}

// keepTreeLimit is the largest file whose C tree Analyze keeps for
// incremental fix validation. A variable for tests.
var keepTreeLimit = 4 << 20

// prepare picks the grammar and, for single-file components, blanks
// everything outside the script blocks. It returns why the file cannot be
// analysed, or "".
func prepare(f File) (File, syntax.Lang, SkipKind, string) {
	if IsComponentFile(f.Path) {
		masked, lang, comp, ok := maskComponent(f.Path, f.Src)
		if !ok {
			return f, 0, SkipNoScript, "component file has no <script> block"
		}
		f.Src = masked
		f.component = comp
		if f.HasLang {
			lang = f.Lang
		}
		return f, lang, NotSkipped, ""
	}
	if f.HasLang {
		return f, f.Lang, NotSkipped, ""
	}
	lang, ok := syntax.LangForPath(f.Path)
	if !ok {
		return f, 0, SkipNotSource, "not a JavaScript or TypeScript file"
	}
	return f, lang, NotSkipped, ""
}

// grammarFor is the grammar a prepared file is parsed with: lang, except
// that a .js file with a Flow pragma may read better as TSX (flowGrammar).
// It parses such a file to decide, so callers ask only once the file is
// known to be analysed (after the prefilter).
func grammarFor(f File, lang syntax.Lang) syntax.Lang {
	if lang == syntax.JavaScript && !f.HasLang && !IsComponentFile(f.Path) {
		return flowGrammar(f.Src)
	}
	return lang
}

// unfit returns why a file should not be analysed, or "".
func (e *Engine) unfit(src []byte) (SkipKind, string) {
	if e.MaxFileSize > 0 && int64(len(src)) > e.MaxFileSize {
		return SkipTooLarge, fmt.Sprintf("file is %d bytes, larger than the limit of %d (raise --max-file-size to analyse it)", len(src), e.MaxFileSize)
	}
	head := src
	if len(head) > 8000 {
		head = head[:8000]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return SkipBinary, "binary file (contains NUL bytes)"
	}
	return NotSkipped, ""
}

// isDeclarationFile reports TypeScript declaration files (.d.ts, .d.mts,
// .d.cts): types only, no code that runs, so nothing can leak there.
func isDeclarationFile(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".d.ts") || strings.HasSuffix(p, ".d.mts") || strings.HasSuffix(p, ".d.cts")
}

// RulesFor returns the ids of the rules Analyze would run on f: those on
// for it that the prefilter keeps. For tests of the prefilter.
func (e *Engine) RulesFor(f File) []string {
	if kind, _ := e.unfit(f.Src); kind != NotSkipped {
		return nil
	}
	f, _, kind, _ := prepare(f)
	if kind != NotSkipped {
		return nil
	}
	var ids []string
	for _, i := range e.enabledRules(f, nil) {
		ids = append(ids, e.rules[i].ID)
	}
	return ids
}

// enabledRules returns the rules on for this file that the prefilter keeps:
// a rule runs where one of its needles occurs (or a configured name, or an
// imported listener helper's name), its Applies accepts the file, and, for
// a rule that needs an owner, where something can own a registration.
// A session, when given, counts the needles incrementally.
func (e *Engine) enabledRules(f File, s *Session) []int {
	if isDeclarationFile(f.Path) && !e.NoPrefilter {
		return nil
	}
	var out []int
	// Names from the owners config (a custom listen/unlisten pair, an
	// effect hook) can make any rule fire where its own needles are absent.
	configured := configuredNames(f.Config)
	// Helpers imported from other files that add or remove listeners are
	// registrations the listener rules' own needles do not name; asked
	// only when such a rule would otherwise be skipped.
	var helpers []string
	askedHelpers := false
	helperNeedles := func() []string {
		if !askedHelpers {
			askedHelpers = true
			if n, ok := f.Imports.(interface{ HelperNeedles([]byte) []string }); ok {
				helpers = n.HelperNeedles(f.Src)
			}
		}
		return helpers
	}
	var found []bool
	if !e.NoPrefilter {
		found = e.findNeedles(f.Src, s)
	}
	owned, askedOwner := false, false
	mayOwn := func() bool {
		if !askedOwner {
			askedOwner = true
			if f.component.Framework != "" {
				owned = true
			} else if ns := e.ownerNeedlesFor(f.Config); ns != nil {
				owned = containsAny(f.Src, ns)
			} else {
				owned = anyFound(found, e.ownerNeedleIDs)
			}
		}
		return owned
	}
	for i, r := range e.rules {
		if severity(r, f.Config) == SeverityOff {
			continue
		}
		if e.NoPrefilter {
			out = append(out, i)
			continue
		}
		if len(r.Needles) > 0 && !anyFound(found, e.ruleNeedles[i]) && !containsAny(f.Src, configured) &&
			!(listenerRule(r) && containsAny(f.Src, helperNeedles())) {
			continue
		}
		if r.Applies != nil && !r.Applies(f.Path, f.Src) {
			continue
		}
		if r.NeedsOwner && !mayOwn() && !anyFound(found, e.ownerlessIDs[i]) {
			continue
		}
		out = append(out, i)
	}
	if len(out) == 0 && bytes.Contains(f.Src, []byte(ignoreDirective)) {
		// Parse anyway so unused suppressions are reported.
		return []int{}
	}
	return out
}

// configuredNames are the names from the owners config (a custom
// listener adder, an effect hook, a teardown method, a long-lived
// object): any of them can make any rule fire where its own needles are
// absent.
func configuredNames(cfg *Config) []string {
	if cfg == nil {
		return nil
	}
	o := cfg.Owners
	names := append(append(append([]string(nil), o.EffectHooks...), o.TeardownMethods...), o.LongLived...)
	for add := range o.ListenerPairs {
		names = append(names, add)
	}
	return names
}

// ownerNeedlesFor returns the owner needles under a file's configuration,
// which can name more effect hooks and teardown methods, or nil when the
// configuration names none and the compiled owner needles apply.
func (e *Engine) ownerNeedlesFor(cfg *Config) []string {
	if cfg == nil || len(cfg.Owners.EffectHooks) == 0 && len(cfg.Owners.TeardownMethods) == 0 {
		return nil
	}
	// Keyed by the names, not the Config: drivers may copy a Config per
	// file (to add its package versions).
	key := strings.Join(cfg.Owners.EffectHooks, "\x00") + "\x01" + strings.Join(cfg.Owners.TeardownMethods, "\x00")
	if v, ok := e.configNeedles.Load(key); ok {
		return v.([]string)
	}
	n := lifecycle.OwnerNeedles(cfg.Owners.lifecycle())
	e.configNeedles.Store(key, n)
	return n
}

// listenerRule reports rules about listener registrations, which calls
// to helpers from other files can make.
func listenerRule(r *Rule) bool {
	for _, n := range r.Needles {
		if n == "addEventListener" {
			return true
		}
	}
	return false
}

// compileNeedles builds the one automaton the prefilter scans a file with,
// and gives each rule the ids of its needles in it.
func (e *Engine) compileNeedles() {
	var list []string
	ids := make(map[string]int32)
	idsOf := func(needles []string) []int32 {
		out := make([]int32, 0, len(needles))
		for _, n := range needles {
			id, ok := ids[n]
			if !ok {
				id = int32(len(list))
				ids[n] = id
				list = append(list, n)
			}
			out = append(out, id)
		}
		return out
	}
	e.ruleNeedles = make([][]int32, len(e.rules))
	e.ownerlessIDs = make([][]int32, len(e.rules))
	for i, r := range e.rules {
		e.ruleNeedles[i] = idsOf(r.Needles)
		e.ownerlessIDs[i] = idsOf(r.OwnerlessNeedles)
	}
	e.ownerNeedleIDs = idsOf(e.ownerNeedles)
	e.needles = newNeedleSet(list)
	e.needleReach = e.needles.maxLen()
}

// anyFound reports whether any of the needles ids was found.
func anyFound(found []bool, ids []int32) bool {
	for _, id := range ids {
		if found[id] {
			return true
		}
	}
	return false
}

func containsAny(src []byte, needles []string) bool {
	for _, n := range needles {
		if bytes.Contains(src, []byte(n)) {
			return true
		}
	}
	return false
}

// run parses and runs the given rules, then applies config and suppression
// comments. It returns a nil tree when nothing needed parsing.
func (e *Engine) run(ctx context.Context, f File, lang syntax.Lang, enabled []int, parse parseFunc, s *Session) ([]Diagnostic, *syntax.Tree, error) {
	if enabled == nil {
		return nil, nil, nil
	}
	tree, err := parse(ctx, lang, f.Src, e.parseOptions(len(f.Src)))
	if err != nil {
		return nil, nil, err
	}
	var found []Diagnostic
	if s != nil {
		found = e.findingsIn(ctx, s, tree, f, enabled)
	} else {
		found = e.runOnTree(ctx, tree, f, enabled)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	diags := e.applyConfigAndSuppressions(tree, f, found)
	sort.SliceStable(diags, func(i, j int) bool {
		if diags[i].Start != diags[j].Start {
			return diags[i].Start < diags[j].Start
		}
		return diags[i].Rule < diags[j].Rule
	})
	return diags, tree, nil
}

func (e *Engine) runOnTree(ctx context.Context, tree *syntax.Tree, f File, enabled []int) []Diagnostic {
	if len(enabled) == 0 {
		return nil
	}
	sc := scope.Build(tree)
	if e.SplitRulesFrom <= 0 || len(tree.Src) < e.SplitRulesFrom {
		return e.runRules(ctx, tree, f, enabled, sc)
	}
	listeners, others := e.splitRules(enabled)
	if len(listeners) == 0 || len(others) == 0 {
		return e.runRules(ctx, tree, f, enabled, sc)
	}
	// The groups share the tree and the scope model, which nothing
	// changes; each has its own scope memos (Fork), lifecycle model and
	// Pass memo, which fill lazily and are not safe for concurrent use.
	var (
		side      []Diagnostic
		sidePanic any
		done      = make(chan struct{})
		forked    = sc.Fork()
	)
	go func() {
		defer close(done)
		defer func() { sidePanic = recover() }()
		side = e.runRules(ctx, tree, f, others, forked)
	}()
	diags := e.runRules(ctx, tree, f, listeners, sc)
	<-done
	if sidePanic != nil {
		panic(sidePanic) // where a panic in the serial run would go
	}
	if ctx.Err() != nil {
		return nil
	}
	return append(diags, side...)
}

// splitRules divides the enabled rules into the listener rules, which
// share the file's index of listener calls (and cost about as much as all
// the others in a large component file), and the rest.
func (e *Engine) splitRules(enabled []int) (listeners, others []int) {
	for _, ri := range enabled {
		if listenerRule(e.rules[ri]) {
			listeners = append(listeners, ri)
		} else {
			others = append(others, ri)
		}
	}
	return listeners, others
}

// runRules runs the enabled rules over tree in one walk, with sc, the
// tree's scope model, for this walk alone.
func (e *Engine) runRules(ctx context.Context, tree *syntax.Tree, f File, enabled []int, sc *scope.Info) []Diagnostic {
	var diags []Diagnostic
	var lc lifecycle.Config
	if f.Config != nil {
		lc = f.Config.Owners.lifecycle()
		lc.Packages = f.Config.Packages
		for _, name := range f.Config.Owners.LongLived {
			if sc.LongLived == nil {
				sc.LongLived = make(map[string]bool)
			}
			sc.LongLived[name] = true
		}
	}
	tbl := apis.Builtin()
	if f.Config != nil {
		// Config.Validate has checked the pairs; a config built in code
		// that skipped it falls back to the built-in table.
		if t, err := tbl.Extend(f.Config.Owners.ListenerPairs); err == nil {
			tbl = t
		}
	}
	lc.Component = f.component
	lc.Path = f.Path
	lc.Imports = f.Imports
	life := lifecycle.Build(tree, sc, lc)
	if f.Imports != nil {
		sc.LongLivedType = life.LongLivedType
	}

	memo := make(map[any]any)
	visitors := make([]Visitor, len(e.rules))
	crashed := make([]bool, len(e.rules))
	var current syntax.Node
	guard := func(ri int, fn func()) {
		defer func() {
			if p := recover(); p != nil {
				crashed[ri] = true
				diags = append(diags, Diagnostic{
					Rule: RuleInternalError, Severity: SeverityError,
					Start: current.Start(), End: current.Start(),
					Message: fmt.Sprintf("rule %s crashed here and was stopped for this file: %v%s (please report this with the file)",
						e.rules[ri].ID, p, panicSite(debug.Stack())),
				})
			}
		}()
		fn()
	}
	for _, ri := range enabled {
		r := e.rules[ri]
		var opts map[string]any
		if f.Config != nil {
			opts = f.Config.Rules[r.ID].Options
		}
		p := &Pass{Rule: r, Path: f.Path, Tree: tree, Scope: sc, Life: life, APIs: tbl, Options: opts, memo: memo, noFixes: e.DeferFixes}
		p.report = func(d Diagnostic) {
			if d.Severity == SeverityOff {
				d.Severity = r.Severity
			}
			diags = append(diags, d)
		}
		current = tree.Root()
		guard(ri, func() { visitors[ri] = r.New(p) })
	}
	table := e.dispatch[tree.Lang]
	on := make([]bool, len(e.rules))
	for _, ri := range enabled {
		on[ri] = visitors[ri] != nil && !crashed[ri]
	}
	for i := 0; i < tree.Len(); i++ {
		// A cancelled analysis (the document changed, the editor went
		// away) stops within a few thousand nodes, not at the file's end.
		if i&4095 == 4095 && ctx.Err() != nil {
			return nil
		}
		n := tree.At(i)
		for _, ri := range table[n.Symbol()] {
			if !on[ri] || crashed[ri] {
				continue
			}
			current = n
			v := visitors[ri]
			guard(int(ri), func() { v.Visit(n) })
		}
	}
	for _, ri := range enabled {
		if fin, ok := visitors[ri].(Finisher); ok && !crashed[ri] {
			current = tree.Root()
			guard(ri, fin.Finish)
		}
	}
	return diags
}

// panicSite finds where in leakwatch's own code a panic happened, from a
// stack trace, as " at dir/file.go:123", or "".
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	afterPanic := false
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			afterPanic = true
			continue
		}
		if !afterPanic || !strings.HasPrefix(l, "github.com/leakwatch/leakwatch/") || i+1 >= len(lines) {
			continue
		}
		loc := strings.TrimSpace(lines[i+1])
		if k := strings.LastIndex(loc, " +0x"); k >= 0 {
			loc = loc[:k]
		}
		dir, file := filepath.Split(loc)
		return " at " + filepath.Join(filepath.Base(dir), file)
	}
	return ""
}

func (e *Engine) applyConfigAndSuppressions(tree *syntax.Tree, f File, diags []Diagnostic) []Diagnostic {
	var lines *textpos.Index
	var meta []Diagnostic
	var sups []*suppression
	// Most files have no suppression comment: skip the line index and the
	// comment scan for them.
	if strings.Contains(tree.Src, ignoreDirective) {
		lines = textpos.New(tree.Src)
		sups = findSuppressions(tree, lines, e.knownRule, func(d Diagnostic) { meta = append(meta, d) })
	}
	out := diags[:0]
	for _, d := range diags {
		if r := e.byID[d.Rule]; r != nil {
			d.Severity = severity(r, f.Config)
			if d.Severity == SeverityOff {
				continue
			}
		}
		if len(sups) > 0 && suppressed(&d, sups, lines) {
			continue
		}
		out = append(out, d)
	}
	for _, s := range sups {
		for i, used := range s.used {
			if used {
				continue
			}
			what := "any finding"
			if len(s.rules) > 0 {
				id := s.rules[i]
				// A rule switched off by config cannot use its suppression.
				if r := e.byID[id]; r != nil && severity(r, f.Config) == SeverityOff {
					continue
				}
				what = "a " + id + " finding"
			}
			out = append(out, Diagnostic{Rule: RuleUnusedSuppression, Severity: SeverityWarning, Start: s.start, End: s.end,
				Message: fmt.Sprintf("unused suppression: no %s here to silence; remove the comment", strings.TrimPrefix(what, "a "))})
		}
	}
	out = append(out, meta...)
	return out
}

// validFixes keeps the fixes of d that apply, re-parse without new syntax
// errors, and make the rule stop reporting at d's place. *kept is the C
// tree of before's text, parsed here the first time a fix needs it (see
// fixBase.keepOnDemand) and then shared by the file's other fixes; the
// caller closes it.
func (e *Engine) validFixes(ctx context.Context, f File, lang syntax.Lang, before fixBase, kept **syntax.Kept, d *Diagnostic) []Fix {
	if len(d.Fixes) == 0 {
		return nil
	}
	ri := e.ruleIndex(d.Rule)
	var out []Fix
	for _, fix := range d.Fixes {
		if e.FixWanted != nil && !e.FixWanted(fix) {
			continue
		}
		err := e.checkFix(ctx, f, lang, before, *kept, ri, d, fix)
		if errors.Is(err, errNeedKept) {
			// One full parse, then every fix of the file reparses
			// incrementally from it.
			if _, k, perr := syntax.ParseKept(ctx, lang, f.Src, e.parseOptions(len(f.Src))); perr != nil {
				err = perr
			} else {
				keptParses.Add(1)
				*kept = k
				err = e.checkFix(ctx, f, lang, before, k, ri, d, fix)
			}
		}
		if err == nil {
			out = append(out, fix)
			if e.FixWanted != nil {
				break
			}
		}
	}
	return out
}

// errNeedKept is checkFix's answer when a splice could not vouch for the
// fixed tree and before asks for a kept C tree rather than a full parse.
var errNeedKept = errors.New("fix needs the kept C tree")

// CheckFix validates one fix of a diagnostic Analyze returned for f.
func (e *Engine) CheckFix(ctx context.Context, f File, d Diagnostic, fix Fix) error {
	f, lang, _, reason := prepare(f)
	if reason != "" {
		return errors.New(reason)
	}
	lang = grammarFor(f, lang)
	before, kept, err := syntax.ParseKept(ctx, lang, f.Src, syntax.Options{Timeout: e.ParseTimeout})
	if err != nil {
		return err
	}
	defer kept.Close()
	ri := e.ruleIndex(d.Rule)
	return e.checkFix(ctx, f, lang, baseOf(before), kept, ri, &d, fix)
}

// checkFix validates one fix. With kept, the C tree of before, the fixed
// text is reparsed incrementally; the tree is the same either way.
// fixBase is what validating a fix needs of the text it edits: the text
// as parsed and how many syntax errors its parse had.
type fixBase struct {
	src    string
	errors int
	// tree is the parse of src, set when it has no kept C tree: fixes are
	// then checked on it with the edited statements parsed again.
	tree *syntax.Tree
	// keepOnDemand asks, when a fix cannot be checked on a splice of tree,
	// for a kept C tree of src (errNeedKept) rather than a full parse of
	// the fixed text: for files large enough that the splice could have
	// saved something, whose other fixes then reparse incrementally.
	keepOnDemand bool
}

// splicedChecks counts the fixes checked on a spliced tree, keptParses
// the C trees parsed for fixes a splice could not check (for tests).
var splicedChecks, keptParses atomic.Int64

func baseOf(t *syntax.Tree) fixBase { return fixBase{src: t.Src, errors: len(t.Errors(0))} }

// hasFixes reports whether any diagnostic carries a fix to validate.
func hasFixes(diags []Diagnostic) bool {
	for _, d := range diags {
		if len(d.Fixes) > 0 {
			return true
		}
	}
	return false
}

func (e *Engine) checkFix(ctx context.Context, f File, lang syntax.Lang, before fixBase, kept *syntax.Kept, ri int, d *Diagnostic, fix Fix) error {
	if len(fix.Edits) == 0 {
		return errors.New("fix has no edits")
	}
	for _, ed := range fix.Edits {
		if !utf8.ValidString(ed.NewText) {
			return errors.New("fix inserts invalid UTF-8")
		}
	}
	fixed, err := ApplyEdits(before.src, fix.Edits)
	if err != nil {
		return err
	}
	nf := f
	nf.Src = []byte(fixed)
	nf.component = shiftComponent(f.component, fix.Edits)
	for _, ed := range fix.Edits {
		if !insideScripts(f.component, ed) {
			return errors.New("fix edits text outside the component's script blocks")
		}
	}
	var after *syntax.Tree
	opt := e.parseOptions(len(nf.Src))
	switch {
	case kept != nil:
		after, err = kept.Reparse(ctx, nf.Src, treeEdits(f.Src, fix.Edits), opt)
	case before.tree != nil:
		var ok bool
		after, ok, err = syntax.ReparseSpliced(ctx, before.tree, nf.Src, offsetEdits(fix.Edits), opt)
		if err == nil && !ok {
			if before.keepOnDemand && len(f.Src) >= syntax.ReuseMinBytes {
				return errNeedKept
			}
			after, err = syntax.Parse(ctx, lang, nf.Src, opt)
		} else if ok {
			splicedChecks.Add(1)
		}
	default:
		after, err = syntax.Parse(ctx, lang, nf.Src, opt)
	}
	if err != nil {
		return err
	}
	if len(after.Errors(0)) > before.errors {
		return errors.New("fixed text has new syntax errors")
	}
	if ri < 0 {
		return nil // suppression-style fixes of meta diagnostics
	}
	at := mapOffset(d.Start, fix.Edits)
	for _, nd := range e.runOnTree(ctx, after, nf, []int{ri}) {
		if nd.Rule == d.Rule && nd.Start == at {
			return errors.New("the rule still reports after the fix")
		}
		if nd.Rule == RuleInternalError {
			return errors.New("the rule crashed on the fixed text")
		}
	}
	return nil
}

// insideScripts reports whether an edit stays within a script block of a
// component (always true for plain files).
func insideScripts(c lifecycle.Component, ed Edit) bool {
	if len(c.Scripts) == 0 {
		return true
	}
	for _, r := range c.Scripts {
		if ed.Start >= r.Start && ed.End <= r.End {
			return true
		}
	}
	return false
}

// offsetEdits describes edits for syntax.ReparseSpliced, which reads only
// their offsets.
func offsetEdits(edits []Edit) []syntax.Edit {
	out := make([]syntax.Edit, len(edits))
	for i, ed := range edits {
		out[i] = syntax.Edit{Start: ed.Start, OldEnd: ed.End, NewEnd: ed.Start + len(ed.NewText)}
	}
	return out
}

// treeEdits describes edits of src for tree-sitter: bytes and points of the
// text before each edit and after it.
func treeEdits(src []byte, edits []Edit) []syntax.Edit {
	out := make([]syntax.Edit, len(edits))
	for i, ed := range edits {
		start := syntax.PointAt(src, ed.Start)
		out[i] = syntax.Edit{
			Start: ed.Start, OldEnd: ed.End, NewEnd: ed.Start + len(ed.NewText),
			StartPoint:  start,
			OldEndPoint: advance(start, src[ed.Start:ed.End]),
			NewEndPoint: advance(start, []byte(ed.NewText)),
		}
	}
	return out
}
