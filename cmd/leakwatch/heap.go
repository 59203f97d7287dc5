package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
	"github.com/leakwatch/leakwatch/heap/analysis"
	"github.com/leakwatch/leakwatch/heap/record"
	"github.com/leakwatch/leakwatch/heap/report"
	"github.com/leakwatch/leakwatch/heap/snapshot"
	"github.com/leakwatch/leakwatch/heap/watch"
)

const heapUsage = `Usage: leakwatch heap <diff|record|watch> [flags] ...

Runtime evidence from V8 heap snapshots (Node, Chromium):

  leakwatch heap diff BASE.heapsnapshot TARGET.heapsnapshot [FINAL.heapsnapshot]
      compare snapshots of one process and list what grew
  leakwatch heap record [--load CMD] [--iterations N] -- node app.js
      run the program with its inspector, take three snapshots around
      runs of the load command, and compare them
  leakwatch heap watch [--load CMD] [--duration D] -- node app.js
      sample heap and RSS after GC over time, flag sustained growth, and
      write an HTML report with a chart and the leak groups

With --source-root, each leak group's allocation site is mapped to a file
under that folder, leakwatch's rules run on those files, and findings on
the same lines are marked "confirmed at runtime".

Exit codes: 0 no leak group, 1 leak groups (or sustained growth), 2 usage
error or unreadable snapshot, 3 internal failure.
`

func runHeap(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, heapUsage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	switch args[0] {
	case "diff":
		return runHeapDiff(ctx, args[1:], stdout, stderr)
	case "record":
		return runHeapRecord(ctx, args[1:], stdout, stderr)
	case "watch":
		return runHeapWatch(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "leakwatch heap: unknown subcommand %q%s (use diff, record or watch)\n", args[0], didYouMean(args[0], []string{"diff", "record", "watch"}))
	return exitUsage
}

// heapOutput are the flags every heap subcommand shares: what to analyse
// and where the report goes.
type heapOutput struct {
	format     string
	out        string
	html       string
	save       string
	sourceRoot string
	minCount   int
	maxMemory  byteSize
}

func addHeapOutputFlags(fs *flag.FlagSet, o *heapOutput) {
	fs.StringVar(&o.format, "format", "text", "report `format` on stdout: text or json")
	fs.StringVar(&o.out, "o", "", "write the report to this `file` instead of stdout")
	fs.StringVar(&o.html, "html", "", "also write a self-contained HTML report to this `file`")
	fs.StringVar(&o.save, "save", "", "also write the JSON report to this `file` (the language server reads .leakwatch/heap.json)")
	fs.StringVar(&o.sourceRoot, "source-root", "", "map allocation sites to files under this `folder` and run the rules on them")
	fs.IntVar(&o.minCount, "min-count", 10, "report groups with at least this many new objects still alive")
	fs.Var(&o.maxMemory, "max-memory", "memory `budget` per snapshot for reading it (default 4GB; 0: no limit)")
}

func (o *heapOutput) check(stderr io.Writer, cmd string) int {
	if o.format != "text" && o.format != "json" {
		fmt.Fprintf(stderr, "leakwatch heap %s: unknown --format %q (use text or json)\n", cmd, o.format)
		return exitUsage
	}
	if o.minCount < 1 {
		fmt.Fprintf(stderr, "leakwatch heap %s: --min-count must be at least 1\n", cmd)
		return exitUsage
	}
	if o.sourceRoot != "" {
		if st, err := os.Stat(o.sourceRoot); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "leakwatch heap %s: --source-root %s is not a folder\n", cmd, o.sourceRoot)
			return exitUsage
		}
	}
	return -1
}

func (o *heapOutput) budget() int64 {
	if o.maxMemory.set {
		return o.maxMemory.n
	}
	return 4 << 30
}

const heapDiffUsage = `Usage: leakwatch heap diff [flags] BASE.heapsnapshot TARGET.heapsnapshot [FINAL.heapsnapshot]

Compares heap snapshots of one process, oldest first. With three, it uses
the three-snapshot method: objects allocated between BASE and TARGET that
are still alive in FINAL, grouped by constructor, closure (by the line
that creates it) or detached DOM node, with retained sizes, a retainer
path from a GC root, the listeners, timers and collections on that path,
and the allocation site when the snapshot knows it. Take the snapshots
after the same warm-up and with garbage collected (v8.writeHeapSnapshot
after global.gc() under node --expose-gc, or DevTools).

Flags:
`

