package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/rules"
)

// noTempFiles fails if a --fix temporary file was left in dir.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".leakwatch-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestFixWritesExactBytes(t *testing.T) {
	dir := t.TempDir()
	src := "leak(1);\nrisky();\n\tleak(2); bad();\n"
	write(t, dir, map[string]string{"a.js": src})
	r := lw(t, dir, "--fix")
	expectCode(t, r, exitFindings) // risky() and bad() remain
	want := "noleak(1);\nrisky();\n\tnoleak(2); bad();\n"
	if got := read(t, filepath.Join(dir, "a.js")); got != want {
		t.Errorf("fixed file:\n%q\nwant:\n%q", got, want)
	}
	// What remains is reported at its place in the fixed text.
	wantOut := "a.js:2:1: warning: risky() may leak (test-unsafe)\n" +
		" 2 | risky();\n" +
		"   | ^~~~~~~\n" +
		"a.js:3:13: error: bad() is always wrong (test-bad)\n" +
		" 3 | \tnoleak(2); bad();\n" +
		"   | \t           ^~~~~\n"
	if r.stdout != wantOut {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, wantOut)
	}
	if want := "2 problems (1 error, 1 warning) in 1 of 1 file; fixed 2 problems in 1 file\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	noTempFiles(t, dir)

	// A second --fix finds nothing more to do and changes nothing.
	before, _ := os.Stat(filepath.Join(dir, "a.js"))
	r = lw(t, dir, "--fix")
	if got := read(t, filepath.Join(dir, "a.js")); got != want {
		t.Errorf("second --fix changed the file: %q", got)
	}
	after, _ := os.Stat(filepath.Join(dir, "a.js"))
	if !os.SameFile(before, after) {
		t.Error("second --fix replaced the file")
	}
	if strings.Contains(r.stderr, "fixed") {
		t.Errorf("second run: %s", r.stderr)
	}

	// --fix-unsafe also applies the fix that needs review.
	r = lw(t, dir, "--fix-unsafe", "--no-frame")
	if got := read(t, filepath.Join(dir, "a.js")); got != "noleak(1);\ncareful();\n\tnoleak(2); bad();\n" {
		t.Errorf("--fix-unsafe: %q", got)
	}
	if r.stdout != "a.js:3:13: error: bad() is always wrong (test-bad)\n" {
		t.Errorf("--fix-unsafe stdout: %q", r.stdout)
	}
}

func TestFixConflictingFixesTakeRounds(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.js": "grow();\ngrow();\n"})
	r := lw(t, dir, "--fix", "--format", "json")
	expectCode(t, r, exitOK)
	if got, want := read(t, filepath.Join(dir, "a.js")), "// grown\n// grown\ngrown();\ngrown();\n"; got != want {
		t.Errorf("fixed file %q, want %q", got, want)
	}
	var doc struct{ Summary jsonSummary }
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Summary.Fixed != 2 || doc.Summary.Problems != 0 {
		t.Errorf("summary: %+v", doc.Summary)
	}
	// Twice: nothing changes.
	r = lw(t, dir, "--fix")
	expectCode(t, r, exitOK)
	if got := read(t, filepath.Join(dir, "a.js")); got != "// grown\n// grown\ngrown();\ngrown();\n" {
		t.Errorf("second run: %q", got)
	}
}

