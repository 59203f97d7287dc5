package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/facts"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/internal/packagejson"
	"github.com/leakwatch/leakwatch/internal/walk"
)

const checkUsage = `Usage: leakwatch [check] [flags] [paths...]

Analyses the JavaScript and TypeScript files named, and those in the folders
named (default: the current folder), including the <script> blocks of .vue
and .svelte files. Folders are searched recursively,
honouring .gitignore and skipping node_modules, version-control folders,
build output (dist, build, out, coverage, .next, .nuxt, .svelte-kit, .output)
and minified files; files named explicitly are always analysed. Each file
uses the nearest .leakwatch.json above it unless --config is given.

With --cache, a file whose bytes, configuration and enabled rules are the
same as in the last --cache run is not analysed again. The cache file keys
files by their path relative to the current folder, so it can be restored
in another checkout (a CI cache step). --shard i/n splits the files by a
hash of that same path, so n CI jobs with 1/n ... n/n together check every
file exactly once.

Exit codes: 0 nothing found, 1 warnings or errors found, 2 usage or
configuration error (or a file could not be read), 3 internal failure.

Flags:
`

// checkOptions are the parsed flags of `check`.
type checkOptions struct {
	format       string
	configPath   string
	rules        string
	jobs         int
	maxFileSize  byteSize
	parseTimeout time.Duration
	noFrame      bool
	verbose      bool
	fix          bool
	fixUnsafe    bool
	diff         bool
	noIgnore     bool
	followLinks  bool
	useCache     bool
	cachePath    string
	noFacts      bool
	shard        shard
	paths        []string
}

func parseCheckFlags(args []string, stdout, stderr io.Writer) (*checkOptions, int) {
	o := &checkOptions{}
	fs := newFlagSet("check", checkUsage, stdout, stderr)
	fs.StringVar(&o.format, "format", "text", "output `format`: text, json, sarif or github")
	fs.StringVar(&o.configPath, "config", "", "use this configuration `file` for every file instead of the nearest .leakwatch.json")
	fs.StringVar(&o.rules, "rules", "", "comma-separated rule `list`: bare ids run only those rules, +id turns one on, -id off")
	fs.IntVar(&o.jobs, "j", 0, "number of files analysed in parallel (default: all cores)")
	fs.Var(&o.maxFileSize, "max-file-size", "skip files larger than this `size` (4MB, 512KB, bytes; 0: no limit) (default 4MB)")
	fs.DurationVar(&o.parseTimeout, "parse-timeout", analyzer.DefaultParseTimeout, "give up on a file whose parse takes longer (0: no limit)")
	fs.BoolVar(&o.noFrame, "no-frame", false, "text format: do not show the code line under each problem")
	fs.BoolVar(&o.verbose, "v", false, "say which files and folders were skipped and why, and where parsing failed")
	fs.BoolVar(&o.fix, "fix", false, "apply the safe fixes to the files, then report what remains")
	fs.BoolVar(&o.fixUnsafe, "fix-unsafe", false, "also apply fixes that need review (implies --fix)")
	fs.BoolVar(&o.diff, "diff", false, "print the changes --fix would make as a unified diff instead of writing them")
	fs.BoolVar(&o.noIgnore, "no-ignore", false, "do not honour .gitignore files")
	fs.BoolVar(&o.followLinks, "follow-symlinks", false, "enter symbolic links to folders inside the folders being checked (never out of them)")
	fs.BoolVar(&o.useCache, "cache", false, "reuse results for files unchanged since the last run with --cache")
	fs.BoolVar(&o.noFacts, "no-facts", false, "analyse each file alone, without facts about the files it imports (base classes, helpers, singletons)")
	fs.StringVar(&o.cachePath, "cache-location", "", "with --cache: the cache `file`, or a folder for it (default: a file per project in the user cache folder)")
	o.shard = shard{1, 1}
	fs.Func("shard", "analyse only shard `i/n` of the files (1 <= i <= n), split by path, for parallel CI jobs", func(v string) error {
		sh, err := parseShard(v)
		o.shard = sh
		return err
	})
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, flagError("check", err, stderr)
	}
	o.paths = paths
	if len(o.paths) == 0 {
		o.paths = []string{"."}
	}
	switch o.format {
	case "text", "json", "sarif", "github":
	default:
		fmt.Fprintf(stderr, "leakwatch check: unknown --format %q (use text, json, sarif or github)\n", o.format)
		return nil, exitUsage
	}
	if o.jobs < 0 {
		fmt.Fprintf(stderr, "leakwatch check: -j must be a positive number of workers, not %d\n", o.jobs)
		return nil, exitUsage
	}
	if o.jobs == 0 {
		o.jobs = runtime.GOMAXPROCS(0)
	}
	if o.parseTimeout < 0 {
		fmt.Fprintln(stderr, "leakwatch check: --parse-timeout cannot be negative")
		return nil, exitUsage
	}
	if o.fixUnsafe || o.diff {
		o.fix = true
	}
	if o.diff && o.format != "text" {
		fmt.Fprintf(stderr, "leakwatch check: --diff prints a unified diff; it cannot be combined with --format %s\n", o.format)
		return nil, exitUsage
	}
	return o, -1
}

