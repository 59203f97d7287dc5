package walk

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// tree creates files under dir; a name ending in "/" makes a folder.
func tree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// chdir moves into dir for the test, so display paths are relative.
func chdir(t *testing.T, dir string) {
	t.Helper()
	t.Chdir(dir)
}

var jsOnly = func(name string) bool { return strings.HasSuffix(name, ".js") }

type result struct {
	files   []string
	skipped map[string]string
	failed  map[string]error
}

func walkAll(t *testing.T, roots []string, opt Options) result {
	t.Helper()
	if opt.Match == nil {
		opt.Match = jsOnly
	}
	r := result{skipped: map[string]string{}, failed: map[string]error{}}
	err := Walk(context.Background(), roots, opt, func(e Entry) error {
		switch e.Kind {
		case File:
			r.files = append(r.files, filepath.ToSlash(e.Path))
		case Skipped:
			r.skipped[filepath.ToSlash(e.Path)] = e.Reason
		case Failed:
			r.failed[filepath.ToSlash(e.Path)] = e.Err
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	return r
}

func TestWalkOrderAndExtensions(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"b.js": "", "a/z.js": "", "a-b/y.js": "", "a.js": "", "readme.md": "", "c.ts": "",
	})
	chdir(t, dir)
	got := walkAll(t, []string{"."}, Options{})
	want := []string{"a/z.js", "a-b/y.js", "a.js", "b.js"}
	if strings.Join(got.files, " ") != strings.Join(want, " ") {
		t.Errorf("files = %v, want %v", got.files, want)
	}
}

func TestWalkGitignore(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		".gitignore":          "*.gen.js\n!keep.gen.js\n/top-only.js\ncache/\nlogs\n",
		"a.gen.js":            "",
		"keep.gen.js":         "",
		"top-only.js":         "",
		"sub/top-only.js":     "", // the leading slash anchors to the root only
		"cache/x.js":          "",
		"sub/cache.js":        "", // cache/ is folders only
		"logs/l.js":           "",
		"sub/.gitignore":      "!b.gen.js\nlocal.js\n",
		"sub/b.gen.js":        "",
		"sub/local.js":        "",
		"local.js":            "", // sub's .gitignore does not reach up
		"sub/deeper/local.js": "",
	})
	chdir(t, dir)
	got := walkAll(t, []string{"."}, Options{})
	want := "keep.gen.js local.js sub/b.gen.js sub/cache.js sub/top-only.js"
	if s := strings.Join(got.files, " "); s != want {
		t.Errorf("files = %s\nwant    %s", s, want)
	}
	for path, src := range map[string]string{
		"a.gen.js":            ".gitignore:1",
		"top-only.js":         ".gitignore:3",
		"cache":               ".gitignore:4",
		"logs":                ".gitignore:5",
		"sub/local.js":        "sub/.gitignore:2",
		"sub/deeper/local.js": "sub/.gitignore:2",
	} {
		if r := got.skipped[path]; r != "ignored by "+src {
			t.Errorf("%s: reason %q, want ignored by %s", path, r, src)
		}
	}

	got = walkAll(t, []string{"."}, Options{NoGitignore: true})
	if len(got.files) != 13-2 { // every .js file; the two .gitignore files are not JS
		t.Errorf("--no-ignore: files = %v", got.files)
	}
}

func TestWalkGitignoreAboveRoot(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		".git/":                 "",
		".git/info/exclude":     "excluded.js\n",
		".gitignore":            "/src/legacy/\n",
		"src/legacy/old.js":     "",
		"src/new.js":            "",
		"src/excluded.js":       "",
		"outside/.gitignore":    "*.js\n", // a sibling's file does not apply
		"src/deep/.gitignore":   "",
		"src/deep/also-kept.js": "",
	})
	chdir(t, filepath.Join(dir, "src"))
	got := walkAll(t, []string{"."}, Options{})
	if s := strings.Join(got.files, " "); s != "deep/also-kept.js new.js" {
		t.Errorf("files = %s", s)
	}
	if !strings.HasSuffix(got.skipped["legacy"], ".gitignore:1") {
		t.Errorf("legacy: %q", got.skipped["legacy"])
	}
	if !strings.Contains(got.skipped["excluded.js"], filepath.ToSlash(filepath.Join(".git", "info", "exclude"))+":1") {
		t.Errorf("excluded.js: %q", got.skipped["excluded.js"])
	}
}

