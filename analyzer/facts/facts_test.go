package facts

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// mapFS is a project held in memory: the resolver's tests need layouts
// (cycles, thousands of files) that are awkward on disk.
type mapFS map[string]string

func (m mapFS) ReadFile(name string) ([]byte, error) {
	if s, ok := m[filepath.ToSlash(name)]; ok {
		return []byte(s), nil
	}
	return nil, os.ErrNotExist
}

func (m mapFS) IsFile(name string) bool { _, ok := m[filepath.ToSlash(name)]; return ok }

func (m mapFS) SubDirs(name string) []string {
	prefix := strings.TrimSuffix(filepath.ToSlash(name), "/") + "/"
	seen := map[string]bool{}
	var out []string
	for k := range m {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			if i := strings.IndexByte(rest, '/'); i > 0 && !seen[rest[:i]] {
				seen[rest[:i]] = true
				out = append(out, rest[:i])
			}
		}
	}
	return out
}

func (m mapFS) Files(name string) []string {
	prefix := strings.TrimSuffix(filepath.ToSlash(name), "/") + "/"
	var out []string
	for k := range m {
		if rest, ok := strings.CutPrefix(k, prefix); ok && rest != "" && !strings.Contains(rest, "/") {
			out = append(out, rest)
		}
	}
	return out
}

func extract(t *testing.T, lang syntax.Lang, src string) *Module {
	t.Helper()
	m := Compute(lang, []byte(src))
	if m == nil {
		t.Fatal("no facts")
	}
	return m
}

func TestExtractClass(t *testing.T) {
	m := extract(t, syntax.TypeScript, `
import { Base } from "./base";
import * as ui from "@acme/ui";
export abstract class View extends Base {
  protected subs: Sub[] = [];
  private store = new Set<Disposable>();
  dispose(): void {
    this.subs.forEach((s) => s.unsubscribe());
    this.releaseAll();
    this.onDispose();
  }
  private releaseAll() { this.store.clear(); }
  protected track(d: Disposable) { this.store.add(d); return d; }
}
export class Panel extends ui.Widget {}
class Local extends View {}
@Injectable({ providedIn: "root" })
export class Bus {}
`)
	v := m.Classes["View"]
	want := Class{BaseRef: &Ref{Spec: "./base", Name: "Base"}, Teardowns: []string{"dispose"},
		Hooks: []string{"onDispose", "releaseAll"}, Cleaned: []string{"onDispose", "store", "subs"}, Collectors: []string{"track"}}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("View:\n got %+v\nwant %+v", v, want)
	}
	if r := m.Classes["Panel"].BaseRef; r == nil || *r != (Ref{Spec: "@acme/ui", Name: "Widget"}) {
		t.Errorf("Panel's base through a namespace import: %+v", r)
	}
	if m.Classes["Local"].BaseLocal != "View" {
		t.Errorf("Local's base: %+v", m.Classes["Local"])
	}
	if !m.Classes["Bus"].Singleton {
		t.Error("a service provided in root is a singleton")
	}
}

// A service method is a request only when all it does is return one
// request of its own HttpClient, through operators that keep it one.
func TestExtractRequests(t *testing.T) {
	m := extract(t, syntax.TypeScript, `
import { HttpClient } from "@angular/common/http";
import { inject } from "@angular/core";
import { interval } from "rxjs";
import { map, switchMap } from "rxjs/operators";
export class Versions {
  private http = inject(HttpClient);
  latest() { return this.http.get("/v"); }
  checkForUpdates() { return this.http.get("/v").pipe(map((v) => v), first()); }
  recovered() { return this.http.get("/v").pipe(catchError(() => this.store.select("v"))); }
  poll() { return interval(1000).pipe(switchMap(() => this.http.get("/v"))); }
  chained() { return this.http.get("/v").pipe(switchMap((v) => this.store.select(v))); }
  twoSteps() { this.count++; return this.http.get("/v"); }
  other() { return this.cache.get("/v"); }
}
export class Tags {
  constructor(private readonly client: HttpClient, private cache: Map<string, string>) {}
  list() { return this.client.post("/tags", {}); }
  cached() { return this.cache.get("tags"); }
}
`)
	if got, want := m.Classes["Versions"].Requests, []string{"checkForUpdates", "latest"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Versions' requests: got %v, want %v", got, want)
	}
	if got, want := m.Classes["Tags"].Requests, []string{"list"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Tags' requests: got %v, want %v", got, want)
	}
	// Without Angular's HttpClient, a client's get is anybody's get.
	other := extract(t, syntax.TypeScript, `
import { HttpClient } from "./my-client";
export class Versions {
  private http = inject(HttpClient);
  latest() { return this.http.get("/v"); }
}
`)
	if r := other.Classes["Versions"].Requests; len(r) != 0 {
		t.Errorf("another HttpClient's methods are not requests: %v", r)
	}
}

