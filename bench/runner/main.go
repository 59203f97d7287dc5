// Command runner measures leakwatch against its peers on the benchmark
// corpus and prints the table `make bench` shows. bench/run.sh installs the
// corpus and the peers, builds the binaries and calls it; run it directly
// only with the same flags.
//
// Every tool gets the same file list (paths relative to -corpus, passed as
// arguments, one process per run), one warm-up run, then -runs measured
// runs. The runs are interleaved (round 1 runs every tool once, then round
// 2, ...) so that load from other processes spreads over all tools instead
// of landing on one. Wall time is measured around the child process; peak
// RSS is the child's own (rusage Maxrss from wait4), which includes worker
// threads but not other processes.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"time"
)

type options struct {
	corpus     string // folder the paths in list are relative to
	list       string // file listing the corpus files, one a line
	leakwatch  string // leakwatch binary
	parseOnly  string // bench/parseonly binary
	peers      string // folder with the peers' node_modules and eslint.config.mjs
	node       string
	runs       int
	jobs       int
	sampleSize int
	seed       uint64
	tools      string
	timeout    time.Duration
	workDir    string // scratch folder for cache locations
}

func main() {
	var o options
	flag.StringVar(&o.corpus, "corpus", "", "`folder` the listed paths are relative to (the tools run there)")
	flag.StringVar(&o.list, "list", "", "`file` listing the corpus files, one a line")
	flag.StringVar(&o.leakwatch, "leakwatch", "", "leakwatch `binary`")
	flag.StringVar(&o.parseOnly, "parseonly", "", "bench/parseonly `binary`")
	flag.StringVar(&o.peers, "peers", "", "`folder` holding the peers' node_modules and eslint.config.mjs")
	flag.StringVar(&o.node, "node", "node", "node `binary` for ESLint and oxlint")
	flag.IntVar(&o.runs, "runs", 3, "measured runs per tool, after one warm-up run")
	flag.IntVar(&o.jobs, "j", runtime.NumCPU(), "workers for every tool that takes a number (leakwatch -j, ESLint --concurrency, oxlint --threads)")
	flag.IntVar(&o.sampleSize, "sample", 20, "files in the pre-commit-sized run")
	flag.Uint64Var(&o.seed, "seed", 7, "seed that picks the pre-commit-sized sample")
	flag.StringVar(&o.tools, "tools", strings.Join(allTools, ","), "comma-separated `rows` to run: "+strings.Join(allTools, ", "))
	flag.DurationVar(&o.timeout, "timeout", 30*time.Minute, "give up on one run after this long")
	flag.StringVar(&o.workDir, "work", "", "scratch `folder` for cache locations (default: a temporary folder)")
	flag.Parse()
	if err := run(o, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		os.Exit(1)
	}
}

// The rows, in the order the table prints them.
var allTools = []string{"cold", "parseonly", "warm", "sample", "eslint", "oxlint"}

// tool is one row of the table.
type tool struct {
	key   string
	label string
	// args returns the command line of one run (run 0 is the warm-up).
	args func(run int) []string
	env  func(run int) []string
	// bytes and files are the input, for MB/s and the files check.
	bytes int64
	files int
	// seen reads how many files the tool says it processed from its output.
	seen func(stdout []byte) (int, error)
	// na, when set, is printed instead of measurements.
	na string

	samples []sample
	// warmup and last hold the stdout of the warm-up and the last measured
	// run, as files: see measure.
	warmup, last string
}

type sample struct {
	wall  time.Duration
	cpu   time.Duration // user + system, all threads
	rssKB int64
}