func TestWalkSkipDirsAndExclude(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"node_modules/m/i.js": "", "dist/b.js": "", "src/a.js": "", "src/gen/g.js": "", "src/x.skip.js": "",
	})
	chdir(t, dir)
	opt := Options{
		SkipDirs: map[string]string{"node_modules": "dependencies", "dist": "build output"},
		Exclude: func(abs string, isDir bool) (string, error) {
			if isDir && filepath.Base(abs) == "gen" {
				return "config ignore", nil
			}
			if strings.HasSuffix(abs, ".skip.js") {
				return "config ignore", nil
			}
			return "", nil
		},
	}
	got := walkAll(t, []string{"."}, opt)
	if s := strings.Join(got.files, " "); s != "src/a.js" {
		t.Errorf("files = %s", s)
	}
	want := map[string]string{"node_modules": "dependencies", "dist": "build output", "src/gen": "config ignore", "src/x.skip.js": "config ignore"}
	for p, r := range want {
		if got.skipped[p] != r {
			t.Errorf("%s: skipped %q, want %q", p, got.skipped[p], r)
		}
	}

	// A folder named on the command line is entered even if it would be
	// skipped below a root.
	got = walkAll(t, []string{"dist", "node_modules/m/i.js"}, opt)
	if s := strings.Join(got.files, " "); s != "dist/b.js node_modules/m/i.js" {
		t.Errorf("named: files = %s", s)
	}

	// Exclusion errors stop the walk.
	opt.Exclude = func(string, bool) (string, error) { return "", errors.New("bad config") }
	err := Walk(context.Background(), []string{"."}, opt, func(Entry) error { return nil })
	if err == nil || err.Error() != "bad config" {
		t.Errorf("err = %v", err)
	}
}

func TestWalkSymlinks(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "root")
	tree(t, base, map[string]string{"root/real/a.js": "", "outside/o.js": ""})
	for link, target := range map[string]string{
		"root/loop1":       "loop2",
		"root/loop2":       "loop1",
		"root/self":        ".",
		"root/inside.js":   "real/a.js",
		"root/out":         "../outside",
		"root/dangling.js": "nowhere.js",
	} {
		if err := os.Symlink(target, filepath.Join(base, link)); err != nil {
			t.Fatal(err)
		}
	}
	chdir(t, dir)
	got := walkAll(t, []string{"."}, Options{})
	if s := strings.Join(got.files, " "); s != "real/a.js" {
		t.Errorf("files = %s", s)
	}
	for p, want := range map[string]string{
		"loop1":       "symbolic link loop",
		"loop2":       "symbolic link loop",
		"self":        "symbolic link to . in the same folder tree",
		"inside.js":   "symbolic link to real/a.js",
		"out":         "symbolic link out of the folder",
		"dangling.js": "broken symbolic link",
	} {
		if !strings.HasPrefix(got.skipped[p], want) {
			t.Errorf("%s: %q, want prefix %q", p, got.skipped[p], want)
		}
	}

	// Named on the command line, a link is followed; a loop fails clearly.
	got = walkAll(t, []string{"inside.js", "out", "loop1"}, Options{})
	if s := strings.Join(got.files, " "); s != "inside.js out/o.js" {
		t.Errorf("named links: files = %s", s)
	}
	if err := got.failed["loop1"]; !errors.Is(err, syscall.ELOOP) {
		t.Errorf("loop1: %v", err)
	}
}

func TestWalkFollowSymlinks(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "proj")
	tree(t, base, map[string]string{
		"proj/src/a.js":       "",
		"proj/lib/b.js":       "",
		"proj/build/gen/g.js": "",
		"proj/ignored/i.js":   "",
		"proj/.gitignore":     "ignored/\n",
		"outside/o.js":        "",
	})
	for link, target := range map[string]string{
		"proj/gen":            "build/gen", // into a folder the walk skips
		"proj/gen2":           "build/gen", // a second way to the same folder
		"proj/src/lib":        "../lib",    // a folder walked at its own path
		"proj/src/loop":       "..",        // back to the root
		"proj/build/gen/back": "../..",     // a loop found below a followed link
		"proj/uses-ignored":   "ignored",   // the link is not ignored, its target is
		"proj/out":            "../outside",
		"proj/node_modules":   "lib", // skipped by name, as a folder would be
	} {
		if err := os.Symlink(target, filepath.Join(base, link)); err != nil {
			t.Fatal(err)
		}
	}
	chdir(t, dir)
	opt := Options{FollowSymlinks: true, SkipDirs: map[string]string{"build": "build output", "node_modules": "dependencies"}}
	got := walkAll(t, []string{"."}, opt)
	// Folders at their own path first, then the followed links in the
	// order they were found; every file once.
	if s := strings.Join(got.files, " "); s != "lib/b.js src/a.js gen/g.js uses-ignored/i.js" {
		t.Errorf("files = %s", s)
	}
	for p, want := range map[string]string{
		"build":        "build output",
		"ignored":      "ignored by .gitignore",
		"node_modules": "dependencies",
		"gen2":         "symbolic link to a folder already analysed as gen",
		"src/lib":      "symbolic link to a folder already analysed as lib",
		"src/loop":     "symbolic link loop (it leads back to .)",
		"gen/back":     "symbolic link loop (it leads back to .)",
		"out":          "symbolic link out of the folder being checked",
	} {
		if !strings.HasPrefix(got.skipped[p], want) {
			t.Errorf("%s: %q, want prefix %q", p, got.skipped[p], want)
		}
	}
	if len(got.failed) > 0 {
		t.Errorf("failed: %v", got.failed)
	}

	// A link out of the folder is entered only where its target is named.
	got = walkAll(t, []string{".", "../outside"}, opt)
	if !strings.Contains(got.skipped["out"], "which is analysed as part of") {
		t.Errorf("out: %q", got.skipped["out"])
	}
	if s := strings.Join(got.files, " "); !strings.HasSuffix(s, " ../outside/o.js") || strings.Contains(s, "out/o.js ") {
		t.Errorf("files = %s", s)
	}

	// Without the option nothing is followed.
	got = walkAll(t, []string{"."}, Options{SkipDirs: opt.SkipDirs})
	if s := strings.Join(got.files, " "); s != "lib/b.js src/a.js" {
		t.Errorf("not following: files = %s", s)
	}
}