func TestExtractFrameworkAndMixin(t *testing.T) {
	m := extract(t, syntax.TypeScript, `
import { Component } from "react";
import { LitElement } from "lit";
export class A extends Component {}
export class B extends LitElement {}
export class C extends HTMLElement {}
export const Mixin = <T extends Ctor>(Base: T) => class extends Base {
  disconnectedCallback() { super.disconnectedCallback(); this.cleanup(); }
};
`)
	for name, fw := range map[string]string{"A": "React.Component", "B": "LitElement", "C": "HTMLElement"} {
		if got := m.Classes[name].Framework; got != fw {
			t.Errorf("%s: framework %q, want %q", name, got, fw)
		}
	}
	mx := m.Classes["Mixin"]
	if !mx.Mixin || !reflect.DeepEqual(mx.Hooks, []string{"cleanup"}) || !reflect.DeepEqual(mx.Teardowns, []string{"disconnectedCallback"}) {
		t.Errorf("mixin: %+v", mx)
	}
}

// A class its file registers as a video.js component is one, whatever it
// extends; a class registered by no call of the kind, or a React class
// registered all the same, keeps what it was.
func TestExtractRegisteredComponents(t *testing.T) {
	m := extract(t, syntax.JavaScript, `
import Component from "../component.js";
import { Component as ReactComponent } from "react";
import Tech from "./tech.js";
class TrackButton extends MenuButton {}
class Html5 extends Tech {}
class Helper extends Component {}
class View extends ReactComponent {}
Component.registerComponent("TrackButton", TrackButton);
Tech.registerTech("Html5", Html5);
Component.registerComponent("View", View);
registry.add("Helper", Helper);
`)
	for name, fw := range map[string]string{"TrackButton": "videojs.Component", "Html5": "videojs.Component", "Helper": "", "View": "React.Component"} {
		if got := m.Classes[name].Framework; got != fw {
			t.Errorf("%s: framework %q, want %q", name, got, fw)
		}
	}
}

func TestExtractFunctions(t *testing.T) {
	m := extract(t, syntax.JavaScript, `
export function listen(el, type, fn, opts) { el.addEventListener(type, fn, opts); return () => el.removeEventListener(type, fn, opts); }
export const on = (emitter, ev, fn) => { emitter.on(ev, fn); };
export function unlisten(el, type, fn) { el.removeEventListener(type, fn); }
export function toggle(el, type, fn, on) { if (on) el.addEventListener(type, fn); else el.removeEventListener(type, fn); }
export function disposeAll(list) { for (const d of list) d.dispose(); }
export function noop(a, b) { return a + b; }
export function addDisposable(node, type, fn) { node.addEventListener(type, fn); return { dispose: () => { node.removeEventListener(type, fn); } }; }
export const listenOnce = (node, type, fn) => { node.addEventListener(type, fn); return { dispose() { node.removeEventListener(type, fn); } }; };
export function closeable(node, type, fn) { node.addEventListener(type, fn); return { close() { node.removeEventListener(type, fn); } }; }
export const bus = new EventEmitter();
export const store = createStore(reducer);
export let counter = new Counter();
`)
	cases := map[string]Function{
		"listen":     {Registers: true, ReturnsUndo: true, DOM: true, Target: 0, Event: 1, Handler: 2, Disposes: -1},
		"on":         {Registers: true, Target: 0, Event: 1, Handler: 2, Disposes: -1},
		"unlisten":   {Undoes: true, DOM: true, Target: 0, Event: 1, Handler: 2, Disposes: -1},
		"disposeAll": {Target: -1, Event: -1, Handler: -1, Disposes: 0},
		// An IDisposable whose dispose() removes the listener.
		"addDisposable": {Registers: true, ReturnsDisposable: true, DOM: true, Target: 0, Event: 1, Handler: 2, Disposes: -1},
		"listenOnce":    {Registers: true, ReturnsDisposable: true, DOM: true, Target: 0, Event: 1, Handler: 2, Disposes: -1},
		// Another method name is no IDisposable: only a plain registration.
		"closeable": {Registers: true, DOM: true, Target: 0, Event: 1, Handler: 2, Disposes: -1},
	}
	for name, want := range cases {
		if got := m.Functions[name]; got != want {
			t.Errorf("%s: got %+v, want %+v", name, got, want)
		}
	}
	for _, name := range []string{"toggle", "noop"} {
		if f, ok := m.Functions[name]; ok {
			t.Errorf("%s is no helper, got %+v", name, f)
		}
	}
	if !m.LongLived["bus"] || !m.LongLived["store"] || m.LongLived["counter"] {
		t.Errorf("long-lived values: %v (a let may be replaced)", m.LongLived)
	}
}