func run(o options, stdout, stderr io.Writer) error {
	if o.corpus == "" || o.list == "" || o.leakwatch == "" {
		return errors.New("-corpus, -list and -leakwatch are required (run bench/run.sh)")
	}
	if o.runs < 1 || o.jobs < 1 || o.sampleSize < 1 {
		return errors.New("-runs, -j and -sample must be at least 1")
	}
	files, err := readList(o.list)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%s lists no files", o.list)
	}
	sizes, total, err := fileSizes(o.corpus, files)
	if err != nil {
		return err
	}
	if n := argBytes(files); n > 1<<20 {
		return fmt.Errorf("the file list takes %d bytes as arguments, too close to the system's limit; shorten the corpus paths", n)
	}
	if o.workDir == "" {
		if o.workDir, err = os.MkdirTemp("", "leakwatch-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(o.workDir)
	}
	want := map[string]bool{}
	for _, t := range strings.Split(o.tools, ",") {
		if t = strings.TrimSpace(t); t != "" {
			want[t] = true
		}
	}
	for t := range want {
		if !contains(allTools, t) {
			return fmt.Errorf("-tools: unknown row %q (use %s)", t, strings.Join(allTools, ", "))
		}
	}

	help, err := output(o.leakwatch, "check", "--help")
	if err != nil {
		return fmt.Errorf("leakwatch check --help: %v", err)
	}
	cache := detectCache(help)
	sample := pickSample(files, o.sampleSize, o.seed)
	var sampleBytes int64
	for _, i := range sample.idx {
		sampleBytes += sizes[i]
	}

	env := environment(o, cache)
	fmt.Fprintf(stdout, "corpus: %d files, %.1f MB (%s)\n", len(files), mb(total), o.corpus)
	fmt.Fprintf(stdout, "machine: %d CPUs, load %s at start; workers per tool: %d; %d measured runs after 1 warm-up, interleaved\n",
		runtime.NumCPU(), loadAvg(), o.jobs, o.runs)
	for _, line := range env {
		fmt.Fprintf(stdout, "  %s\n", line)
	}
	fmt.Fprintln(stdout)

	var tools []*tool
	add := func(t *tool) {
		if want[t.key] {
			tools = append(tools, t)
		}
	}
	add(leakwatchCold(o, cache, files, total))
	add(parseOnlyFloor(o, len(files), total))
	add(leakwatchWarm(o, cache, files, total))
	add(leakwatchSample(o, cache, sample.paths, sampleBytes))
	add(eslint(o, files, total))
	add(oxlint(o, files, total))

	fmt.Fprintln(stdout, "commands (run in the corpus folder; <files> is the list):")
	for _, t := range tools {
		if t.na == "" {
			fmt.Fprintf(stdout, "  %-28s %s\n", t.label+":", describe(t.args(1), t.files))
		}
	}
	fmt.Fprintln(stdout)

	ctx := context.Background()
	for round := 0; round <= o.runs; round++ {
		for _, t := range tools {
			if t.na != "" {
				continue
			}
			s, out, err := measure(ctx, o, t, round)
			if err != nil {
				return err
			}
			what := "warm-up"
			if round > 0 {
				what = fmt.Sprintf("run %d/%d", round, o.runs)
				t.samples = append(t.samples, s)
				if t.last != "" {
					os.Remove(t.last)
				}
				t.last = out
			} else {
				t.warmup = out
			}
			fmt.Fprintf(stderr, "bench: %-28s %-9s %8.2f s wall %8.2f s CPU %6d MB  (load %s)\n", t.label, what, s.wall.Seconds(), s.cpu.Seconds(), s.rssKB/1024, loadAvg())
		}
	}
	// The outputs are read only now, after every measurement: see measure.
	var warnings []string
	for _, t := range tools {
		if t.seen == nil || t.warmup == "" {
			continue
		}
		out, err := os.ReadFile(t.warmup)
		if err != nil {
			return err
		}
		n, err := t.seen(out)
		if err != nil {
			return fmt.Errorf("%s: reading its output: %v", t.label, err)
		}
		if n != t.files {
			warnings = append(warnings, fmt.Sprintf("warning: %s reports %d files, the list has %d", t.label, n, t.files))
		}
	}
	fmt.Fprintln(stdout)
	for _, w := range warnings {
		fmt.Fprintln(stdout, w)
	}
	printTable(stdout, tools)
	fmt.Fprintln(stdout)
	printTargets(stdout, tools)
	for _, t := range tools {
		switch {
		case t.key == "cold" && t.last != "":
			fmt.Fprintln(stdout)
			out, err := os.ReadFile(t.last)
			if err == nil {
				err = printLeakwatchFindings(stdout, out)
			}
			if err != nil {
				return fmt.Errorf("leakwatch's JSON output: %v", err)
			}
		case t.key == "eslint" && t.last != "":
			fmt.Fprintln(stdout)
			out, err := os.ReadFile(t.last)
			if err == nil {
				err = printESLintFindings(stdout, out)
			}
			if err != nil {
				return fmt.Errorf("ESLint's JSON output: %v", err)
			}
		}
	}
	fmt.Fprintf(stdout, "\nload at end: %s\n", loadAvg())
	return nil
}

