// Command fixcheck applies leakwatch's fixes to real applications and asks
// the TypeScript compiler whether the fixed code still compiles.
//
//	go run ./bench/fixcheck ../shared/corpus            # safe, then unsafe fixes
//	go run ./bench/fixcheck -unsafe=false ../shared/corpus   # safe fixes only (CI)
//
// For every project of the corpus (see internal/corpus), every file with a
// finding is analysed in memory; its safe fixes are applied as `leakwatch
// check --fix` applies them (the first safe fix of each finding, merged with
// analyzer.MergeFixes, re-analysed, in rounds), then, on that result, its
// unsafe fixes the same way (`--fix --unsafe`). The original, the safely
// fixed and the fully fixed text of every file are type-checked in one run
// of the TypeScript compiler (internal/tscheck), and every error about a
// name, a member, nullability or syntax that a stage added is printed with
// the fix it comes from. Nothing is written to the corpus.
//
// It also prints, per rule, how many findings have a safe fix, and how many
// of the true positives of testdata/corpus/labels.tsv do. It exits 1 when a
// safe fix added a compiler error: plain --fix must never break a build.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/internal/corpus"
	"github.com/leakwatch/leakwatch/internal/packagejson"
	"github.com/leakwatch/leakwatch/internal/tscheck"
	"github.com/leakwatch/leakwatch/internal/walk"
	"github.com/leakwatch/leakwatch/rules"
)

func main() {
	unsafe := flag.Bool("unsafe", true, "after the safe fixes, apply the unsafe ones too and check them")
	labels := flag.String("labels", "testdata/corpus/labels.tsv", "reviewed findings, for the share of true positives with a safe fix (\"\" for none)")
	cache := flag.String("cache", "", "`folder` the TypeScript compiler is installed into (default bench/.cache/tscheck)")
	keep := flag.Bool("keep", false, "keep the type-checked files and print their folder")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: fixcheck [-unsafe=false] [-labels FILE] [-cache DIR] [-keep] corpus-folder")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if *cache == "" {
		c, err := tscheck.DefaultCache()
		if err != nil {
			fmt.Fprintf(os.Stderr, "fixcheck: %v\n", err)
			os.Exit(2)
		}
		*cache = c
	}
	broken, err := run(flag.Arg(0), *unsafe, *labels, *cache, *keep, os.Stdout)
	if err != nil {
		fmt.Fprintf(os.Stderr, "fixcheck: %v\n", err)
		os.Exit(2)
	}
	if broken > 0 {
		os.Exit(1)
	}
}

// Folders the CLI never enters below a folder it is given (as
// cmd/leakwatch's skipDirs), so the files checked are the CLI's.
var skipDirs = map[string]string{
	"node_modules": "dependency folder", ".git": "version-control folder", ".hg": "version-control folder",
	".svn": "version-control folder", "dist": "build output folder", "build": "build output folder",
	"out": "build output folder", "coverage": "coverage report folder", ".next": "build output folder",
	".nuxt": "build output folder", ".svelte-kit": "build output folder", ".output": "build output folder",
}

// applied is one fix that went into a file, and where its text is now.
type applied struct {
	rule, title string
	safe        bool
	line        int // of the finding, in the text the fix was offered on
	round       int
	start, end  int // what the fix wrote, in the current text
}

// stageResult is a file after one stage (safe or unsafe fixes).
type stageResult struct {
	text  string
	fixes []applied // this stage's, positions in text
}

// fileRun is everything fixcheck learns about one file.
type fileRun struct {
	path      string // relative to the corpus root, starting with the project
	abs       string
	orig      string
	findings  []analyzer.Diagnostic
	safe, all stageResult
	err       string
}