// isSourceName reports whether a file is one leakwatch analyses: a script
// by its extension, or a .vue or .svelte component, whose <script> blocks
// the engine analyses in place.
func isSourceName(name string) bool {
	if analyzer.IsComponentFile(name) {
		return true
	}
	_, ok := syntax.Extensions[strings.ToLower(filepath.Ext(name))]
	return ok
}

func runCheck(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	o, code := parseCheckFlags(args, stdout, stderr)
	if o == nil {
		return code
	}
	eng := newEngine()
	if o.maxFileSize.set {
		eng.MaxFileSize = o.maxFileSize.n
	}
	eng.ParseTimeout = o.parseTimeout
	// Files over the memory budget run with only small files beside them
	// (queue.go), so capping Go's heap during their parse is safe.
	eng.HoldGoHeapFrom = memoryBudget + 1
	// Hidden, for the prefilter's soundness test (internal/corpus): run
	// every rule on every file, whatever its text.
	eng.NoPrefilter = os.Getenv("LEAKWATCH_NO_PREFILTER") == "1"
	fixes := wantedFixes(o, eng)
	sel, err := parseRuleSelection(o.rules, eng)
	if err != nil {
		fmt.Fprintf(stderr, "leakwatch: %v\n", err)
		return exitUsage
	}
	// A path that does not exist is a typo, not a finding: fail before any
	// output. (A broken link exists and is reported by the walk.) The walk
	// reuses what this found out: one Lstat per path named.
	roots := walk.Resolve(o.paths)
	if missing := roots.Missing(); len(missing) > 0 {
		fmt.Fprintf(stderr, "leakwatch: %s: no such file or folder\n", missing[0])
		return exitUsage
	}
	configs, err := newConfigSet(eng, sel, o.configPath)
	if err != nil {
		fmt.Fprintf(stderr, "leakwatch: %v\n", err)
		return exitUsage
	}
	tail := &lineEnd{w: stdout}
	out := bufio.NewWriterSize(tail, 64<<10)
	defer out.Flush()
	c := &checker{ctx: ctx, opts: o, roots: roots, eng: eng, sel: sel, configs: configs, stdout: out, stderr: stderr, root: currentRoot()}
	c.rep = newReporter(o, eng, out, tail, stderr)
	if o.useCache {
		var note string
		c.cache, note = openResultCache(cacheLocation(o.cachePath, c.root.real), eng, sel, fixes)
		if note != "" && o.verbose {
			fmt.Fprintf(stderr, "leakwatch: %s\n", note)
		}
	}
	if !o.noFacts {
		var store facts.Store
		if c.cache != nil {
			store = factsStore{rc: c.cache, root: c.root}
		}
		c.facts = newProjectFacts(c.root.real, store, func(msg string) {
			fmt.Fprintf(stderr, "leakwatch: note: %s\n", msg)
		})
	}
	return c.run()
}

// wantedFixes tells the engine which fixes the output uses, so that it
// validates only those (each validation re-parses the file), and returns
// a name for that choice, which cached results depend on. JSON and SARIF
// carry every fix; the text and GitHub formats show only whether a finding
// has a safe fix, and --fix applies the first fix it may.
func wantedFixes(o *checkOptions, eng *analyzer.Engine) string {
	if o.format == "json" || o.format == "sarif" {
		return "all"
	}
	unsafe := o.fixUnsafe
	eng.FixWanted = func(f analyzer.Fix) bool { return (f.Safe || unsafe) && !isSuppression(f) }
	if unsafe {
		return "first-any"
	}
	return "first-safe"
}

