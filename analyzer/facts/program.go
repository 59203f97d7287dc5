package facts

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Sum is the SHA-256 of a file's bytes.
type Sum = [sha256.Size]byte

// Store keeps facts between runs (the --cache file), keyed by path and
// content hash. Implementations must be safe for concurrent use.
type Store interface {
	GetFacts(path string, content Sum) (*Module, bool)
	PutFacts(path string, content Sum, m *Module)
}

// Limits on what one question may read.
const (
	maxDepth     = 24      // re-export and base-class hops
	maxFactSize  = 2 << 20 // larger files (bundles) have no facts
	parseTimeout = 2 * time.Second
)

// Program answers questions about imports for the files of one project,
// computing each module's facts at most once per content. It is safe for
// concurrent use.
type Program struct {
	Resolver *Resolver
	// Store, when set, is consulted before parsing and filled after.
	Store Store

	mu      sync.Mutex
	modules map[string]*moduleEntry // by absolute path
	// Parsed counts the files parsed for facts (for tests and -v).
	Parsed int

	// Angular application shells (shell.go): by root component file, and
	// the root component found for each folder ("" for none).
	shells     map[string]*shell
	shellRoots map[string]string
	// What the entry modules of each folder mount as roots (mount.go).
	mounts map[string]*entryFolder
}

// Stats says how many files the program read (scanned without parsing)
// and how many it parsed for facts.
func (p *Program) Stats() (read, parsed int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.modules), p.Parsed
}

type moduleEntry struct {
	once  sync.Once
	sum   Sum
	flags uint8 // what the bytes may hold (mayHold...), from a scan without parsing
	// listed holds the names in the file's `export { ... }` lists, and
	// exportAll whether it has `export *`: the only ways it can export a
	// name it does not declare (scanned when it has either).
	listed    map[string]bool
	exportAll bool

	parseOnce sync.Once
	mod       *Module // nil: not a source file, unreadable, too large, or not parsed
}

// What a file's bytes may hold, found without parsing it: most modules
// hold nothing a question asks about, and are never parsed for facts.
const (
	mayHoldListener  uint8 = 1 << iota // a listener call: a helper may register or undo
	mayHoldClass                       // a class
	mayHoldSingleton                   // providedIn / inSingletonScope
	mayHoldForward                     // export * / export { ... }: re-exports
	mayHoldValue                       // export const / export default: long-lived values
	mayHoldReexport                    // export * from / export { ... } from
	isSource
	mayHoldMount // a mount call: an entry module may mount a root (mount.go)
)

var (
	listenerNeedles  = [][]byte{[]byte("addEventListener"), []byte("removeEventListener"), []byte(".on("), []byte(".off("), []byte("addListener("), []byte("removeListener(")}
	classNeedles     = [][]byte{[]byte("class ")}
	singletonNeedles = [][]byte{[]byte("providedIn"), []byte("inSingletonScope")}
	forwardNeedles   = [][]byte{[]byte("export *"), []byte("export {"), []byte("export{")}
	valueNeedles     = [][]byte{[]byte("export const"), []byte("export default"), []byte("export let"), []byte("export var")}
)

// reexports reports `export ... from "..."` statements, on one line or
// with the braces spread over several.
func reexports(src []byte) bool {
	inExportList := false
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		t := bytes.TrimSpace(line)
		switch {
		case bytes.HasPrefix(t, []byte("export")):
			if bytes.Contains(t, []byte("from ")) || bytes.Contains(t, []byte("from'")) || bytes.Contains(t, []byte("from\"")) {
				return true
			}
			inExportList = bytes.HasSuffix(t, []byte("{")) || bytes.Contains(t, []byte("{")) && !bytes.Contains(t, []byte("}"))
		case bytes.HasPrefix(t, []byte("import")):
			inExportList = false
		case inExportList && bytes.HasPrefix(t, []byte("}")):
			if bytes.Contains(t, []byte("from")) {
				return true
			}
			inExportList = false
		}
	}
	return false
}