func runHeapDiff(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("heap diff", heapDiffUsage, stdout, stderr)
	var o heapOutput
	addHeapOutputFlags(fs, &o)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return flagError("heap diff", err, stderr)
	}
	if code := o.check(stderr, "diff"); code >= 0 {
		return code
	}
	if len(paths) < 2 || len(paths) > 3 {
		fmt.Fprintln(stderr, "leakwatch heap diff: give two or three snapshots, oldest first")
		return exitUsage
	}
	doc, code := analyseSnapshots(ctx, paths, &o, stderr, "diff")
	if doc == nil {
		return code
	}
	return writeHeapReport(ctx, doc, &o, stdout, stderr, "diff")
}

// analyseSnapshots reads and compares snapshots.
func analyseSnapshots(ctx context.Context, paths []string, o *heapOutput, stderr io.Writer, cmd string) (*report.Document, int) {
	rep, err := analysis.Compare(paths, snapshot.Options{MaxMemory: o.budget()}, analysis.Options{MinCount: o.minCount})
	if err != nil {
		fmt.Fprintf(stderr, "leakwatch heap %s: %v\n", cmd, err)
		return nil, exitUsage
	}
	return report.New(rep, o.sourceRoot), -1
}

// writeHeapReport ties the groups to static findings, then writes the
// report where the flags say.
func writeHeapReport(ctx context.Context, doc *report.Document, o *heapOutput, stdout, stderr io.Writer, cmd string) int {
	if o.sourceRoot != "" {
		if err := tieToFindings(ctx, doc, o.sourceRoot); err != nil {
			fmt.Fprintf(stderr, "leakwatch heap %s: %v\n", cmd, err)
			return exitUsage
		}
	}
	w := stdout
	if o.out != "" {
		f, err := os.Create(o.out)
		if err != nil {
			fmt.Fprintf(stderr, "leakwatch heap %s: %v\n", cmd, err)
			return exitUsage
		}
		defer f.Close()
		w = f
	}
	switch o.format {
	case "json":
		b, err := marshalJSON(doc)
		if err != nil {
			fmt.Fprintf(stderr, "leakwatch heap %s: %v\n", cmd, err)
			return exitInternal
		}
		fmt.Fprintf(w, "%s\n", b)
	default:
		report.WriteText(w, doc)
	}
	if o.save != "" {
		if err := os.MkdirAll(filepath.Dir(o.save), 0o755); err != nil {
			fmt.Fprintf(stderr, "leakwatch heap %s: %v\n", cmd, err)
			return exitUsage
		}
		b, err := marshalJSON(doc)
		if err == nil {
			err = os.WriteFile(o.save, append(b, '\n'), 0o644)
		}
		if err != nil {
			fmt.Fprintf(stderr, "leakwatch heap %s: %v\n", cmd, err)
			return exitUsage
		}
	}
	if o.html != "" {
		f, err := os.Create(o.html)
		if err == nil {
			err = errors.Join(report.WriteHTML(f, doc, "leakwatch heap "+cmd), f.Close())
		}
		if err != nil {
			fmt.Fprintf(stderr, "leakwatch heap %s: %v\n", cmd, err)
			return exitUsage
		}
		fmt.Fprintf(stderr, "leakwatch heap %s: HTML report written to %s\n", cmd, o.html)
	}
	if len(doc.Groups) > 0 || doc.Growth != nil && doc.Growth.Sustained {
		return exitFindings
	}
	return exitOK
}

