package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
)

// maxFixRounds bounds --fix: fixes that conflict in one round are retried
// on the re-analysed text in the next; a rule whose fixes keep producing
// new fixable findings must not loop forever. Fixes that add to the same
// class or owner take a round each (analyzer.Fix.Scopes), so a component
// with a dozen leaks needs a dozen rounds, each a re-analysis of one file.
const maxFixRounds = 32

// chosenFix returns the fix --fix applies for d: the first offered (fixes
// come in order of preference) that the safety setting allows. Fixes that
// only add a suppression comment silence the finding rather than fix the
// leak, so --fix never picks them.
func (c *checker) chosenFix(d analyzer.Diagnostic) (analyzer.Fix, bool) {
	for _, f := range d.Fixes {
		if (f.Safe || c.opts.fixUnsafe) && !isSuppression(f) {
			return f, true
		}
	}
	return analyzer.Fix{}, false
}

func isSuppression(f analyzer.Fix) bool {
	for _, e := range f.Edits {
		if strings.Contains(e.NewText, "leakwatch-ignore") {
			return true
		}
	}
	return false
}

func (c *checker) countFixable(diags []analyzer.Diagnostic) int {
	n := 0
	for _, d := range diags {
		if _, ok := c.chosenFix(d); ok {
			n++
		}
	}
	return n
}

// applyFixes runs fix rounds on one file: merge the chosen fixes that do
// not overlap, apply them, re-analyse, repeat until nothing applies. It
// returns the final text and its analysis, how many fixes it applied and
// in how many rounds.
func (c *checker) applyFixes(ctx context.Context, f analyzer.File, res analyzer.Result) (src []byte, cur analyzer.Result, applied, rounds int, err error) {
	src, cur = f.Src, res
	for ; rounds < maxFixRounds; rounds++ {
		var fixes []analyzer.Fix
		for _, d := range cur.Diagnostics {
			if fix, ok := c.chosenFix(d); ok {
				fixes = append(fixes, fix)
			}
		}
		if len(fixes) == 0 {
			break
		}
		next, nres, n, err := c.fixRound(ctx, f, src, cur, fixes)
		if err != nil {
			return src, cur, applied, rounds, err
		}
		if n == 0 {
			break
		}
		src, cur, applied = next, nres, applied+n
	}
	return src, cur, applied, rounds, nil
}

// fixRound applies one round. Every fix passed the engine's validation on
// its own, but merged fixes can still break the file together; a round
// that adds syntax errors is retried with its first fix alone, and given
// up if even that does.
func (c *checker) fixRound(ctx context.Context, f analyzer.File, src []byte, cur analyzer.Result, fixes []analyzer.Fix) ([]byte, analyzer.Result, int, error) {
	try := func(fixes []analyzer.Fix) ([]byte, analyzer.Result, int, bool, error) {
		joined := make([]analyzer.Fix, len(fixes))
		for i, f := range fixes {
			joined[i] = analyzer.JoinTouchingEdits(f)
		}
		edits, skipped := analyzer.MergeFixes(joined)
		if len(edits) == 0 {
			return nil, analyzer.Result{}, 0, false, nil
		}
		text, err := analyzer.ApplyEdits(string(src), edits)
		if err != nil {
			return nil, analyzer.Result{}, 0, false, fmt.Errorf("merged fixes do not apply: %w", err)
		}
		nf := f
		nf.Src = []byte(text)
		nres := c.eng.Analyze(ctx, nf)
		if nres.Skipped != "" || len(nres.SyntaxErrors) > len(cur.SyntaxErrors) {
			return nil, analyzer.Result{}, 0, false, nil
		}
		nres.Diagnostics = c.visible(nres.Diagnostics)
		return nf.Src, nres, len(fixes) - len(skipped), true, nil
	}
	next, nres, n, ok, err := try(fixes)
	if err != nil || ok || len(fixes) == 1 {
		return next, nres, n, err
	}
	next, nres, n, _, err = try(fixes[:1])
	return next, nres, n, err
}

// Test hooks: beforeWrite runs after the fixed text is ready and before
// the file on disk is compared and replaced (tests change the file there);
// renameFile performs the replacement.
var (
	beforeWrite = func(path string) {}
	renameFile  = os.Rename
)

var (
	errChanged  = errors.New("the file changed on disk since leakwatch read it; run again to fix the new contents")
	errReadOnly = errors.New("the file is read-only; make it writable to let --fix change it")
)

// writeFixed replaces the file at path with data, atomically: data goes to
// a temporary file in the same folder (same file system, so the rename is
// atomic), which takes the original's mode and is renamed over it. It
// refuses when the file no longer holds orig, the bytes that were analysed,
// so an edit made meanwhile (by an editor, a formatter, a person) is never
// lost. On any failure the original is untouched and no temporary file is
// left behind.
func writeFixed(path string, orig, data []byte) (err error) {
	// Write through a symbolic link named on the command line, not over it.
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	st, err := os.Stat(real)
	if err != nil {
		return err
	}
	// Renaming would replace a read-only file without complaint (only the
	// folder's permissions count), even for root; respect the file's own.
	if st.Mode().Perm()&0o222 == 0 {
		return errReadOnly
	}
	tmp, err := os.CreateTemp(filepath.Dir(real), "."+filepath.Base(real)+".leakwatch-*")
	if err != nil {
		return fmt.Errorf("cannot create a temporary file next to it: %s", describeErr(err))
	}
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("writing the temporary file: %s", describeErr(err))
	}
	if err := tmp.Chmod(st.Mode().Perm()); err != nil {
		return fmt.Errorf("setting the file mode: %s", describeErr(err))
	}
	keepOwner(tmp, st)
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("writing the temporary file: %s", describeErr(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing the temporary file: %s", describeErr(err))
	}
	beforeWrite(path)
	now, err := os.ReadFile(real)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, orig) {
		return errChanged
	}
	if err := renameFile(tmp.Name(), real); err != nil {
		return fmt.Errorf("replacing the file: %s", describeErr(err))
	}
	renamed = true
	return nil
}