func scanFlags(src []byte) uint8 {
	f := isSource
	if reexports(src) {
		f |= mayHoldReexport
	}
	for _, c := range []struct {
		needles [][]byte
		flag    uint8
	}{{listenerNeedles, mayHoldListener}, {classNeedles, mayHoldClass}, {vueMixinNeedles, mayHoldClass}, {singletonNeedles, mayHoldSingleton}, {forwardNeedles, mayHoldForward}, {valueNeedles, mayHoldValue}} {
		if holdsAny(src, c.needles) {
			f |= c.flag
		}
	}
	// A mount call alone is everywhere in libraries (render(, mount(); an
	// entry also imports what it mounts (a component file, or react-dom),
	// and it is small: it wires an application up. Without the last two
	// tests a cold run over node_modules parsed react-dom's and Vue's own
	// bundles, 10 MB, as candidate entries.
	if len(src) <= maxEntryBytes && holdsAny(src, mountNeedles) && holdsAny(src, mountedNeedles) {
		f |= mayHoldMount
	}
	return f
}

// holdsAny reports whether src holds one of needles.
func holdsAny(src []byte, needles [][]byte) bool {
	for _, n := range needles {
		if bytes.Contains(src, n) {
			return true
		}
	}
	return false
}

// DiskFS reads the disk.
type DiskFS struct{}

func (DiskFS) ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }
func (DiskFS) SubDirs(name string) []string {
	entries, err := os.ReadDir(name)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}

func (DiskFS) Files(name string) []string {
	entries, err := os.ReadDir(name)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			out = append(out, e.Name())
		}
	}
	return out
}

func (DiskFS) IsFile(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.Mode().IsRegular()
}

// NewProgram returns a program for the project at root.
func NewProgram(root string, fsys FS, warn func(string)) *Program {
	if fsys == nil {
		fsys = DiskFS{}
	}
	return &Program{Resolver: NewResolver(root, fsys, warn), modules: map[string]*moduleEntry{},
		shells: map[string]*shell{}, shellRoots: map[string]string{}, mounts: map[string]*entryFolder{}}
}

// Invalidate forgets what is known about a file (it changed on disk or in
// an editor). Configuration files reset resolution as a whole.
func (p *Program) Invalidate(path string) {
	path = filepath.Clean(path)
	p.Forget(path)
	// A file that appears or disappears changes what specifiers resolve to.
	p.Resolver.mu.Lock()
	p.Resolver.resolved = map[string]resolution{}
	p.Resolver.mu.Unlock()
	switch filepath.Base(path) {
	case "tsconfig.json", "jsconfig.json", "package.json", "pnpm-workspace.yaml":
		r := p.Resolver
		r.mu.Lock()
		r.configs, r.parsed, r.warned = map[string]*tsconfig{}, map[string]*tsconfig{}, map[string]bool{}
		r.resolved = map[string]resolution{}
		r.packages, r.wsRoots = map[string]map[string]string{}, map[string]string{}
		r.mu.Unlock()
	default:
		if filepath.Ext(path) == ".json" {
			// An extended tsconfig may have any name.
			r := p.Resolver
			r.mu.Lock()
			r.configs, r.parsed = map[string]*tsconfig{}, map[string]*tsconfig{}
			r.resolved = map[string]resolution{}
			r.mu.Unlock()
		}
	}
}

// Forget drops what is known about a file's content but keeps how
// specifiers resolve: for a file that changed and went on existing (an
// open buffer being edited), where Invalidate would make every import be
// resolved again.
func (p *Program) Forget(path string) {
	path = filepath.Clean(path)
	p.mu.Lock()
	delete(p.modules, path)
	p.mu.Unlock()
	p.forgetShells(path)
	p.forgetMounts(path)
}