// cacheFlags is what `leakwatch check --help` offers for its result cache.
type cacheFlags struct {
	any      bool // some cache flag exists
	on       bool // --cache turns it on
	off      bool // --no-cache turns it off
	location bool // --cache-location sets where it lives
}

var flagLine = regexp.MustCompile(`(?m)^\s+--?([a-z][a-z0-9-]*)`)

func detectCache(help string) cacheFlags {
	var c cacheFlags
	for _, m := range flagLine.FindAllStringSubmatch(help, -1) {
		switch m[1] {
		case "cache":
			c.on, c.any = true, true
		case "no-cache":
			c.off, c.any = true, true
		case "cache-location":
			c.location, c.any = true, true
		}
	}
	return c
}

// leakwatchArgs is the common command line: JSON output as CI consumes it,
// -j workers, and every listed file analysed (no size or time limit), so
// that leakwatch does the same work as the peers, which lint every file.
func leakwatchArgs(o options, paths []string) []string {
	args := []string{"check", "--format", "json", "-j", fmt.Sprint(o.jobs), "--max-file-size", "0", "--parse-timeout", "0", "--"}
	return append(args, paths...)
}

func leakwatchCold(o options, c cacheFlags, files []string, total int64) *tool {
	t := &tool{key: "cold", label: "leakwatch cold", bytes: total, files: len(files), seen: leakwatchSeen}
	args := leakwatchArgs(o, files)
	if c.off {
		args = append([]string{"check", "--no-cache"}, args[1:]...)
	}
	t.args = func(int) []string { return append([]string{o.leakwatch}, args...) }
	// A cache that is on by default must start empty on every cold run.
	t.env = func(run int) []string { return freshCacheEnv(o, fmt.Sprintf("cold-%d", run)) }
	if c.location && !c.off {
		t.args = func(run int) []string {
			loc := filepath.Join(o.workDir, fmt.Sprintf("cold-%d", run), "leakwatch-cache")
			a := append([]string{o.leakwatch, "check", "--cache-location", loc}, args[1:]...)
			return a
		}
	}
	return t
}

func leakwatchWarm(o options, c cacheFlags, files []string, total int64) *tool {
	t := &tool{key: "warm", label: "leakwatch warm (cache)", bytes: total, files: len(files), seen: leakwatchSeen}
	if !c.any {
		t.na = "n/a: no cache yet (leakwatch check --help lists no cache flag)"
		return t
	}
	pre := []string{o.leakwatch, "check"}
	if c.on {
		pre = append(pre, "--cache")
	}
	if c.location {
		pre = append(pre, "--cache-location", filepath.Join(o.workDir, "warm", "leakwatch-cache"))
	}
	args := append(pre, leakwatchArgs(o, files)[1:]...)
	t.args = func(int) []string { return args }
	// The warm-up run fills the cache; the measured runs read it.
	t.env = func(int) []string { return freshCacheEnv(o, "warm") }
	return t
}

func leakwatchSample(o options, c cacheFlags, paths []string, total int64) *tool {
	t := &tool{key: "sample", label: fmt.Sprintf("leakwatch, %d files", len(paths)), bytes: total, files: len(paths), seen: leakwatchSeen}
	args := leakwatchArgs(o, paths)
	if c.off {
		args = append([]string{"check", "--no-cache"}, args[1:]...)
	}
	t.args = func(int) []string { return append([]string{o.leakwatch}, args...) }
	t.env = func(run int) []string { return freshCacheEnv(o, fmt.Sprintf("sample-%d", run)) }
	return t
}