func run(root string, unsafe bool, labelsPath, cache string, keep bool, w io.Writer) (int, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return 0, err
	}
	projects, err := corpus.Projects(root)
	if err != nil {
		return 0, err
	}
	var roots []string
	for _, p := range projects {
		for _, path := range p.Paths {
			roots = append(roots, filepath.Join(root, path))
		}
	}
	start := time.Now()
	files, err := collect(root, roots)
	if err != nil {
		return 0, err
	}
	runs := analyseAll(files, unsafe)
	analyseTime := time.Since(start)

	var withFindings []*fileRun
	var batch []tscheck.File
	type names struct{ orig, safe, all string }
	name := map[*fileRun]names{}
	for i, r := range runs {
		if r.err != "" {
			fmt.Fprintf(w, "%s: %s\n", r.path, r.err)
		}
		if len(r.findings) == 0 {
			continue
		}
		withFindings = append(withFindings, r)
		if r.safe.text == r.orig && r.all.text == r.orig {
			continue
		}
		text, ext, ok := tscheck.Script(r.path, []byte(r.orig))
		if !ok {
			continue
		}
		n := names{orig: fmt.Sprintf("f%d/orig%s", i, ext), safe: fmt.Sprintf("f%d/safe%s", i, ext), all: fmt.Sprintf("f%d/all%s", i, ext)}
		name[r] = n
		batch = append(batch, tscheck.File{Name: n.orig, Text: text})
		s, _, _ := tscheck.Script(r.path, []byte(r.safe.text))
		batch = append(batch, tscheck.File{Name: n.safe, Text: s})
		if r.all.text != r.safe.text {
			a, _, _ := tscheck.Script(r.path, []byte(r.all.text))
			batch = append(batch, tscheck.File{Name: n.all, Text: a})
		} else {
			n.all = n.safe // nothing unsafe applied: nothing to compare
			name[r] = n
		}
	}

	tsc, err := tscheck.Install(cache)
	if err != nil {
		return 0, err
	}
	checkStart := time.Now()
	diags, kept, err := tsc.Check(batch, keep)
	if err != nil {
		return 0, err
	}
	checkTime := time.Since(checkStart)

	type brokenFix struct {
		path string
		fix  applied
		diag tscheck.Diagnostic
	}
	var broken []brokenFix
	var filesFixed, safeApplied, unsafeApplied int
	for _, r := range withFindings {
		if len(r.safe.fixes)+len(r.all.fixes) > 0 {
			filesFixed++
		}
		safeApplied += len(r.safe.fixes)
		unsafeApplied += len(r.all.fixes)
		n, ok := name[r]
		if !ok {
			continue
		}
		for _, stage := range []struct {
			before, after string
			res           stageResult
		}{{n.orig, n.safe, r.safe}, {n.safe, n.all, r.all}} {
			for _, d := range tscheck.Added(diags[stage.before], diags[stage.after]) {
				if !tscheck.Breaking(d, stage.after) {
					continue
				}
				broken = append(broken, brokenFix{r.path, blame(stage.res, d), d})
			}
		}
	}

	fmt.Fprintf(w, "files with findings: %d; fixed: %d\n", len(withFindings), filesFixed)
	fmt.Fprintf(w, "fixes applied: %d safe, %d unsafe\n", safeApplied, unsafeApplied)
	brokenSafe := 0
	for _, b := range broken {
		if b.fix.safe {
			brokenSafe++
		}
	}
	fmt.Fprintf(w, "compiler errors added: %d by safe fixes, %d by unsafe fixes\n", brokenSafe, len(broken)-brokenSafe)
	sort.SliceStable(broken, func(i, j int) bool {
		if broken[i].fix.safe != broken[j].fix.safe {
			return broken[i].fix.safe
		}
		return broken[i].path < broken[j].path
	})
	for _, b := range broken {
		safety := "unsafe"
		if b.fix.safe {
			safety = "safe"
		}
		fmt.Fprintf(w, "  %s:%d: %s, %s fix %q (round %d) adds, at line %d of the fixed file: TS%d %s\n\t%s\n",
			b.path, b.fix.line, b.fix.rule, safety, b.fix.title, b.fix.round, b.diag.Line, b.diag.Code, b.diag.Message, b.diag.Source)
	}
	if err := shareTable(w, root, withFindings, labelsPath); err != nil {
		return 0, err
	}
	fmt.Fprintf(w, "\nanalysis and fixing: %s; type-checking %d files in one compiler run: %s\n",
		analyseTime.Round(time.Millisecond), len(batch), checkTime.Round(time.Millisecond))
	if kept != "" {
		fmt.Fprintf(w, "the checked files are in %s (npx tsc -p %[1]s)\n", kept)
	}
	return brokenSafe, nil
}