func TestWalkOverlappingRootsOnce(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"src/a.js": "", "src/b.js": ""})
	chdir(t, dir)
	mkdir := func(name string) {
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	mkdir("src/node_modules")
	n := 0
	err := Walk(context.Background(), []string{"src/b.js", "src", "./src"}, Options{Match: jsOnly, SkipDirs: map[string]string{"node_modules": "deps"}}, func(e Entry) error {
		if e.Kind == Skipped {
			n++
		}
		return nil
	})
	if err != nil || n != 1 {
		t.Errorf("the folder named twice reported %d skips (%v)", n, err)
	}
	got := walkAll(t, []string{"src/b.js", "src", "./src"}, Options{})
	if s := strings.Join(got.files, " "); s != "src/b.js src/a.js" {
		t.Errorf("files = %s", s)
	}
}

// TestWalkFileRootsThroughLinks names files one by one, through links to
// their folder and to themselves, as well as at their own paths: Walk
// resolves a named file's real path from its folder's, found once per
// folder, and must still see that these are the same files.
func TestWalkFileRootsThroughLinks(t *testing.T) {
	base := t.TempDir()
	tree(t, base, map[string]string{"src/a.js": "", "src/b.js": "", "src/deep/c.js": "", "other/d.js": ""})
	for link, target := range map[string]string{
		"alias":  "src",        // a folder link
		"d.js":   "other/d.js", // a file link
		"deeper": "src/deep",
	} {
		if err := os.Symlink(target, filepath.Join(base, link)); err != nil {
			t.Fatal(err)
		}
	}
	chdir(t, base)
	// Real paths apart: every file once, at the path it was named by.
	got := walkAll(t, []string{"alias/a.js", "src/b.js", "deeper/c.js", "d.js"}, Options{})
	if s := strings.Join(got.files, " "); s != "alias/a.js src/b.js deeper/c.js d.js" {
		t.Errorf("files = %s", s)
	}
	// The same files through links and at their own paths: once each, at
	// the first name, relative and absolute alike.
	got = walkAll(t, []string{"alias/a.js", "src/a.js", filepath.Join(base, "alias", "a.js"), "deeper/c.js", "src/deep/c.js", "d.js", "other/d.js"}, Options{})
	if s := strings.Join(got.files, " "); s != "alias/a.js deeper/c.js d.js" {
		t.Errorf("the same files named twice: files = %s", s)
	}
	// A named file inside a named folder reached through a link: once.
	got = walkAll(t, []string{"alias/b.js", "src"}, Options{})
	if s := strings.Join(got.files, " "); s != "alias/b.js src/a.js src/deep/c.js" {
		t.Errorf("file and folder: files = %s", s)
	}
}