func TestExtractExports(t *testing.T) {
	m := extract(t, syntax.TypeScript, `
import Base from "./base";
export * from "./a";
export { x as y } from "./b";
export * as ns from "./c";
export { Base as Renamed };
export default class Thing extends Base {}
`)
	if !reflect.DeepEqual(m.ReexportAll, []string{"./a"}) {
		t.Errorf("ReexportAll %v", m.ReexportAll)
	}
	if m.Reexports["y"] != (Ref{"./b", "x"}) || m.Reexports["ns"] != (Ref{"./c", "*"}) {
		t.Errorf("Reexports %v", m.Reexports)
	}
	if m.Exports["Renamed"] != "Base" || m.Exports["default"] != "Thing" {
		t.Errorf("Exports %v", m.Exports)
	}
	if m.Imports["Base"] != (Ref{"./base", "default"}) {
		t.Errorf("Imports %v", m.Imports)
	}
}

func TestEncodeDecode(t *testing.T) {
	m := extract(t, syntax.TypeScript, `export class A extends B { dispose() { this.x.close(); } }`)
	data, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := Decode(data)
	if !ok || !reflect.DeepEqual(got, m) {
		t.Fatalf("round trip: %v %+v", ok, got)
	}
	other := strings.Replace(string(data), fmt.Sprintf(`"Version":%d`, Version), `"Version":99`, 1)
	if _, ok := Decode([]byte(other)); ok {
		t.Error("facts of another version must not decode")
	}
	if _, ok := Decode([]byte("{garbage")); ok {
		t.Error("garbage must not decode")
	}
}

func TestResolve(t *testing.T) {
	fs := mapFS{
		"/p/src/a.ts":                      "",
		"/p/src/b/index.tsx":               "",
		"/p/src/c.ts":                      "",
		"/p/src/d.js":                      "",
		"/p/src/lib/util.ts":               "",
		"/p/tsconfig.base.json":            `{ "compilerOptions": { "baseUrl": "./src", "paths": { "@lib/*": ["lib/*", "fallback/*"], "exact": ["a.ts"] } } }`,
		"/p/tsconfig.json":                 "{\n // comment\n \"extends\": \"./tsconfig.base.json\", /* more */ \"compilerOptions\": {},\n}",
		"/p/package.json":                  `{ "workspaces": ["packages/*"] }`,
		"/p/packages/ui/package.json":      `{ "name": "@acme/ui", "exports": { ".": "./src/index.ts", "./button": { "import": "./src/button.ts" } } }`,
		"/p/packages/ui/src/index.ts":      "",
		"/p/packages/ui/src/button.ts":     "",
		"/p/packages/old/package.json":     `{ "name": "old", "main": "lib/main.js" }`,
		"/p/packages/old/lib/main.js":      "",
		"/p/node_modules/react/index.js":   "",
		"/p/node_modules/@acme/x/index.js": "",
		"/p/src/node_modules/y/index.js":   "",
	}
	r := NewResolver("/p", fs, func(msg string) { t.Errorf("unexpected warning: %s", msg) })
	from := "/p/src/main.ts"
	for spec, want := range map[string]string{
		"./a":              "/p/src/a.ts",
		"./a.js":           "/p/src/a.ts", // TypeScript's compiled-name import
		"./b":              "/p/src/b/index.tsx",
		"./d.js":           "/p/src/d.js",
		"../src/c":         "/p/src/c.ts",
		"@lib/util":        "/p/src/lib/util.ts",
		"exact":            "/p/src/a.ts",
		"c":                "/p/src/c.ts", // baseUrl
		"@acme/ui":         "/p/packages/ui/src/index.ts",
		"@acme/ui/button":  "/p/packages/ui/src/button.ts",
		"old":              "/p/packages/old/lib/main.js",
		"react":            "",
		"@acme/x":          "",
		"y":                "",
		"./missing":        "",
		"@acme/ui/missing": "",
		"/p/src/a":         "",
		"node:fs":          "",
		"../../outside":    "",
	} {
		got, ok := r.Resolve(from, spec)
		if ok != (want != "") || got != filepath.FromSlash(want) {
			t.Errorf("Resolve(%q) = %q, %v; want %q", spec, got, ok, want)
		}
	}
}