func parseOnlyFloor(o options, files int, total int64) *tool {
	t := &tool{key: "parseonly", label: "leakwatch parse-only floor", bytes: total, files: files}
	if o.parseOnly == "" {
		t.na = "n/a: no -parseonly binary"
		return t
	}
	t.args = func(int) []string {
		return []string{o.parseOnly, "-j", fmt.Sprint(o.jobs), "-list", o.list}
	}
	t.seen = func(out []byte) (int, error) {
		var v struct{ Files int }
		err := json.Unmarshal(out, &v)
		return v.Files, err
	}
	return t
}

func eslint(o options, files []string, total int64) *tool {
	t := &tool{key: "eslint", label: "ESLint + leak plugins", bytes: total, files: len(files)}
	if o.peers == "" {
		t.na = "n/a: no -peers folder"
		return t
	}
	bin := filepath.Join(o.peers, "node_modules", "eslint", "bin", "eslint.js")
	conc := "off"
	if o.jobs > 1 {
		// ESLint's "auto" uses half the cores, so one thread on two: give
		// it as many threads as leakwatch has workers instead.
		conc = fmt.Sprint(o.jobs)
	}
	args := []string{o.node, bin, "--config", filepath.Join(o.peers, "eslint.config.mjs"),
		"--concurrency", conc, "--format", "json", "--no-warn-ignored", "--"}
	args = append(args, files...)
	t.args = func(int) []string { return args }
	t.seen = func(out []byte) (int, error) {
		var v []json.RawMessage
		err := json.Unmarshal(out, &v)
		return len(v), err
	}
	return t
}

func oxlint(o options, files []string, total int64) *tool {
	t := &tool{key: "oxlint", label: "oxlint (default rules)", bytes: total, files: len(files)}
	if o.peers == "" {
		t.na = "n/a: no -peers folder"
		return t
	}
	bin := filepath.Join(o.peers, "node_modules", "oxlint", "bin", "oxlint")
	args := []string{o.node, bin, "--threads", fmt.Sprint(o.jobs), "--format", "json", "--"}
	args = append(args, files...)
	t.args = func(int) []string { return args }
	t.seen = func(out []byte) (int, error) {
		var v struct {
			Files int `json:"number_of_files"`
		}
		err := json.Unmarshal(out, &v)
		return v.Files, err
	}
	return t
}

func leakwatchSeen(out []byte) (int, error) {
	var v struct {
		Summary struct {
			Files   int
			Skipped []struct{ File, Reason string }
		}
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return 0, err
	}
	return v.Summary.Files, nil
}

// freshCacheEnv points the user cache folder (os.UserCacheDir) at a scratch
// folder, so a cache leakwatch keeps there by default never carries over
// from the user's own runs or between cold runs.
func freshCacheEnv(o options, name string) []string {
	dir := filepath.Join(o.workDir, name, "xdg-cache")
	return []string{"XDG_CACHE_HOME=" + dir}
}

// measure runs t once and returns the file holding its standard output.
// Exit codes 0 and 1 (findings) are success; anything else stops the
// benchmark with the tool's error output.
//
// The output goes to a file, not to the runner's memory, and is read only
// after all runs: Go starts children with vfork, and Linux charges the
// parent's peak RSS to the child when it execs, so every byte the runner
// holds would show up in the peak RSS of every tool measured after it.
func measure(ctx context.Context, o options, t *tool, run int) (sample, string, error) {
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	argv := t.args(run)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = o.corpus
	cmd.Env = os.Environ()
	if t.env != nil {
		cmd.Env = append(cmd.Env, t.env(run)...)
	}
	name := filepath.Join(o.workDir, "out", fmt.Sprintf("%s-%d.out", t.key, run))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return sample{}, "", err
	}
	out, err := os.Create(name)
	if err != nil {
		return sample{}, "", err
	}
	defer out.Close()
	var errOut tailBuffer
	cmd.Stdout = out
	cmd.Stderr = &errOut
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			return sample{}, "", fmt.Errorf("%s failed (%v): %s\nstderr:\n%s", t.label, err, shortCommand(argv), errOut.String())
		}
	}
	rss, cpu := usage(cmd.ProcessState)
	return sample{wall: wall, cpu: cpu, rssKB: rss}, name, nil
}

