package facts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// FS is what resolution and fact computation read: the disk, or the disk
// with an editor's open buffers over it. Paths are absolute, with the
// host's separators.
type FS interface {
	// ReadFile returns a file's contents, which callers only read: an
	// editor's FS may hand out an open buffer's own bytes.
	ReadFile(name string) ([]byte, error)
	// IsFile reports whether name is a regular file (or an open buffer).
	IsFile(name string) bool
	// SubDirs lists the names of the folders in a folder (for workspace
	// globs such as packages/*).
	SubDirs(name string) []string
	// Files lists the names of the regular files in a folder (for the
	// entry modules that may mount a component, mount.go).
	Files(name string) []string
}

// sourceExts are tried, in this order, for an import without extension.
var sourceExts = []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"}

// Limits that keep hostile projects bounded.
const (
	maxExtends      = 16  // tsconfig extends chain
	maxTargets      = 8   // substitutions tried per paths pattern
	maxWorkspaceDir = 500 // package folders read from workspace globs
	maxConfigBytes  = 1 << 20
)

// Resolver maps import specifiers to files of one project, never into
// node_modules and never outside Root. It is safe for concurrent use.
type Resolver struct {
	Root string
	FS   FS
	// Warn receives one message per broken configuration file.
	Warn func(msg string)

	mu       sync.Mutex
	configs  map[string]*tsconfig // by folder: the config that applies there (nil: none)
	parsed   map[string]*tsconfig // by config file
	warned   map[string]bool
	resolved map[string]resolution        // folder + "\x00" + specifier -> file
	packages map[string]map[string]string // workspace root -> package name -> folder
	wsRoots  map[string]string            // folder -> its workspace root
}

// tsconfig is the part of a tsconfig.json / jsconfig.json that maps
// specifiers, with extends already applied.
type tsconfig struct {
	baseURL  string // absolute, "" when unset
	pathsDir string // folder `paths` are relative to when baseURL is unset
	paths    []pathPattern
}

type resolution struct {
	file string
	ok   bool
}

type pathPattern struct {
	prefix, suffix string
	wildcard       bool
	targets        []string
}

// NewResolver returns a resolver for the project at root.
func NewResolver(root string, fsys FS, warn func(string)) *Resolver {
	if warn == nil {
		warn = func(string) {}
	}
	return &Resolver{Root: filepath.Clean(root), FS: fsys, Warn: warn,
		configs: map[string]*tsconfig{}, parsed: map[string]*tsconfig{}, warned: map[string]bool{},
		packages: map[string]map[string]string{}, wsRoots: map[string]string{}, resolved: map[string]resolution{}}
}

// Resolve returns the file spec names when imported from file from, or
// ok=false when it is not a file of the project.
func (r *Resolver) Resolve(from, spec string) (string, bool) {
	if spec == "" || strings.ContainsRune(spec, 0) || len(spec) > 1024 {
		return "", false
	}
	dir := filepath.Dir(from)
	key := dir + "\x00" + spec
	r.mu.Lock()
	res, ok := r.resolved[key]
	r.mu.Unlock()
	if ok {
		return res.file, res.ok
	}
	f, found := r.resolve(dir, spec)
	r.mu.Lock()
	r.resolved[key] = resolution{f, found}
	r.mu.Unlock()
	return f, found
}

func (r *Resolver) resolve(dir, spec string) (string, bool) {
	switch {
	case strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || spec == "." || spec == "..":
		return r.file(filepath.Join(dir, filepath.FromSlash(spec)))
	case strings.HasPrefix(spec, "/") || strings.Contains(spec, ":") && !strings.HasPrefix(spec, "@"):
		return "", false // absolute paths, node:, http:, virtual modules
	}
	if cfg := r.config(dir); cfg != nil {
		if f, ok := r.viaPaths(cfg, spec); ok {
			return f, true
		}
		if cfg.baseURL != "" {
			if f, ok := r.file(filepath.Join(cfg.baseURL, filepath.FromSlash(spec))); ok {
				return f, true
			}
		}
	}
	return r.workspacePackage(dir, spec)
}