// Module returns the facts of one file, or nil.
func (p *Program) Module(path string) *Module {
	e := p.entry(path)
	p.parse(path, e)
	return e.mod
}

// entry reads and scans a file once (without parsing it).
func (p *Program) entry(path string) *moduleEntry { return p.entryOf(path, nil) }

// known returns the entry of a file already asked about, scanned (it
// waits for a scan under way), or false.
func (p *Program) known(path string) (*moduleEntry, bool) {
	path = filepath.Clean(path)
	p.mu.Lock()
	_, ok := p.modules[path]
	p.mu.Unlock()
	if !ok {
		return nil, false
	}
	return p.entry(path), true
}

// entryOf is entry, with the file's bytes when the caller has read them
// already (nil: read them).
func (p *Program) entryOf(path string, data []byte) *moduleEntry {
	path = filepath.Clean(path)
	p.mu.Lock()
	e, ok := p.modules[path]
	if !ok {
		e = &moduleEntry{}
		p.modules[path] = e
	}
	p.mu.Unlock()
	e.once.Do(func() {
		if _, ok := syntax.LangForPath(path); !ok {
			return
		}
		if data == nil {
			var err error
			if data, err = p.Resolver.FS.ReadFile(path); err != nil {
				return
			}
		}
		if len(data) > maxFactSize {
			return
		}
		e.sum = sha256.Sum256(data)
		e.flags = scanFlags(data)
		if e.flags&mayHoldForward != 0 {
			e.exportAll = bytes.Contains(data, []byte("export *"))
			e.listed = exportListNames(data)
		}
	})
	return e
}

// may reports whether a file's bytes may hold what any of flags names.
func (p *Program) may(path string, flags uint8) bool {
	return p.entry(path).flags&flags != 0
}

// mayExport reports whether file may export name with a fact of the kind
// need names: it holds such facts itself, or it forwards the name from
// another module (`export *`, or the name in an `export { ... }` list).
// A module that only forwards other names is not parsed for this one: a
// pre-commit check asks about every imported function it calls, and most
// come from modules that hold no listener call but re-export something.
func (p *Program) mayExport(file, name string, need uint8) bool {
	e := p.entry(file)
	switch {
	case e.flags&need != 0:
		return true
	case e.flags&mayHoldForward == 0:
		return false
	}
	// `export default x` of an imported x forwards too; it is rare
	// enough to parse for.
	return name == "default" || e.exportAll || e.listed[name]
}

// exportListNames returns the identifiers inside the `export { ... }`
// lists of src (both sides of `a as b`), scanned without parsing.
func exportListNames(src []byte) map[string]bool {
	names := map[string]bool{}
	for _, open := range [][]byte{[]byte("export {"), []byte("export{")} {
		rest := src
		for {
			i := bytes.Index(rest, open)
			if i < 0 {
				break
			}
			rest = rest[i+len(open):]
			end := bytes.IndexByte(rest, '}')
			if end < 0 {
				end = len(rest)
			}
			list := rest[:end]
			for len(list) > 0 {
				j := 0
				for j < len(list) && !syntax.IdentByte(list[j]) {
					j++
				}
				k := j
				for k < len(list) && syntax.IdentByte(list[k]) {
					k++
				}
				if k > j {
					names[string(list[j:k])] = true
				}
				list = list[k:]
			}
			rest = rest[end:]
		}
	}
	return names
}

// parse computes a file's facts once: from the store when it has them for
// these bytes, else by parsing.
func (p *Program) parse(path string, e *moduleEntry) {
	e.parseOnce.Do(func() {
		if e.flags&isSource == 0 {
			return
		}
		path = filepath.Clean(path)
		if p.Store != nil {
			if m, ok := p.Store.GetFacts(path, e.sum); ok && m != nil {
				e.mod = m
				return
			}
		}
		lang, _ := syntax.LangForPath(path)
		data, err := p.Resolver.FS.ReadFile(path)
		if err != nil || sha256.Sum256(data) != e.sum {
			return // changed since it was scanned: no facts rather than mixed ones
		}
		e.mod = Compute(lang, data)
		p.mu.Lock()
		p.Parsed++
		p.mu.Unlock()
		if p.Store != nil && e.mod != nil {
			p.Store.PutFacts(path, e.sum, e.mod)
		}
	})
}