// Hostile configurations: each gives one clear warning and no mapping,
// never a hang or a crash.
func TestResolveHostileConfigs(t *testing.T) {
	for name, files := range map[string]mapFS{
		"extends cycle": {
			"/p/tsconfig.json": `{ "extends": "./a.json", "compilerOptions": { "paths": { "@x/*": ["src/*"] } } }`,
			"/p/a.json":        `{ "extends": "./b.json" }`,
			"/p/b.json":        `{ "extends": "./a.json" }`,
			"/p/src/y.ts":      "",
		},
		"extends itself": {
			"/p/tsconfig.json": `{ "extends": "./tsconfig.json", "compilerOptions": { "paths": { "@x/*": ["src/*"] } } }`,
			"/p/src/y.ts":      "",
		},
		"malformed": {
			"/p/tsconfig.json": `{ "compilerOptions": { "paths": `,
		},
		"wrong types": {
			"/p/tsconfig.json": `{ "extends": 42, "compilerOptions": { "paths": { "@x/*": "src/*" } } }`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			var mu sync.Mutex
			var warnings []string
			r := NewResolver("/p", files, func(msg string) { mu.Lock(); warnings = append(warnings, msg); mu.Unlock() })
			done := make(chan bool)
			go func() {
				for i := 0; i < 3; i++ {
					r.Resolve("/p/src/main.ts", "@x/y")
					r.Resolve("/p/src/other/main.ts", "@x/z")
				}
				done <- true
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("resolution did not finish")
			}
			if len(warnings) == 0 {
				t.Fatal("no warning")
			}
			seen := map[string]bool{}
			for _, w := range warnings {
				if seen[w] {
					t.Errorf("warned twice: %s", w)
				}
				seen[w] = true
			}
		})
	}
}

// A pattern that could match thousands of files maps one specifier to one
// candidate per target: resolution reads a bounded number of paths.
func TestResolvePatternMatchingThousands(t *testing.T) {
	fs := countingFS{mapFS{"/p/tsconfig.json": `{ "compilerOptions": { "baseUrl": ".", "paths": { "*": ["src/*", "gen/*", "a/*", "b/*", "c/*", "d/*", "e/*", "f/*", "g/*", "h/*", "i/*"] } } }`}, new(int)}
	for i := 0; i < 5000; i++ {
		fs.mapFS["/p/src/m"+strings.Repeat("x", i%7)+"/f.ts"] = ""
	}
	r := NewResolver("/p", fs, nil)
	if _, ok := r.Resolve("/p/main.ts", "nothing/here"); ok {
		t.Fatal("resolved a specifier that names no file")
	}
	if *fs.n > 200 {
		t.Errorf("%d file checks for one specifier", *fs.n)
	}
}

type countingFS struct {
	mapFS
	n *int
}

func (c countingFS) IsFile(name string) bool { *c.n++; return c.mapFS.IsFile(name) }

