package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
)

func TestWalkSkipsAndExplicitFiles(t *testing.T) {
	dir := t.TempDir()
	minified := "var a=1;" + strings.Repeat("noleak(a);", 800) + "leak(a);\n"
	write(t, dir, map[string]string{
		".gitignore":            "*.gen.js\n!keep.gen.js\nlocal/\n",
		"src/a.js":              "leak();\n",
		"src/x.gen.js":          "leak();\n",
		"src/keep.gen.js":       "leak();\n",
		"src/.gitignore":        "private.js\n",
		"src/private.js":        "leak();\n",
		"src/local/l.js":        "leak();\n",
		"src/vendor.min.js":     "leak();\n",
		"src/bundle.js":         minified,
		"node_modules/dep/i.js": "leak();\n",
		"src/dist/out.js":       "leak();\n",
		"coverage/lcov.js":      "leak();\n",
		".next/server.js":       "leak();\n",
		"src/readme.md":         "leak();\n",
		// Declaration files are walked but hold no code that runs, so no
		// rule reports in them.
		"src/types.d.ts":         "declare function leak(): void;\nleak();\n",
		"src/nested/deep/z.mts":  "leak();\n",
		"src/nested/deep/y.cjs":  "leak();\n",
		"src/nested/deep/w.tsx":  "leak(<div/>);\n",
		"src/nested/deep/v.jsx":  "leak(<div/>);\n",
		"src/nested/deep/u.mjs":  "leak();\n",
		"src/nested/deep/t.cts":  "leak();\n",
		"src/nested/deep/s.JS":   "leak();\n", // extensions match in any case
		"src/nested/deep/r.json": "leak();\n",
	})
	r := lw(t, dir, "-v", "--no-frame")
	expectCode(t, r, exitFindings)
	files := findingFiles(r.stdout)
	want := "src/a.js src/keep.gen.js src/nested/deep/s.JS src/nested/deep/t.cts src/nested/deep/u.mjs src/nested/deep/v.jsx " +
		"src/nested/deep/w.tsx src/nested/deep/y.cjs src/nested/deep/z.mts"
	if files != want {
		t.Errorf("analysed:\n%s\nwant:\n%s\n%s", files, want, r)
	}
	wantSkips := []string{
		"skipped .next/: build output folder (Next.js)",
		"skipped coverage/: coverage report folder",
		"skipped node_modules/: dependency folder",
		"skipped src/.gitignore", // (never: not a source file) placeholder removed below
		"skipped src/bundle.js: looks minified (first line is 8016 bytes long); name it on the command line to analyse it",
		"skipped src/dist/: build output folder",
		"skipped src/local/: ignored by .gitignore:3",
		"skipped src/private.js: ignored by src/.gitignore:1",
		"skipped src/vendor.min.js: minified file (by its name); name it on the command line to analyse it",
		"skipped src/x.gen.js: ignored by .gitignore:1",
	}
	for _, s := range wantSkips {
		if s == "skipped src/.gitignore" {
			if strings.Contains(r.stderr, s) {
				t.Errorf("non-source files are not mentioned: %s", r.stderr)
			}
			continue
		}
		if !strings.Contains(r.stderr, "leakwatch: "+s+"\n") {
			t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
		}
	}
	// Without -v only the count is mentioned.
	r = lw(t, dir, "--no-frame")
	if strings.Contains(r.stderr, "skipped src/") || !strings.Contains(r.stderr, "; 9 skipped (-v says why)") {
		t.Errorf("without -v:\n%s", r.stderr)
	}

	// Named explicitly, files are analysed whatever the defaults say.
	r = lw(t, dir, "--no-frame", "node_modules/dep/i.js", "src/vendor.min.js", "src/bundle.js", "src/x.gen.js", "src/dist")
	if got := findingFiles(r.stdout); got != "node_modules/dep/i.js src/vendor.min.js src/bundle.js src/x.gen.js src/dist/out.js" {
		t.Errorf("explicit files: %s\n%s", got, r)
	}

	// --no-ignore: .gitignore no longer applies, the built-in skips do.
	r = lw(t, dir, "--no-frame", "--no-ignore", "src")
	if got := findingFiles(r.stdout); !strings.Contains(got, "src/x.gen.js") || !strings.Contains(got, "src/private.js") ||
		!strings.Contains(got, "src/local/l.js") || strings.Contains(got, "src/dist") {
		t.Errorf("--no-ignore: %s", got)
	}

	// JSON lists the skips with their reasons.
	r = lw(t, dir, "--format", "json")
	var doc struct{ Summary jsonSummary }
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]jsonSkip{}
	for _, s := range doc.Summary.Skipped {
		got[s.File] = s
	}
	if s := got["node_modules"]; !s.Folder || s.Reason != "dependency folder" {
		t.Errorf("node_modules skip: %+v", s)
	}
	if s := got["src/vendor.min.js"]; s.Folder || !strings.HasPrefix(s.Reason, "minified file") {
		t.Errorf("vendor.min.js skip: %+v", s)
	}
	if len(doc.Summary.Skipped) != 9 {
		t.Errorf("%d skips: %+v", len(doc.Summary.Skipped), doc.Summary.Skipped)
	}
}

