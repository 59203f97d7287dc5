// Package walk lists the files a linter run should look at: the files and
// folders named on the command line, minus what .gitignore, dependency and
// build-output folders, and the caller's own exclusions rule out.
//
// By default it never follows a symbolic link found inside a folder: a link
// to a place inside the folder would visit that place twice (and a link loop
// forever), and a link out of it would analyse code the user did not name.
// Links named on the command line are followed, since the user asked for
// them. With Options.FollowSymlinks, links to folders inside the folder being
// walked are entered too, without ever visiting a folder twice (so never
// looping) and still never leaving the folder.
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
	// Size is, in a File entry, the file's size in bytes when the walk
	// had to stat it anyway (files named on the command line), and -1
	// when it did not: a caller that needs sizes saves a system call per
	// named file, which for thousands of them is most of the walk.
	Size int64
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
	// FollowSymlinks enters symbolic links to folders whose target is
	// inside the command-line folder the link was found in. Such a folder
	// is walked at the link's path (and below it, .gitignore and Exclude
	// see the link's path) only if the walk did not reach it at its own
	// path: links are followed after the rest of their root, and every
	// folder is entered once, so a loop ends and no file is reported
	// twice. Links out of the folder are still only reported.
	FollowSymlinks bool
}

// DefaultSkipDirs are folders never entered below a root, and why: the
// CLI and the language server's workspace checks skip the same ones.
var DefaultSkipDirs = map[string]string{
	"node_modules": "dependency folder",
	".git":         "version-control folder",
	".hg":          "version-control folder",
	".svn":         "version-control folder",
	"dist":         "build output folder",
	"build":        "build output folder",
	"out":          "build output folder",
	"coverage":     "coverage report folder",
	".next":        "build output folder (Next.js)",
	".nuxt":        "build output folder (Nuxt)",
	".svelte-kit":  "build output folder (SvelteKit)",
	".output":      "build output folder (Nitro)",
}

// ErrStop may be returned by the emit callback to end the walk early
// without an error of its own.
var ErrStop = errors.New("walk stopped")

type walker struct {
	ctx  context.Context
	opt  Options
	emit func(Entry) error
	// seen holds the files already emitted, only when two roots overlap
	// or links are followed and the same file could otherwise be reported
	// twice.
	seen map[string]bool
	// With FollowSymlinks: the real path of every folder entered, and the
	// links to enter once the rest of the current root is done.
	entered map[string]string // real path -> display path
	pending []pendingLink
	// roots are the real paths of the command-line folders.
	roots []string
}

// pendingLink is a link to a folder to follow after the rest of its root.
type pendingLink struct {
	display, abs, target, root, name string
	stack                            ignoreStack
	ancestors                        []os.FileInfo
}

// Walk visits roots in the order given, each folder's entries in name
// order, and calls emit for every file to analyse and every path skipped or
// failed. Paths that do not exist are reported as Failed entries; callers
// that treat them as usage errors should check before walking
// (Resolve, Roots.Missing, WalkResolved).
func Walk(ctx context.Context, roots []string, opt Options, emit func(Entry) error) error {
	return WalkResolved(ctx, Resolve(roots), opt, emit)
}

// Roots are command-line paths with what Resolve found out about them.
type Roots struct {
	paths []string
	found []rootInfo
}

// Resolve finds each root's absolute path, real path and kind, once: a
// pre-commit hook or a benchmark names thousands of files, where one
// stat each is most of the walk.
func Resolve(roots []string) *Roots {
	var res resolver
	r := &Roots{paths: roots, found: make([]rootInfo, len(roots))}
	for i, p := range roots {
		r.found[i] = res.root(p)
	}
	return r
}

// Missing returns the roots that do not exist (a broken link exists).
func (r *Roots) Missing() []string {
	var out []string
	for i, f := range r.found {
		if errors.Is(f.lstatErr, fs.ErrNotExist) {
			out = append(out, r.paths[i])
		}
	}
	return out
}