// Import cycles, self-imports and base classes that extend each other end
// with no answer (or the part that is known), never a hang.
func TestProgramCycles(t *testing.T) {
	fs := mapFS{
		"/p/a.ts":    `export * from "./b"; export * from "./a";`,
		"/p/b.ts":    `export * from "./a"; import { Y } from "./c"; export class X extends Y { dispose() {} }`,
		"/p/c.ts":    `import { X } from "./b"; export class Y extends X { close() { this.h(); } }`,
		"/p/self.ts": `import { S } from "./self"; export { S };`,
	}
	p := NewProgram("/p", fs, nil)
	v := p.For("/p/main.ts")
	done := make(chan bool)
	go func() {
		ic, ok := v.Class("./a", "X")
		if !ok || !reflect.DeepEqual(ic.Teardowns, []string{"close", "dispose"}) {
			t.Errorf("X through a cycle: %+v %v", ic, ok)
		}
		if _, ok := v.Class("./self", "S"); ok {
			t.Error("a name that only exports itself has no class")
		}
		if _, ok := v.Function("./a", "missing"); ok {
			t.Error("missing name found")
		}
		done <- true
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("cycle did not end")
	}
}

// Facts are computed on demand: a question reads only the modules on its
// way, and parses only those that may hold an answer.
func TestProgramOnDemand(t *testing.T) {
	fs := mapFS{
		"/p/main.ts":   `import { listen } from "./dom"; import { fmt } from "./fmt";`,
		"/p/dom.ts":    `export function listen(el, t, h) { el.addEventListener(t, h); }`,
		"/p/fmt.ts":    `export function fmt(x) { return String(x); }`,
		"/p/unused.ts": `export class U { dispose() {} }`,
	}
	p := NewProgram("/p", fs, nil)
	v := p.For("/p/main.ts")
	if f, ok := v.Function("./dom", "listen"); !ok || !f.Registers {
		t.Fatalf("listen: %+v %v", f, ok)
	}
	if _, ok := v.Function("./fmt", "fmt"); ok {
		t.Fatal("fmt is no helper")
	}
	read, parsed := p.Stats()
	if read != 2 || parsed != 1 {
		t.Errorf("read %d files and parsed %d; want 2 read (dom, fmt) and 1 parsed (dom)", read, parsed)
	}
}

// A store gives facts back without parsing; facts of other bytes are not
// used.
func TestProgramStore(t *testing.T) {
	fs := mapFS{"/p/dom.ts": `export function listen(el, t, h) { el.addEventListener(t, h); }`}
	st := &memStore{m: map[string]*Module{}}
	p := NewProgram("/p", fs, nil)
	p.Store = st
	p.For("/p/main.ts").Function("./dom", "listen")
	if len(st.m) != 1 {
		t.Fatalf("store holds %d entries", len(st.m))
	}
	p2 := NewProgram("/p", fs, nil)
	p2.Store = st
	if f, ok := p2.For("/p/main.ts").Function("./dom", "listen"); !ok || !f.Registers {
		t.Fatal("facts from the store")
	}
	if _, parsed := p2.Stats(); parsed != 0 {
		t.Errorf("parsed %d files with the facts in the store", parsed)
	}
}

type memStore struct {
	mu sync.Mutex
	m  map[string]*Module
}

func (s *memStore) GetFacts(path string, sum Sum) (*Module, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.m[path+string(sum[:])]
	return m, ok
}

func (s *memStore) PutFacts(path string, sum Sum, m *Module) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[path+string(sum[:])] = m
}