// file tries a path as written, with source extensions, and as a folder
// with an index file.
func (r *Resolver) file(p string) (string, bool) {
	p = filepath.Clean(p)
	if !r.inside(p) {
		return "", false
	}
	ext := filepath.Ext(p)
	if knownExt(ext) && r.FS.IsFile(p) {
		return p, true
	}
	// TypeScript sources import each other with the extension of the
	// compiled file: `./a.js` is ./a.ts.
	switch ext {
	case ".js", ".jsx", ".mjs", ".cjs":
		stem := strings.TrimSuffix(p, ext)
		for _, alt := range map[string][]string{".js": {".ts", ".tsx"}, ".jsx": {".tsx"}, ".mjs": {".mts"}, ".cjs": {".cts"}}[ext] {
			if r.FS.IsFile(stem + alt) {
				return stem + alt, true
			}
		}
	}
	for _, e := range sourceExts {
		if r.FS.IsFile(p + e) {
			return p + e, true
		}
	}
	for _, e := range sourceExts {
		if f := filepath.Join(p, "index"+e); r.FS.IsFile(f) {
			return f, true
		}
	}
	return "", false
}

func knownExt(ext string) bool {
	for _, e := range sourceExts {
		if e == ext {
			return true
		}
	}
	return false
}

// inside reports a path under Root and outside node_modules.
func (r *Resolver) inside(p string) bool {
	if p != r.Root && !strings.HasPrefix(p, r.Root+string(filepath.Separator)) && r.Root != string(filepath.Separator) {
		return false
	}
	for _, seg := range strings.Split(filepath.ToSlash(p), "/") {
		if seg == "node_modules" {
			return false
		}
	}
	return true
}

// viaPaths applies compilerOptions.paths: the longest matching prefix
// wins, and its targets are tried in order.
func (r *Resolver) viaPaths(cfg *tsconfig, spec string) (string, bool) {
	best, bestLen := -1, -1
	for i, p := range cfg.paths {
		if p.wildcard {
			if strings.HasPrefix(spec, p.prefix) && strings.HasSuffix(spec, p.suffix) && len(spec) >= len(p.prefix)+len(p.suffix) && len(p.prefix) > bestLen {
				best, bestLen = i, len(p.prefix)
			}
		} else if spec == p.prefix && len(p.prefix) > bestLen {
			best, bestLen = i, len(p.prefix)
		}
	}
	if best < 0 {
		return "", false
	}
	p := cfg.paths[best]
	star := ""
	if p.wildcard {
		star = spec[len(p.prefix) : len(spec)-len(p.suffix)]
	}
	base := cfg.baseURL
	if base == "" {
		base = cfg.pathsDir
	}
	for i, t := range p.targets {
		if i >= maxTargets {
			break
		}
		t = strings.Replace(t, "*", star, 1)
		if f, ok := r.file(filepath.Join(base, filepath.FromSlash(t))); ok {
			return f, true
		}
	}
	return "", false
}

// config returns the tsconfig.json or jsconfig.json nearest above dir
// (inside Root), or nil.
func (r *Resolver) config(dir string) *tsconfig {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.configLocked(filepath.Clean(dir))
}

func (r *Resolver) configLocked(dir string) *tsconfig {
	if c, ok := r.configs[dir]; ok {
		return c
	}
	var c *tsconfig
	found := false
	for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
		f := filepath.Join(dir, name)
		if r.FS.IsFile(f) {
			c, found = r.parseLocked(f, 0, map[string]bool{}), true
			break
		}
	}
	if !found && dir != r.Root && strings.HasPrefix(dir, r.Root) {
		if parent := filepath.Dir(dir); parent != dir {
			c = r.configLocked(parent)
		}
	}
	r.configs[dir] = c
	return c
}