// WalkResolved is Walk of roots Resolve found out about.
func WalkResolved(ctx context.Context, rs *Roots, opt Options, emit func(Entry) error) error {
	w := &walker{ctx: ctx, opt: opt, emit: emit}
	if opt.Match == nil {
		w.opt.Match = func(string) bool { return true }
	}
	roots, found := rs.paths, rs.found
	real := make([]string, len(roots))
	isDir := make([]bool, len(roots))
	for i := range roots {
		real[i] = found[i].real
		if found[i].statErr == nil && found[i].st.IsDir() {
			isDir[i] = true
			w.roots = append(w.roots, real[i])
		}
	}
	if overlapping(real, isDir) || opt.FollowSymlinks {
		w.seen = make(map[string]bool)
	}
	if opt.FollowSymlinks {
		w.entered = make(map[string]string)
	}
	walked := map[string]bool{}
	for i, r := range roots {
		// The same folder named twice (src ./src) is walked once, so its
		// skipped entries are not reported twice either.
		if walked[real[i]] {
			continue
		}
		walked[real[i]] = true
		if err := w.root(r, found[i]); err != nil {
			if errors.Is(err, ErrStop) {
				return nil
			}
			return err
		}
	}
	return nil
}

// overlapping reports whether any root is inside (or equal to) another,
// given their real paths and which are folders: only a folder can hold
// another root, so each root's ancestors are looked up among the folders
// (linear in the roots, where comparing every pair was quadratic).
func overlapping(real []string, isDir []bool) bool {
	dirs := make(map[string]bool)
	for i, p := range real {
		if isDir[i] {
			dirs[p] = true
		}
	}
	named := make(map[string]bool, len(real))
	for _, p := range real {
		if named[p] {
			return true
		}
		named[p] = true
		if len(dirs) == 0 {
			continue // only files: nothing to be inside of
		}
		for d := filepath.Dir(p); ; d = filepath.Dir(d) {
			if dirs[d] {
				return true
			}
			if d == filepath.Dir(d) {
				break
			}
		}
	}
	return false
}

// rootInfo is what Walk finds out about a command-line path before
// walking it.
type rootInfo struct {
	abs      string
	absErr   error
	real     string // abs with links resolved, or as close as that gets
	st       os.FileInfo
	statErr  error // of os.Stat: links followed
	lstatErr error // of os.Lstat: a broken link exists
}

// resolver finds the absolute and real paths of many command-line paths
// with few system calls: filepath.Abs asks for the working folder each
// time and EvalSymlinks checks every component of every path, while named
// files share a few folders. The working folder is read once and each
// folder's real path found once; a file then costs one Lstat.
type resolver struct {
	cwd    string
	cwdErr error
	dirs   map[string]string // absolute folder -> real path
}

func (r *resolver) abs(p string) (string, error) {
	if filepath.IsAbs(p) {
		return filepath.Clean(p), nil
	}
	if r.cwd == "" && r.cwdErr == nil {
		r.cwd, r.cwdErr = os.Getwd()
	}
	if r.cwdErr != nil {
		return "", r.cwdErr
	}
	return filepath.Join(r.cwd, p), nil
}

// realDir is the folder dir (absolute, clean) with links resolved, or
// dir itself when that fails. A folder's real path is its parent's with
// its own name, unless the folder is itself a link: one Lstat per folder,
// where EvalSymlinks checked every component of every folder (eight for
// each of the benchmark corpus's 524 folders: more than half of the
// listing's CPU).
func (r *resolver) realDir(dir string) string {
	if real, ok := r.dirs[dir]; ok {
		return real
	}
	real := dir
	parent := filepath.Dir(dir)
	if lst, err := os.Lstat(dir); err == nil && lst.Mode()&fs.ModeSymlink == 0 && parent != dir {
		real = filepath.Join(r.realDir(parent), filepath.Base(dir))
	} else if rd, err := filepath.EvalSymlinks(dir); err == nil {
		real = rd
	}
	if r.dirs == nil {
		r.dirs = map[string]string{}
	}
	r.dirs[dir] = real
	return real
}