// Compute parses src and extracts its facts; nil when it cannot be
// parsed within the budget.
func Compute(lang syntax.Lang, src []byte) *Module {
	t, err := syntax.Parse(context.Background(), lang, src, syntax.Options{Timeout: parseTimeout})
	if err != nil {
		return nil
	}
	return Extract(t)
}

// For returns the view of the project from one file, which answers the
// lifecycle model's questions about that file's imports.
func (p *Program) For(path string) lifecycle.Imports {
	return &view{p: p, from: filepath.Clean(path)}
}

type view struct {
	p    *Program
	from string
}

func (v *view) Class(spec, name string) (lifecycle.ImportedClass, bool) {
	f, ok := v.p.Resolver.Resolve(v.from, spec)
	if !ok {
		return lifecycle.ImportedClass{}, false
	}
	return v.p.class(f, name, 0, map[string]bool{})
}

func (v *view) Function(spec, name string) (lifecycle.ImportedFunction, bool) {
	f, ok := v.p.Resolver.Resolve(v.from, spec)
	if !ok {
		return lifecycle.ImportedFunction{}, false
	}
	_, mod, local, ok := v.p.find(f, name, mayHoldListener, 0, map[string]bool{})
	if !ok {
		return lifecycle.ImportedFunction{}, false
	}
	fn, ok := mod.Functions[local]
	if !ok {
		return lifecycle.ImportedFunction{}, false
	}
	return lifecycle.ImportedFunction{Registers: fn.Registers, ReturnsUndo: fn.ReturnsUndo, ReturnsDisposable: fn.ReturnsDisposable, Undoes: fn.Undoes, DOM: fn.DOM,
		Target: fn.Target, Event: fn.Event, Handler: fn.Handler, Disposes: fn.Disposes}, true
}

func (v *view) LongLived(spec, name string) bool {
	f, ok := v.p.Resolver.Resolve(v.from, spec)
	if !ok {
		return false
	}
	_, mod, local, ok := v.p.find(f, name, mayHoldValue|mayHoldSingleton, 0, map[string]bool{})
	return ok && (mod.LongLived[local] || mod.Classes[local].Singleton)
}

// find follows exports, re-exports and imports from file to the module
// and local name that declare the exported name.
func (p *Program) find(file, name string, need uint8, depth int, seen map[string]bool) (string, *Module, string, bool) {
	key := file + "#" + name
	if depth > maxDepth || seen[key] || name == "*" || !p.mayExport(file, name, need) {
		return "", nil, "", false
	}
	seen[key] = true
	mod := p.Module(file)
	if mod == nil {
		return "", nil, "", false
	}
	if local, ok := mod.Exports[name]; ok {
		if r, imported := mod.Imports[local]; imported {
			return p.follow(file, r, need, depth, seen)
		}
		return file, mod, local, true
	}
	if r, ok := mod.Reexports[name]; ok {
		return p.follow(file, r, need, depth, seen)
	}
	if name != "default" {
		for _, spec := range mod.ReexportAll {
			next, ok := p.Resolver.Resolve(file, spec)
			if !ok {
				continue
			}
			if f, m, l, ok := p.find(next, name, need, depth+1, seen); ok {
				return f, m, l, true
			}
		}
	}
	return "", nil, "", false
}

func (p *Program) follow(file string, r Ref, need uint8, depth int, seen map[string]bool) (string, *Module, string, bool) {
	next, ok := p.Resolver.Resolve(file, r.Spec)
	if !ok {
		return "", nil, "", false
	}
	return p.find(next, r.Name, need, depth+1, seen)
}

