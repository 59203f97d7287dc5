package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/leakwatch/leakwatch/analyzer/facts"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/internal/cache"
)

// projectFacts gives each checked file the facts of the files it imports.
// A project is the folder holding .git above a file, or else the run's
// root; imports are resolved inside it only. Facts are computed on demand,
// for the modules the checked files import, and kept in the --cache file.
type projectFacts struct {
	runRoot string
	store   facts.Store // nil without --cache
	warn    func(string)

	mu       sync.Mutex
	programs map[string]*facts.Program // by project root
	roots    map[string]string         // folder -> project root
}

func newProjectFacts(runRoot string, store facts.Store, warn func(string)) *projectFacts {
	return &projectFacts{runRoot: runRoot, store: store, warn: warn,
		programs: map[string]*facts.Program{}, roots: map[string]string{}}
}

// program returns the program of the project abs belongs to.
func (pf *projectFacts) program(abs string) *facts.Program {
	root := pf.rootOf(filepath.Dir(abs))
	pf.mu.Lock()
	defer pf.mu.Unlock()
	p, ok := pf.programs[root]
	if !ok {
		p = facts.NewProgram(root, nil, pf.warn)
		p.Store = pf.store
		pf.programs[root] = p
	}
	return p
}

// For answers questions about the imports of the file at abs.
func (pf *projectFacts) For(abs string) lifecycle.Imports {
	if pf == nil || abs == "" {
		return nil
	}
	return pf.program(abs).For(abs)
}

// Digest identifies the facts the file at abs can depend on.
func (pf *projectFacts) Digest(abs string, src []byte) cache.Sum {
	if pf == nil || abs == "" {
		return cache.Sum{}
	}
	return pf.program(abs).Digest(abs, src)
}

func (pf *projectFacts) rootOf(dir string) string {
	pf.mu.Lock()
	defer pf.mu.Unlock()
	return pf.rootOfLocked(dir)
}

func (pf *projectFacts) rootOfLocked(dir string) string {
	if r, ok := pf.roots[dir]; ok {
		return r
	}
	var root string
	if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		root = dir
	} else if dir == pf.runRoot {
		root = dir
	} else if parent := filepath.Dir(dir); parent != dir {
		root = pf.rootOfLocked(parent)
		if !under(dir, root) {
			root = dir
		}
	} else {
		root = dir
	}
	if root == string(filepath.Separator) && under(dir, pf.runRoot) {
		root = pf.runRoot
	}
	pf.roots[dir] = root
	return root
}

func under(p, root string) bool {
	return p == root || strings.HasPrefix(p, root+string(filepath.Separator))
}

// withFacts combines a file's settings hash with the digest of the facts
// its analysis can depend on.
func withFacts(settings, digest cache.Sum) cache.Sum {
	return cache.Hash(append(settings[:], digest[:]...))
}

// factsKeyPrefix marks the cache entries that hold facts (the others hold
// results); the rest of the key is the file's path relative to the run's
// root.
const factsKeyPrefix = "facts:"

// factsSettings versions facts entries: facts of another layout are never
// reused.
var factsSettings = cache.Sum(sha256.Sum256([]byte(fmt.Sprintf("facts %d", facts.Version))))

// factsStore keeps facts in the result cache file.
type factsStore struct {
	rc   *resultCache
	root runRoot
}

func (s factsStore) key(path string) string { return factsKeyPrefix + s.root.key(path) }

func (s factsStore) GetFacts(path string, content facts.Sum) (*facts.Module, bool) {
	v, ok := s.rc.c.Get(s.key(path), content, factsSettings)
	return v.Facts, ok && v.Facts != nil
}

func (s factsStore) PutFacts(path string, content facts.Sum, m *facts.Module) {
	s.rc.c.Put(s.key(path), content, factsSettings, cachedResult{Facts: m})
}

// note says, for -v, how much reading facts cost.
func (pf *projectFacts) note() string {
	if pf == nil {
		return ""
	}
	pf.mu.Lock()
	defer pf.mu.Unlock()
	read, parsed := 0, 0
	for _, p := range pf.programs {
		r, n := p.Stats()
		read, parsed = read+r, parsed+n
	}
	return fmt.Sprintf("facts: %d imported files read, %d parsed for facts", read, parsed)
}