// tieToFindings runs the rules on the files of the groups' sites and
// links each group to the findings it confirms, both ways.
func tieToFindings(ctx context.Context, doc *report.Document, root string) error {
	eng := newEngine()
	sel, err := parseRuleSelection("", eng)
	if err != nil {
		return err
	}
	configs, err := newConfigSet(eng, sel, "")
	if err != nil {
		return err
	}
	byFile := map[string][]int{}
	for i := range doc.Groups {
		g := &doc.Groups[i]
		if g.InRoot() {
			byFile[g.File] = append(byFile[g.File], i)
		}
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, rel := range files {
		abs := filepath.Join(root, filepath.FromSlash(rel))
		src, err := os.ReadFile(abs)
		if err != nil {
			// The snapshot may come from another checkout; the groups
			// still stand without their static side.
			continue
		}
		cfg, err := configs.forFile(abs)
		if err != nil {
			return err
		}
		res := eng.Analyze(ctx, analyzer.File{Path: rel, Src: src, Config: cfg})
		ix := textpos.New(string(src))
		for _, d := range res.Diagnostics {
			line, col := ix.Position(d.Start, textpos.UTF16)
			line++
			col++
			var related []int
			for _, r := range d.Related {
				l, _ := ix.Position(r.Start, textpos.UTF16)
				related = append(related, l+1)
			}
			fi := -1
			for _, gi := range byFile[rel] {
				g := &doc.Groups[gi]
				if !g.Matches(line, related, d.Message) {
					continue
				}
				if fi < 0 {
					doc.Findings = append(doc.Findings, report.Finding{File: rel, Line: line, Column: col, Rule: d.Rule, Message: d.Message})
					fi = len(doc.Findings) - 1
				}
				doc.Findings[fi].Groups = append(doc.Findings[fi].Groups, gi)
				if !slices.Contains(g.Findings, fi) {
					g.Findings = append(g.Findings, fi)
				}
			}
		}
	}
	return nil
}

// splitProgram separates flags from the program after "--".
func splitProgram(args []string) (flags, argv []string) {
	i := slices.Index(args, "--")
	if i < 0 {
		return args, nil
	}
	return args[:i], args[i+1:]
}

const heapRecordUsage = `Usage: leakwatch heap record [flags] -- node app.js [args...]

Starts the program with its inspector (through NODE_OPTIONS, so wrappers
such as npm start work too), runs the load command --warmup times, then
takes three heap snapshots (each after a full garbage collection) with
--iterations runs of the load command between them, stops the program,
and compares the snapshots like "heap diff". Without --load, the program
runs on its own for --pause between snapshots. The snapshots stay in --dir.

Flags:
`

func addStartFlags(fs *flag.FlagSet, port *int, ready *string, timeout *time.Duration) {
	fs.IntVar(port, "inspect-port", 0, "inspector `port` (0: let Node pick a free one)")
	fs.StringVar(ready, "ready", "", "wait until the program prints a line containing this `text` (e.g. \"listening\") before the load")
	fs.DurationVar(timeout, "start-timeout", 30*time.Second, "how long to wait for the inspector and --ready")
}

func runHeapRecord(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags, argv := splitProgram(args)
	fs := newFlagSet("heap record", heapRecordUsage, stdout, stderr)
	var o heapOutput
	addHeapOutputFlags(fs, &o)
	opt := record.Options{}
	fs.StringVar(&opt.Load, "load", "", "shell `command` that exercises the program (curl, a load generator)")
	fs.IntVar(&opt.Iterations, "iterations", 10, "runs of the load between two snapshots")
	fs.IntVar(&opt.Warmup, "warmup", 1, "runs of the load before the first snapshot")
	fs.DurationVar(&opt.Pause, "pause", 10*time.Second, "without --load: how long the program runs between snapshots")
	fs.StringVar(&opt.Dir, "dir", "", "`folder` for the snapshots (default: a new temporary folder, printed)")
	var timeout time.Duration
	addStartFlags(fs, &opt.Start.InspectPort, &opt.Start.Ready, &timeout)
	rest, err := parseInterspersed(fs, flags)
	if err != nil {
		return flagError("heap record", err, stderr)
	}
	if code := o.check(stderr, "record"); code >= 0 {
		return code
	}
	if len(rest) > 0 || len(argv) == 0 {
		fmt.Fprintln(stderr, "leakwatch heap record: give the program after --, for example: leakwatch heap record --load 'curl -s localhost:3000/' -- node app.js")
		return exitUsage
	}
	if opt.Iterations < 1 {
		fmt.Fprintln(stderr, "leakwatch heap record: --iterations must be at least 1")
		return exitUsage
	}
	if opt.Dir == "" {
		if opt.Dir, err = os.MkdirTemp("", "leakwatch-heap-"); err != nil {
			fmt.Fprintf(stderr, "leakwatch heap record: %v\n", err)
			return exitInternal
		}
	}
	opt.Argv = argv
	opt.Start.Timeout = timeout
	opt.Start.Stdout, opt.Start.Stderr = stderr, stderr
	opt.Progress = stderr
	paths, err := record.Record(ctx, opt)
	if err != nil {
		fmt.Fprintf(stderr, "leakwatch heap record: %v\n", err)
		if ctx.Err() != nil {
			return exitInterrupted
		}
		return exitUsage
	}
	doc, code := analyseSnapshots(ctx, paths, &o, stderr, "record")
	if doc == nil {
		return code
	}
	doc.Load, doc.Iterations = opt.Load, opt.Iterations
	return writeHeapReport(ctx, doc, &o, stdout, stderr, "record")
}

const heapWatchUsage = `Usage: leakwatch heap watch [flags] -- node app.js [args...]

Starts the program with its inspector and, every --interval, collects
garbage and reads the JavaScript heap and the process's RSS, showing them
as it goes; --load runs over and over meanwhile. At the end it says
whether the heap grew for good (a steady rise of the floor after GC, not
a saw-tooth), compares three snapshots taken at the start, halfway and the
end, and writes the HTML report (--html, default leakwatch-heap.html) with
a chart of memory over time and the leak groups.

Flags:
`

func runHeapWatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags, argv := splitProgram(args)
	fs := newFlagSet("heap watch", heapWatchUsage, stdout, stderr)
	var o heapOutput
	addHeapOutputFlags(fs, &o)
	opt := watch.Options{}
	fs.StringVar(&opt.Load, "load", "", "shell `command` run over and over while watching")
	fs.DurationVar(&opt.Interval, "interval", time.Second, "time between samples")
	fs.DurationVar(&opt.Duration, "duration", time.Minute, "how long to watch")
	noSnapshots := fs.Bool("no-snapshots", false, "only sample memory; take no snapshots (no leak groups)")
	dir := fs.String("dir", "", "`folder` for the snapshots (default: a new temporary folder)")
	var timeout time.Duration
	addStartFlags(fs, &opt.Start.InspectPort, &opt.Start.Ready, &timeout)
	rest, err := parseInterspersed(fs, flags)
	if err != nil {
		return flagError("heap watch", err, stderr)
	}
	if code := o.check(stderr, "watch"); code >= 0 {
		return code
	}
	if len(rest) > 0 || len(argv) == 0 {
		fmt.Fprintln(stderr, "leakwatch heap watch: give the program after --, for example: leakwatch heap watch -- node app.js")
		return exitUsage
	}
	if o.html == "" {
		o.html = "leakwatch-heap.html"
	}
	if !*noSnapshots {
		opt.SnapshotDir = *dir
		if opt.SnapshotDir == "" {
			if opt.SnapshotDir, err = os.MkdirTemp("", "leakwatch-heap-"); err != nil {
				fmt.Fprintf(stderr, "leakwatch heap watch: %v\n", err)
				return exitInternal
			}
		} else if err := os.MkdirAll(opt.SnapshotDir, 0o755); err != nil {
			fmt.Fprintf(stderr, "leakwatch heap watch: %v\n", err)
			return exitUsage
		}
	}
	opt.Argv = argv
	opt.Start.Timeout = timeout
	opt.Start.Stdout, opt.Start.Stderr = stderr, stderr
	opt.Progress = stderr
	if f, ok := stderr.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			opt.TTY = true
		}
	}
	res, err := watch.Watch(ctx, opt)
	if err != nil && (res == nil || len(res.Samples) == 0) {
		fmt.Fprintf(stderr, "leakwatch heap watch: %v\n", err)
		if ctx.Err() != nil {
			return exitInterrupted
		}
		return exitUsage
	}
	if err != nil {
		// Interrupted or the program ended: report what was seen.
		fmt.Fprintf(stderr, "leakwatch heap watch: stopped early: %v\n", err)
	}
	var doc *report.Document
	if len(res.Snapshots) >= 2 {
		var code int
		if doc, code = analyseSnapshots(ctx, res.Snapshots, &o, stderr, "watch"); doc == nil {
			return code
		}
	} else {
		doc = &report.Document{Version: report.Version, Groups: []report.Group{}}
	}
	doc.Samples, doc.Growth = res.Samples, &res.Growth
	doc.Load = opt.Load
	if res.LoadError != nil {
		doc.Skipped = append(doc.Skipped, "the load stopped: "+res.LoadError.Error())
	}
	return writeHeapReport(ctx, doc, &o, stdout, stderr, "watch")
}