// TestWalkSizes: a file named on the command line comes with the size the
// walk's stat found (through a link, the target's); one found in a folder
// with -1, as the walk did not stat it.
func TestWalkSizes(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a.js": "12345", "sub/b.js": "123", "empty.js": "", "other/c.js": "1234567"})
	if err := os.Symlink("other/c.js", filepath.Join(dir, "link.js")); err != nil {
		t.Fatal(err)
	}
	chdir(t, dir)
	sizes := map[string]int64{}
	err := Walk(context.Background(), []string{"a.js", "empty.js", "link.js", "sub"}, Options{Match: jsOnly}, func(e Entry) error {
		if e.Kind == File {
			sizes[filepath.ToSlash(e.Path)] = e.Size
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{"a.js": 5, "empty.js": 0, "link.js": 7, "sub/b.js": -1}
	if fmt.Sprint(sizes) != fmt.Sprint(want) {
		t.Errorf("sizes = %v, want %v", sizes, want)
	}
}

func TestWalkMissingAndSpecial(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a.js": ""})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.js"), 0o644); err != nil {
		t.Fatal(err)
	}
	chdir(t, dir)
	got := walkAll(t, []string{".", "missing.js", "pipe.js"}, Options{})
	if s := strings.Join(got.files, " "); s != "a.js" {
		t.Errorf("files = %s", s)
	}
	if got.skipped["pipe.js"] != "not a regular file (named pipe)" {
		t.Errorf("pipe.js in a folder: %q", got.skipped["pipe.js"])
	}
	if !errors.Is(got.failed["missing.js"], os.ErrNotExist) {
		t.Errorf("missing.js: %v", got.failed["missing.js"])
	}
	if got.failed["pipe.js"] == nil {
		t.Error("a named pipe named on the command line should fail")
	}
}

func TestWalkStopsOnCancel(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a/x.js": "", "b/y.js": ""})
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Walk(ctx, []string{dir}, Options{Match: jsOnly}, func(e Entry) error {
		n++
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("err = %v after %d entries", err, n)
	}
	err = Walk(context.Background(), []string{dir}, Options{Match: jsOnly}, func(e Entry) error { return ErrStop })
	if err != nil {
		t.Errorf("ErrStop: %v", err)
	}
}

// TestOverlapping pins which root lists overlap: a root inside a folder
// root (directly or through a link), the same path twice, and not files
// beside each other or a folder's sibling with a common prefix.
func TestOverlapping(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"src/a.js": "", "src/b.js": "", "srcx/c.js": "", "lib/d.js": "", "src/sub/e.js": ""})
	if err := os.Symlink(filepath.Join(dir, "src"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	chdir(t, dir)
	for _, tc := range []struct {
		roots []string
		want  bool
	}{
		{[]string{"src/a.js", "src/b.js", "lib/d.js"}, false},
		{[]string{"src", "srcx/c.js"}, false}, // a common prefix is not containment
		{[]string{"src", "lib"}, false},
		{[]string{"src/a.js", "src"}, true},
		{[]string{"src", "./src"}, true},
		{[]string{"link/a.js", "src"}, true},         // through the link
		{[]string{"link/sub/e.js", "src/sub"}, true}, // a folder below the link
		{[]string{"link/sub/e.js", "srcx"}, false},
		{[]string{".", "lib/d.js"}, true},
		{[]string{"lib/d.js", "lib/d.js"}, true},
	} {
		real := make([]string, len(tc.roots))
		isDir := make([]bool, len(tc.roots))
		for i, r := range tc.roots {
			real[i] = realAbs(r)
			st, err := os.Stat(r)
			isDir[i] = err == nil && st.IsDir()
		}
		if got := overlapping(real, isDir); got != tc.want {
			t.Errorf("overlapping(%q) = %v, want %v", tc.roots, got, tc.want)
		}
	}
}

// BenchmarkWalkManyFileRoots walks 5,000 files named one by one, as a
// pre-commit hook or the benchmark's file list names them.
func BenchmarkWalkManyFileRoots(b *testing.B) {
	dir := b.TempDir()
	var roots []string
	for i := 0; i < 5000; i++ {
		rel := filepath.Join(fmt.Sprintf("pkg%02d", i%50), fmt.Sprintf("sub%d", i%7), fmt.Sprintf("f%d.js", i))
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			b.Fatal(err)
		}
		roots = append(roots, p)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		if err := Walk(context.Background(), roots, Options{}, func(e Entry) error { n++; return nil }); err != nil || n != len(roots) {
			b.Fatalf("%d entries, %v", n, err)
		}
	}
}

// Missing names the roots that do not exist, not a broken link (which
// exists, and the walk reports), nor a folder or a file.
func TestRootsMissing(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"src/a.js": ""})
	if err := os.Symlink(filepath.Join(dir, "gone.js"), filepath.Join(dir, "broken.js")); err != nil {
		t.Fatal(err)
	}
	chdir(t, dir)
	got := Resolve([]string{"src", "src/a.js", "broken.js", "nope.js", "src/nope/b.js"}).Missing()
	want := []string{"nope.js", "src/nope/b.js"}
	if !slices.Equal(got, want) {
		t.Errorf("Missing() = %q, want %q", got, want)
	}
}
