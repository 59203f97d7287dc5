// Package record drives a Node program through its inspector and takes
// the three heap snapshots of the three-snapshot method around runs of a
// load command: warm up, snapshot, load N times, snapshot, load N times,
// snapshot.
package record

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/heap/inspect"
)

// Options configure a recording.
type Options struct {
	Argv []string // the program, e.g. node app.js
	// Load is a shell command run between snapshots (curl, a load
	// generator, a test script); empty means wait Pause instead.
	Load string
	// LoadFunc, when set, is run instead of Load (for programs driving
	// the recording themselves, and tests).
	LoadFunc   func(ctx context.Context, p *inspect.Program) error
	Iterations int           // runs of Load between two snapshots (default 10)
	Warmup     int           // runs of Load before the first snapshot (default 1)
	Pause      time.Duration // without Load: how long the program runs between snapshots (default 10s)
	Dir        string        // where the snapshots are written
	Start      inspect.StartOptions
	// Progress receives one line per step (nil: silent).
	Progress io.Writer
}

// Record runs the program, takes three snapshots and stops the program.
// It returns the snapshot paths, oldest first.
func Record(ctx context.Context, opt Options) ([]string, error) {
	if opt.Iterations <= 0 {
		opt.Iterations = 10
	}
	if opt.Warmup < 0 {
		opt.Warmup = 0
	}
	if opt.Pause <= 0 {
		opt.Pause = 10 * time.Second
	}
	progress := func(format string, args ...any) {
		if opt.Progress != nil {
			fmt.Fprintf(opt.Progress, format+"\n", args...)
		}
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return nil, err
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
	s := &session{ctx: ctx, opt: opt, prog: prog, client: client, progress: progress}

	if err := s.load(opt.Warmup, "warm-up"); err != nil {
		return nil, err
	}
	var paths []string
	for i := 1; i <= 3; i++ {
		if i > 1 {
			if err := s.load(opt.Iterations, fmt.Sprintf("round %d", i-1)); err != nil {
				return nil, err
			}
		}
		path := filepath.Join(opt.Dir, fmt.Sprintf("s%d.heapsnapshot", i))
		progress("snapshot %d/3 -> %s", i, path)
		if err := s.alive(client.TakeSnapshot(ctx, path)); err != nil {
			return nil, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

type session struct {
	ctx      context.Context
	opt      Options
	prog     *inspect.Program
	client   *inspect.Client
	progress func(string, ...any)
}

// alive turns an error caused by the program's exit into one that says so.
func (s *session) alive(err error) error {
	if s.prog.EndedAfterFailure(s.ctx, s.client, err) {
		return s.prog.ExitError()
	}
	return err
}

// exited returns the program's exit as an error if the failure err came
// from it, and nil otherwise.
func (s *session) exited(err error) error {
	if err != nil && s.prog.EndedAfterFailure(s.ctx, s.client, err) {
		return s.prog.ExitError()
	}
	return nil
}

// load runs the load command n times, or waits the pause once.
func (s *session) load(n int, what string) error {
	if s.opt.Load == "" && s.opt.LoadFunc == nil {
		if n == 0 {
			return nil
		}
		s.progress("%s: letting the program run for %v", what, s.opt.Pause)
		select {
		case <-time.After(s.opt.Pause):
		case <-s.prog.Exited():
		case <-s.ctx.Done():
			return s.ctx.Err()
		}
		return s.alive(nil)
	}
	if n > 0 {
		s.progress("%s: running the load %d times", what, n)
	}
	for i := 0; i < n; i++ {
		if err := s.alive(nil); err != nil {
			return err
		}
		if s.opt.LoadFunc != nil {
			if err := s.opt.LoadFunc(s.ctx, s.prog); err != nil {
				return errors.Join(s.exited(err), fmt.Errorf("the load failed on run %d of the %s: %w", i+1, what, err))
			}
			continue
		}
		out, err := exec.CommandContext(s.ctx, "sh", "-c", s.opt.Load).CombinedOutput()
		if err != nil {
			if eerr := s.exited(err); eerr != nil {
				return eerr
			}
			return fmt.Errorf("the load command %q failed (%v) on run %d of the %s:\n%s", s.opt.Load, err, i+1, what, strings.TrimSpace(string(out)))
		}
	}
	return nil
}
