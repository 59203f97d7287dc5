// Package watch samples a running program's memory after garbage
// collection at a steady interval and decides whether it grows for good,
// as opposed to the saw-tooth of a healthy heap.
package watch

import (
	"context"
	"fmt"
	"io"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/heap/inspect"
	"github.com/leakwatch/leakwatch/heap/report"
)

// Options configure a watch.
type Options struct {
	Argv []string
	// Load is a shell command run over and over while watching (a load
	// generator); LoadFunc replaces it when set. Both optional.
	Load     string
	LoadFunc func(ctx context.Context, p *inspect.Program) error
	Interval time.Duration // between samples (default 1s)
	Duration time.Duration // how long to watch (default 60s)
	// MinLoads keeps watching past Duration until the load has run this
	// many times (up to ten times Duration), so that a slow machine still
	// puts enough work between the first and last sample to judge.
	MinLoads int
	// SnapshotDir, when set, gets three snapshots (after the first
	// sample, halfway, at the end) for the leak groups.
	SnapshotDir string
	Start       inspect.StartOptions
	// Progress gets a status line per sample; TTY rewrites it in place.
	Progress io.Writer
	TTY      bool
}

// Result is what a watch saw.
type Result struct {
	Samples   []report.Sample
	Growth    report.Growth
	Snapshots []string
	// Loads counts completed runs of the load.
	Loads int
	// LoadError is the first failure of the load, if any.
	LoadError error
}

// Watch runs the program, samples it and stops it. A program that exits
// early ends the watch with the samples so far and an error.
func Watch(ctx context.Context, opt Options) (*Result, error) {
	if opt.Interval <= 0 {
		opt.Interval = time.Second
	}
	if opt.Duration <= 0 {
		opt.Duration = time.Minute
	}
	prog, err := inspect.Start(ctx, opt.Argv, opt.Start)
	if err != nil {
		return nil, err
	}
	defer prog.Stop()
	client, err := inspect.Dial(ctx, prog.URL)
	if err != nil {
		// A program that exits at once can close its inspector before
		// the connection is made. (No wait when the user asked to stop.)
		if ctx.Err() == nil && prog.EndedAfter(err) {
			return nil, prog.ExitError()
		}
		return nil, err
	}
	defer client.Close()
	prog.Attach(client)

	res := &Result{}
	loadCtx, stopLoad := context.WithCancel(ctx)
	var loads sync.WaitGroup
	var loadMu sync.Mutex
	if opt.Load != "" || opt.LoadFunc != nil {
		loads.Add(1)
		go func() {
			defer loads.Done()
			for loadCtx.Err() == nil {
				var err error
				if opt.LoadFunc != nil {
					err = opt.LoadFunc(loadCtx, prog)
				} else {
					var out []byte
					out, err = exec.CommandContext(loadCtx, "sh", "-c", opt.Load).CombinedOutput()
					if err != nil {
						err = fmt.Errorf("the load command %q failed (%v): %s", opt.Load, err, strings.TrimSpace(string(out)))
					}
				}
				loadMu.Lock()
				if err != nil && loadCtx.Err() == nil {
					res.LoadError = err
					loadMu.Unlock()
					return
				}
				res.Loads++
				loadMu.Unlock()
			}
		}()
	}
	defer func() {
		stopLoad()
		loads.Wait()
	}()

	start := time.Now()
	tick := time.NewTicker(opt.Interval)
	defer tick.Stop()
	// Snapshots are due at the start, halfway and the end, but never
	// closer than a quarter of the duration after the previous one ended:
	// a snapshot of a big heap (or a busy machine) takes a while, and two
	// snapshots back to back would leave nothing between them to compare.
	snapAt := []time.Duration{0, opt.Duration / 2, opt.Duration}
	var lastSnapEnd time.Duration
	failed := func(err error) (*Result, error) {
		if prog.EndedAfterFailure(ctx, client, err) {
			err = prog.ExitError()
		}
		res.Growth = Detect(res.Samples)
		return res, err
	}
	for {
		// Collect first: a reading after GC is what the program keeps.
		if err := client.CollectGarbage(ctx); err != nil {
			return failed(err)
		}
		u, err := client.MemoryUsage(ctx)
		if err != nil {
			return failed(err)
		}
		elapsed := time.Since(start)
		res.Samples = append(res.Samples, report.Sample{Seconds: elapsed.Seconds(), HeapUsed: u.HeapUsed, HeapTotal: u.HeapTotal, RSS: u.RSS, External: u.External})
		if opt.Progress != nil {
			trend := "trend: too early"
			if g := Detect(res.Samples); g.BytesPerMinute != 0 {
				trend = "trend " + signedBytes(g.BytesPerMinute) + "/min"
			}
			line := fmt.Sprintf("%5.0fs  heap %9s  rss %9s  %s", elapsed.Seconds(), report.FormatBytes(u.HeapUsed), report.FormatBytes(u.RSS), trend)
			if opt.TTY {
				fmt.Fprintf(opt.Progress, "\r%s", line)
			} else {
				fmt.Fprintln(opt.Progress, line)
			}
		}
		if k := len(res.Snapshots); opt.SnapshotDir != "" && k < 3 && elapsed >= snapAt[k] && (k == 0 || elapsed >= lastSnapEnd+opt.Duration/4) {
			path := filepath.Join(opt.SnapshotDir, fmt.Sprintf("w%d.heapsnapshot", k+1))
			if err := client.TakeSnapshot(ctx, path); err != nil {
				return failed(err)
			}
			res.Snapshots = append(res.Snapshots, path)
			lastSnapEnd = time.Since(start)
		}
		loadMu.Lock()
		loadsDone := res.Loads
		loadMu.Unlock()
		enoughLoad := loadsDone >= opt.MinLoads || elapsed >= 10*opt.Duration
		if elapsed >= opt.Duration && enoughLoad && (opt.SnapshotDir == "" || len(res.Snapshots) == 3) {
			break
		}
		select {
		case <-tick.C:
		case <-prog.Ending():
			return failed(nil)
		case <-ctx.Done():
			res.Growth = Detect(res.Samples)
			return res, ctx.Err()
		}
	}
	if opt.Progress != nil && opt.TTY {
		fmt.Fprintln(opt.Progress)
	}
	res.Growth = Detect(res.Samples)
	loadMu.Lock()
	defer loadMu.Unlock()
	return res, nil
}

