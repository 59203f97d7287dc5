package facts

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// FuzzResolver builds a random project from the fuzzer's bytes: module
// files importing, re-exporting and extending each other (cycles and
// self-imports included), tsconfig files with random paths, baseUrl and
// extends (cycles included), and package.json files; then asks every
// question of every module. Nothing may panic or hang, and answers must
// not depend on the order questions are asked in.
func FuzzResolver(f *testing.F) {
	f.Add([]byte("\x00\x01\x02\x03\x04\x05\x06\x07"), `{"compilerOptions":{"baseUrl":".","paths":{"@/*":["src/*"]}}}`)
	f.Add([]byte("\x05\x05\x05\x05"), `{"extends":"./tsconfig.json"}`)
	f.Add([]byte("\xff\xfe\x10\x20\x30"), `{"compilerOptions":{"paths":{"*":["*","src/*","*/index"]}}`)
	f.Add([]byte{}, `not json`)
	f.Fuzz(func(t *testing.T, graph []byte, tsconfig string) {
		if len(graph) > 64 || len(tsconfig) > 2048 {
			return
		}
		fs := randomProject(graph, tsconfig)
		done := make(chan bool)
		go func() {
			defer close(done)
			a := answers(fs)
			b := answers(fs)
			if a != b {
				t.Errorf("answers differ between two programs over the same files:\n%s\n%s", a, b)
			}
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("resolution hung")
		}
	})
}

var fuzzSpecs = []string{"./m0", "./m1", "../m2", "./sub/m3", "@/m4", "m5", "./m0.js", "./sub", "pkg", "pkg/m1", ".", "./", "@/", "*"}

// randomProject turns bytes into files: each byte picks what module i
// does with another module.
func randomProject(graph []byte, tsconfig string) mapFS {
	fs := mapFS{
		"/p/tsconfig.json":        tsconfig,
		"/p/base.json":            `{"extends":"./tsconfig.json","compilerOptions":{"baseUrl":"src"}}`,
		"/p/package.json":         `{"workspaces":["pkgs/*"]}`,
		"/p/pkgs/a/package.json":  `{"name":"pkg","exports":{".":"./index.ts","./*":"./src/*.ts"}}`,
		"/p/pkgs/a/index.ts":      `export * from "../../src/m0";`,
		"/p/node_modules/m5/x.ts": `export function listen(a,b,c){a.addEventListener(b,c)}`,
	}
	paths := []string{"/p/src/m0.ts", "/p/src/m1.ts", "/p/m2.ts", "/p/src/sub/m3.ts", "/p/src/m4.ts", "/p/src/sub/index.ts"}
	bodies := make([]strings.Builder, len(paths))
	for i, b := range graph {
		m := i % len(paths)
		spec := fuzzSpecs[int(b>>4)%len(fuzzSpecs)]
		name := fmt.Sprintf("N%d", b&3)
		switch b & 12 {
		case 0:
			fmt.Fprintf(&bodies[m], "export * from %q;\n", spec)
		case 4:
			fmt.Fprintf(&bodies[m], "export { %s } from %q;\n", name, spec)
		case 8:
			fmt.Fprintf(&bodies[m], "import { %s as B%d } from %q;\nexport class %s%d extends B%d { dispose() { this.x%d.close(); this.h%d(); } }\n", name, i, spec, name, i, i, i, i)
		default:
			fmt.Fprintf(&bodies[m], "export function %s(a, b, c) { a.addEventListener(b, c); return () => a.removeEventListener(b, c); }\nexport class %s {}\n", name, name)
		}
	}
	for i, p := range paths {
		fs[p] = bodies[i].String()
	}
	return fs
}

// answers asks every module for every name, in one order, and returns a
// description of the answers.
func answers(fs mapFS) string {
	p := NewProgram("/p", fs, nil)
	var b strings.Builder
	for _, from := range []string{"/p/src/main.ts", "/p/src/sub/x.ts", "/p/main.ts"} {
		v := p.For(from)
		for _, spec := range fuzzSpecs {
			file, ok := p.Resolver.Resolve(from, spec)
			fmt.Fprintf(&b, "%s %s -> %s %v\n", from, spec, file, ok)
			if ok && strings.Contains(file, "node_modules") {
				panic("resolved into node_modules: " + file)
			}
			for n := 0; n < 4; n++ {
				for _, name := range []string{fmt.Sprintf("N%d", n), "default"} {
					c, cok := v.Class(spec, name)
					fn, fok := v.Function(spec, name)
					fmt.Fprintf(&b, "  %s class %v %+v fn %v %+v long %v\n", name, cok, c, fok, fn, v.LongLived(spec, name))
				}
			}
		}
		if n, ok := v.(interface{ HelperNeedles([]byte) []string }); ok {
			n.HelperNeedles([]byte(`import { N0 } from "./m0"; N0(x);`))
		}
		p.Digest(from, []byte(`import { N0 } from "./m0"; import x from "@/m4"; export * from "pkg";`))
	}
	return b.String()
}