func TestImportSpecs(t *testing.T) {
	src := "import a from './a';\nimport { b,\n c } from \"../b\";\nexport * from './c'\nconst from = 1; x.from('no');\nexport{d}from'./d'"
	got := ImportSpecs([]byte(src))
	want := []string{"./a", "../b", "./c", "./d"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestScanImports(t *testing.T) {
	src := "import a, { b,\n c as d, type E, exportAll } from './x';\nimport * as ns from \"y\";\nexport { z } from './z';\n"
	got := scanImports([]byte(src), true)
	want := []scannedImport{{"./x", []string{"a", "b", "d", "E", "exportAll"}, ""}, {"y", []string{"ns"}, "ns"}, {"./z", nil, ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// Workers of one check share a program: concurrent questions get the same
// answers, and each module is parsed once.
func TestProgramConcurrent(t *testing.T) {
	fs := mapFS{
		"/p/index.ts": `export * from "./view"; export * from "./dom";`,
		"/p/view.ts":  `import { Base } from "./base"; export class View extends Base { close() { this.onClose(); } }`,
		"/p/base.ts":  `export class Base { dispose() { this.subs.forEach((s) => s.unsubscribe()); } }`,
		"/p/dom.ts":   `export function listen(el, t, h) { el.addEventListener(t, h); return () => el.removeEventListener(t, h); }`,
	}
	p := NewProgram("/p", fs, nil)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			v := p.For(fmt.Sprintf("/p/main%d.ts", i))
			ic, ok := v.Class("./index", "View")
			if !ok || !reflect.DeepEqual(ic.Teardowns, []string{"close", "dispose"}) || !reflect.DeepEqual(ic.Cleaned, []string{"onClose", "subs"}) {
				t.Errorf("View: %+v %v", ic, ok)
			}
			if f, ok := v.Function("./index", "listen"); !ok || !f.ReturnsUndo {
				t.Errorf("listen: %+v %v", f, ok)
			}
			p.Digest(fmt.Sprintf("/p/main%d.ts", i), []byte(`import { View } from "./index";`))
		}(i)
	}
	wg.Wait()
	if _, parsed := p.Stats(); parsed != 4 {
		t.Errorf("parsed %d modules, want 4 (each once)", parsed)
	}
}

// Forget makes the program read a changed file again but keeps what
// specifiers resolve to; Invalidate forgets both.
func TestProgramForgetKeepsResolution(t *testing.T) {
	fs := mapFS{
		"/p/main.ts": `import { listen } from "./dom";`,
		"/p/dom.ts":  `export function listen(el, t, h) { el.addEventListener(t, h); }`,
	}
	p := NewProgram("/p", fs, nil)
	v := p.For("/p/main.ts")
	if f, ok := v.Function("./dom", "listen"); !ok || !f.Registers {
		t.Fatalf("listen: %+v %v", f, ok)
	}
	resolved := func() int {
		p.Resolver.mu.Lock()
		defer p.Resolver.mu.Unlock()
		return len(p.Resolver.resolved)
	}
	fs["/p/dom.ts"] = `export function listen(el, t, h) { el.removeEventListener(t, h); }`
	p.Forget("/p/dom.ts")
	if resolved() == 0 {
		t.Fatal("Forget dropped the resolutions")
	}
	if f, ok := v.Function("./dom", "listen"); !ok || f.Registers || !f.Undoes {
		t.Fatalf("after Forget, listen is still the old one: %+v %v", f, ok)
	}
	p.Invalidate("/p/dom.ts")
	if n := resolved(); n != 0 {
		t.Fatalf("Invalidate kept %d resolutions", n)
	}
}

// A module that holds no listener call and only re-exports other names is
// not parsed to answer for a name it cannot export; one that forwards the
// name, or holds a listener call, is.
func TestFunctionSkipsModulesThatCannotExportIt(t *testing.T) {
	fs := mapFS{
		"/p/registry.ts": `export { subscribeAreas } from "./ws";
export function lookup(list) { return list.map((x) => x.id); }`,
		"/p/ws.ts":    `export function subscribeAreas(el, h) { el.addEventListener("areas", h); return () => el.removeEventListener("areas", h); }`,
		"/p/plain.ts": `export function format(x) { return String(x); }`,
		"/p/main.ts":  ``,
		"/p/barrel.ts": `import { subscribeAreas as sub } from "./ws";
export { sub };`,
	}
	p := NewProgram("/p", fs, nil)
	v := p.For("/p/main.ts")
	if _, ok := v.Function("./registry", "lookup"); ok {
		t.Error("lookup: a helper, though it adds no listener")
	}
	if _, ok := v.Function("./plain", "format"); ok {
		t.Error("format: a helper, though it adds no listener")
	}
	if _, parsed := p.Stats(); parsed != 0 {
		t.Errorf("parsed %d modules to learn that nothing forwards lookup or format, want 0", parsed)
	}
	if f, ok := v.Function("./registry", "subscribeAreas"); !ok || !f.Registers || !f.ReturnsUndo {
		t.Errorf("subscribeAreas through its re-export: %+v %v", f, ok)
	}
	if f, ok := v.Function("./barrel", "sub"); !ok || !f.Registers {
		t.Errorf("sub, imported then exported in a list: %+v %v", f, ok)
	}
}

func TestExportListNames(t *testing.T) {
	src := "export { a, b as c } from './x';\nexport{ d }\nexport {\n  e,\n  type F,\n};\nexport * from './y';\nconst g = 1;"
	got := exportListNames([]byte(src))
	for _, want := range []string{"a", "b", "c", "d", "e", "F"} {
		if !got[want] {
			t.Errorf("%s missing from %v", want, got)
		}
	}
	if got["g"] {
		t.Errorf("g is in no export list: %v", got)
	}
}

// The needles come from the text being analysed, not from the file on
// disk: in an editor an unsaved buffer may import a helper the saved file
// does not (and the other way round).
func TestNeedlesReadTheAnalysedText(t *testing.T) {
	fs := mapFS{
		"/p/dom.ts":  `export function listen(el, t, h) { el.addEventListener(t, h); }`,
		"/p/main.ts": `export const nothing = 1;`,
	}
	v := NewProgram("/p", fs, nil).For("/p/main.ts").(interface{ HelperNeedles([]byte) []string })
	if got := v.HelperNeedles([]byte(`import { listen } from "./dom"; listen(el, "x", h);`)); !reflect.DeepEqual(got, []string{"listen"}) {
		t.Errorf("unsaved text importing the helper: needles %q, want [listen]", got)
	}
	if got := v.HelperNeedles([]byte(`export const nothing = 2;`)); got != nil {
		t.Errorf("text importing nothing: needles %q, want none", got)
	}
}

// The engine's listener needles come only from imports the file can call
// a helper through: a called name, or a namespace's member. A member of a
// named import (`config.sections`) is never a helper call.
func TestNeedlesFollowCallableImports(t *testing.T) {
	dom := `export function listen(el, t, h) { el.addEventListener(t, h); }`
	for _, c := range []struct {
		main string
		want []string
	}{
		{`import { listen } from "./dom"; listen(el, "x", h);`, []string{"listen"}},
		{`import * as dom from "./dom"; dom.listen(el, "x", h);`, []string{"listen"}},
		{`import { listen } from "./dom"; const n = listen.length;`, nil},
		{`import config from "./dom"; config.sections.push(1);`, nil},
	} {
		fs := mapFS{"/p/dom.ts": dom, "/p/main.ts": c.main}
		p := NewProgram("/p", fs, nil)
		got := p.For("/p/main.ts").(interface{ HelperNeedles([]byte) []string }).HelperNeedles([]byte(c.main))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: needles %q, want %q", c.main, got, c.want)
		}
		if _, parsed := p.Stats(); (parsed > 0) != (c.want != nil) {
			t.Errorf("%s: parsed %d modules", c.main, parsed)
		}
	}
}

// A Vue mixin is an options object: its teardown hooks, and the methods
// they reach on `this` through the mixin's own methods, are what a
// component mixing it in runs when it ends. An options object with no
// teardown hook is no mixin fact.
func TestExtractVueMixin(t *testing.T) {
	m := extract(t, syntax.JavaScript, `
export const selectable = {
  beforeDestroy() {
    if (this.selected) this._unselect();
  },
  destroyed: function () { this.$el.remove(); },
  methods: {
    _unselect() {
      this.onUnselect();
      this.$emit("unselected");
    },
    onUnselect() {},
    select() { this.onSelect(); },
  },
};
export default { data() { return {}; }, methods: { open() { this.place(); } } };
`)
	// this.$el.remove() calls a method of this.$el, not of this, and
	// select() is not reached from a teardown: neither is a hook.
	want := Class{Teardowns: []string{"beforeDestroy", "destroyed"}, Hooks: []string{"$emit", "_unselect", "onUnselect"}, VueMixin: true}
	if got := m.Classes["selectable"]; !reflect.DeepEqual(got, want) {
		t.Errorf("selectable:\n got %+v\nwant %+v", got, want)
	}
	if c, ok := m.Classes["default"]; ok {
		t.Errorf("an options object without a teardown hook is no mixin: %+v", c)
	}
}