// checker runs one `check`: a walker goroutine lists files in a fixed
// order, workers analyse them in parallel, largest first, and the results
// are reported in the walk's order as soon as each is ready, so output is
// deterministic whatever the schedule. Results hold no source text, so
// keeping those that finish ahead of their turn costs little.
type checker struct {
	ctx     context.Context
	opts    *checkOptions
	roots   *walk.Roots // opts.paths, resolved; the listing drops it
	eng     *analyzer.Engine
	sel     *ruleSelection
	configs *configSet
	stdout  *bufio.Writer
	stderr  io.Writer
	rep     reporter
	// root is the folder paths are made relative to for --shard and the
	// cache: the current folder.
	root  runRoot
	cache *resultCache // nil without --cache
	// packages reads the package.json nearest each file.
	packages packagejson.Finder
	// facts answers questions about imports; nil with --no-facts.
	facts *projectFacts
	// otherShards counts the walk entries --shard left to other jobs.
	otherShards atomic.Int64

	sum summary
}

// job is one walk entry on its way through the pipeline.
type job struct {
	entry walk.Entry
	cfg   *analyzer.Config
	done  chan *fileResult // receives exactly one result
	size  int64            // bytes on disk when listed, for scheduling
	// beside marks a file over companionFile that the queue started
	// beside one over the budget, and counts with it.
	beside bool
	fatal  error // a configuration error that ends the run
	// internal marks a fatal error that is leakwatch's own failure.
	internal bool
}

func (c *checker) run() int {
	ctx, cancel := context.WithCancel(c.ctx)
	defer cancel()
	ordered := make(chan *job, 4*c.opts.jobs+16)
	q := newQueue(memoryBudget)

	// tree-sitter's trees are malloc'ed: each thread that parses gets its
	// own glibc arena (up to 8 per core), and each keeps the memory its
	// freed trees leave, in pieces it seldom returns. As many arenas as
	// workers, trimmed after every releaseAfter bytes parsed when the
	// process is larger than trimAbove, keep that from adding up beside
	// the next large file's tree (the cold benchmark's peak fell by about
	// 30 MB).
	syntax.LimitArenas(max(2, c.opts.jobs))
	// Go's collector runs at its default GOGC (100), or the user's. At
	// 200, as before, the heap grew late in a run to three times its 60-80
	// MB live (mostly the arrays internal/pool keeps). At 100, with the
	// garbage of the last large file left to the files after it
	// (queue.handBack), a cold run of the benchmark corpus faults some
	// 20,000 fewer pages in (91,000-99,000) at the same peak; at 200 that
	// garbage took the peak from 295 to 320-330 MB.
	// The parses that follow one another reuse the arena memory the last
	// ones freed instead of faulting fresh pages in: with 32 MB kept
	// rather than 8, a cold run of the benchmark corpus spent 1-3% less
	// CPU (system time 1.25 to 1.05 s: the kernel's page zeroing) at the
	// same peak, which a file over the budget sets while the cache is
	// still empty.
	syntax.SetArenaCache(checkArenaCache)
	var sinceTrim atomic.Int64
	go c.walk(ctx, ordered, q)
	for i := 0; i < c.opts.jobs; i++ {
		go func() {
			for {
				j := q.next()
				if j == nil {
					return
				}
				r := c.process(ctx, j)
				// A result the cache gave back parsed nothing: there is no
				// memory to hand back (a forced collection per large file
				// was a quarter of a warm run).
				// Nor does a file that was not parsed (a declaration file,
				// one the prefilter skipped). handBack is asked first: it
				// counts every large file out.
				if q.handBack(j) && r.parsed {
					// The garbage of a large file would otherwise stay
					// mapped while the next large file's C tree grows
					// beside it: the two add up to the run's peak.
					debug.FreeOSMemory()
				}
				if r.parsed && sinceTrim.Add(j.size) > releaseAfter {
					sinceTrim.Store(0)
					syntax.ReleaseMemoryAbove(trimAbove)
				}
				q.finished(j)
				j.done <- r
			}
		}()
	}

	if err := c.rep.begin(); err != nil {
		return c.outputFailed(err)
	}
	var fatal *job
	for j := range ordered {
		if j.fatal != nil {
			fatal = j
			cancel()
			continue
		}
		r := <-j.done
		if fatal != nil {
			continue // cancelled work after the error: not reported
		}
		c.report(r)
		if err := c.rep.file(r); err != nil {
			cancel()
			return c.outputFailed(err)
		}
		// Stream: a file's findings appear as soon as it is done, and
		// stay in order with the notes on stderr.
		if c.stdout.Buffered() > 0 {
			if err := c.stdout.Flush(); err != nil {
				cancel()
				return c.outputFailed(err)
			}
		}
	}
	if fatal != nil {
		fmt.Fprintf(c.stderr, "leakwatch: %v\n", fatal.fatal)
		c.sum.aborted = true
	} else if c.sum.files == 0 && len(c.sum.skipped) == 0 && len(c.sum.failed) == 0 && c.ctx.Err() == nil {
		if n := c.otherShards.Load(); n > 0 {
			// Fine with few files and many CI jobs.
			fmt.Fprintf(c.stderr, "leakwatch: none of the %d files and folders found in %s is in shard %s\n", n, strings.Join(c.opts.paths, " "), c.opts.shard)
		} else {
			// Most likely a wrong folder or a project in another
			// language; say so rather than pass silently.
			fmt.Fprintf(c.stderr, "leakwatch: no JavaScript or TypeScript files in %s\n", strings.Join(c.opts.paths, " "))
		}
	}
	if fatal == nil && c.ctx.Err() == nil {
		c.saveCache()
	}
	if c.opts.verbose && c.facts != nil {
		fmt.Fprintf(c.stderr, "leakwatch: %s\n", c.facts.note())
	}
	if err := c.rep.end(&c.sum); err != nil {
		return c.outputFailed(err)
	}
	if err := c.stdout.Flush(); err != nil {
		return c.outputFailed(err)
	}
	switch {
	case fatal != nil && fatal.internal:
		return exitInternal
	case fatal != nil:
		return exitUsage
	case c.ctx.Err() != nil:
		return exitInterrupted
	case c.sum.internal > 0:
		return exitInternal
	case c.sum.counts.findings() > 0 || c.sum.wouldChange > 0:
		return exitFindings
	case len(c.sum.failed) > 0:
		return exitUsage
	}
	return exitOK
}

