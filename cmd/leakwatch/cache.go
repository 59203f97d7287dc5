package main

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/facts"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/internal/cache"
	"github.com/leakwatch/leakwatch/internal/walk"
)

// cachedResult is what --cache keeps of one file's analysis: enough to
// report the file again without parsing it. Offsets, not lines and
// columns, as everywhere before the report.
type cachedResult struct {
	Skipped      string
	SkipKind     analyzer.SkipKind
	Diagnostics  []analyzer.Diagnostic
	SyntaxErrors []syntax.SyntaxError
	// Facts is set, and nothing else, in the entries of facts about a
	// file other files import (keys starting with factsKeyPrefix).
	Facts *facts.Module
}

// resultCache is the check's view of the cache file: it keys files by
// their path relative to the run's root and knows the settings hash of
// each configuration.
type resultCache struct {
	c    *cache.Cache[cachedResult]
	path string
	// base is hashed into every settings hash: the engine's rules and
	// their default severities, and the rules --rules hides.
	base []byte

	mu       sync.Mutex
	settings map[*analyzer.Config]cache.Sum

	hits, misses int
}

// defaultCacheName is the cache file for a root: one per project folder,
// so runs in different projects do not evict each other's entries.
func defaultCacheName(root string) string {
	sum := sha256.Sum256([]byte(root))
	return hex.EncodeToString(sum[:8]) + ".cache"
}

// cacheLocation resolves --cache-location: empty means the user cache
// folder (or, without one, a file in the current folder); a folder (an
// existing one, or a path ending in a separator) gets the default name in
// it.
func cacheLocation(flag, root string) string {
	name := defaultCacheName(root)
	if flag == "" {
		if dir, err := os.UserCacheDir(); err == nil && dir != "" {
			return filepath.Join(dir, "leakwatch", name)
		}
		return ".leakwatch-cache"
	}
	if strings.HasSuffix(flag, "/") || strings.HasSuffix(flag, string(filepath.Separator)) {
		return filepath.Join(flag, name)
	}
	if st, err := os.Stat(flag); err == nil && st.IsDir() {
		return filepath.Join(flag, name)
	}
	return flag
}

func openResultCache(path string, eng *analyzer.Engine, sel *ruleSelection, fixes string) (*resultCache, string) {
	c, note := cache.Open[cachedResult](path, cacheTool())
	var base bytes.Buffer
	for _, r := range eng.Rules() {
		fmt.Fprintf(&base, "rule %s %s\n", r.ID, r.Severity)
	}
	var hidden []string
	for id := range sel.hide {
		hidden = append(hidden, id)
	}
	sort.Strings(hidden)
	fmt.Fprintf(&base, "hide %s\n", strings.Join(hidden, ","))
	fmt.Fprintf(&base, "fixes %s\n", fixes)
	return &resultCache{c: c, path: path, base: base.Bytes(), settings: map[*analyzer.Config]cache.Sum{}}, note
}

// settingsHash identifies everything besides a file's bytes that its
// result depends on: the configuration that applies (rule severities and
// options, owners; nil is the defaults) and the base above. Configurations
// are shared by every file of a folder tree, so each is hashed once.
func (rc *resultCache) settingsHash(cfg *analyzer.Config) cache.Sum {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if s, ok := rc.settings[cfg]; ok {
		return s
	}
	h := sha256.New()
	h.Write(rc.base)
	// encoding/json writes map keys sorted, so equal configurations hash
	// equal whichever file they came from; Dir and Path are not written.
	if b, err := json.Marshal(cfg); err == nil {
		h.Write(b)
	} else {
		// Unhashable options: a value no other configuration can match.
		fmt.Fprintf(h, "unhashable %p", cfg)
	}
	var s cache.Sum
	h.Sum(s[:0])
	rc.settings[cfg] = s
	return s
}

func (rc *resultCache) count(hit bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if hit {
		rc.hits++
	} else {
		rc.misses++
	}
}

// cacheable reports whether a result may be reused for the same bytes:
// not when it depends on the machine (a parse that ran out of time, a
// cancelled run) or records a failure of leakwatch itself.
func cacheable(res analyzer.Result) bool {
	if res.Skipped != "" {
		return !res.SkipKind.Transient()
	}
	for _, d := range res.Diagnostics {
		if d.Rule == analyzer.RuleInternalError {
			return false
		}
	}
	return true
}

var (
	toolOnce sync.Once
	toolID   string
)

// cacheTool names this exact build for the cache: the version and the
// executable's build ID, which changes whenever any of the code compiled
// into it does, so a rebuilt binary never trusts results of the old one.
func cacheTool() string {
	toolOnce.Do(func() { toolID = versionString() + " " + executableID() })
	return toolID
}

