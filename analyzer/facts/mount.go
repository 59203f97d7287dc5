package facts

import (
	"crypto/sha256"
	"path/filepath"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// An application's entry module mounts its root component once, at its
// top level: createApp(Forms).mount('#content'), new Vue({ render: h =>
// h(App) }).$mount(el), new App({ target }), mount(App, { target }),
// createRoot(el).render(<App />). That component lives as long as the
// page, so what it sets up and never undoes is no leak. The mount is in
// another file than the component, so it is a fact of the project: the
// entry's facts (Module.Mounts) name what it mounts, and a component asks
// who mounts it by scanning the entry candidates of its folder and the
// folders above.

// mountNeedles are text one of which every module that mounts a root
// holds; modules without any are never parsed for mounts.
var mountNeedles = [][]byte{[]byte("mount("), []byte("render("), []byte("new Vue("), []byte("target:"), []byte("hydrateRoot(")}

// mountedNeedles are text one of which every such module also holds: the
// import of what it mounts (a .vue or .svelte file) or of React's DOM
// renderer.
var mountedNeedles = [][]byte{[]byte(".vue"), []byte(".svelte"), []byte("react-dom")}

// maxEntryBytes is the largest module read as an entry that may mount a
// root: entries wire an application up in a few lines.
const maxEntryBytes = 64 << 10

// mountCallees mount their first argument as a root component (Vue 3's
// createApp, Svelte 5's mount and hydrate).
var mountCallees = map[string]bool{"createApp": true, "createSSRApp": true, "mount": true, "hydrate": true}

// mounts returns the local names of the imports the module mounts as an
// application root at its top level, sorted. Code in functions is not
// looked at, except in those that run once when the module does
// (runsOnce): any other may run more than once (a test's render, a dialog
// opened again), and its root would then be torn down.
func (x *extractor) mounts(root syntax.Node) []string {
	set := map[string]bool{}
	add := func(n syntax.Node) {
		if n = scope.Unwrap(n); n.Kind() == "identifier" {
			if _, imported := x.m.Imports[n.Text()]; imported {
				set[n.Text()] = true
			}
		}
	}
	var visit func(n syntax.Node, inRender bool)
	visit = func(n syntax.Node, inRender bool) {
		n.Walk(func(c syntax.Node) bool {
			if scope.IsFunction(c) && c.Index() != n.Index() {
				// `render: h => h(App)` of new Vue(...) runs once per
				// root; any other function may run again.
				switch {
				case vueRootRender(c):
					visit(c, true)
				case runsOnce(c):
					visit(c, inRender)
				}
				return false
			}
			switch c.Kind() {
			case "call_expression":
				args := c.Get("arguments")
				first := syntax.Node{}
				for _, a := range args.Children() {
					if a.IsNamed() {
						first = a
						break
					}
				}
				name := lifecycle.CalleeName(c)
				switch {
				case inRender && name == "h" || mountCallees[name] && !strings.Contains(c.Get("function").Text(), "."):
					add(first)
				case name == "render" || name == "hydrate" || name == "hydrateRoot":
					for _, a := range args.Children() {
						jsxNames(a, add)
					}
				}
			case "new_expression":
				// Svelte 3/4: new App({ target: el }).
				if args := c.Get("arguments"); strings.Contains(args.Text(), "target") {
					for _, a := range args.Children() {
						if a.Kind() == "object" && hasKey(a, "target") {
							add(c.Get("constructor"))
						}
					}
				}
			}
			return true
		})
	}
	for _, st := range root.Children() {
		if st.Kind() == "import_statement" {
			continue
		}
		visit(st, false)
	}
	return sortedKeys(set)
}

// runsOnce reports a function that runs at most once when the code around
// it runs once: an entry that first waits for something mounts its root
// in a promise's callback (`windowRegister().then(() =>
// createApp(App).mount('#app'))`), an async IIFE, or a listener of the
// page's load. A promise settles once, an IIFE is called where it is
// written, and those events fire once.
func runsOnce(fn syntax.Node) bool {
	at := fn
	for at.Parent().Kind() == "parenthesized_expression" {
		at = at.Parent()
	}
	p := at.Parent()
	if p.Kind() == "call_expression" && p.Get("function").Index() == at.Index() {
		return true // (async () => { ... })()
	}
	if p.Kind() != "arguments" || p.Parent().Kind() != "call_expression" {
		return false
	}
	call := p.Parent()
	if call.Get("function").Kind() != "member_expression" {
		return false
	}
	switch lifecycle.CalleeName(call) {
	case "then", "catch", "finally":
		return true
	case "addEventListener":
		var args []syntax.Node
		for _, a := range p.Children() {
			if a.IsNamed() {
				args = append(args, a)
			}
		}
		return len(args) >= 2 && args[1].Index() == at.Index() && args[0].Kind() == "string" &&
			apis.PageLoadEvent(strings.Trim(args[0].Text(), "'\"`"))
	}
	return false
}

// vueRootRender reports the render function of a Vue 2 root's options,
// `new Vue({ render: h => h(App) })` or `render(h) { ... }`; a render
// function of any other object is a component's own.
func vueRootRender(fn syntax.Node) bool {
	obj := fn.Parent()
	switch {
	case obj.Kind() == "pair" && obj.Get("key").Text() == "render":
		obj = obj.Parent()
	case fn.Kind() == "method_definition" && fn.Get("name").Text() == "render":
	default:
		return false
	}
	args := obj.Parent()
	return obj.Kind() == "object" && args.Kind() == "arguments" &&
		args.Parent().Kind() == "new_expression" && args.Parent().Get("constructor").Text() == "Vue"
}

// jsxNames hands each element name in JSX under n (<App />, the App of
// <StrictMode><App /></StrictMode>) to add.
func jsxNames(n syntax.Node, add func(syntax.Node)) {
	n.Walk(func(c syntax.Node) bool {
		if scope.IsFunction(c) {
			return false
		}
		if c.Kind() == "jsx_opening_element" || c.Kind() == "jsx_self_closing_element" {
			add(c.Get("name"))
		}
		return true
	})
}

func hasKey(obj syntax.Node, key string) bool {
	for _, p := range obj.Children() {
		if p.Kind() == "pair" && p.Get("key").Text() == key || p.Kind() == "shorthand_property_identifier" && p.Text() == key {
			return true
		}
	}
	return false
}

// entryFolder is what the entry modules of one folder mount.
type entryFolder struct {
	// roots maps each mounted file to the names it is imported under
	// ("default" for a component file's default export).
	roots map[string][]string
	// sum identifies the folder's entry candidates (names and contents of
	// the files that may mount), for cached results.
	sum Sum
	// entries are the files that may mount (they passed the prefilter).
	entries []string
}

// Limits on the reverse lookup: folders walked up from a component, and
// files looked at per folder (a folder of thousands of generated files
// holds no entry).
const (
	maxMountDepth  = 4
	maxEntryFolder = 1000
)

// MountedRoot returns the names under which the file is mounted as an
// application's root by an entry module ("default" for the default
// export), or nil.
func (v *view) MountedRoot() []string {
	var out []string
	for _, f := range v.p.entryFolders(v.from) {
		out = append(out, f.roots[v.from]...)
	}
	return out
}

// entryFolders returns what the folders from file's own up to the
// project's root (at most maxMountDepth of them) mount.
func (p *Program) entryFolders(file string) []*entryFolder {
	var out []*entryFolder
	root := p.Resolver.Root
	for d, i := filepath.Dir(file), 0; i < maxMountDepth; d, i = filepath.Dir(d), i+1 {
		if d != root && !strings.HasPrefix(d, root+string(filepath.Separator)) {
			break
		}
		out = append(out, p.entryFolder(d))
		if d == root || filepath.Dir(d) == d {
			break
		}
	}
	return out
}

func (p *Program) entryFolder(dir string) *entryFolder {
	p.mu.Lock()
	f, ok := p.mounts[dir]
	p.mu.Unlock()
	if ok {
		return f
	}
	f = &entryFolder{roots: map[string][]string{}}
	h := sha256.New()
	names := p.Resolver.FS.Files(dir)
	if len(names) > maxEntryFolder {
		names = nil
	}
	sort.Strings(names)
	for _, name := range names {
		if !entryCandidate(name) {
			continue
		}
		file := filepath.Join(dir, name)
		e, ok := p.known(file)
		if !ok {
			// A file too large to be an entry is not scanned as one: in
			// the editor every edit of a large component file drops its
			// folder's entries (forgetMounts), and scanning the file again
			// for the folder was a twentieth of each edit of a 5,000-line
			// file.
			data, err := p.Resolver.FS.ReadFile(file)
			if err != nil || len(data) > maxEntryBytes {
				continue
			}
			e = p.entryOf(file, data)
		}
		if e.flags&mayHoldMount == 0 {
			continue
		}
		f.entries = append(f.entries, file)
		h.Write([]byte(name))
		h.Write(e.sum[:])
		p.parse(file, e)
		if e.mod == nil {
			continue
		}
		for _, local := range e.mod.Mounts {
			r := e.mod.Imports[local]
			if target, ok := p.resolveMounted(file, r.Spec); ok {
				f.roots[target] = append(f.roots[target], r.Name)
			}
		}
	}
	h.Sum(f.sum[:0])
	p.mu.Lock()
	p.mounts[dir] = f
	p.mu.Unlock()
	return f
}

// resolveMounted resolves the import of a mounted component. The
// resolver follows imports between scripts only; a component file is
// imported by its relative path with its extension (`./App.vue`).
func (p *Program) resolveMounted(from, spec string) (string, bool) {
	switch filepath.Ext(spec) {
	case ".vue", ".svelte":
		if !strings.HasPrefix(spec, "./") && !strings.HasPrefix(spec, "../") {
			return "", false
		}
		f := filepath.Join(filepath.Dir(from), filepath.FromSlash(spec))
		root := p.Resolver.Root
		if !strings.HasPrefix(f, root+string(filepath.Separator)) || !p.Resolver.FS.IsFile(f) {
			return "", false
		}
		return f, true
	}
	return p.Resolver.Resolve(from, spec)
}

// entryCandidate reports a file name that can hold an entry module: a
// script (a component file mounts nothing at its top level), not a
// declaration file, a test or a story.
func entryCandidate(name string) bool {
	switch filepath.Ext(name) {
	case ".ts", ".tsx", ".js", ".jsx", ".mts", ".mjs":
	default:
		return false
	}
	for _, s := range []string{".d.ts", ".test.", ".spec.", ".stories.", ".story."} {
		if strings.Contains(name, s) {
			return false
		}
	}
	return true
}

// forgetMounts drops what is known about the entries of a file's folder
// when the file changes (it may start or stop mounting, appear or go).
func (p *Program) forgetMounts(path string) {
	if !entryCandidate(filepath.Base(path)) {
		return
	}
	p.mu.Lock()
	delete(p.mounts, filepath.Dir(path))
	p.mu.Unlock()
}

// mountDigest adds the entry candidates a component file's root status
// depends on to a digest of what its analysis depends on.
func (p *Program) mountDigest(file string, src []byte, write func([]byte), seen map[string]bool) {
	if !lifecycle.MayBeMountedRootSource(file, src) {
		return
	}
	write([]byte("\x00mounts\x00"))
	for _, f := range p.entryFolders(file) {
		write(f.sum[:])
		for _, e := range f.entries {
			seen[e] = true
		}
	}
}
