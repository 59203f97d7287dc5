// Command parseerrors counts the files on which tree-sitter misparses valid
// code: files where the grammar reports a syntax error (an ERROR or MISSING
// node) in the text leakwatch parses (for .vue and .svelte files, the
// script blocks as the engine extracts them) while the TypeScript
// compiler's parser reads the same text without a single error.
//
//	go run ./bench/parseerrors ../shared/corpus
//	go run ./bench/parseerrors -v ../shared/corpus/umami   # also list the files
//
// It walks every folder named, node_modules included (node-red keeps its
// source under packages/node_modules/@node-red), and leaves out declaration
// files as the engine does. The TypeScript parser (npm typescript, pinned
// in package.json and package-lock.json next to this file) is installed
// into bench/.cache/parseerrors on first use and runs in one Node process
// over all the files tree-sitter rejected.
//
// The misparses are grouped by the construct the grammar trips on; the
// constructs are recognised by the text where the first error starts (see
// constructs.go), "other" collects the rest.
package main

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

var (
	//go:embed package.json
	packageJSON []byte
	//go:embed package-lock.json
	packageLock []byte
	//go:embed tsparse.js
	tsparseJS []byte
)

func main() {
	verbose := flag.Bool("v", false, "list every misparsed file with its first error")
	dts := flag.Bool("dts", false, "include declaration files (.d.ts), which the engine skips")
	cache := flag.String("cache", "bench/.cache/parseerrors", "`folder` the TypeScript parser is installed into")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: parseerrors [-v] [-cache DIR] folder...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Args(), *dts, *cache, *verbose, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "parseerrors: %v\n", err)
		os.Exit(1)
	}
}

// file is one source file as the engine would parse it.
type file struct {
	path string
	lang syntax.Lang
	src  []byte // for components: the script blocks, the rest blanked
}

// rejected is a file tree-sitter reported a syntax error in.
type rejected struct {
	file
	offset    int    // where the first error starts
	line, col int    // 1-based, col in bytes
	context   string // kinds of the error's ancestors, innermost last
	construct string
}

func run(roots []string, dts bool, cache string, verbose bool, w io.Writer) error {
	files, err := collect(roots, dts)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return errors.New("no JavaScript, TypeScript, .vue or .svelte files found")
	}
	start := time.Now()
	rej, err := parseAll(files)
	if err != nil {
		return err
	}
	parseTime := time.Since(start)

	if err := installTypeScript(cache); err != nil {
		return err
	}
	verdicts, err := tsParse(cache, rej)
	if err != nil {
		return err
	}

	var misparsed, invalid []rejected
	for _, r := range rej {
		v, ok := verdicts[r.path]
		if !ok {
			return fmt.Errorf("%s: no answer from the TypeScript parser", r.path)
		}
		if v.Errors == 0 {
			r.construct = classify(r)
			misparsed = append(misparsed, r)
		} else {
			invalid = append(invalid, r)
		}
	}

	var bytes int64
	for _, f := range files {
		bytes += int64(len(f.src))
	}
	fmt.Fprintf(w, "files: %d (%.1f MB), parsed by tree-sitter in %s on %d threads\n",
		len(files), float64(bytes)/1e6, parseTime.Round(time.Millisecond), runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "tree-sitter syntax errors: %d files; the TypeScript parser agrees on %d, finds no error in %d\n",
		len(rej), len(invalid), len(misparsed))
	fmt.Fprintf(w, "misparsed valid files: %d\n\n", len(misparsed))

	byConstruct := map[string][]rejected{}
	for _, r := range misparsed {
		byConstruct[r.construct] = append(byConstruct[r.construct], r)
	}
	names := make([]string, 0, len(byConstruct))
	for n := range byConstruct {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := byConstruct[names[i]], byConstruct[names[j]]
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return names[i] < names[j]
	})
	fmt.Fprintf(w, "%6s  %s\n", "files", "construct")
	for _, n := range names {
		fmt.Fprintf(w, "%6d  %s\n", len(byConstruct[n]), n)
	}
	if verbose {
		for _, n := range names {
			fmt.Fprintf(w, "\n== %s\n", n)
			for _, r := range byConstruct[n] {
				fmt.Fprintf(w, "%s:%d:%d  [%s]  %s\n", r.path, r.line, r.col, r.context, lineAt(r.src, r.offset))
			}
		}
		if len(invalid) > 0 {
			fmt.Fprintf(w, "\n== not valid for the TypeScript parser either\n")
			for _, r := range invalid {
				v := verdicts[r.path]
				fmt.Fprintf(w, "%s:%d:%d  %s\n", r.path, r.line, r.col, v.Message)
			}
		}
	}
	return nil
}

