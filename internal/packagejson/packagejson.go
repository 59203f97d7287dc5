// Package packagejson finds the package.json nearest a source file and
// reads the versions of the packages its project depends on, for the
// drivers (the CLI, fixcheck) to pass to the engine: fixes write the
// teardown of the framework version in use, and rules never read files.
package packagejson

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"

	"github.com/leakwatch/leakwatch/analyzer"
)

// Finder reads each folder's package.json once; it is safe for concurrent
// use.
type Finder struct {
	mu   sync.Mutex
	dirs map[string]found // folder -> its nearest package.json
	cfgs map[cfgKey]*analyzer.Config
}

// found is the package.json nearest a folder.
type found struct {
	deps map[string]string // nil: there is none
	dir  string            // the folder it is in
}

type cfgKey struct {
	cfg *analyzer.Config
	dir string // folder of the package.json used
}

// Nearest returns the dependencies, devDependencies and peerDependencies
// (name -> version range) of the package.json in the folder of path or the
// closest folder above it that has one, and that folder; nil and "" when
// there is none. A package.json that cannot be read or parsed counts as
// none: versions are a hint for fixes, never a reason to fail a run.
func (f *Finder) Nearest(path string) (map[string]string, string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, ""
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.dirs == nil {
		f.dirs = map[string]found{}
	}
	var walked []string
	var res found
	for dir := filepath.Dir(abs); ; {
		if r, ok := f.dirs[dir]; ok {
			res = r
			break
		}
		walked = append(walked, dir)
		if deps, ok := read(filepath.Join(dir, "package.json")); ok {
			res = found{deps, dir}
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	for _, w := range walked {
		f.dirs[w] = res
	}
	return res.deps, res.dir
}

func read(path string) (map[string]string, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	var pkg struct {
		Dependencies     map[string]string `json:"dependencies"`
		DevDependencies  map[string]string `json:"devDependencies"`
		PeerDependencies map[string]string `json:"peerDependencies"`
	}
	if json.Unmarshal(data, &pkg) != nil {
		return nil, false
	}
	deps := map[string]string{}
	for _, m := range []map[string]string{pkg.PeerDependencies, pkg.DevDependencies, pkg.Dependencies} {
		for k, v := range m {
			deps[k] = v
		}
	}
	return deps, true
}

// With returns a copy of cfg with Packages set from the package.json
// nearest path (cfg itself when it sets them or there is none), for
// callers that build a fresh configuration per request, which Apply's
// memory of copies would only grow with.
func (f *Finder) With(cfg *analyzer.Config, path string) *analyzer.Config {
	if cfg != nil && cfg.Packages != nil {
		return cfg
	}
	deps, _ := f.Nearest(path)
	if deps == nil {
		return cfg
	}
	c := &analyzer.Config{}
	if cfg != nil {
		cp := *cfg
		c = &cp
	}
	c.Packages = deps
	return c
}

// Apply returns cfg with Packages set from the package.json nearest path,
// unless the configuration sets them itself or there is none. Configs are
// shared by many files: Apply returns one copy per configuration and
// package.json, so results cached per configuration stay apart.
func (f *Finder) Apply(cfg *analyzer.Config, path string) *analyzer.Config {
	if cfg != nil && cfg.Packages != nil {
		return cfg
	}
	deps, dir := f.Nearest(path)
	if deps == nil {
		return cfg
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cfgs == nil {
		f.cfgs = map[cfgKey]*analyzer.Config{}
	}
	k := cfgKey{cfg, dir}
	if c, ok := f.cfgs[k]; ok {
		return c
	}
	c := &analyzer.Config{}
	if cfg != nil {
		cp := *cfg
		c = &cp
	}
	c.Packages = deps
	f.cfgs[k] = c
	return c
}
