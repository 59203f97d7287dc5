// Package walk lists the files a linter run should look at: the files and
// folders named on the command line, minus what .gitignore, dependency and
// build-output folders, and the caller's own exclusions rule out.
//
// It never follows a symbolic link found inside a folder: a link to a place
// inside the folder would visit that place twice (and a link loop forever),
// and a link out of it would analyse code the user did not name. Links named
// on the command line are followed, since the user asked for them.
package walk

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Kind says what an Entry reports.
type Kind int

const (
	// File is a file to analyse.
	File Kind = iota
	// Skipped is a file or folder left out on purpose; Reason says why.
	Skipped
	// Failed is a file or folder that could not be read; Err says why.
	Failed
)

// Entry is one thing the walk found.
type Entry struct {
	Kind Kind
	// Path is what the user sees: the command-line argument it came from
	// joined with the path below it.
	Path string
	// Abs is the absolute path to open.
	Abs string
	// Explicit is set for files named on the command line: the default
	// skips (minified files, build folders, .gitignore) do not apply.
	Explicit bool
	// Dir is set for skipped and failed folders.
	Dir    bool
	Reason string
	Err    error
}

// Options tune a walk.
type Options struct {
	// Match reports whether a file name is one to analyse (by extension).
	Match func(name string) bool
	// NoGitignore turns off .gitignore and .git/info/exclude handling.
	NoGitignore bool
	// SkipDirs maps folder names that are never entered below a root (such
	// as node_modules) to the reason given for skipping them.
	SkipDirs map[string]string
	// Exclude is asked about every folder and candidate file below a root
	// and about explicit files; a non-empty reason skips the path. An error
	// stops the walk (a broken configuration, say).
	Exclude func(abs string, isDir bool) (reason string, err error)
}

// ErrStop may be returned by the emit callback to end the walk early
// without an error of its own.
var ErrStop = errors.New("walk stopped")

type walker struct {
	ctx  context.Context
	opt  Options
	emit func(Entry) error
	// seen holds the files already emitted, only when two roots overlap
	// and the same file could otherwise be reported twice.
	seen map[string]bool
}

// Walk visits roots in the order given, each folder's entries in name
// order, and calls emit for every file to analyse and every path skipped or
// failed. Paths that do not exist are reported as Failed entries; callers
// that treat them as usage errors should check before walking.
func Walk(ctx context.Context, roots []string, opt Options, emit func(Entry) error) error {
	w := &walker{ctx: ctx, opt: opt, emit: emit}
	if opt.Match == nil {
		w.opt.Match = func(string) bool { return true }
	}
	if overlapping(roots) {
		w.seen = make(map[string]bool)
	}
	walked := map[string]bool{}
	for _, r := range roots {
		// The same folder named twice (src ./src) is walked once, so its
		// skipped entries are not reported twice either.
		if key := realAbs(r); walked[key] {
			continue
		} else {
			walked[key] = true
		}
		if err := w.root(r); err != nil {
			if errors.Is(err, ErrStop) {
				return nil
			}
			return err
		}
	}
	return nil
}

// overlapping reports whether any root is inside (or equal to) another.
func overlapping(roots []string) bool {
	abs := make([]string, 0, len(roots))
	for _, r := range roots {
		abs = append(abs, realAbs(r))
	}
	for i, a := range abs {
		for j, b := range abs {
			if i != j && (a == b || isInside(b, a)) {
				return true
			}
		}
	}
	return false
}

// realAbs is p absolute with symbolic links resolved, or as close to
// that as the file system allows.
func realAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if real, err := filepath.EvalSymlinks(a); err == nil {
		return real
	}
	return a
}

// isInside reports whether p is strictly below dir.
func isInside(dir, p string) bool {
	_, ok := relSlash(filepath.ToSlash(dir), filepath.ToSlash(p))
	return ok
}