// class resolves an exported class and merges what its own bases
// contribute.
func (p *Program) class(file, name string, depth int, seen map[string]bool) (lifecycle.ImportedClass, bool) {
	f, mod, local, ok := p.find(file, name, mayHoldClass, depth, seen)
	if !ok {
		return lifecycle.ImportedClass{}, false
	}
	return p.localClass(f, mod, local, depth+1, seen)
}

func (p *Program) localClass(file string, mod *Module, local string, depth int, seen map[string]bool) (lifecycle.ImportedClass, bool) {
	key := file + "@" + local
	if depth > maxDepth || seen[key] {
		return lifecycle.ImportedClass{}, false
	}
	seen[key] = true
	c, ok := mod.Classes[local]
	if !ok {
		return lifecycle.ImportedClass{}, false
	}
	ic := lifecycle.ImportedClass{Framework: c.Framework, Singleton: c.Singleton, Open: c.BaseOpen, VueMixin: c.VueMixin}
	var base lifecycle.ImportedClass
	var hasBase bool
	switch {
	case c.BaseLocal != "":
		if r, imported := mod.Imports[c.BaseLocal]; imported {
			if next, ok := p.Resolver.Resolve(file, r.Spec); ok {
				base, hasBase = p.class(next, r.Name, depth+1, seen)
			}
		} else {
			base, hasBase = p.localClass(file, mod, c.BaseLocal, depth+1, seen)
		}
		ic.Open = ic.Open || !hasBase
	case c.BaseRef != nil:
		if next, ok := p.Resolver.Resolve(file, c.BaseRef.Spec); ok {
			base, hasBase = p.class(next, c.BaseRef.Name, depth+1, seen)
		}
		ic.Open = ic.Open || !hasBase
	}
	if hasBase {
		ic.Open = ic.Open || base.Open
		if ic.Framework == "" {
			ic.Framework = base.Framework
		}
		ic.Teardowns = base.Teardowns
		ic.Hooks = base.Hooks
		ic.Cleaned = base.Cleaned
		ic.Collectors = base.Collectors
	}
	ic.Teardowns = union(ic.Teardowns, c.Teardowns)
	ic.Hooks = union(ic.Hooks, c.Hooks)
	ic.Cleaned = union(ic.Cleaned, c.Cleaned)
	ic.Collectors = union(ic.Collectors, c.Collectors)
	// Only the class's own requests: a subclass may override a base's.
	ic.Requests = c.Requests
	return ic, true
}

