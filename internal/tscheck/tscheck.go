// Package tscheck type-checks source files with the real TypeScript
// compiler, to tell whether a fix broke code that compiled before: names
// it uses that are not in scope, members that do not exist, values that
// may be null, syntax errors.
//
// The compiler (npm typescript, pinned in package.json and
// package-lock.json next to this file) is installed with npm ci into a
// cache folder on first use, and one Node process checks a whole batch of
// files in one program, so the standard library is read once per batch.
//
// Files are checked alone: module resolution is off, so the packages they
// import (react, @angular/core, ...) are unknown and their names are `any`.
// Such files always have some errors; what matters is what a fix adds,
// which Added computes by comparing a file's diagnostics before and after.
package tscheck

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

var (
	//go:embed package.json
	packageJSON []byte
	//go:embed package-lock.json
	packageLock []byte
	//go:embed check.js
	checkJS []byte
)

// Options is the fixed configuration every batch is checked with: the
// browser and ES2023 libraries, JSX left alone, strict null checks (so a
// member that may be null is an error), JavaScript checked too, and no
// module resolution, no @types, nothing emitted. Every file is a module
// (moduleDetection force), so the files of a batch never share globals.
var Options = map[string]any{
	"target":                 "es2023",
	"lib":                    []string{"dom", "dom.iterable", "es2023"},
	"jsx":                    "preserve",
	"module":                 "preserve",
	"noResolve":              true,
	"types":                  []string{},
	"skipLibCheck":           true,
	"noEmit":                 true,
	"strict":                 true,
	"allowJs":                true,
	"checkJs":                true,
	"moduleDetection":        "force",
	"experimentalDecorators": true,
}

// File is one file of a batch.
type File struct {
	// Name is a slash-separated path inside the batch; its extension tells
	// the compiler how to read the text (.ts .tsx .js .jsx .mjs .cjs .mts
	// .cts).
	Name string
	Text string
}

// Diagnostic is one compiler message; Line and Column are 1-based.
type Diagnostic struct {
	Code    int    `json:"code"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	// Source is the text of the line the diagnostic is on, trimmed.
	Source string `json:"source"`
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%d:%d: TS%d: %s", d.Line, d.Column, d.Code, d.Message)
}

// ambientName is the batch's declaration file (ambientDecls).
const ambientName = "leakwatch-ambient.d.ts"

// Compiler is an installed TypeScript compiler.
type Compiler struct {
	dir string // holds node_modules/typescript
}

// Install returns the pinned compiler, installing it under cache (in a
// folder named by the hash of the package files, so a changed pin installs
// afresh) unless it is there. Concurrent installs, from test binaries run
// in parallel, are safe: each installs into its own temporary folder and
// the first to rename it into place wins.
func Install(cache string) (*Compiler, error) {
	sum := sha256.Sum256(append(append([]byte(nil), packageJSON...), packageLock...))
	dir := filepath.Join(cache, "typescript-"+hex.EncodeToString(sum[:6]))
	if installed(dir) {
		return &Compiler{dir: dir}, nil
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(cache, ".install-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	for name, data := range map[string][]byte{"package.json": packageJSON, "package-lock.json": packageLock} {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = tmp
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("installing the TypeScript compiler (npm ci in %s): %v\n%s(npm and the npm registry are needed once)", tmp, err, out.String())
	}
	if err := os.Rename(tmp, dir); err != nil && !installed(dir) {
		return nil, fmt.Errorf("installing the TypeScript compiler: %v", err)
	}
	return &Compiler{dir: dir}, nil
}

func installed(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "node_modules", "typescript", "package.json"))
	return err == nil
}

// DefaultCache is bench/.cache/tscheck at the root of the module that
// contains the working folder (tests run in their package's folder), the
// folder the benchmarks install their npm packages into.
func DefaultCache() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "bench", ".cache", "tscheck"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working folder; pass a cache folder")
		}
		dir = parent
	}
}

// Check type-checks files in one compiler run and returns the diagnostics
// of each, by name. The files are written to a temporary folder with a
// tsconfig.json holding Options, removed afterwards unless keep is set (then
// its path is returned, for `npx tsc -p <folder>` by hand).
func (c *Compiler) Check(files []File, keep bool) (map[string][]Diagnostic, string, error) {
	proj, err := os.MkdirTemp("", "leakwatch-tscheck-")
	if err != nil {
		return nil, "", err
	}
	if !keep {
		defer os.RemoveAll(proj)
	}
	names := make([]string, 0, len(files))
	seen := map[string]bool{}
	for _, f := range files {
		clean := path.Clean(f.Name)
		if seen[clean] || strings.HasPrefix(clean, "../") || path.IsAbs(clean) || clean == "tsconfig.json" || clean == ambientName {
			return nil, "", fmt.Errorf("tscheck: file name %q is a duplicate or leaves the batch folder", f.Name)
		}
		seen[clean] = true
		p := filepath.Join(proj, filepath.FromSlash(clean))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, "", err
		}
		if err := os.WriteFile(p, []byte(f.Text), 0o644); err != nil {
			return nil, "", err
		}
		names = append(names, clean)
	}
	if err := os.WriteFile(filepath.Join(proj, ambientName), []byte(ambientDecls), 0o644); err != nil {
		return nil, "", err
	}
	cfg, err := json.MarshalIndent(map[string]any{"compilerOptions": Options, "files": append([]string{ambientName}, names...)}, "", "  ")
	if err != nil {
		return nil, "", err
	}
	if err := os.WriteFile(filepath.Join(proj, "tsconfig.json"), cfg, 0o644); err != nil {
		return nil, "", err
	}
	script := filepath.Join(proj, ".check.js")
	if err := os.WriteFile(script, checkJS, 0o644); err != nil {
		return nil, "", err
	}
	cmd := exec.Command("node", script, c.dir, proj)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, proj, fmt.Errorf("node check.js: %v\n%s", err, stderr.String())
	}
	var out struct {
		Files  map[string][]Diagnostic `json:"files"`
		Config []string                `json:"config"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, proj, fmt.Errorf("reading the compiler's answer: %v", err)
	}
	if len(out.Config) > 0 {
		return nil, proj, fmt.Errorf("the compiler rejects the configuration: %s", strings.Join(out.Config, "; "))
	}
	for _, n := range names {
		if _, ok := out.Files[n]; !ok {
			return nil, proj, fmt.Errorf("the compiler did not check %s", n)
		}
	}
	if !keep {
		proj = ""
	}
	return out.Files, proj, nil
}