// parseLocked reads a config file and what it extends. A broken file
// gives a warning (once) and no mapping from it.
func (r *Resolver) parseLocked(file string, depth int, visiting map[string]bool) *tsconfig {
	if c, ok := r.parsed[file]; ok {
		return c
	}
	if visiting[file] {
		r.warnLocked(file, "its \"extends\" chain comes back to itself; ignoring the repeated part")
		return nil
	}
	if depth > maxExtends {
		r.warnLocked(file, fmt.Sprintf("its \"extends\" chain is longer than %d files; ignoring the rest", maxExtends))
		return nil
	}
	visiting[file] = true
	defer delete(visiting, file)
	data, err := r.FS.ReadFile(file)
	if err != nil {
		r.warnLocked(file, err.Error())
		return nil
	}
	if len(data) > maxConfigBytes {
		r.warnLocked(file, "it is larger than 1 MiB")
		return nil
	}
	var raw struct {
		Extends         json.RawMessage
		CompilerOptions struct {
			BaseURL *string             `json:"baseUrl"`
			Paths   map[string][]string `json:"paths"`
		} `json:"compilerOptions"`
	}
	if err := json.Unmarshal(StripJSONC(data), &raw); err != nil {
		r.warnLocked(file, "it is not valid JSON ("+err.Error()+")")
		return nil
	}
	dir := filepath.Dir(file)
	c := &tsconfig{pathsDir: dir}
	// extends: a string or (TypeScript 5) a list; later entries win.
	var parents []string
	if len(raw.Extends) > 0 {
		var one string
		if json.Unmarshal(raw.Extends, &one) == nil {
			parents = []string{one}
		} else if json.Unmarshal(raw.Extends, &parents) != nil {
			r.warnLocked(file, "its \"extends\" is neither a string nor a list of strings")
		}
	}
	for _, p := range parents {
		if !strings.HasPrefix(p, ".") && !filepath.IsAbs(p) {
			continue // a package in node_modules: never read
		}
		pf := p
		if !filepath.IsAbs(pf) {
			pf = filepath.Join(dir, filepath.FromSlash(p))
		}
		if !strings.HasSuffix(pf, ".json") && !r.FS.IsFile(pf) {
			pf += ".json"
		}
		if !r.inside(pf) {
			continue
		}
		if pc := r.parseLocked(pf, depth+1, visiting); pc != nil {
			if pc.baseURL != "" {
				c.baseURL = pc.baseURL
			}
			if len(pc.paths) > 0 {
				c.paths, c.pathsDir = pc.paths, pc.pathsDir
			}
		}
	}
	if raw.CompilerOptions.BaseURL != nil {
		c.baseURL = filepath.Join(dir, filepath.FromSlash(*raw.CompilerOptions.BaseURL))
	}
	if raw.CompilerOptions.Paths != nil {
		c.paths, c.pathsDir = nil, dir
		keys := make([]string, 0, len(raw.CompilerOptions.Paths))
		for k := range raw.CompilerOptions.Paths {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if strings.Count(k, "*") > 1 {
				r.warnLocked(file, fmt.Sprintf("the paths pattern %q has more than one '*'; ignored", k))
				continue
			}
			p := pathPattern{prefix: k, targets: raw.CompilerOptions.Paths[k]}
			if i := strings.IndexByte(k, '*'); i >= 0 {
				p.prefix, p.suffix, p.wildcard = k[:i], k[i+1:], true
			}
			c.paths = append(c.paths, p)
		}
	}
	r.parsed[file] = c
	return c
}

func (r *Resolver) warnLocked(file, why string) {
	if r.warned[file] {
		return
	}
	r.warned[file] = true
	r.Warn(fmt.Sprintf("%s: %s; imports it would map are left unresolved", file, why))
}