// describe prints a command line with its file arguments folded into
// <files> and paths shortened to their base names.
func describe(argv []string, files int) string {
	var out []string
	for i, a := range argv {
		if a == "--" && len(argv)-i-1 == files {
			out = append(out, "--", fmt.Sprintf("<%d files>", files))
			break
		}
		if filepath.IsAbs(a) {
			a = filepath.Base(a)
		}
		out = append(out, a)
	}
	return strings.Join(out, " ")
}

func shortCommand(argv []string) string {
	if len(argv) > 14 {
		return strings.Join(argv[:12], " ") + fmt.Sprintf(" ... (%d more arguments)", len(argv)-12)
	}
	return strings.Join(argv, " ")
}

// tailBuffer keeps the last few KB of a tool's error output, enough to
// show why it failed without holding megabytes of warnings.
type tailBuffer struct{ b []byte }

const tailSize = 8 << 10

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 2*tailSize {
		t.b = append(t.b[:0], t.b[len(t.b)-tailSize:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	if len(t.b) > tailSize {
		return string(t.b[len(t.b)-tailSize:])
	}
	return string(t.b)
}

// median returns the median wall and CPU times (each on its own) and the
// largest peak RSS.
func median(s []sample) sample {
	w := make([]time.Duration, len(s))
	c := make([]time.Duration, len(s))
	var rss int64
	for i, x := range s {
		w[i], c[i] = x.wall, x.cpu
		rss = max(rss, x.rssKB)
	}
	return sample{wall: mid(w), cpu: mid(c), rssKB: rss}
}

func mid(d []time.Duration) time.Duration {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	if len(d)%2 == 0 {
		return (d[len(d)/2-1] + d[len(d)/2]) / 2
	}
	return d[len(d)/2]
}

func spread(s []sample) (lo, hi time.Duration) {
	lo, hi = s[0].wall, s[0].wall
	for _, x := range s {
		lo, hi = min(lo, x.wall), max(hi, x.wall)
	}
	return lo, hi
}

func find(tools []*tool, key string) *tool {
	for _, t := range tools {
		if t.key == key && len(t.samples) > 0 {
			return t
		}
	}
	return nil
}

func printTable(w io.Writer, tools []*tool) {
	cold := find(tools, "cold")
	fmt.Fprintf(w, "| %-28s | %5s | %9s | %-15s | %7s | %8s | %8s | %-14s | %-13s |\n", "tool", "files", "median", "min..max", "MB/s", "CPU", "peak RSS", "leakwatch/tool", "same, in CPU")
	fmt.Fprintf(w, "|%s|%s:|%s:|%s|%s:|%s:|%s:|%s:|%s:|\n", strings.Repeat("-", 30), strings.Repeat("-", 6), strings.Repeat("-", 10), strings.Repeat("-", 17), strings.Repeat("-", 8), strings.Repeat("-", 9), strings.Repeat("-", 9), strings.Repeat("-", 15), strings.Repeat("-", 14))
	var notes []string
	for _, t := range tools {
		if t.na != "" || len(t.samples) == 0 {
			fmt.Fprintf(w, "| %-28s | %5s | %9s | %-15s | %7s | %8s | %8s | %14s | %13s |\n", t.label, "", "n/a", "", "", "", "", "", "")
			notes = append(notes, t.label+": "+t.na)
			continue
		}
		m := median(t.samples)
		lo, hi := spread(t.samples)
		ratio, cpuRatio := "", ""
		if cold != nil && t != cold && t.key != "sample" {
			c := median(cold.samples)
			ratio = fmt.Sprintf("%.2f", c.wall.Seconds()/m.wall.Seconds())
			cpuRatio = fmt.Sprintf("%.2f", c.cpu.Seconds()/m.cpu.Seconds())
		}
		fmt.Fprintf(w, "| %-28s | %5d | %8.2fs | %-15s | %7.1f | %7.2fs | %5d MB | %14s | %13s |\n",
			t.label, t.files, m.wall.Seconds(), fmt.Sprintf("%.2f..%.2f", lo.Seconds(), hi.Seconds()),
			mb(t.bytes)/m.wall.Seconds(), m.cpu.Seconds(), m.rssKB/1024, ratio, cpuRatio)
	}
	fmt.Fprintln(w)
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
	fmt.Fprintln(w, "leakwatch/tool is leakwatch cold's median wall time over the tool's: below 1 leakwatch is faster.")
	fmt.Fprintln(w, "CPU is the median user+system time of all the tool's threads; on a shared machine it moves less")
	fmt.Fprintln(w, "than wall time, and \"same, in CPU\" is the ratio of those. Peak RSS is the largest of the measured runs.")
}

func printTargets(w io.Writer, tools []*tool) {
	cold, warm, ox, es, floor := find(tools, "cold"), find(tools, "warm"), find(tools, "oxlint"), find(tools, "eslint"), find(tools, "parseonly")
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}
	fmt.Fprintln(w, "Targets (issue 15; ESLint's from issue 7):")
	if cold == nil {
		fmt.Fprintln(w, "  (leakwatch cold was not run)")
		return
	}
	c := median(cold.samples)
	if ox != nil {
		o := median(ox.samples)
		r := c.wall.Seconds() / o.wall.Seconds()
		fmt.Fprintf(w, "  cold check at most 3x oxlint's wall time:   %.2fx  %s  (CPU time: %.2fx)\n", r, verdict(r <= 3), c.cpu.Seconds()/o.cpu.Seconds())
	}
	if es != nil {
		e := median(es.samples)
		r := e.wall.Seconds() / c.wall.Seconds()
		fmt.Fprintf(w, "  cold check at least 20x faster than ESLint:  %.1fx  %s  (CPU time: %.1fx)\n", r, verdict(r >= 20), e.cpu.Seconds()/c.cpu.Seconds())
	}
	switch {
	case warm != nil && ox != nil:
		r := median(warm.samples).wall.Seconds() / median(ox.samples).wall.Seconds()
		fmt.Fprintf(w, "  warm run at most 0.3x oxlint's cold run:     %.2fx  %s\n", r, verdict(r <= 0.3))
	case ox != nil:
		fmt.Fprintln(w, "  warm run at most 0.3x oxlint's cold run:     n/a: no cache yet")
	}
	fmt.Fprintf(w, "  peak RSS at most 300 MB:                     %d MB  %s\n", c.rssKB/1024, verdict(c.rssKB <= 300*1024))
	if floor != nil {
		f := median(floor.samples)
		r := c.wall.Seconds() / f.wall.Seconds()
		fmt.Fprintf(w, "  cold check at most 1.15x the parse floor:    %.2fx  %s  (CPU time: %.2fx; the floor alone is %.2fx oxlint)\n",
			r, verdict(r <= 1.15), c.cpu.Seconds()/f.cpu.Seconds(), ratioOr(f, ox))
	}
}

func ratioOr(s sample, t *tool) float64 {
	if t == nil {
		return 0
	}
	return s.wall.Seconds() / median(t.samples).wall.Seconds()
}

// printLeakwatchFindings counts leakwatch's findings per rule, to watch
// precision across changes.
func printLeakwatchFindings(w io.Writer, out []byte) error {
	var v struct {
		Diagnostics []struct {
			File string
			Rule string
		}
		Summary struct {
			Files        int
			Skipped      []json.RawMessage
			Failed       []json.RawMessage
			SyntaxErrors []json.RawMessage
		}
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return err
	}
	rows := map[string]*count{}
	for _, d := range v.Diagnostics {
		c := rows[d.Rule]
		if c == nil {
			c = &count{files: map[string]bool{}}
			rows[d.Rule] = c
		}
		c.n++
		c.files[d.File] = true
	}
	fmt.Fprintf(w, "leakwatch findings on the corpus: %d in %d files analysed (%d skipped, %d failed, %d with syntax errors)\n",
		len(v.Diagnostics), v.Summary.Files, len(v.Summary.Skipped), len(v.Summary.Failed), len(v.Summary.SyntaxErrors))
	printCounts(w, rows)
	return nil
}

// printESLintFindings counts the peers' findings per rule, and the files
// ESLint could not parse (it lints nothing in those).
func printESLintFindings(w io.Writer, out []byte) error {
	var v []struct {
		FilePath string
		Messages []struct {
			RuleID *string
			Fatal  bool
		}
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return err
	}
	rows := map[string]*count{}
	total, fatal, notices := 0, 0, 0
	for _, f := range v {
		for _, m := range f.Messages {
			switch {
			case m.Fatal:
				fatal++
				continue
			case m.RuleID == nil:
				// Notices about the corpus's own eslint comments, which the
				// config tells ESLint to ignore.
				notices++
				continue
			}
			id := *m.RuleID
			c := rows[id]
			if c == nil {
				c = &count{files: map[string]bool{}}
				rows[id] = c
			}
			c.n++
			c.files[f.FilePath] = true
			total++
		}
	}
	fmt.Fprintf(w, "ESLint leak-plugin findings on the corpus: %d in %d files linted (%d files not parsed; %d inline-config notices not counted)\n", total, len(v), fatal, notices)
	printCounts(w, rows)
	return nil
}

type count struct {
	n     int
	files map[string]bool
}

func printCounts(w io.Writer, rows map[string]*count) {
	ids := make([]string, 0, len(rows))
	for id := range rows {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if rows[ids[i]].n != rows[ids[j]].n {
			return rows[ids[i]].n > rows[ids[j]].n
		}
		return ids[i] < ids[j]
	})
	fmt.Fprintf(w, "| %-44s | %8s | %5s |\n", "rule", "findings", "files")
	fmt.Fprintf(w, "|%s|%s:|%s:|\n", strings.Repeat("-", 46), strings.Repeat("-", 9), strings.Repeat("-", 6))
	for _, id := range ids {
		fmt.Fprintf(w, "| %-44s | %8d | %5d |\n", id, rows[id].n, len(rows[id].files))
	}
	if len(ids) == 0 {
		fmt.Fprintf(w, "| %-44s | %8d | %5d |\n", "(none)", 0, 0)
	}
}