// Added returns the diagnostics of after that before does not have. A fix
// moves lines, so positions cannot be compared; a diagnostic is the same
// when its code and message are (see sameProblem), and, first, the text of
// its line, so that of two identical messages ("Object is possibly
// 'undefined'.") the one on a line the fix wrote is the added one. What is
// left unmatched after that is matched on code and message alone (the fix
// changed the line a diagnostic was on but not what it is about), then on
// the line's text alone: a line that had an error before and has another
// one now (`e = new Error()` declared by a fix: "Cannot find name 'e'"
// becomes "Property 'code' does not exist on type 'Error'") is no worse.
// A second copy of a message on a new line stays a new problem.
func Added(before, after []Diagnostic) []Diagnostic {
	exact := func(d Diagnostic) diagKey { c, m := sameProblem(d); return diagKey{c, m, d.Source} }
	problem := func(d Diagnostic) diagKey { c, m := sameProblem(d); return diagKey{code: c, msg: m} }
	line := func(d Diagnostic) diagKey { return diagKey{line: d.Source} }
	for _, key := range []func(Diagnostic) diagKey{exact, problem, line} {
		before, after = match(before, after, key)
	}
	sort.SliceStable(after, func(i, j int) bool { return after[i].Line < after[j].Line })
	return after
}

type diagKey struct {
	code      int
	msg, line string
}

// match pairs diagnostics of a and b with equal keys, each used once, and
// returns those of each left unpaired, in order.
func match(a, b []Diagnostic, key func(Diagnostic) diagKey) (restA, restB []Diagnostic) {
	inA := map[diagKey]int{}
	for _, d := range a {
		inA[key(d)]++
	}
	paired := map[diagKey]int{}
	for _, d := range b {
		k := key(d)
		if inA[k] > 0 {
			inA[k]--
			paired[k]++
			continue
		}
		restB = append(restB, d)
	}
	for _, d := range a {
		k := key(d)
		if paired[k] > 0 {
			paired[k]--
			continue
		}
		restA = append(restA, d)
	}
	return restA, restB
}

// sameProblem is what identifies a diagnostic across two versions of a
// file. The compiler offers a spelling suggestion ("Cannot find name 'x'.
// Did you mean 'y'?", TS2552) for only the first few unknown names of a
// file, so the same unknown name is TS2304 or TS2552 depending on what
// comes before it: both count as TS2304 without the suggestion, and TS2551
// as TS2339.
func sameProblem(d Diagnostic) (int, string) {
	code, msg := d.Code, d.Message
	switch code {
	case 2552:
		code = 2304
	case 2551:
		code = 2339
	}
	if i := strings.Index(msg, " Did you mean"); i >= 0 {
		msg = msg[:i]
	}
	return code, msg
}