// workspacePackage resolves a specifier naming a package of the
// repository (`@acme/ui`, `@acme/ui/button`).
func (r *Resolver) workspacePackage(dir, spec string) (string, bool) {
	pkgs := r.workspacePackages(r.workspaceRoot(dir))
	name, sub := spec, ""
	parts := strings.SplitN(spec, "/", 3)
	if strings.HasPrefix(spec, "@") && len(parts) >= 2 {
		name = parts[0] + "/" + parts[1]
		if len(parts) == 3 {
			sub = parts[2]
		}
	} else if !strings.HasPrefix(spec, "@") {
		name = parts[0]
		sub = strings.TrimPrefix(spec, name)
		sub = strings.TrimPrefix(sub, "/")
	}
	dir, ok := pkgs[name]
	if !ok {
		return "", false
	}
	data, err := r.FS.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return "", false
	}
	var pj struct {
		Main    string          `json:"main"`
		Module  string          `json:"module"`
		Source  string          `json:"source"`
		Exports json.RawMessage `json:"exports"`
	}
	if json.Unmarshal(data, &pj) != nil {
		return "", false
	}
	key := "."
	if sub != "" {
		key = "./" + sub
	}
	for _, t := range exportTargets(pj.Exports, key) {
		if strings.HasSuffix(t, ".d.ts") {
			continue
		}
		if f, ok := r.file(filepath.Join(dir, filepath.FromSlash(t))); ok {
			return f, true
		}
	}
	if sub != "" {
		if len(pj.Exports) > 0 {
			return "", false // exports lists what may be imported
		}
		return r.file(filepath.Join(dir, filepath.FromSlash(sub)))
	}
	for _, t := range []string{pj.Source, pj.Module, pj.Main} {
		if t == "" {
			continue
		}
		if f, ok := r.file(filepath.Join(dir, filepath.FromSlash(t))); ok {
			return f, true
		}
	}
	return r.file(filepath.Join(dir, "index"))
}