// collect lists the files under roots the engine would parse.
func collect(roots []string, dts bool) ([]file, error) {
	var files []file
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !dts && isDeclarationFile(d.Name()) {
				return nil
			}
			_, isScript := syntax.LangForPath(path)
			if !isScript && !analyzer.IsComponentFile(path) {
				return nil
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			src, lang, ok := analyzer.ScriptSource(path, raw)
			if !ok {
				return nil // a component without a script block
			}
			files = append(files, file{path: path, lang: lang, src: src})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// isDeclarationFile reports .d.ts, .d.mts and .d.cts files.
func isDeclarationFile(name string) bool {
	name = strings.ToLower(name)
	for _, ext := range []string{".d.ts", ".d.mts", ".d.cts"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// parseAll parses every file with tree-sitter and returns those with errors,
// in the order of files.
func parseAll(files []file) ([]rejected, error) {
	out := make([]*rejected, len(files))
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = parseOne(files[i])
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var rej []rejected
	for i, r := range out {
		if errs[i] != nil {
			return nil, fmt.Errorf("%s: %v", files[i].path, errs[i])
		}
		if r != nil {
			rej = append(rej, *r)
		}
	}
	return rej, nil
}

func parseOne(f file) (*rejected, error) {
	tree, err := syntax.Parse(context.Background(), f.lang, f.src, syntax.Options{})
	if err != nil {
		return nil, err
	}
	if !tree.HasErrors() {
		return nil, nil
	}
	errNode := firstError(tree)
	r := &rejected{file: f, offset: errNode.Start()}
	r.line, r.col = position(f.src, r.offset)
	var chain []string
	for p := errNode; p.Valid() && len(chain) < 4; p = p.Parent() {
		k := p.Kind()
		if p.IsMissing() {
			k = "MISSING " + k
		}
		chain = append([]string{k}, chain...)
	}
	r.context = strings.Join(chain, " > ")
	return r, nil
}

// firstError returns the first ERROR or MISSING node in pre-order.
func firstError(t *syntax.Tree) syntax.Node {
	var found syntax.Node
	t.Root().Walk(func(n syntax.Node) bool {
		if found.Valid() {
			return false
		}
		if n.IsError() || n.IsMissing() {
			found = n
			return false
		}
		return true
	})
	return found
}

func position(src []byte, off int) (line, col int) {
	line = 1 + strings.Count(string(src[:off]), "\n")
	col = off - strings.LastIndexByte(string(src[:off]), '\n')
	return line, col
}

// lineAt returns the source line containing off, trimmed and shortened.
func lineAt(src []byte, off int) string {
	l := strings.TrimSpace(fullLine(src, off))
	if len(l) > 120 {
		l = l[:117] + "..."
	}
	return l
}

// fullLine returns the source line containing off.
func fullLine(src []byte, off int) string {
	s := string(src)
	start := strings.LastIndexByte(s[:off], '\n') + 1
	end := strings.IndexByte(s[off:], '\n')
	if end < 0 {
		return s[start:]
	}
	return s[start : off+end]
}

// installTypeScript puts the pinned typescript package into cache unless
// the installed copy already came from the same package.json and lock.
func installTypeScript(cache string) error {
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return err
	}
	stamp := filepath.Join(cache, ".stamp")
	want := string(packageJSON) + string(packageLock)
	if got, err := os.ReadFile(stamp); err == nil && string(got) == want {
		if _, err := os.Stat(filepath.Join(cache, "node_modules", "typescript", "package.json")); err == nil {
			return os.WriteFile(filepath.Join(cache, "tsparse.js"), tsparseJS, 0o644)
		}
	}
	for name, data := range map[string][]byte{"package.json": packageJSON, "package-lock.json": packageLock, "tsparse.js": tsparseJS} {
		if err := os.WriteFile(filepath.Join(cache, name), data, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "parseerrors: installing the TypeScript parser into %s\n", cache)
	cmd := exec.Command("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
	cmd.Dir = cache
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm ci in %s: %v (npm and the npm registry are needed once)", cache, err)
	}
	return os.WriteFile(stamp, []byte(want), 0o644)
}

type verdict struct {
	Path    string `json:"path"`
	Errors  int    `json:"errors"`
	Offset  int    `json:"offset"`
	Message string `json:"message"`
}

// tsParse asks the TypeScript parser about every rejected file, in one Node
// process.
func tsParse(cache string, rej []rejected) (map[string]verdict, error) {
	abs, err := filepath.Abs(cache)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("node", filepath.Join(abs, "tsparse.js"), abs)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting node: %v", err)
	}
	writeErr := make(chan error, 1)
	go func() {
		enc := json.NewEncoder(stdin)
		var err error
		for _, r := range rej {
			if err = enc.Encode(map[string]string{"path": r.path, "kind": scriptKind(r.file), "text": string(r.src)}); err != nil {
				break
			}
		}
		stdin.Close()
		writeErr <- err
	}()
	out := map[string]verdict{}
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var v verdict
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("reading the TypeScript parser's answer: %v", err)
		}
		out[v.Path] = v
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("TypeScript parser: %v", err)
	}
	if err := <-writeErr; err != nil {
		return nil, err
	}
	return out, nil
}

// scriptKind tells the TypeScript parser which dialect the grammar parsed
// the file as; the JavaScript grammar accepts JSX everywhere, so does
// TypeScript's JSX kind.
func scriptKind(f file) string {
	switch f.lang {
	case syntax.TypeScript:
		return "ts"
	case syntax.TSX:
		return "tsx"
	default:
		return "jsx"
	}
}