func (w *walker) root(root string) error {
	display := filepath.Clean(root)
	abs, err := filepath.Abs(root)
	if err != nil {
		return w.emit(Entry{Kind: Failed, Path: display, Err: err})
	}
	st, err := os.Stat(abs)
	if err != nil {
		return w.emit(Entry{Kind: Failed, Path: display, Abs: abs, Err: err})
	}
	switch {
	case st.Mode().IsRegular():
		return w.file(display, abs, true)
	case st.IsDir():
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return w.emit(Entry{Kind: Failed, Path: display, Abs: abs, Dir: true, Err: err})
		}
		var stack ignoreStack
		if !w.opt.NoGitignore {
			stack = ancestorIgnores(real)
		}
		return w.dir(display, real, real, stack, []os.FileInfo{st})
	default:
		return w.emit(Entry{Kind: Failed, Path: display, Abs: abs, Err: errNotRegular})
	}
}

var errNotRegular = errors.New("not a regular file or folder")

// file emits a regular file, once.
func (w *walker) file(display, abs string, explicit bool) error {
	if w.seen != nil {
		key := abs
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			key = real
		}
		if w.seen[key] {
			return nil
		}
		w.seen[key] = true
	}
	if explicit && w.opt.Exclude != nil {
		reason, err := w.opt.Exclude(abs, false)
		if err != nil {
			return err
		}
		if reason != "" {
			return w.emit(Entry{Kind: Skipped, Path: display, Abs: abs, Explicit: true, Reason: reason})
		}
	}
	return w.emit(Entry{Kind: File, Path: display, Abs: abs, Explicit: explicit})
}