// findingFiles lists the files with findings in text output, in order.
func findingFiles(stdout string) string {
	var files []string
	for _, l := range strings.Split(stdout, "\n") {
		if i := strings.Index(l, ":"); i > 0 && strings.Contains(l, ": warning: ") {
			f := l[:i]
			if len(files) == 0 || files[len(files)-1] != f {
				files = append(files, f)
			}
		}
	}
	return strings.Join(files, " ")
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"empty.js":     "",
		"binary.js":    "leak();\x00\x01\x02",
		"invalid.js":   "\xff\xfeleak();\n",
		"bom.js":       "\uFEFFleak();\n",
		"crlf.js":      "a();\r\n\r\n  leak();\r\n",
		"cr.js":        "a();\rleak();\r",
		"syntax.js":    "function (\nleak();\n",
		"typings.d.ts": "export declare function f(): void;\nleak();\n",
		"string.js":    "const s = '" + strings.Repeat("x", 1<<20) + "';\nleak(s);\n",
		"nested.js":    strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + ";\nleak();\n",
	})
	// Huge lines are taken for minified code in a folder; named, they are
	// analysed like any other file.
	r := lw(t, dir, "-v")
	for _, f := range []string{"string.js", "nested.js"} {
		if !strings.Contains(r.stderr, "leakwatch: skipped "+f+": looks minified") {
			t.Errorf("%s not skipped as minified:\n%s", f, r.stderr)
		}
	}
	names := []string{"-v", "--format", "json"}
	for _, e := range []string{"empty.js", "binary.js", "invalid.js", "bom.js", "crlf.js", "cr.js", "syntax.js", "typings.d.ts", "string.js", "nested.js"} {
		names = append(names, e)
	}
	r = lw(t, dir, names...)
	var doc struct {
		Diagnostics []jsonDiagnostic
		Summary     jsonSummary
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	if !utf8.ValidString(r.stdout) {
		t.Error("JSON output is not valid UTF-8")
	}
	at := map[string]string{}
	for _, d := range doc.Diagnostics {
		at[d.File] += fmt.Sprintf("%d:%d-%d:%d ", d.Line, d.Column, d.EndLine, d.EndColumn)
	}
	for file, want := range map[string]string{
		"invalid.js":   "1:3-1:9 ", // each invalid byte is one column, as editors show it
		"bom.js":       "1:1-1:7 ", // the byte order mark is not a column
		"crlf.js":      "3:3-3:9 ",
		"cr.js":        "2:1-2:7 ", // a lone CR ends a line
		"syntax.js":    "2:1-2:7 ", // still analysed
		"typings.d.ts": "",         // declaration files hold no code that runs: no rule applies
		"string.js":    "2:1-2:8 ",
		"nested.js":    "2:1-2:7 ",
	} {
		if at[file] != want {
			t.Errorf("%s: findings at %q, want %q", file, at[file], want)
		}
	}
	if at["empty.js"] != "" || at["binary.js"] != "" {
		t.Errorf("empty or binary file reported: %v", at)
	}
	if doc.Summary.Files != 9 {
		t.Errorf("%d files analysed, want 9 (all but the binary one)", doc.Summary.Files)
	}
	if len(doc.Summary.Skipped) != 1 || doc.Summary.Skipped[0] != (jsonSkip{File: "binary.js", Reason: "binary file (contains NUL bytes)"}) {
		t.Errorf("skipped: %+v", doc.Summary.Skipped)
	}
	// Invalid UTF-8 is a syntax error to the parser; the file is still
	// analysed.
	if len(doc.Summary.SyntaxErrors) != 2 || doc.Summary.SyntaxErrors[0].File != "invalid.js" ||
		doc.Summary.SyntaxErrors[1] != (jsonSyntaxError{File: "syntax.js", Line: 1, Column: 1, Count: 1}) {
		t.Errorf("syntaxErrors: %+v", doc.Summary.SyntaxErrors)
	}
	if !strings.Contains(r.stderr, "leakwatch: syntax.js:1:") || !strings.Contains(r.stderr, "the file was still analysed") {
		t.Errorf("-v does not say where parsing failed:\n%s", r.stderr)
	}
	// A binary file named explicitly is still not analysed, and says so
	// without -v.
	r = lw(t, dir, "binary.js")
	expectCode(t, r, exitOK)
	if !strings.Contains(r.stderr, "leakwatch: skipped binary.js: binary file (contains NUL bytes)\n") {
		t.Errorf("explicit binary: %s", r)
	}
	// The code frame of invalid UTF-8 shows replacement characters, with
	// the caret under the finding.
	r = lw(t, dir, "invalid.js")
	if !strings.Contains(r.stdout, " 1 | \uFFFD\uFFFDleak();\n   |   ^~~~~~\n") {
		t.Errorf("invalid UTF-8 frame:\n%s", r.stdout)
	}
}