func union(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	set := map[string]bool{}
	for _, s := range a {
		set[s] = true
	}
	for _, s := range b {
		set[s] = true
	}
	return sortedKeys(set)
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortStrings(s []string) { sort.Strings(s) }

// Digest identifies the facts a file's analysis can depend on: those of
// the modules it imports and, transitively, of the modules their exported
// classes extend and re-export from. A cached result of the file is valid
// while its bytes and this digest are unchanged. It reads only those
// modules.
func (p *Program) Digest(path string, src []byte) Sum {
	s, _ := p.DigestDeps(path, src)
	return s
}

// DigestDeps is Digest that also names the files it read: those whose
// facts the analysis of path can depend on. The language server asks it
// to know whose facts an edit can change for another open document.
func (p *Program) DigestDeps(path string, src []byte) (Sum, map[string]bool) {
	h := sha256.New()
	h.Write([]byte("facts-digest 1\n"))
	seen := map[string]bool{}
	var visit func(file string, depth int)
	visit = func(file string, depth int) {
		if seen[file] || depth > maxDepth || len(seen) > 4096 {
			return
		}
		seen[file] = true
		e := p.entry(file)
		h.Write([]byte(file))
		h.Write(e.sum[:])
		if e.flags&(mayHoldClass|mayHoldForward) == 0 {
			return // nothing it exports can lead elsewhere
		}
		p.parse(file, e)
		if e.mod == nil {
			return
		}
		for _, spec := range e.mod.dependencySpecs() {
			if next, ok := p.Resolver.Resolve(file, spec); ok {
				visit(next, depth+1)
			}
		}
	}
	p.shellDigest(path, src, func(b []byte) { h.Write(b) }, seen)
	p.mountDigest(path, src, func(b []byte) { h.Write(b) }, seen)
	specs := ImportSpecs(src)
	sort.Strings(specs)
	for _, spec := range specs {
		h.Write([]byte("\x00" + spec + "\x00"))
		if f, ok := p.Resolver.Resolve(path, spec); ok {
			visit(f, 0)
		}
	}
	var s Sum
	h.Sum(s[:0])
	return s, seen
}

// dependencySpecs lists the specifiers whose facts this module's answers
// can depend on: re-exports, and imports used as class bases or
// re-exported.
func (m *Module) dependencySpecs() []string {
	set := map[string]bool{}
	for _, s := range m.ReexportAll {
		set[s] = true
	}
	for _, r := range m.Reexports {
		set[r.Spec] = true
	}
	for _, local := range m.Exports {
		if r, ok := m.Imports[local]; ok {
			set[r.Spec] = true
		}
	}
	for _, c := range m.Classes {
		if c.BaseRef != nil {
			set[c.BaseRef.Spec] = true
		}
		if r, ok := m.Imports[c.BaseLocal]; ok {
			set[r.Spec] = true
		}
	}
	return sortedKeys(set)
}

// Encode and Decode serialise a module's facts with the version, for
// stores that keep bytes.
func Encode(m *Module) ([]byte, error) {
	return json.Marshal(struct {
		Version int
		Module  *Module
	}{Version, m})
}

// Decode reads facts written by Encode; facts of another version, or
// bytes that do not decode, give ok=false.
func Decode(data []byte) (*Module, bool) {
	var v struct {
		Version int
		Module  *Module
	}
	if json.Unmarshal(data, &v) != nil || v.Version != Version || v.Module == nil {
		return nil, false
	}
	return v.Module, true
}

// Relative is a helper for stores: path relative to root with slashes, or
// "" when outside.
func Relative(root, path string) string {
	rel, err := filepath.Rel(root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return ""
	}
	return filepath.ToSlash(rel)
}

// HelperNeedles names, for the engine's literal prefilter, the helpers
// the file, whose text being analysed is src, may import that register or
// undo listeners: their exported names, which its import statements
// contain. src is the engine's text, not the file on disk: in an editor
// the two differ until the buffer is saved (and reading it again cost a
// cold run a second read of every file). Only modules whose bytes hold a
// listener call or a re-export are parsed for it.
func (v *view) HelperNeedles(src []byte) []string {
	var out []string
	seen := map[string]bool{}
	for _, imp := range scanImports(src, true) {
		// Only a module whose names the file calls can matter: a name
		// called, or a namespace's member (the lifecycle model asks
		// about `ns.listen(...)`, never about a member of another import).
		called := false
		for _, name := range imp.names {
			if name == imp.namespace {
				called = called || bytes.Contains(src, []byte(name+"."))
			} else {
				called = called || bytes.Contains(src, []byte(name+"("))
			}
		}
		if !called {
			continue
		}
		if f, ok := v.p.Resolver.Resolve(v.from, imp.spec); ok {
			out = v.p.helperNames(f, 0, seen, out)
		}
	}
	return out
}

// helperNames appends the names under which file exports (or re-exports)
// listener helpers.
func (p *Program) helperNames(file string, depth int, seen map[string]bool, out []string) []string {
	if seen[file] || depth > maxDepth {
		return out
	}
	seen[file] = true
	e := p.entry(file)
	if e.flags&(mayHoldListener|mayHoldReexport) == 0 {
		return out
	}
	p.parse(file, e)
	mod := e.mod
	if mod == nil {
		return out
	}
	for exported, local := range mod.Exports {
		if fn, ok := mod.Functions[local]; ok && (fn.Registers || fn.Undoes) {
			out = append(out, exported)
		}
	}
	if e.flags&mayHoldReexport == 0 {
		return out
	}
	follow := func(spec string, names ...string) {
		next, ok := p.Resolver.Resolve(file, spec)
		if !ok {
			return
		}
		before := len(out)
		out = p.helperNames(next, depth+1, seen, out)
		if len(out) > before {
			out = append(out, names...) // renamed on the way: both names
		}
	}
	for _, spec := range mod.ReexportAll {
		follow(spec)
	}
	for name, r := range mod.Reexports {
		follow(r.Spec, name)
	}
	for exported, local := range mod.Exports {
		if r, ok := mod.Imports[local]; ok {
			follow(r.Spec, exported, local)
		}
	}
	return out
}

// ImportSpecs lists the specifiers a file imports or re-exports from
// (`... from "x"`), found by scanning its text without parsing it.
func ImportSpecs(src []byte) []string {
	var out []string
	for _, imp := range scanImports(src, false) {
		out = append(out, imp.spec)
	}
	return out
}

// scannedImport is one `import ... from "spec"` (or export ... from) with
// the local names it binds, as far as a scan without parsing tells.
type scannedImport struct {
	spec  string
	names []string
	// namespace is the name of `* as ns` among names, or "".
	namespace string
}

func scanImports(src []byte, withNames bool) []scannedImport {
	var out []scannedImport
	from := []byte("from")
	for i := 0; ; {
		k := bytes.Index(src[i:], from)
		if k < 0 {
			return out
		}
		at := i + k
		i = at + len(from)
		if at > 0 {
			switch src[at-1] {
			case ' ', '\t', '\n', '\r', '}', '*':
			default:
				continue
			}
		}
		j := i
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
			j++
		}
		if j >= len(src) || src[j] != '"' && src[j] != '\'' {
			continue
		}
		q := src[j]
		end := bytes.IndexByte(src[j+1:], q)
		if end < 0 || end > 512 {
			continue
		}
		spec := src[j+1 : j+1+end]
		if bytes.IndexByte(spec, '\n') >= 0 {
			continue
		}
		imp := scannedImport{spec: string(spec)}
		if withNames {
			imp.names, imp.namespace = clauseNames(src[max(0, at-2048):at])
		}
		out = append(out, imp)
		i = j + 1 + end
	}
}

