package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/internal/cache"
	"github.com/leakwatch/leakwatch/internal/pool"
	"github.com/leakwatch/leakwatch/internal/walk"
)

// fileResult is what the report needs of one walk entry. It holds no
// source text: problems carry the one line each shows.
type fileResult struct {
	entry     walk.Entry
	cancelled bool
	// skipped says why a file was not analysed (minified, too large, ...);
	// limit marks skips caused by a limit the user can raise.
	skipped string
	limit   bool
	// err is why the file could not be read.
	err error
	// writeErr is why --fix could not write the fixed file.
	writeErr error
	// internal is a failure of leakwatch itself on this file.
	internal error

	problems         []problem
	syntaxErrors     []syntaxError
	syntaxErrorCount int

	fixed     int    // fixes written (or shown, with --diff)
	fixesLeft int    // fixable problems left after the last round
	diff      string // --diff output for this file
	notes     []string
	// fromCache marks a result --cache reused: the file was not analysed.
	fromCache bool
	// parsed marks a file the engine parsed (the prefilter skips most),
	// which left its tree's memory to the C allocator.
	parsed bool
}

type syntaxError struct {
	Line, Column int
	missing      string
}

var bom = []byte("\uFEFF")

func (c *checker) process(ctx context.Context, j *job) (r *fileResult) {
	r = &fileResult{entry: j.entry}
	defer func() {
		// The engine recovers rule panics itself; this catches the CLI's
		// own mistakes so one file cannot take the run down.
		if p := recover(); p != nil {
			r.problems = nil
			r.internal = fmt.Errorf("%v\n%s", p, debug.Stack())
		}
	}()
	if ctx.Err() != nil {
		r.cancelled = true
		return r
	}
	data, tooBig, err := readSource(j.entry.Abs, c.eng.MaxFileSize)
	defer sources.Put(data)
	switch {
	case err != nil && errors.Is(err, fs.ErrNotExist) && !j.entry.Explicit:
		r.skipped = "deleted while leakwatch was running"
		return r
	case err != nil:
		r.err = err
		return r
	case tooBig != "":
		r.skipped, r.limit = tooBig, true
		return r
	}
	if !j.entry.Explicit {
		if why := minifiedReason(j.entry.Path, data); why != "" {
			r.skipped = why
			return r
		}
	}
	// Editors do not count a byte order mark as a column, so neither do
	// positions; fixes are applied after it and it is written back.
	src := bytes.TrimPrefix(data, bom)
	lead := data[:len(data)-len(src)]

	file := analyzer.File{Path: j.entry.Path, Src: src, Config: j.cfg, Imports: c.facts.For(j.entry.Abs)}
	var (
		res                     analyzer.Result
		hit                     bool
		key                     string
		contentSum, settingsSum cache.Sum
	)
	if c.cache != nil {
		key, contentSum, settingsSum, res, hit = c.cached(j, data)
		r.fromCache = hit
	}
	if !hit {
		res = c.eng.Analyze(ctx, file)
		res.Diagnostics = c.visible(res.Diagnostics)
		r.parsed = res.Parsed
	}
	// keep caches a fresh result: the analysis of what the file holds on
	// disk after this run (--fix may have changed it).
	keep := func(content cache.Sum, res analyzer.Result) {
		if c.cache != nil && !hit {
			c.store(key, content, settingsSum, res)
		}
	}
	if res.Skipped != "" {
		if ctx.Err() != nil {
			r.cancelled = true
			return r
		}
		keep(contentSum, res)
		r.skipped = res.Skipped
		// Limits a user can raise are worth a note even without -v.
		r.limit = res.SkipKind.Limit()
		return r
	}

	storedSum, storedRes := contentSum, res
	if c.opts.fix {
		fixedSrc, fixedRes, applied, rounds, ferr := c.applyFixes(ctx, file, res)
		if ferr != nil {
			r.internal = ferr
		}
		if ctx.Err() != nil {
			// Interrupted: leave the file as it was rather than write
			// whatever round the fixes had reached.
			r.cancelled = true
			return r
		}
		if applied > 0 {
			newData := append(append([]byte(nil), lead...), fixedSrc...)
			if c.opts.diff {
				r.diff = unifiedDiff(j.entry.Path, data, newData)
				r.fixed = applied
				src, res = fixedSrc, fixedRes
			} else if werr := writeFixed(j.entry.Abs, data, newData); werr != nil {
				// Nothing was written: report the file as it is on disk.
				r.writeErr = werr
			} else {
				r.fixed = applied
				src, res = fixedSrc, fixedRes
				storedRes = fixedRes
				if c.cache != nil {
					storedSum = cache.Hash(newData)
				}
			}
		}
		if r.writeErr == nil {
			r.fixesLeft = c.countFixable(res.Diagnostics)
			if r.fixesLeft > 0 {
				r.notes = append(r.notes, fmt.Sprintf("%d fixable %s left after %d %s of fixes (the fixes overlap, or keep producing new findings); run --fix again or fix by hand",
					r.fixesLeft, plural(r.fixesLeft, "problem", "problems"), rounds, plural(rounds, "round", "rounds")))
			}
		}
	}

	if r.internal == nil {
		keep(storedSum, storedRes)
	}

	r.syntaxErrorCount = len(res.SyntaxErrors)
	if len(res.Diagnostics) == 0 && len(res.SyntaxErrors) == 0 {
		// Nearly every file: no positions to compute, so no copy of the
		// text and no line index (a run over 65 MB copied all of it).
		return r
	}
	conv := newConverter(src)
	r.problems = conv.problems(res.Diagnostics)
	for _, se := range res.SyntaxErrors {
		sp := conv.span(se.Start, se.End)
		r.syntaxErrors = append(r.syntaxErrors, syntaxError{Line: sp.Line, Column: sp.Column, missing: se.Missing})
	}
	return r
}