// exportTargets reads package.json `exports` for key ("." or "./sub"):
// a string, a map of subpaths, or a map of conditions, possibly nested.
func exportTargets(raw json.RawMessage, key string) []string {
	if len(raw) == 0 {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if key == "." {
			return []string{s}
		}
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	subpaths := false
	for k := range m {
		subpaths = subpaths || strings.HasPrefix(k, ".")
	}
	if subpaths {
		if v, ok := m[key]; ok {
			return conditionTargets(v, 0)
		}
		// "./*": "./src/*.ts"
		for k, v := range m {
			if i := strings.IndexByte(k, '*'); i >= 0 && strings.HasPrefix(key, k[:i]) && strings.HasSuffix(key, k[i+1:]) && len(key) >= len(k)-1 {
				star := key[i : len(key)-len(k[i+1:])]
				var out []string
				for _, t := range conditionTargets(v, 0) {
					out = append(out, strings.Replace(t, "*", star, 1))
				}
				return out
			}
		}
		return nil
	}
	if key != "." {
		return nil
	}
	return conditionTargets(raw, 0)
}

// conditionTargets lists a conditional export's targets, source-like
// conditions first.
func conditionTargets(raw json.RawMessage, depth int) []string {
	if depth > 8 {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return []string{s}
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		var out []string
		for _, v := range list {
			out = append(out, conditionTargets(v, depth+1)...)
		}
		return out
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	var out []string
	for _, c := range []string{"source", "development", "import", "module", "browser", "default", "require", "node", "types"} {
		if v, ok := m[c]; ok {
			out = append(out, conditionTargets(v, depth+1)...)
		}
	}
	return out
}

// workspacePackages finds the packages of the repository from the root
// package.json's `workspaces` (a list, or {packages: [...]}) and
// pnpm-workspace.yaml's `packages`. Globs are of the `dir/*` and `dir/**`
// kind; their expansion is bounded.
func (r *Resolver) workspacePackages(root string) map[string]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if pkgs, ok := r.packages[root]; ok {
		return pkgs
	}
	pkgs := map[string]string{}
	r.packages[root] = pkgs
	globs := r.workspaceGlobs(root)
	dirs := 0
	for _, g := range globs {
		if strings.HasPrefix(g, "!") || strings.Contains(g, "..") {
			continue
		}
		g = strings.TrimSuffix(strings.TrimSuffix(path.Clean(g), "/**"), "/*")
		if strings.Contains(g, "*") {
			continue // only trailing globs are supported
		}
		base := filepath.Join(root, filepath.FromSlash(g))
		if !r.inside(base) {
			continue
		}
		candidates := []string{base}
		subs := r.FS.SubDirs(base)
		sort.Strings(subs)
		for _, name := range subs {
			if name != "node_modules" && !strings.HasPrefix(name, ".") {
				candidates = append(candidates, filepath.Join(base, name))
			}
		}
		for _, d := range candidates {
			if dirs >= maxWorkspaceDir {
				break
			}
			dirs++
			data, err := r.FS.ReadFile(filepath.Join(d, "package.json"))
			if err != nil {
				continue
			}
			var pj struct {
				Name string `json:"name"`
			}
			if json.Unmarshal(data, &pj) == nil && pj.Name != "" {
				if _, dup := pkgs[pj.Name]; !dup {
					pkgs[pj.Name] = d
				}
			}
		}
	}
	return pkgs
}

// workspaceRoot returns the nearest folder at or above dir (inside Root)
// that declares workspaces, or Root.
func (r *Resolver) workspaceRoot(dir string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var visit func(d string) string
	visit = func(d string) string {
		if w, ok := r.wsRoots[d]; ok {
			return w
		}
		w := r.Root
		switch {
		case len(r.workspaceGlobs(d)) > 0:
			w = d
		case d != r.Root && strings.HasPrefix(d, r.Root):
			if parent := filepath.Dir(d); parent != d {
				w = visit(parent)
			}
		}
		r.wsRoots[d] = w
		return w
	}
	return visit(filepath.Clean(dir))
}

// workspaceGlobs reads the package globs a folder declares.
func (r *Resolver) workspaceGlobs(root string) []string {
	var globs []string
	if data, err := r.FS.ReadFile(filepath.Join(root, "package.json")); err == nil {
		var pj struct {
			Workspaces json.RawMessage `json:"workspaces"`
		}
		if json.Unmarshal(data, &pj) == nil && len(pj.Workspaces) > 0 {
			var list []string
			var obj struct {
				Packages []string `json:"packages"`
			}
			if json.Unmarshal(pj.Workspaces, &list) == nil {
				globs = list
			} else if json.Unmarshal(pj.Workspaces, &obj) == nil {
				globs = obj.Packages
			}
		}
	}
	if data, err := r.FS.ReadFile(filepath.Join(root, "pnpm-workspace.yaml")); err == nil {
		in := false
		for _, line := range strings.Split(string(data), "\n") {
			t := strings.TrimSpace(line)
			switch {
			case strings.HasPrefix(t, "packages:"):
				in = true
			case in && strings.HasPrefix(t, "- "):
				globs = append(globs, unquote(strings.TrimSpace(t[2:])))
			case in && t != "" && !strings.HasPrefix(t, "#"):
				in = false
			}
		}
	}
	return globs
}

// StripJSONC removes // and /* */ comments and trailing commas, which
// tsconfig.json files may contain.
func StripJSONC(data []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(data))
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inString {
			out.WriteByte(c)
			if c == '\\' && i+1 < len(data) {
				i++
				out.WriteByte(data[i])
			} else if c == '"' {
				inString = false
			}
			continue
		}
		switch {
		case c == '"':
			inString = true
			out.WriteByte(c)
		case c == '/' && i+1 < len(data) && data[i+1] == '/':
			for i < len(data) && data[i] != '\n' {
				i++
			}
			out.WriteByte('\n')
		case c == '/' && i+1 < len(data) && data[i+1] == '*':
			i += 2
			for i+1 < len(data) && !(data[i] == '*' && data[i+1] == '/') {
				i++
			}
			i++
		case c == ',':
			// A comma followed only by space before } or ] is dropped.
			j := i + 1
			for j < len(data) && (data[j] == ' ' || data[j] == '\t' || data[j] == '\n' || data[j] == '\r') {
				j++
			}
			if j < len(data) && (data[j] == '}' || data[j] == ']') {
				continue
			}
			out.WriteByte(c)
		default:
			out.WriteByte(c)
		}
	}
	return out.Bytes()
}