func TestLimits(t *testing.T) {
	dir := t.TempDir()
	big := "leak();\n" + strings.Repeat("const a = [1, 2, 3];\n", 5000)
	write(t, dir, map[string]string{"big.js": big, "small.js": "leak();\n"})

	r := lw(t, dir, "--max-file-size", "1KB", "--format", "json")
	expectCode(t, r, exitFindings)
	want := fmt.Sprintf("leakwatch: skipped big.js: file is %d bytes, larger than the limit of 1024 (raise --max-file-size to analyse it)\n", len(big))
	if r.stderr != want {
		t.Errorf("limits are reported without -v:\n%s\nwant:\n%s", r.stderr, want)
	}
	if !strings.Contains(r.stdout, `"skipped":[{"file":"big.js","reason":"file is `) {
		t.Errorf("JSON skip: %s", r.stdout)
	}
	// The limit holds for a file named explicitly too; 0 lifts it.
	expectCode(t, lw(t, dir, "--max-file-size", "1KB", "big.js"), exitOK)
	expectCode(t, lw(t, dir, "--max-file-size", "0", "big.js"), exitFindings)
	expectCode(t, lw(t, dir, "--max-file-size", "1MB", "big.js"), exitFindings)

	// A 10 MB single-line bundle, named or not, is over the default limit
	// and never read whole.
	write(t, dir, map[string]string{"bundle/app.js": strings.Repeat("a;", 5<<20)})
	r = lw(t, dir, "bundle", "bundle/app.js")
	expectCode(t, r, exitOK)
	if want := "leakwatch: skipped bundle/app.js: file is 10485760 bytes, larger than the limit of 4194304 (raise --max-file-size to analyse it)\n"; !strings.HasPrefix(r.stderr, want) {
		t.Errorf("10 MB bundle:\n%s", r.stderr)
	}

	// A parse budget far below what the file needs.
	r = lw(t, dir, "--parse-timeout", "1us", "big.js", "--format", "json")
	if !strings.Contains(r.stderr, "leakwatch: skipped big.js: parse budget of 1µs exceeded") {
		t.Errorf("parse budget:\n%s", r)
	}
}