type pick struct {
	idx   []int
	paths []string
}

// pickSample chooses n files with a fixed seed, so the pre-commit-sized run
// measures the same files every time on the same corpus.
func pickSample(files []string, n int, seed uint64) pick {
	n = min(n, len(files))
	r := rand.New(rand.NewPCG(seed, 0x6c65616b))
	idx := r.Perm(len(files))[:n]
	sort.Ints(idx)
	p := pick{idx: idx}
	for _, i := range idx {
		p.paths = append(p.paths, files[i])
	}
	return p
}

func readList(name string) ([]string, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out, nil
}

func fileSizes(dir string, files []string) ([]int64, int64, error) {
	sizes := make([]int64, len(files))
	var total int64
	for i, f := range files {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			return nil, 0, err
		}
		sizes[i] = st.Size()
		total += st.Size()
	}
	return sizes, total, nil
}

func argBytes(args []string) int {
	n := 0
	for _, a := range args {
		n += len(a) + 1 + 8 // the string, its NUL and its pointer
	}
	return n
}

func mb(b int64) float64 { return float64(b) / 1e6 }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func output(name string, args ...string) (string, error) {
	var b bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &b, &b
	err := cmd.Run()
	return b.String(), err
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// environment names the versions measured, so a table can be compared with
// another only when they match.
func environment(o options, c cacheFlags) []string {
	var lines []string
	if v, err := output(o.leakwatch, "version"); err == nil {
		lines = append(lines, "leakwatch: "+strings.TrimSpace(v))
	}
	if o.peers != "" {
		if v, err := output(o.node, "--version"); err == nil {
			lines = append(lines, "node: "+strings.TrimSpace(v))
		}
		for _, p := range []string{"eslint", "eslint-plugin-listeners", "eslint-plugin-react-web-api", "typescript-eslint", "oxlint"} {
			if v := packageVersion(filepath.Join(o.peers, "node_modules", p, "package.json")); v != "" {
				lines = append(lines, p+": "+v)
			}
		}
	}
	if c.any {
		lines = append(lines, fmt.Sprintf("leakwatch cache flags: --cache %v, --no-cache %v, --cache-location %v", c.on, c.off, c.location))
	}
	return []string{strings.Join(lines, ", ")}
}

func packageVersion(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var v struct{ Version string }
	json.Unmarshal(b, &v)
	return v.Version
}