func (c *checker) outputFailed(err error) int {
	fmt.Fprintf(c.stderr, "leakwatch: writing the report: %v\n", err)
	return exitInternal
}

// walk lists every entry first, then hands the files to the queue, which
// starts the largest first, and the entries to the report in walk order.
// Listing everything before analysing anything costs little (the walk is
// a small part of a run) and lets the largest file start at once instead
// of last, where it would leave the other workers idle at the end.
func (c *checker) walk(ctx context.Context, ordered chan<- *job, q *queue) {
	defer close(ordered)
	list := c.list(ctx)
	var files []*job
	for _, j := range list {
		if j.fatal == nil && j.entry.Kind == walk.File {
			files = append(files, j)
		}
	}
	q.start(files)
	for _, j := range list {
		select {
		case ordered <- j:
		case <-ctx.Done():
			// The report stopped reading (an output error); the workers
			// still answer every job, so nothing waits on them.
			return
		}
	}
}

// list walks the paths and returns their entries in walk order, ending with
// a fatal job when the walk failed.
func (c *checker) list(ctx context.Context) (list []*job) {
	defer func() {
		// A bug in the walk ends the run as an internal error instead of
		// killing the process with the report half written.
		if p := recover(); p != nil {
			list = append(list, &job{fatal: fmt.Errorf("internal error while listing files: %v\n%s", p, debug.Stack()), internal: true})
		}
	}()
	opt := walk.Options{
		Match:          isSourceName,
		NoGitignore:    c.opts.noIgnore,
		FollowSymlinks: c.opts.followLinks,
		SkipDirs:       walk.DefaultSkipDirs,
		Exclude: func(abs string, isDir bool) (string, error) {
			cfg, err := c.configs.forDir(filepath.Dir(abs))
			if err != nil {
				return "", err
			}
			return ignoredBy(cfg, abs), nil
		},
	}
	// The listing is done with what Resolve found out (the entries carry
	// what is needed of it): kept for the whole run it was 3 MB of live
	// heap, and the collector's goal three times that.
	roots := c.roots
	c.roots = nil
	err := walk.WalkResolved(ctx, roots, opt, func(e walk.Entry) error {
		if c.opts.shard.count > 1 && !c.opts.shard.owns(c.entryKey(e)) {
			// Another job's: skipped, failed and analysed entries alike,
			// so n jobs together report each exactly once.
			c.otherShards.Add(1)
			return nil
		}
		j := &job{entry: e, done: make(chan *fileResult, 1)}
		if e.Kind != walk.File {
			j.done <- &fileResult{entry: e}
			list = append(list, j)
			return nil
		}
		cfg, err := c.configs.forFile(e.Abs)
		if err != nil {
			return err
		}
		// The project's package versions tell fixes which framework
		// version to write for (Vue 2 or 3, Angular's DestroyRef).
		j.cfg = c.packages.Apply(cfg, e.Abs)
		// The size orders the queue; a file that cannot be statted
		// fails when it is read, with the reason.
		if e.Size >= 0 {
			j.size = e.Size
		} else if st, err := os.Stat(e.Abs); err == nil {
			j.size = st.Size()
		}
		list = append(list, j)
		return nil
	})
	if err != nil && ctx.Err() == nil {
		if ce := (*errConfig)(nil); !errors.As(err, &ce) {
			err = fmt.Errorf("walking the files: %w", err)
		}
		list = append(list, &job{fatal: err})
	}
	return list
}