func (r *resolver) root(p string) rootInfo {
	var ri rootInfo
	ri.abs, ri.absErr = r.abs(p)
	if ri.absErr != nil {
		ri.real = p
		_, ri.lstatErr = os.Lstat(p)
		ri.st, ri.statErr = os.Stat(p)
		return ri
	}
	lst, err := os.Lstat(ri.abs)
	ri.lstatErr = err
	switch {
	case err != nil:
		// Missing: the path as given, as EvalSymlinks fails too.
		ri.real = ri.abs
		ri.st, ri.statErr = os.Stat(ri.abs)
	case lst.Mode()&fs.ModeSymlink != 0:
		ri.real = ri.abs
		if real, err := filepath.EvalSymlinks(ri.abs); err == nil {
			ri.real = real
		}
		ri.st, ri.statErr = os.Stat(ri.abs)
	default:
		// Not a link itself: only its folders can be.
		ri.st = lst
		if dir := filepath.Dir(ri.abs); dir != ri.abs {
			ri.real = filepath.Join(r.realDir(dir), filepath.Base(ri.abs))
		} else {
			ri.real = r.realDir(ri.abs)
		}
	}
	return ri
}

// realAbs is p absolute with symbolic links resolved, or as close to
// that as the file system allows.
func realAbs(p string) string {
	var r resolver
	return r.root(p).real
}

// isInside reports whether p is strictly below dir.
func isInside(dir, p string) bool {
	_, ok := relSlash(filepath.ToSlash(dir), filepath.ToSlash(p))
	return ok
}

func (w *walker) root(root string, ri rootInfo) error {
	display := filepath.Clean(root)
	abs := ri.abs
	if ri.absErr != nil {
		return w.emit(Entry{Kind: Failed, Path: display, Err: ri.absErr})
	}
	st, err := ri.st, ri.statErr
	if err != nil {
		return w.emit(Entry{Kind: Failed, Path: display, Abs: abs, Err: err})
	}
	switch {
	case st.Mode().IsRegular():
		return w.file(display, abs, ri.real, true, st.Size())
	case st.IsDir():
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return w.emit(Entry{Kind: Failed, Path: display, Abs: abs, Dir: true, Err: err})
		}
		var stack ignoreStack
		if !w.opt.NoGitignore {
			stack = ancestorIgnores(real)
		}
		if err := w.dir(display, real, real, real, stack, []os.FileInfo{st}); err != nil {
			return err
		}
		return w.followPending()
	default:
		return w.emit(Entry{Kind: Failed, Path: display, Abs: abs, Err: errNotRegular})
	}
}

var errNotRegular = errors.New("not a regular file or folder")