// executableID returns the Go build ID of the running executable, or a
// hash of its bytes where none can be found.
func executableID() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	if id := goBuildID(exe); id != "" {
		return id
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown"
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// goBuildID reads the build ID the Go linker records: in an ELF note, or
// (other formats) as a marked string near the start of the file.
func goBuildID(exe string) string {
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if data, err := s.Data(); err == nil && len(data) > 16 {
				// namesz, descsz, type (4 bytes each), then "Go\x00\x00".
				n := int(f.ByteOrder.Uint32(data[4:8]))
				if bytes.Equal(data[12:16], []byte("Go\x00\x00")) && 16+n <= len(data) {
					return string(data[16 : 16+n])
				}
			}
		}
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	prefix := []byte("\xff Go build ID: \"")
	i := bytes.Index(head, prefix)
	if i < 0 {
		return ""
	}
	rest := head[i+len(prefix):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

// entryKey is a walk entry's path relative to the run's root, as --shard
// and the cache know it.
func (c *checker) entryKey(e walk.Entry) string {
	if e.Abs == "" {
		return filepath.ToSlash(e.Path)
	}
	return c.root.key(e.Abs)
}

// cached looks a file's bytes up in the cache. It returns the key and
// hashes to store a new result under, and the result when there is one
// this run may use.
func (c *checker) cached(j *job, data []byte) (key string, content, settings cache.Sum, res analyzer.Result, hit bool) {
	key = c.entryKey(j.entry)
	content = cache.Hash(data)
	settings = c.cache.settingsHash(j.cfg)
	if c.facts != nil {
		// The result also depends on the facts of what the file imports.
		settings = withFacts(settings, c.facts.Digest(j.entry.Abs, data))
	}
	v, ok := c.cache.c.Get(key, content, settings)
	// --fix needs the analysis itself to fix from: a cached result with
	// something to fix is analysed again (and the fixed file cached).
	if ok && c.opts.fix && c.countFixable(v.Diagnostics) > 0 {
		ok = false
	}
	c.cache.count(ok)
	if !ok {
		return key, content, settings, res, false
	}
	return key, content, settings, analyzer.Result{Path: j.entry.Path, Skipped: v.Skipped, SkipKind: v.SkipKind, Diagnostics: v.Diagnostics, SyntaxErrors: v.SyntaxErrors}, true
}

// store keeps a fresh result for the next run, or drops the file's old
// entry when the result must not be reused.
func (c *checker) store(key string, content, settings cache.Sum, res analyzer.Result) {
	if !cacheable(res) {
		c.cache.c.Forget(key)
		return
	}
	c.cache.c.Put(key, content, settings, cachedResult{Skipped: res.Skipped, SkipKind: res.SkipKind, Diagnostics: res.Diagnostics, SyntaxErrors: res.SyntaxErrors})
}

// saveCache writes the cache at the end of a complete run. Entries of
// files this run did not see are kept only for files that still exist
// outside what it covered (other paths, other shards), so a pre-commit
// run over a few files does not empty the cache of a full one, and the
// cache never outgrows the tree.
func (c *checker) saveCache() {
	if c.cache == nil {
		return
	}
	if c.opts.verbose {
		rc := c.cache
		fmt.Fprintf(c.stderr, "leakwatch: cache: %d of %d files reused from %s\n", rc.hits, rc.hits+rc.misses, displayPath(rc.path))
	}
	// The paths this run covered, absolute and real, found only when an
	// entry this run did not see asks: a warm run sees every entry, and
	// resolving thousands of named files took a fifth of its time.
	var (
		rootsOnce sync.Once
		roots     []string
	)
	covered := func() []string {
		rootsOnce.Do(func() {
			for _, p := range c.opts.paths {
				if abs, err := filepath.Abs(p); err == nil {
					roots = append(roots, abs)
					if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
						roots = append(roots, real)
					}
				}
			}
		})
		return roots
	}
	keep := func(key string) bool {
		if rest, ok := strings.CutPrefix(key, factsKeyPrefix); ok {
			// Facts of a file this run did not need: kept while it exists.
			_, err := os.Lstat(filepath.Join(c.root.real, filepath.FromSlash(rest)))
			return err == nil
		}
		abs := filepath.Join(c.root.real, filepath.FromSlash(key))
		if _, err := os.Lstat(abs); err != nil {
			return false
		}
		if !c.opts.shard.owns(key) {
			return true
		}
		for _, r := range covered() {
			if abs == r || strings.HasPrefix(abs, r+string(filepath.Separator)) || r == string(filepath.Separator) {
				return false
			}
		}
		return true
	}
	if err := c.cache.c.Save(keep); err != nil {
		fmt.Fprintf(c.stderr, "leakwatch: note: the cache %s was not saved (%v); the next run with --cache analyses every file again\n", displayPath(c.cache.path), err)
	}
}