func TestFixStopsAfterMaxRounds(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.js": "more();\n"})
	r := lw(t, dir, "--fix", "--no-frame")
	expectCode(t, r, exitFindings)
	if got, want := read(t, filepath.Join(dir, "a.js")), strings.Repeat("x(); ", maxFixRounds)+"more();\n"; got != want {
		t.Errorf("fixed file %q, want %q", got, want)
	}
	if !strings.Contains(r.stderr, fmt.Sprintf("leakwatch: a.js: 1 fixable problem left after %d rounds of fixes (the fixes overlap, or keep producing new findings)", maxFixRounds)) ||
		!strings.HasSuffix(r.stderr, fmt.Sprintf("1 problem (1 warning) in 1 of 1 file; fixed %d problems in 1 file; 1 fixable left (see above)\n", maxFixRounds)) {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

// Two leaks of one class fixed in the same run: each fix alone would
// create the class's cleanup() and store its observer in the same field,
// so they go in one round after the other and the second sees the first.
func TestFixTwoLeaksOfOneClass(t *testing.T) {
	old := newEngine
	newEngine = rules.NewEngine
	t.Cleanup(func() { newEngine = old })
	dir := t.TempDir()
	write(t, dir, map[string]string{"w.js": `class BaseWidget {
  cleanup() {}
}

export class Panel extends BaseWidget {
  render() {
    new ResizeObserver(() => this.refresh()).observe(document.body);
  }

  attach() {
    new ResizeObserver(() => this.refresh()).observe(document.documentElement);
  }

  refresh() {}
}
`})
	r := lw(t, dir, "--fix", "--no-frame")
	expectCode(t, r, exitOK)
	got := read(t, filepath.Join(dir, "w.js"))
	if n := strings.Count(got, "cleanup() {"); n != 2 { // the base's and Panel's
		t.Errorf("%d cleanup() methods, want the base's and one override:\n%s", n, got)
	}
	for _, want := range []string{"this.resizeObserver?.disconnect();", "this.resizeObserver2?.disconnect();",
		"this.resizeObserver = new ResizeObserver", "this.resizeObserver2 = new ResizeObserver"} {
		if !strings.Contains(got, want) {
			t.Errorf("fixed file lacks %q:\n%s", want, got)
		}
	}
}

func TestFixKeepsBOMLineEndingsAndMode(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.js": "\uFEFFleak();\r\nx();\r\n  leak();\r\n"})
	p := filepath.Join(dir, "a.js")
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	r := lw(t, dir, "--fix")
	expectCode(t, r, exitOK)
	if got, want := read(t, p), "\uFEFFnoleak();\r\nx();\r\n  noleak();\r\n"; got != want {
		t.Errorf("fixed file %q, want %q", got, want)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", st.Mode().Perm())
	}
}

func TestDiff(t *testing.T) {
	dir := t.TempDir()
	lines := []string{"leak(1);"}
	for i := 2; i <= 12; i++ {
		lines = append(lines, "line"+string(rune('a'+i))+"();")
	}
	lines = append(lines, "leak(2);", "end();")
	src := strings.Join(lines, "\n") // no newline at the end
	write(t, dir, map[string]string{"src/a.js": src, "src/b.js": "grow();\n", "src/c.js": "fine();\n"})
	r := lw(t, dir, "--diff")
	expectCode(t, r, exitFindings)
	want := `--- a/src/a.js
+++ b/src/a.js
@@ -1,4 +1,4 @@
-leak(1);
+noleak(1);
 linec();
 lined();
 linee();
@@ -10,5 +10,5 @@
 linek();
 linel();
 linem();
-leak(2);
+noleak(2);
 end();
\ No newline at end of file
+++ b/src/b.js
`
	want = strings.Replace(want, "+++ b/src/b.js\n", `--- a/src/b.js
+++ b/src/b.js
@@ -1 +1,2 @@
-grow();
+// grown
+grown();
`, 1)
	if r.stdout != want {
		t.Errorf("diff:\n%s\nwant:\n%s", r.stdout, want)
	}
	if want := "2 files would change (3 fixes)\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	if read(t, filepath.Join(dir, "src/a.js")) != src {
		t.Error("--diff wrote the file")
	}
	noTempFiles(t, filepath.Join(dir, "src"))

	// Nothing to fix: no diff, exit 0.
	r = lw(t, dir, "--diff", "src/c.js")
	expectCode(t, r, exitOK)
	if r.stdout != "" {
		t.Errorf("empty diff: %q", r.stdout)
	}
}

func TestFixRefusesAFileChangedSinceItWasRead(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.js": "leak();\n", "b.js": "leak();\n"})
	edited := "leak();\n// edited meanwhile\n"
	orig := beforeWrite
	t.Cleanup(func() { beforeWrite = orig })
	beforeWrite = func(path string) {
		// Someone saves the file between leakwatch's read and its write.
		if filepath.Base(path) == "a.js" {
			if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
				t.Error(err)
			}
		}
	}
	r := lw(t, dir, "--fix", "--no-frame")
	expectCode(t, r, exitFindings)
	if got := read(t, filepath.Join(dir, "a.js")); got != edited {
		t.Errorf("the concurrent edit was lost: %q", got)
	}
	if got := read(t, filepath.Join(dir, "b.js")); got != "noleak();\n" {
		t.Errorf("the other file was not fixed: %q", got)
	}
	if !strings.Contains(r.stderr, "leakwatch: a.js: fixes not written: the file changed on disk since leakwatch read it; run again to fix the new contents\n") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	// The finding that was not fixed is still reported.
	if !strings.HasPrefix(r.stdout, "a.js:1:1: warning: leak() leaks") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	noTempFiles(t, dir)
}

func TestFixReadOnlyFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"ro.js": "leak();\n"})
	p := filepath.Join(dir, "ro.js")
	if err := os.Chmod(p, 0o444); err != nil {
		t.Fatal(err)
	}
	r := lw(t, dir, "--fix", "--no-frame")
	expectCode(t, r, exitFindings)
	if got := read(t, p); got != "leak();\n" {
		t.Errorf("read-only file written: %q", got)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o444 {
		t.Errorf("mode changed to %v", st.Mode().Perm())
	}
	if !strings.Contains(r.stderr, "leakwatch: ro.js: fixes not written: the file is read-only; make it writable to let --fix change it\n") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	noTempFiles(t, dir)
}

func TestFixInReadOnlyFolder(t *testing.T) {
	// A folder where no file can be created: the temporary file cannot
	// be made, so nothing is written. Root ignores folder permissions, so
	// the run is made as "nobody" then.
	dir := sharedDir(t)
	write(t, dir, map[string]string{"ro/a.js": "leak();\n"})
	if err := os.Chmod(filepath.Join(dir, "ro", "a.js"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "ro"), 0o555); err != nil {
		t.Fatal(err)
	}
	r := runUnprivileged(t, cliBinary, dir, "--fix", "--no-frame", "ro")
	expectCode(t, r, exitFindings)
	if got := read(t, filepath.Join(dir, "ro", "a.js")); got != "leak();\n" {
		t.Errorf("file written: %q", got)
	}
	if !strings.Contains(r.stderr, "leakwatch: ro/a.js: fixes not written: cannot create a temporary file next to it: permission denied\n") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	noTempFiles(t, filepath.Join(dir, "ro"))
}

func TestFixFailedRenameLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.js": "leak();\n"})
	orig := renameFile
	t.Cleanup(func() { renameFile = orig })
	var tmp string
	renameFile = func(from, to string) error {
		tmp = from
		if _, err := os.Stat(from); err != nil {
			t.Errorf("temporary file missing before the rename: %v", err)
		}
		if got := read(t, from); got != "noleak();\n" {
			t.Errorf("temporary file holds %q", got)
		}
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("device is on fire")}
	}
	r := lw(t, dir, "--fix", "--no-frame")
	expectCode(t, r, exitFindings)
	if got := read(t, filepath.Join(dir, "a.js")); got != "leak();\n" {
		t.Errorf("file changed: %q", got)
	}
	if !strings.Contains(r.stderr, "leakwatch: a.js: fixes not written: replacing the file: device is on fire\n") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("temporary file %s left behind", tmp)
	}
	noTempFiles(t, dir)
}

func TestFixWritesOnlyAnalysedFiles(t *testing.T) {
	dir := t.TempDir()
	minified := "var a=1;" + strings.Repeat("noleak(a);", 600) + "leak(a);\n"
	write(t, dir, map[string]string{
		".gitignore":          "ignored.js\n",
		"ignored.js":          "leak();\n",
		"lib.min.js":          "leak();\n",
		"bundle.js":           minified,
		"node_modules/m/i.js": "leak();\n",
		"big.js":              "leak();\n" + strings.Repeat("// padding\n", 200),
		"ok.js":               "leak();\n",
	})
	r := lw(t, dir, "--fix", "--max-file-size", "1KB")
	expectCode(t, r, exitOK)
	for name, want := range map[string]string{
		"ignored.js": "leak();\n", "lib.min.js": "leak();\n", "bundle.js": minified,
		"node_modules/m/i.js": "leak();\n", "big.js": "leak();\n" + strings.Repeat("// padding\n", 200),
		"ok.js": "noleak();\n",
	} {
		if got := read(t, filepath.Join(dir, name)); got != want {
			t.Errorf("%s: %q", name, got)
		}
	}
}

func TestFixThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"real.js": "leak();\n"})
	if err := os.Symlink("real.js", filepath.Join(dir, "link.js")); err != nil {
		t.Fatal(err)
	}
	r := lw(t, dir, "--fix", "link.js")
	expectCode(t, r, exitOK)
	if got := read(t, filepath.Join(dir, "real.js")); got != "noleak();\n" {
		t.Errorf("target: %q", got)
	}
	if st, err := os.Lstat(filepath.Join(dir, "link.js")); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
}