// report updates the summary and prints the stderr notes for one result,
// in report order.
func (c *checker) report(r *fileResult) {
	s := &c.sum
	e := r.entry
	switch {
	case r.cancelled:
		return
	case e.Kind == walk.Failed || r.err != nil:
		err := r.err
		if err == nil {
			err = e.Err
		}
		s.failed = append(s.failed, failure{path: e.Path, err: describeErr(err)})
		fmt.Fprintf(c.stderr, "leakwatch: %s: %s\n", cleanText(e.Path), describeErr(err))
		return
	case e.Kind == walk.Skipped || r.skipped != "":
		reason := r.skipped
		if reason == "" {
			reason = e.Reason
		}
		s.skipped = append(s.skipped, skip{path: e.Path, dir: e.Dir, reason: reason})
		// Files the user named, and limits hit, are worth a note even
		// without -v: the user expected them analysed.
		if c.opts.verbose || e.Explicit || r.limit {
			shown := e.Path
			if e.Dir {
				shown += string(filepath.Separator)
			}
			fmt.Fprintf(c.stderr, "leakwatch: skipped %s: %s\n", cleanText(shown), reason)
		}
		return
	}
	s.files++
	if len(r.problems) > 0 {
		s.filesWithProblems++
	}
	for _, p := range r.problems {
		s.counts.add(p.Severity)
		if p.Rule == analyzer.RuleInternalError {
			s.internal++
		}
		for _, f := range p.Fixes {
			if f.Safe && !f.suppresses() {
				s.fixable++
				break
			}
		}
	}
	if r.internal != nil {
		s.internal++
		fmt.Fprintf(c.stderr, "leakwatch: %s: internal error: %v\n", cleanText(e.Path), r.internal)
	}
	if len(r.syntaxErrors) > 0 {
		s.syntaxErrors = append(s.syntaxErrors, syntaxNote{path: e.Path, first: r.syntaxErrors[0], count: r.syntaxErrorCount})
	}
	if c.opts.verbose {
		for _, se := range r.syntaxErrors {
			what := "syntax error"
			if se.missing != "" {
				what = fmt.Sprintf("syntax error: missing %s", se.missing)
			}
			fmt.Fprintf(c.stderr, "leakwatch: %s:%d:%d: %s; the file was still analysed, but findings near here are less certain\n",
				cleanText(e.Path), se.Line, se.Column, what)
		}
		if extra := r.syntaxErrorCount - len(r.syntaxErrors); extra > 0 {
			fmt.Fprintf(c.stderr, "leakwatch: %s: %d more syntax errors\n", cleanText(e.Path), extra)
		}
	}
	if r.writeErr != nil {
		s.failed = append(s.failed, failure{path: e.Path, err: "fixes not written: " + r.writeErr.Error()})
		fmt.Fprintf(c.stderr, "leakwatch: %s: fixes not written: %v\n", cleanText(e.Path), r.writeErr)
	}
	if r.fixed > 0 {
		s.fixed += r.fixed
		s.filesFixed++
	}
	if r.diff != "" {
		s.wouldChange++
	}
	s.fixesLeft += r.fixesLeft
	for _, n := range r.notes {
		fmt.Fprintf(c.stderr, "leakwatch: %s: %s\n", cleanText(e.Path), n)
	}
}

// summary is the run's totals, reported at the end of every format.
type summary struct {
	files             int
	filesWithProblems int
	counts            counts
	fixable           int // problems with a safe fix, as reported
	fixed             int // fixes applied (or, with --diff, that would be)
	filesFixed        int
	wouldChange       int // files --diff printed changes for
	fixesLeft         int // fixable problems whose fixes could not be merged
	internal          int
	aborted           bool // a configuration error stopped the run
	skipped           []skip
	failed            []failure
	syntaxErrors      []syntaxNote
}

type skip struct {
	path, reason string
	dir          bool
}

type failure struct{ path, err string }

type syntaxNote struct {
	path  string
	first syntaxError
	count int
}