func TestParseByteSize(t *testing.T) {
	for in, want := range map[string]int64{
		"0": 0, "1000": 1000, "4MB": 4 << 20, "4mb": 4 << 20, "512KB": 512 << 10, "512k": 512 << 10,
		"1.5M": 3 << 19, "2GiB": 2 << 30, "10B": 10, " 3 KB ": 3 << 10,
	} {
		if got, err := parseByteSize(in); err != nil || got != want {
			t.Errorf("%q = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MB", "-1", "4TB", "four", "NaN"} {
		if _, err := parseByteSize(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

func TestSymlinks(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "proj")
	write(t, base, map[string]string{"proj/src/a.js": "leak();\n", "outside/o.js": "leak();\n"})
	for link, target := range map[string]string{
		"proj/src/loop":    "../src",
		"proj/l1.js":       "l2.js",
		"proj/l2.js":       "l1.js",
		"proj/out":         "../outside",
		"proj/alias.js":    "src/a.js",
		"proj/dangling.js": "nowhere.js",
	} {
		if err := os.Symlink(target, filepath.Join(base, link)); err != nil {
			t.Fatal(err)
		}
	}
	r := lw(t, dir, "-v", "--no-frame")
	expectCode(t, r, exitFindings)
	if got := findingFiles(r.stdout); got != "src/a.js" {
		t.Errorf("analysed: %s", got)
	}
	for _, s := range []string{
		"skipped l1.js: symbolic link loop",
		"skipped dangling.js: broken symbolic link",
		"skipped out/: symbolic link out of the folder being checked",
		"skipped alias.js: symbolic link to src/a.js in the same folder tree",
		"skipped src/loop/: symbolic link to src in the same folder tree",
	} {
		if !strings.Contains(r.stderr, "leakwatch: "+s) {
			t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
		}
	}
	// A link named on the command line is followed; a loop is an error
	// for that path only.
	r = lw(t, dir, "--no-frame", "alias.js", "out", "l1.js")
	expectCode(t, r, exitFindings)
	if got := findingFiles(r.stdout); got != "alias.js out/o.js" {
		t.Errorf("named links: %s", got)
	}
	if !strings.Contains(r.stderr, "leakwatch: l1.js: too many levels of symbolic links\n") {
		t.Errorf("named loop: %s", r.stderr)
	}
}

func TestFollowSymlinks(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "proj")
	write(t, base, map[string]string{
		"proj/src/a.js":          "leak();\n",
		"proj/build/shared/s.js": "leak();\n",
		"outside/o.js":           "leak();\n",
	})
	for link, target := range map[string]string{
		"proj/src/shared":      "../build/shared", // into a folder the walk skips
		"proj/src/again":       "../build/shared", // the same folder once more
		"proj/src/loop":        "..",
		"proj/build/shared/up": "../../src", // a loop through the followed link
		"proj/out":             "../outside",
	} {
		if err := os.Symlink(target, filepath.Join(base, link)); err != nil {
			t.Fatal(err)
		}
	}
	r := lw(t, dir, "-v", "--no-frame", "--follow-symlinks")
	expectCode(t, r, exitFindings)
	if got := findingFiles(r.stdout); got != "src/a.js src/again/s.js" {
		t.Errorf("analysed: %s\n%s", got, r)
	}
	for _, s := range []string{
		"skipped build/: build output folder",
		"skipped src/shared/: symbolic link to a folder already analysed as src/again",
		"skipped src/loop/: symbolic link loop (it leads back to .)",
		"skipped src/again/up/: symbolic link to a folder already analysed as src",
		"skipped out/: symbolic link out of the folder being checked",
	} {
		if !strings.Contains(r.stderr, "leakwatch: "+s) {
			t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
		}
	}
	// Not asked: links are reported, not followed.
	r = lw(t, dir, "--no-frame")
	if got := findingFiles(r.stdout); got != "src/a.js" {
		t.Errorf("without --follow-symlinks: %s", got)
	}
	// Out of the root only when the target is named.
	r = lw(t, dir, "--no-frame", "--follow-symlinks", ".", "../outside")
	if got := findingFiles(r.stdout); got != "src/a.js src/again/s.js ../outside/o.js" {
		t.Errorf("with the target named: %s", got)
	}
	// Below a root the link leads out of, it is not followed.
	r = lw(t, dir, "--no-frame", "--follow-symlinks", "src")
	if got := findingFiles(r.stdout); got != "src/a.js" {
		t.Errorf("root src: %s", got)
	}
	// --fix through a followed link writes the file it leads to.
	r = lw(t, dir, "--follow-symlinks", "--fix")
	if got := read(t, filepath.Join(dir, "build/shared/s.js")); got != "noleak();\n" {
		t.Errorf("fixed through the link: %q\n%s", got, r)
	}
	if st, err := os.Lstat(filepath.Join(dir, "src/again")); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
}

func TestUnreadableFiles(t *testing.T) {
	// Permissions do not stop root, so the check runs as "nobody" then.
	dir := sharedDir(t)
	write(t, dir, map[string]string{
		"a.js":          "leak();\n",
		"secret.js":     "leak();\n",
		"locked/b.js":   "leak();\n",
		"z.js":          "",
		"clean/only.js": "",
		"clean/no.js":   "",
	})
	if err := os.Chmod(filepath.Join(dir, "secret.js"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "locked"), 0); err != nil {
		t.Fatal(err)
	}
	r := runUnprivileged(t, cliBinary, dir, "--no-frame", ".")
	expectCode(t, r, exitFindings) // the other files' findings still count
	if got := findingFiles(r.stdout); got != "a.js" {
		t.Errorf("analysed: %s\n%s", got, r)
	}
	for _, msg := range []string{"leakwatch: locked: permission denied\n", "leakwatch: secret.js: permission denied\n"} {
		if !strings.Contains(r.stderr, msg) {
			t.Errorf("stderr lacks %q:\n%s", msg, r.stderr)
		}
	}
	if !strings.Contains(r.stderr, "; 2 failed (see above)") {
		t.Errorf("summary: %s", r.stderr)
	}
	// Nothing found, but a file could not be read: not a clean pass.
	r = runUnprivileged(t, cliBinary, dir, "clean", "secret.js", "--format", "json")
	expectCode(t, r, exitUsage)
	var doc struct{ Summary jsonSummary }
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r)
	}
	if doc.Summary.Files != 2 || len(doc.Summary.Failed) != 1 || doc.Summary.Failed[0] != (jsonFailure{"secret.js", "permission denied"}) {
		t.Errorf("summary: %+v", doc.Summary)
	}
}

func TestFileChangesUnderTheWalk(t *testing.T) {
	// The walk saw regular files; by the time a worker opens them, one is
	// gone and another has become a folder (a read that fails even for
	// root).
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.js": "leak();\n", "gone.js": "leak();\n", "dir.js": "leak();\n"})
	orig := openSource
	t.Cleanup(func() { openSource = orig })
	openSource = func(path string) (*os.File, error) {
		switch filepath.Base(path) {
		case "gone.js":
			os.Remove(path)
		case "dir.js":
			os.Remove(path)
			os.Mkdir(path, 0o755)
		}
		return orig(path)
	}
	r := lw(t, dir, "--no-frame", "-v")
	expectCode(t, r, exitFindings)
	if got := findingFiles(r.stdout); got != "a.js" {
		t.Errorf("analysed: %s", got)
	}
	if !strings.Contains(r.stderr, "leakwatch: dir.js: is a directory\n") ||
		!strings.Contains(r.stderr, "leakwatch: skipped gone.js: deleted while leakwatch was running\n") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.js": "leak();\n"})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.js"), 0o644); err != nil {
		t.Fatal(err)
	}
	// In a folder: skipped, never opened (opening a pipe would block).
	r := lw(t, dir, "-v", "--no-frame")
	expectCode(t, r, exitFindings)
	if !strings.Contains(r.stderr, "leakwatch: skipped pipe.js: not a regular file (named pipe)\n") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	// Named: an error for that path, the rest still analysed.
	r = lw(t, dir, "--no-frame", "pipe.js", "a.js")
	expectCode(t, r, exitFindings)
	if !strings.Contains(r.stderr, "leakwatch: pipe.js: not a regular file or folder\n") || findingFiles(r.stdout) != "a.js" {
		t.Errorf("%s", r)
	}
}

func TestOutputOrderIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := 0; i < 60; i++ {
		// Sizes vary so files finish out of order on many workers.
		files[fmt.Sprintf("d%d/f%02d.js", i%4, i)] = strings.Repeat("noleak();\n", (60-i)*10) + "leak();\nbad();\n"
	}
	write(t, dir, files)
	one := lw(t, dir, "-j", "1", "--format", "json")
	many := lw(t, dir, "-j", "8", "--format", "json")
	if one.stdout != many.stdout || one.code != many.code {
		t.Fatal("output depends on the number of workers")
	}
	text := lw(t, dir, "-j", "8", "--no-frame")
	if got := strings.Count(text.stdout, "\n"); got != 60*3 {
		t.Errorf("%d lines, want %d", got, 60*3)
	}
	prev := ""
	for _, l := range strings.Split(strings.TrimSpace(text.stdout), "\n") {
		f := l[:strings.Index(l, ":")]
		if f < prev {
			t.Fatalf("%s reported after %s", f, prev)
		}
		prev = f
	}
}