// floor replaces each reading by the lowest of it and its neighbours. A
// reading after GC can only be too high (the program allocates between
// the collection and the reading, more so under load), so the lower
// envelope is the better estimate of what the program keeps.
func floor(in []report.Sample) []report.Sample {
	out := make([]report.Sample, len(in))
	for i := range in {
		out[i] = in[i]
		for j := max(0, i-1); j <= min(len(in)-1, i+1); j++ {
			if in[j].Kept() < out[i].Kept() {
				out[i].HeapUsed, out[i].External = in[j].HeapUsed, in[j].External
			}
		}
	}
	return out
}

func signedBytes(v float64) string {
	if v < 0 {
		return "-" + report.FormatBytes(uint64(-v))
	}
	return "+" + report.FormatBytes(uint64(v))
}

// Detect decides whether what the program keeps (heap plus the memory its
// objects hold outside it) grows for good. The first fifth of the
// samples is warm-up (caches filling, code compiling) and is left out;
// over the rest, a least-squares line must rise steadily (a good fit, not
// one spike), by a meaningful amount, and the floor must rise too: the
// lowest reading of the last quarter above the highest of the first.
func Detect(samples []report.Sample) report.Growth {
	const minSamples = 8
	if len(samples) < minSamples {
		return report.Growth{Reason: fmt.Sprintf("too few samples to judge (%d of at least %d)", len(samples), minSamples)}
	}
	s := floor(samples[len(samples)/5:])
	n := float64(len(s))
	var sx, sy, sxx, sxy, syy float64
	for _, p := range s {
		x, y := p.Seconds, float64(p.Kept())
		sx, sy, sxx, sxy, syy = sx+x, sy+y, sxx+x*x, sxy+x*y, syy+y*y
	}
	varX, varY, cov := sxx-sx*sx/n, syy-sy*sy/n, sxy-sx*sy/n
	if varX <= 0 {
		return report.Growth{Reason: "the samples span no time"}
	}
	slope := cov / varX // bytes per second
	r2 := 0.0
	if varY > 0 {
		r2 = cov * cov / (varX * varY)
	}
	span := s[len(s)-1].Seconds - s[0].Seconds
	rise := slope * span
	q := max(1, len(s)/4)
	firstMax, lastMin := uint64(0), uint64(math.MaxUint64)
	for _, p := range s[:q] {
		firstMax = max(firstMax, p.Kept())
	}
	for _, p := range s[len(s)-q:] {
		lastMin = min(lastMin, p.Kept())
	}
	base := float64(s[0].Kept())
	g := report.Growth{BytesPerMinute: slope * 60}
	switch {
	case slope <= 0 || r2 < 0.6:
		g.Reason = fmt.Sprintf("no sustained growth: the heap after GC is flat or noisy (trend %s/min, fit %.2f)", signedBytes(slope*60), r2)
	case rise < 512<<10 || rise < 0.05*base:
		// Under 512 KB is what V8 itself adds in a run's first seconds
		// (compiled code, inline caches) on a small heap; under 5% of a
		// large heap is noise.
		g.Reason = fmt.Sprintf("no sustained growth: the heap rose only %s over %.0fs", report.FormatBytes(uint64(rise)), span)
	case lastMin <= firstMax:
		g.Reason = fmt.Sprintf("no sustained growth: the heap's floor did not rise (trend %s/min)", signedBytes(slope*60))
	default:
		g.Sustained = true
		g.Reason = fmt.Sprintf("sustained growth: the heap after GC rose %s over %.0fs (%s/min, fit %.2f), and its floor kept rising",
			report.FormatBytes(uint64(rise)), span, signedBytes(slope*60), r2)
	}
	return g
}