// file emits a regular file, once. real is its path with links resolved,
// or "" when not known; size is its size, or -1 when not known.
func (w *walker) file(display, abs, real string, explicit bool, size int64) error {
	if w.seen != nil {
		key := abs
		if real != "" {
			key = real
		} else if r, err := filepath.EvalSymlinks(abs); err == nil {
			key = r
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
	return w.emit(Entry{Kind: File, Path: display, Abs: abs, Explicit: explicit, Size: size})
}

// dir walks one folder. real is abs with links resolved (the same but
// below a followed link). root is the real path of the command-line folder
// it is under: the boundary symbolic links may not leave. ancestors are
// the folders on the way down, to notice a folder that contains itself
// (bind mounts can do that without symbolic links).
func (w *walker) dir(display, abs, real, root string, stack ignoreStack, ancestors []os.FileInfo) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if w.entered != nil {
		w.entered[real] = display
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
		cd, ca, cr := filepath.Join(display, name), filepath.Join(abs, name), filepath.Join(real, name)
		t := e.Type()
		var err error
		switch {
		case t&fs.ModeSymlink != 0:
			err = w.symlink(cd, ca, root, name, stack, ancestors)
		case t.IsDir():
			err = w.subdir(cd, ca, cr, root, name, stack, ancestors)
		case t.IsRegular():
			if !w.opt.Match(name) {
				continue
			}
			var reason string
			if reason, err = w.excluded(ca, false, stack); err == nil {
				if reason != "" {
					err = w.emit(Entry{Kind: Skipped, Path: cd, Abs: ca, Reason: reason})
				} else {
					err = w.file(cd, ca, cr, false, -1)
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

func (w *walker) subdir(display, abs, real, root, name string, stack ignoreStack, ancestors []os.FileInfo) error {
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
	if prev, ok := w.entered[real]; ok {
		// Reached again below a followed link.
		return w.emit(Entry{Kind: Skipped, Path: display, Abs: abs, Dir: true, Reason: "same folder as " + filepath.ToSlash(prev) + ", already analysed there"})
	}
	return w.dir(display, abs, real, root, stack, append(ancestors[:len(ancestors):len(ancestors)], st))
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

// symlink reports a link found inside a folder, or with FollowSymlinks
// queues a link to a folder inside the root to be entered (see the package
// comment); links that look like something the user would expect analysed
// and are not are mentioned with the reason.
func (w *walker) symlink(display, abs, root, name string, stack ignoreStack, ancestors []os.FileInfo) error {
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
	if w.opt.FollowSymlinks && st.IsDir() && (target == root || isInside(root, target)) {
		w.pending = append(w.pending, pendingLink{display: display, abs: abs, target: target, root: root, name: name,
			stack: stack, ancestors: ancestors})
		return nil
	}
	if target == root || isInside(root, target) {
		rel, _ := filepath.Rel(root, target)
		return w.emit(Entry{Kind: Skipped, Path: display, Abs: abs, Dir: st.IsDir(),
			Reason: "symbolic link to " + filepath.ToSlash(rel) + " in the same folder tree, which is analysed at its own path"})
	}
	for _, r := range w.roots {
		if r != root && (target == r || isInside(r, target)) {
			return w.emit(Entry{Kind: Skipped, Path: display, Abs: abs, Dir: st.IsDir(),
				Reason: "symbolic link to " + target + ", which is analysed as part of " + r + ", named on the command line"})
		}
	}
	return w.emit(Entry{Kind: Skipped, Path: display, Abs: abs, Dir: st.IsDir(),
		Reason: "symbolic link out of the folder being checked; name " + target + " on the command line to analyse it"})
}

// followPending enters the links to folders queued while walking a root,
// and those found below them, in the order found. A link whose target was
// already entered (at its own path, or through another link, or because it
// is an ancestor of the link: a loop) is reported and not entered again.
func (w *walker) followPending() error {
	for len(w.pending) > 0 {
		l := w.pending[0]
		w.pending = w.pending[1:]
		// Named or ignored like a folder would be: skipped as one (subdir
		// says so).
		_, skipped := w.opt.SkipDirs[l.name]
		if !skipped {
			reason, err := w.excluded(l.abs, true, l.stack)
			if err != nil {
				return err
			}
			skipped = reason != ""
		}
		if prev, ok := w.entered[l.target]; ok && !skipped {
			reason := "symbolic link to a folder already analysed as " + filepath.ToSlash(prev)
			if parent := w.realOf(filepath.Dir(l.abs)); parent == l.target || isInside(l.target, parent) {
				reason = "symbolic link loop (it leads back to " + filepath.ToSlash(prev) + "); not entered again"
			}
			if err := w.emit(Entry{Kind: Skipped, Path: l.display, Abs: l.abs, Dir: true, Reason: reason}); err != nil {
				return err
			}
			continue
		}
		if err := w.subdir(l.display, l.abs, l.target, l.root, l.name, l.stack, l.ancestors); err != nil {
			return err
		}
	}
	return nil
}

// realOf is dir with links resolved, or dir when that fails.
func (w *walker) realOf(dir string) string {
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		return r
	}
	return dir
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
