// Command parseonly is leakwatch's floor in the benchmark: it reads and
// parses the same files as `leakwatch check`, with the same number of
// workers, through the same entry point (analyzer/syntax.Parse: tree-sitter
// plus flattening into the Go tree), and runs no rules. The difference
// between its time and `leakwatch check`'s is what the engine itself costs
// (prefilter, scope, lifecycle, rules, fix validation, output).
//
//	parseonly -j 2 -list files.txt    # paths one a line, relative to the current folder
//
// It prints one JSON line: {"files":N,"bytes":N,"nodes":N,"syntaxErrorFiles":N}.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

type totals struct {
	Files            int   `json:"files"`
	Bytes            int64 `json:"bytes"`
	Nodes            int64 `json:"nodes"`
	SyntaxErrorFiles int   `json:"syntaxErrorFiles"`
}

func main() {
	jobs := flag.Int("j", runtime.GOMAXPROCS(0), "number of files parsed in parallel")
	list := flag.String("list", "", "`file` listing the paths to parse, one a line (default: the arguments)")
	flag.Parse()
	paths := flag.Args()
	if *list != "" {
		var err error
		if paths, err = readList(*list); err != nil {
			fmt.Fprintf(os.Stderr, "parseonly: %v\n", err)
			os.Exit(2)
		}
	}
	if len(paths) == 0 || *jobs < 1 {
		fmt.Fprintln(os.Stderr, "usage: parseonly [-j N] (-list FILE | paths...)")
		os.Exit(2)
	}
	t, err := parseAll(paths, *jobs)
	if err != nil {
		fmt.Fprintf(os.Stderr, "parseonly: %v\n", err)
		os.Exit(3)
	}
	json.NewEncoder(os.Stdout).Encode(t)
}

func readList(name string) ([]string, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out, nil
}

// parseAll parses every path with jobs workers; like the engine, each
// worker reads its file, parses it and releases the tree before the next
// one.
func parseAll(paths []string, jobs int) (totals, error) {
	work := make(chan string)
	var (
		mu    sync.Mutex
		sum   totals
		first error
		wg    sync.WaitGroup
	)
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				t, err := parseOne(p)
				mu.Lock()
				if err != nil && first == nil {
					first = err
				}
				sum.Files++
				sum.Bytes += t.Bytes
				sum.Nodes += t.Nodes
				sum.SyntaxErrorFiles += t.SyntaxErrorFiles
				mu.Unlock()
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	return sum, first
}

func parseOne(path string) (totals, error) {
	lang, ok := syntax.LangForPath(path)
	if !ok {
		return totals{}, fmt.Errorf("%s: not a JavaScript or TypeScript file", path)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return totals{}, err
	}
	tree, err := syntax.Parse(context.Background(), lang, src, syntax.Options{})
	if err != nil {
		return totals{}, fmt.Errorf("%s: %v", path, err)
	}
	t := totals{Bytes: int64(len(src)), Nodes: int64(tree.Len())}
	if tree.HasErrors() {
		t.SyntaxErrorFiles = 1
	}
	tree.Release() // as the engine does once a file is analysed
	return t, nil
}