// collect lists the files leakwatch checks under roots, as paths relative
// to the corpus root and absolute ones.
func collect(root string, roots []string) ([][2]string, error) {
	var out [][2]string
	opt := walk.Options{
		Match: func(name string) bool {
			if analyzer.IsComponentFile(name) {
				return true
			}
			_, ok := syntax.Extensions[strings.ToLower(filepath.Ext(name))]
			return ok
		},
		SkipDirs: skipDirs,
	}
	err := walk.Walk(context.Background(), roots, opt, func(e walk.Entry) error {
		if e.Kind != walk.File {
			return nil
		}
		rel, err := filepath.Rel(root, e.Abs)
		if err != nil {
			return err
		}
		out = append(out, [2]string{filepath.ToSlash(rel), e.Abs})
		return nil
	})
	return out, err
}

func analyseAll(files [][2]string, unsafe bool) []*fileRun {
	runs := make([]*fileRun, len(files))
	e := rules.NewEngine()
	var packages packagejson.Finder // as the CLI does
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				runs[i] = analyseFile(e, files[i][0], files[i][1], packages.Apply(nil, files[i][1]), unsafe)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return runs
}

func analyseFile(e *analyzer.Engine, path, abs string, cfg *analyzer.Config, unsafe bool) *fileRun {
	r := &fileRun{path: path, abs: abs}
	src, err := os.ReadFile(abs)
	if err != nil {
		r.err = err.Error()
		return r
	}
	r.orig = string(src)
	f := analyzer.File{Path: abs, Src: src, Config: cfg}
	res := e.Analyze(context.Background(), f)
	r.findings = res.Diagnostics
	r.safe = fixStage(e, f, r.orig, res, false)
	r.all = stageResult{text: r.safe.text}
	if unsafe {
		f.Src = []byte(r.safe.text)
		r.all = fixStage(e, f, r.safe.text, e.Analyze(context.Background(), f), true)
	}
	return r
}

// maxRounds is check --fix's bound.
const maxRounds = 10

// fixStage applies fixes in rounds as check --fix does: the first fix of
// each finding that the stage allows, merged; a round that adds syntax
// errors is retried with its first fix alone. The unsafe stage applies only
// unsafe fixes (the safe ones went in before).
func fixStage(e *analyzer.Engine, f analyzer.File, text string, res analyzer.Result, unsafe bool) stageResult {
	out := stageResult{text: text}
	for round := 1; round <= maxRounds; round++ {
		var fixes []analyzer.Fix
		var meta []applied
		for _, d := range res.Diagnostics {
			for _, fix := range d.Fixes {
				if (!fix.Safe && !unsafe) || isSuppression(fix) {
					continue
				}
				fixes = append(fixes, analyzer.JoinTouchingEdits(fix))
				meta = append(meta, applied{rule: d.Rule, title: fix.Title, safe: fix.Safe, line: lineOf(out.text, d.Start), round: round})
				break
			}
		}
		if len(fixes) == 0 {
			return out
		}
		try := func(fixes []analyzer.Fix, meta []applied) bool {
			edits, skipped := analyzer.MergeFixes(fixes)
			if len(edits) == 0 {
				return false
			}
			next, err := analyzer.ApplyEdits(out.text, edits)
			if err != nil {
				return false
			}
			nf := f
			nf.Src = []byte(next)
			nres := e.Analyze(context.Background(), nf)
			if nres.Skipped != "" || len(nres.SyntaxErrors) > len(res.SyntaxErrors) {
				return false
			}
			out.fixes = placeFixes(out.fixes, fixes, meta, skipped, edits)
			out.text, res = next, nres
			return true
		}
		if !try(fixes, meta) && (len(fixes) == 1 || !try(fixes[:1], meta[:1])) {
			return out
		}
	}
	return out
}