// clauseSeparators turns an import clause's braces into commas and its
// line breaks and tabs into spaces. Made once: building it for every
// import of every file was a third of clauseNames.
var clauseSeparators = strings.NewReplacer("{", ",", "}", ",", "\n", " ", "\t", " ", "\r", " ")

// clauseNames reads the local names of the import clause that ends where
// before ends: `a`, `{ b, c as d }`, `* as ns`, and which of them is a
// namespace.
func clauseNames(before []byte) (names []string, namespace string) {
	start := bytes.LastIndex(before, []byte("import"))
	if e := max(bytes.LastIndex(before, []byte("export ")), bytes.LastIndex(before, []byte("export{")), bytes.LastIndex(before, []byte("export*"))); e > start {
		return nil, "" // a re-export binds no local name
	}
	if start < 0 {
		return nil, ""
	}
	clause := string(before[start+len("import"):])
	clause = clauseSeparators.Replace(clause)
	for _, part := range strings.Split(clause, ",") {
		f := strings.Fields(part)
		if len(f) == 0 || f[0] == "type" && len(f) == 1 {
			continue
		}
		if f[0] == "type" {
			f = f[1:]
		}
		name := f[len(f)-1] // `a`, `b as c` -> c, `* as ns` -> ns
		if lifecycle.IsIdentifier(name) {
			names = append(names, name)
			if strings.HasPrefix(f[0], "*") {
				namespace = name
			}
		}
	}
	return names, namespace
}