// visible drops the diagnostics --rules hid.
func (c *checker) visible(diags []analyzer.Diagnostic) []analyzer.Diagnostic {
	if len(c.sel.hide) == 0 {
		return diags
	}
	out := diags[:0]
	for _, d := range diags {
		if !c.sel.hide[d.Rule] {
			out = append(out, d)
		}
	}
	return out
}

// openSource opens a file without blocking: a file swapped for a named
// pipe after the walk would otherwise hang the run on open. Tests replace
// it to make reads fail where permissions cannot (as root).
var openSource = func(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// readSource reads a regular file, or returns why it is too large to read.
func readSource(path string, limit int64) (data []byte, tooBig string, err error) {
	f, err := openSource(path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, "", err
	}
	if st.IsDir() {
		return nil, "", &fs.PathError{Op: "read", Path: path, Err: syscall.EISDIR}
	}
	if !st.Mode().IsRegular() {
		return nil, "", &fs.PathError{Op: "read", Path: path, Err: errors.New("not a regular file")}
	}
	if limit > 0 && st.Size() > limit {
		return nil, sizeReason(st.Size(), limit), nil
	}
	r := io.Reader(f)
	if limit > 0 {
		r = io.LimitReader(f, limit+1) // the file may grow after Stat
	}
	// A byte more than the size: the read that finds the end then needs
	// no larger buffer.
	buf := sources.Get(int(st.Size()) + 1)
	n := 0
	for {
		if n == len(buf) { // the file grew after Stat
			grown := sources.Get(2 * len(buf))
			copy(grown, buf[:n])
			sources.Put(buf)
			buf = grown
		}
		m, err := r.Read(buf[n:])
		n += m
		if err == io.EOF {
			break
		}
		if err != nil {
			sources.Put(buf)
			return nil, "", err
		}
	}
	if limit > 0 && int64(n) > limit {
		sources.Put(buf)
		return nil, sizeReason(int64(n), limit), nil
	}
	return buf[:n], "", nil
}

// sources pools the buffers files are read into (readSource): a check
// reads thousands of files, and reading each into fresh memory cost the
// page faults and zeroing of all of it. Files of up to 1 MB are pooled;
// the text is done with when process returns (everything kept of it is
// a copy: the tree's Src, the converter's text, messages and fixes).
var sources = pool.Arrays[byte]{MaxClass: 20}

func sizeReason(size, limit int64) string {
	return fmt.Sprintf("file is %d bytes, larger than the limit of %d (raise --max-file-size to analyse it)", size, limit)
}

// Minified code is generated: findings in it cannot be fixed where they
// are, and its huge lines make reports unreadable.
const (
	minifiedAvgLine   = 300  // average bytes per line
	minifiedFirstLine = 5000 // bytes in the first line
	minifiedMinSize   = 1024 // smaller files are cheap whatever they look like
)

func minifiedReason(path string, data []byte) string {
	base := strings.ToLower(filepath.Base(path))
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	if strings.HasSuffix(stem, ".min") || strings.HasSuffix(stem, "-min") {
		return "minified file (by its name); name it on the command line to analyse it"
	}
	if len(data) < minifiedMinSize {
		return ""
	}
	first := bytes.IndexByte(data, '\n')
	if first < 0 {
		first = len(data)
	}
	if first > minifiedFirstLine {
		return fmt.Sprintf("looks minified (first line is %d bytes long); name it on the command line to analyse it", first)
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	if avg := len(data) / lines; avg > minifiedAvgLine {
		return fmt.Sprintf("looks minified (lines average %d bytes); name it on the command line to analyse it", avg)
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