// placeFixes moves the spans of fixes applied in earlier rounds through
// this round's edits and adds the spans of this round's fixes.
func placeFixes(prev []applied, fixes []analyzer.Fix, meta []applied, skipped []int, all []analyzer.Edit) []applied {
	shift := func(off int) int {
		d := 0
		for _, e := range all {
			if e.End <= off && !(e.Start == e.End && e.Start == off) {
				d += len(e.NewText) - (e.End - e.Start)
			}
		}
		return off + d
	}
	out := make([]applied, 0, len(prev)+len(fixes))
	for _, a := range prev {
		a.start, a.end = shift(a.start), shift(a.end)
		out = append(out, a)
	}
	left := map[int]bool{}
	for _, i := range skipped {
		left[i] = true
	}
	for i, fx := range fixes {
		if left[i] || len(fx.Edits) == 0 {
			continue
		}
		a := meta[i]
		a.start, a.end = -1, -1
		for _, e := range fx.Edits {
			s := shift(e.Start)
			// shift counts this edit's own change only for offsets after
			// it; its new text starts at s and is len(NewText) long.
			if a.start < 0 || s < a.start {
				a.start = s
			}
			if s+len(e.NewText) > a.end {
				a.end = s + len(e.NewText)
			}
		}
		out = append(out, a)
	}
	return out
}

// blame names the fix that wrote the text a diagnostic is in, or the
// nearest one.
func blame(s stageResult, d tscheck.Diagnostic) applied {
	off := offsetOf(s.text, d.Line, d.Column)
	best, bestDist := applied{rule: "?", title: "no fix found near the error", line: d.Line}, -1
	for _, a := range s.fixes {
		dist := 0
		switch {
		case off < a.start:
			dist = a.start - off
		case off > a.end:
			dist = off - a.end
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = a, dist
		}
	}
	return best
}

func offsetOf(text string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	return min(off+col-1, len(text))
}

func lineOf(text string, off int) int { return strings.Count(text[:min(off, len(text))], "\n") + 1 }

func isSuppression(f analyzer.Fix) bool {
	for _, e := range f.Edits {
		if strings.Contains(e.NewText, "leakwatch-ignore") {
			return true
		}
	}
	return false
}

// shareTable prints, per rule, the findings and how many have a safe fix
// (one --fix would apply), and the same for the findings labelled true
// positives.
func shareTable(w io.Writer, root string, runs []*fileRun, labelsPath string) error {
	type count struct{ findings, safe, tp, tpSafe int }
	per := map[string]*count{}
	var findings []corpus.Finding
	hasSafe := map[corpus.Finding]bool{}
	for _, r := range runs {
		proj, rel, _ := strings.Cut(r.path, "/")
		for _, d := range r.findings {
			c := per[d.Rule]
			if c == nil {
				c = &count{}
				per[d.Rule] = c
			}
			c.findings++
			safe := false
			for _, f := range d.Fixes {
				if f.Safe && !isSuppression(f) {
					safe = true
				}
			}
			if safe {
				c.safe++
			}
			fd := corpus.Finding{Project: proj, File: rel, Line: lineOf(r.orig, d.Start), Rule: d.Rule}
			findings = append(findings, fd)
			hasSafe[fd] = hasSafe[fd] || safe
		}
	}
	if labelsPath != "" {
		labels, err := corpus.ReadLabelsFile(labelsPath)
		if err != nil {
			return err
		}
		m := corpus.MatchLabels(findings, labels)
		for _, p := range m.Labelled {
			if p.Label.Verdict != corpus.TP {
				continue
			}
			c := per[p.Finding.Rule]
			c.tp++
			if hasSafe[p.Finding] {
				c.tpSafe++
			}
		}
	}
	var ids []string
	for id := range per {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	fmt.Fprintf(w, "\n%-28s %9s %12s %6s %12s\n", "rule", "findings", "safe fix", "TP", "TP safe fix")
	var t count
	pct := func(a, b int) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%d%%", (100*a+b/2)/b)
	}
	for _, id := range ids {
		c := per[id]
		t.findings, t.safe, t.tp, t.tpSafe = t.findings+c.findings, t.safe+c.safe, t.tp+c.tp, t.tpSafe+c.tpSafe
		fmt.Fprintf(w, "%-28s %9d %6d %5s %6d %6d %5s\n", id, c.findings, c.safe, pct(c.safe, c.findings), c.tp, c.tpSafe, pct(c.tpSafe, c.tp))
	}
	fmt.Fprintf(w, "%-28s %9d %6d %5s %6d %6d %5s\n", "total", t.findings, t.safe, pct(t.safe, t.findings), t.tp, t.tpSafe, pct(t.tpSafe, t.tp))
	return nil
}