// dir walks one folder. root is the real path of the command-line folder
// it is under: the boundary symbolic links may not leave. ancestors are
// the folders on the way down, to notice a folder that contains itself
// (bind mounts can do that without symbolic links).
func (w *walker) dir(display, abs, root string, stack ignoreStack, ancestors []os.FileInfo) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		// ReadDir returns what it read before failing; report the
		// failure and still walk those.
		if err := w.emit(Entry{Kind: Failed, Path: display, Abs: abs, Dir: true, Err: err}); err != nil {
			return err
		}
	}
	if !w.opt.NoGitignore {
		if f := loadIgnore(abs, filepath.Join(display, ".gitignore")); f != nil {
			stack = append(stack[:len(stack):len(stack)], f)
		}
	}
	for _, e := range entries {
		name := e.Name()
		cd, ca := filepath.Join(display, name), filepath.Join(abs, name)
		t := e.Type()
		var err error
		switch {
		case t&fs.ModeSymlink != 0:
			err = w.symlink(cd, ca, root, name)
		case t.IsDir():
			err = w.subdir(cd, ca, root, name, stack, ancestors)
		case t.IsRegular():
			if !w.opt.Match(name) {
				continue
			}
			var reason string
			if reason, err = w.excluded(ca, false, stack); err == nil {
				if reason != "" {
					err = w.emit(Entry{Kind: Skipped, Path: cd, Abs: ca, Reason: reason})
				} else {
					err = w.file(cd, ca, false)
				}
			}
		default:
			if w.opt.Match(name) {
				err = w.emit(Entry{Kind: Skipped, Path: cd, Abs: ca, Reason: "not a regular file (" + kindName(t) + ")"})
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) subdir(display, abs, root, name string, stack ignoreStack, ancestors []os.FileInfo) error {
	if reason, ok := w.opt.SkipDirs[name]; ok {
		return w.emit(Entry{Kind: Skipped, Path: display, Abs: abs, Dir: true, Reason: reason})
	}
	reason, err := w.excluded(abs, true, stack)
	if err != nil {
		return err
	}
	if reason != "" {
		return w.emit(Entry{Kind: Skipped, Path: display, Abs: abs, Dir: true, Reason: reason})
	}
	st, err := os.Stat(abs)
	if err != nil {
		return w.emit(Entry{Kind: Failed, Path: display, Abs: abs, Dir: true, Err: err})
	}
	for _, a := range ancestors {
		if os.SameFile(a, st) {
			return w.emit(Entry{Kind: Skipped, Path: display, Abs: abs, Dir: true, Reason: "folder contains itself (a mount loop); not entered again"})
		}
	}
	return w.dir(display, abs, root, stack, append(ancestors[:len(ancestors):len(ancestors)], st))
}

// excluded asks .gitignore, then the caller, whether to leave a path out.
func (w *walker) excluded(abs string, isDir bool, stack ignoreStack) (string, error) {
	if v, ok := stack.match(filepath.ToSlash(abs), isDir); ok && v.ignored {
		return "ignored by " + v.source, nil
	}
	if w.opt.Exclude != nil {
		return w.opt.Exclude(abs, isDir)
	}
	return "", nil
}

// symlink reports a link found inside a folder; it is never followed (see
// the package comment), but links that look like something the user would
// expect analysed are mentioned with the reason.
func (w *walker) symlink(display, abs, root, name string) error {
	// Stat, unlike EvalSymlinks, tells a loop (ELOOP) from a dangling link.
	st, err := os.Stat(abs)
	if err != nil {
		if !w.opt.Match(name) && !looksLikeDir(abs) {
			return nil
		}
		reason := "broken symbolic link"
		if errors.Is(err, syscall.ELOOP) {
			reason = "symbolic link loop"
		}
		return w.emit(Entry{Kind: Skipped, Path: display, Abs: abs, Reason: reason})
	}
	if !st.IsDir() && !w.opt.Match(name) {
		return nil
	}
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return w.emit(Entry{Kind: Failed, Path: display, Abs: abs, Err: err})
	}
	if target == root || isInside(root, target) {
		rel, _ := filepath.Rel(root, target)
		return w.emit(Entry{Kind: Skipped, Path: display, Abs: abs, Dir: st.IsDir(),
			Reason: "symbolic link to " + filepath.ToSlash(rel) + " in the same folder tree, which is analysed at its own path"})
	}
	return w.emit(Entry{Kind: Skipped, Path: display, Abs: abs, Dir: st.IsDir(),
		Reason: "symbolic link out of the folder being checked; name " + target + " on the command line to analyse it"})
}

// looksLikeDir guesses whether a link that cannot be resolved was meant
// as a folder, so loops between folders are mentioned too.
func looksLikeDir(abs string) bool {
	t, err := os.Readlink(abs)
	return err == nil && (strings.HasSuffix(t, "/") || filepath.Ext(t) == "")
}

func kindName(t fs.FileMode) string {
	switch {
	case t&fs.ModeNamedPipe != 0:
		return "named pipe"
	case t&fs.ModeSocket != 0:
		return "socket"
	case t&fs.ModeDevice != 0:
		return "device"
	}
	return t.Type().String()
}

// loadIgnore parses dir's .gitignore, if there is one. An unreadable
// .gitignore is treated like a missing one: it cannot be honoured, and
// failing the run over it would be worse.
func loadIgnore(dir, source string) *ignoreFile {
	data, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if err != nil {
		return nil
	}
	return parseIgnore(filepath.ToSlash(dir), filepath.ToSlash(source), data)
}

// ancestorIgnores loads the ignore files that apply to root from above it:
// .git/info/exclude and the .gitignore of every folder from the repository
// top down to root's parent. Outside a git repository only root's own
// .gitignore files apply, as nothing marks where the project starts.
func ancestorIgnores(root string) ignoreStack {
	top := ""
	for d := root; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			top = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if top == "" {
		return nil
	}
	var stack ignoreStack
	exclude := filepath.Join(top, ".git", "info", "exclude")
	if data, err := os.ReadFile(exclude); err == nil {
		stack = append(stack, parseIgnore(filepath.ToSlash(top), filepath.ToSlash(exclude), data))
	}
	var chain []string
	for d := root; d != top; d = filepath.Dir(d) {
		chain = append(chain, filepath.Dir(d))
	}
	for i := len(chain) - 1; i >= 0; i-- {
		if f := loadIgnore(chain[i], filepath.Join(chain[i], ".gitignore")); f != nil {
			stack = append(stack, f)
		}
	}
	return stack
}
