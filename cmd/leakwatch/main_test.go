package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// The CLI is tested with rules defined here, so the tests do not depend on
// the real rules, which change independently:
//
//	test-leak     warning  every call leak(...); safe fix: leak -> noleak;
//	                       related: the call's arguments
//	test-bad      error    every call bad()
//	test-unsafe   warning  every call risky(); unsafe fix: risky -> careful
//	test-panic    warning  panics on a call boom()
//	test-header   warning  every call grow(); safe fix: grow -> grown plus a
//	                       "// grown" line at the top of the file, so two
//	                       such fixes always conflict and need two rounds
//	test-forever  warning  every call more(); its safe fix prepends "x(); ",
//	                       after which more() is reported again, forever
//	test-quiet    off      every call quiet()

func callRule(id string, sev analyzer.Severity, callee string, report func(p *analyzer.Pass, call, fn syntax.Node)) *analyzer.Rule {
	r := &analyzer.Rule{
		ID: id, Severity: sev, Kinds: []string{"call_expression"},
		Doc: analyzer.Doc{
			Title:   "Test rule " + id,
			Text:    "Reports every call to " + callee + "().",
			Accepts: []string{"calling no" + callee + "() instead"},
			Bad:     analyzer.Example{Path: "bad.js", Code: callee + "();\n"},
			Good:    analyzer.Example{Path: "good.js", Code: "no" + callee + "();\n"},
		},
	}
	r.New = func(p *analyzer.Pass) analyzer.Visitor {
		return analyzer.VisitFunc(func(n syntax.Node) {
			fn := n.Get("function")
			if fn.Valid() && fn.Kind() == "identifier" && fn.Text() == callee {
				report(p, n, fn)
			}
		})
	}
	return r
}

func testRules() []*analyzer.Rule {
	return []*analyzer.Rule{
		callRule("test-leak", analyzer.SeverityWarning, "leak", func(p *analyzer.Pass, call, fn syntax.Node) {
			d := analyzer.Diagnostic{Start: call.Start(), End: call.End(), Message: "leak() leaks: call noleak()",
				Fixes: []analyzer.Fix{{Title: "Call noleak() instead", Safe: true,
					Edits: []analyzer.Edit{{Start: fn.Start(), End: fn.End(), NewText: "noleak"}}}}}
			if args := call.Get("arguments"); args.Valid() {
				d.Related = []analyzer.Related{{Start: args.Start(), End: args.End(), Message: "these arguments are kept alive"}}
			}
			p.Report(d)
		}),
		callRule("test-bad", analyzer.SeverityError, "bad", func(p *analyzer.Pass, call, fn syntax.Node) {
			p.Reportf(call, "bad() is always wrong")
		}),
		callRule("test-unsafe", analyzer.SeverityWarning, "risky", func(p *analyzer.Pass, call, fn syntax.Node) {
			p.Report(analyzer.Diagnostic{Start: call.Start(), End: call.End(), Message: "risky() may leak",
				Fixes: []analyzer.Fix{{Title: "Call careful() instead", Safe: false,
					Edits: []analyzer.Edit{{Start: fn.Start(), End: fn.End(), NewText: "careful"}}}}})
		}),
		callRule("test-panic", analyzer.SeverityWarning, "boom", func(p *analyzer.Pass, call, fn syntax.Node) {
			panic("test rule exploded")
		}),
		callRule("test-header", analyzer.SeverityWarning, "grow", func(p *analyzer.Pass, call, fn syntax.Node) {
			p.Report(analyzer.Diagnostic{Start: call.Start(), End: call.End(), Message: "grow() needs a header",
				Fixes: []analyzer.Fix{{Title: "Add a header", Safe: true, Edits: []analyzer.Edit{
					{Start: 0, End: 0, NewText: "// grown\n"},
					{Start: fn.Start(), End: fn.End(), NewText: "grown"},
				}}}})
		}),
		callRule("test-forever", analyzer.SeverityWarning, "more", func(p *analyzer.Pass, call, fn syntax.Node) {
			p.Report(analyzer.Diagnostic{Start: call.Start(), End: call.End(), Message: "more() wants more",
				Fixes: []analyzer.Fix{{Title: "Add another call", Safe: true, Edits: []analyzer.Edit{
					{Start: call.Start(), End: call.End(), NewText: "x(); " + call.Text()},
				}}}})
		}),
		callRule("test-quiet", analyzer.SeverityOff, "quiet", func(p *analyzer.Pass, call, fn syntax.Node) {
			p.Reportf(call, "quiet() was called")
		}),
	}
}

func testEngine() *analyzer.Engine { return analyzer.NewEngine(testRules()) }

// realBinary is leakwatch built from this package with the real rules, for
// end-to-end checks; cliBinary is this test binary acting as the CLI with
// the test rules (see TestMain), copied where any user may run it.
var realBinary, cliBinary string

func TestMain(m *testing.M) {
	newEngine = testEngine
	if os.Getenv("LEAKWATCH_TEST_AS_CLI") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	dir, err := os.MkdirTemp("", "leakwatch-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		// World-readable and executable, so the binaries can be run as an
		// unprivileged user when the tests run as root.
		if err := os.Chmod(dir, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		realBinary = filepath.Join(dir, "leakwatch")
		build := exec.Command("go", "build", "-o", realBinary, ".")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "building leakwatch:", err)
			return 1
		}
		self, err := os.Executable()
		if err == nil {
			var data []byte
			if data, err = os.ReadFile(self); err == nil {
				cliBinary = filepath.Join(dir, "leakwatch-test-cli")
				err = os.WriteFile(cliBinary, data, 0o755)
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "copying the test binary:", err)
			return 1
		}
		return m.Run()
	}()
	os.Exit(code)
}

// result is one in-process run of the command.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout:\n%s--- stderr:\n%s", r.code, r.stdout, r.stderr)
}

// lw runs leakwatch in-process in dir (the working folder for the run).
func lw(t *testing.T, dir string, args ...string) result {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return result{out.String(), errb.String(), code}
}

// expectCode fails the test when the exit code is not want.
func expectCode(t *testing.T, r result, want int) {
	t.Helper()
	if r.code != want {
		t.Fatalf("exit code %d, want %d\n%s", r.code, want, r)
	}
}

// write creates files under dir; names ending in "/" are folders.
func write(t *testing.T, dir string, files map[string]string) {
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

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sharedDir returns a temporary folder any user can enter, for runs as an
// unprivileged user.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "leakwatch-shared-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Undo permission changes the test made so removal succeeds.
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && info.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
		os.RemoveAll(dir)
	})
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runUnprivileged runs a binary in dir as a user that file permissions
// apply to: the current user, or "nobody" when the tests run as root (for
// whom chmod 000 does not deny reading).
func runUnprivileged(t *testing.T, bin, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LEAKWATCH_TEST_AS_CLI=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %s: %v", bin, err)
	}
	return result{out.String(), errb.String(), code}
}

func isRoot() bool { return runtime.GOOS != "windows" && os.Geteuid() == 0 }

// runReal runs realBinary with args in dir.
func runReal(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(realBinary, args...)
	cmd.Dir = dir
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}