// breaking are the codes a fix must never add: names not in scope or used
// before they exist, members that do not exist, values that may be null or
// undefined, declarations that clash, `this` that lost its class.
var breaking = map[int]string{
	2300:  "duplicate identifier",
	2556:  "a spread argument must have a tuple type or go to a rest parameter",
	2304:  "cannot find name",
	2339:  "property does not exist",
	2393:  "duplicate function implementation",
	2448:  "block-scoped variable used before its declaration",
	2449:  "class used before its declaration",
	2451:  "cannot redeclare block-scoped variable",
	2454:  "variable used before being assigned",
	2531:  "object is possibly null",
	2532:  "object is possibly undefined",
	2533:  "object is possibly null or undefined",
	2551:  "property does not exist, did you mean",
	2552:  "cannot find name, did you mean",
	2576:  "property is a static member",
	2588:  "cannot assign to a constant",
	2662:  "cannot find name, did you mean the static member",
	2663:  "cannot find name, did you mean the instance member",
	2683:  "'this' implicitly has type 'any'",
	2721:  "cannot invoke an object which is possibly null",
	2722:  "cannot invoke an object which is possibly undefined",
	2723:  "cannot invoke an object which is possibly null or undefined",
	18004: "no value exists in scope for the shorthand property",
	18046: "value is of type 'unknown'",
	18047: "value is possibly null",
	18048: "value is possibly undefined",
	18049: "value is possibly null or undefined",
}

// implicitAny are the codes of values without a type in a strict project
// (noImplicitAny): an inline callback's parameters lose the type the call
// gave them when a fix moves the callback into a constant. They break
// TypeScript files; JavaScript has no types to lose.
var implicitAny = map[int]bool{7006: true, 7019: true, 7031: true}

// notAssignable is an argument of a type the parameter does not take
// (clearInterval(id) with id declared `... | null`). In TypeScript that
// type is the project's own declaration; in JavaScript it is the checker's
// guess (a field set outside the constructor may be undefined), which a
// JavaScript project never compiles against.
const notAssignable = 2345

// Breaking reports whether a diagnostic in the file named name is one a fix
// must not add: one of the codes above, any syntax error (TS1xxx), and in
// TypeScript files, implicitly any parameters and arguments the parameter
// does not accept.
func Breaking(d Diagnostic, name string) bool {
	if _, ok := breaking[d.Code]; ok || (d.Code >= 1000 && d.Code < 2000) {
		return true
	}
	ext := strings.ToLower(path.Ext(name))
	return (implicitAny[d.Code] || d.Code == notAssignable) && (ext == ".ts" || ext == ".tsx" || ext == ".mts" || ext == ".cts")
}

// Script returns the text of a source file as the compiler should read it
// and the extension that says how: the file itself for JavaScript and
// TypeScript, the script blocks for .vue and .svelte (the rest blanked, as
// the engine analyses them, so lines stay those of the file). ok is false
// for other files.
//
// A .vue file's `export default { ... }` is checked as Vue's own tooling
// (vue-tsc) checks it, as the argument of a component definition: there
// `this` in a method is the component, not the options object, so
// `this.timer = ...` in mounted is a member of the component.
func Script(name string, src []byte) (text, ext string, ok bool) {
	if analyzer.IsComponentFile(name) {
		script, lang, ok := analyzer.ScriptSource(name, src)
		if !ok {
			return "", "", false
		}
		ext = ".js"
		if lang.IsTypeScript() {
			ext = ".ts"
		}
		if strings.EqualFold(filepath.Ext(name), ".vue") {
			return wrapVueOptions(lang, script), ext, true
		}
		return string(script), ext, true
	}
	if _, ok := syntax.LangForPath(name); !ok || strings.HasSuffix(strings.ToLower(name), ".d.ts") {
		return "", "", false
	}
	return string(src), strings.ToLower(filepath.Ext(name)), true
}

// vueComponent is declared in ambientDecls; its parameter is `any`, so an
// options object passed to it types `this` as `any` in its methods.
const vueComponent = "__leakwatchVueComponent"

// wrapVueOptions turns `export default {` into `export default
// __leakwatchVueComponent({` and closes the call after the object, on the
// same lines.
func wrapVueOptions(lang syntax.Lang, src []byte) string {
	tree, err := syntax.Parse(context.Background(), lang, src, syntax.Options{})
	if err != nil {
		return string(src)
	}
	for _, st := range tree.Root().Children() {
		if v := st.Get("value"); st.Kind() == "export_statement" && v.Valid() && v.Kind() == "object" {
			s := string(src)
			return s[:v.Start()] + vueComponent + "(" + s[v.Start():v.End()] + ")" + s[v.End():]
		}
	}
	return string(src)
}

// ambientDecls is a declaration file added to every batch: every package
// a file imports is unknown (module resolution is off), and this makes what
// it exports `any` instead of an error type, so a class extending an
// imported base (React's Component, Lit's LitElement, Node's EventEmitter)
// keeps its inherited members and only the file's own mistakes remain.
//
// The component definition types `this` as `any` in the methods of the
// options and of its methods, computed and watch objects, as Vue's types
// do with the component instance.
const ambientDecls = `declare module "*";
type LeakwatchVueMethods = { [name: string]: any } & ThisType<any>;
declare function ` + vueComponent + `(options: {
  methods?: LeakwatchVueMethods;
  computed?: LeakwatchVueMethods;
  watch?: LeakwatchVueMethods;
  [option: string]: any;
} & ThisType<any>): any;
`
