// Package cache keeps the results of analysing files between runs, in one
// file, so a run over unchanged files only reads and hashes them.
//
// An entry is found by the file's path relative to the run's root and used
// only when the hash of the file's bytes (Hash) and that of the settings
// that applied to it (configuration, enabled rules) both match; the whole file
// is tied to one build of the tool, so a different or rebuilt binary never
// reuses results. Nothing in it depends on where the tree is or on file
// times, so the file can move between machines with the tree (a CI cache
// step restoring it, a checkout in another folder).
//
// The cache is an optimisation and never a reason to fail: a missing,
// unreadable, truncated or corrupt file, or one from another build, is
// treated as empty, and Open says why in a note for -v.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/zeebo/xxh3"
)

// Sum is a 256-bit digest: a SHA-256 (settings, facts), or what Hash
// returns.
type Sum [sha256.Size]byte

// Hash returns the digest of a file's bytes: their XXH3-128 hash and their
// length. A warm run hashes every file it checks, and XXH3 does that about
// seven times as fast as SHA-256 (81 MB: 6 ms against 47 ms on one core).
// The hash tells an edited file from the one cached; that needs no
// protection against files forged to collide, whose author could as well
// suppress the finding in them, while an accidental collision of 128 bits
// is out of reach.
func Hash(data []byte) Sum {
	var s Sum
	h := xxh3.Hash128(data).Bytes()
	copy(s[:], h[:])
	binary.LittleEndian.PutUint64(s[len(h):], uint64(len(data)))
	copy(s[len(h)+8:], "xxh3-128")
	return s
}

// magic starts every cache file; the number is the layout's version, so a
// file written by an incompatible layout is recognised before decoding.
// Version 2: content sums are XXH3-128 (Hash), no longer SHA-256.
var magic = []byte("leakwatch-cache 2\n")

// file is what the cache file holds after magic and the checksum.
type file[V any] struct {
	Tool    string
	Entries map[string]entry[V]
}

type entry[V any] struct {
	Content  Sum
	Settings Sum
	Value    V
}

// Cache holds the entries read from the file and those of this run. It is
// safe for concurrent use.
type Cache[V any] struct {
	path string
	tool string

	mu      sync.Mutex
	old     map[string]entry[V]
	cur     map[string]entry[V]
	seen    map[string]bool
	changed bool // cur differs from what the file holds, as far as we know
}

// Open reads the cache file at path for tool (a string naming this exact
// build). It never fails: when the file cannot be used, the cache starts
// empty and note says why (for -v); a file that does not exist yet gets no
// note.
func Open[V any](path, tool string) (c *Cache[V], note string) {
	c = &Cache[V]{path: path, tool: tool, old: map[string]entry[V]{}, cur: map[string]entry[V]{}, seen: map[string]bool{}}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.changed = true
		return c, ""
	case err != nil:
		c.changed = true
		return c, fmt.Sprintf("cannot read the cache %s (%v); analysing every file", path, err)
	}
	f, why := decode[V](data)
	switch {
	case why != "":
		c.changed = true
		return c, fmt.Sprintf("ignoring the cache %s: %s; analysing every file", path, why)
	case f.Tool != tool:
		c.changed = true
		return c, fmt.Sprintf("the cache %s was written by another build of leakwatch (%s, this is %s); analysing every file", path, f.Tool, tool)
	}
	if f.Entries != nil {
		c.old = f.Entries
	}
	return c, ""
}

// decode checks and decodes a cache file's bytes, or says what is wrong.
func decode[V any](data []byte) (f file[V], why string) {
	if !bytes.HasPrefix(data, magic) {
		return f, "not a leakwatch cache file, or one from an incompatible version"
	}
	rest := data[len(magic):]
	if len(rest) < sha256.Size {
		return f, "the file is truncated"
	}
	sum, body := rest[:sha256.Size], rest[sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return f, "the file is corrupt (checksum mismatch)"
	}
	defer func() {
		// The checksum makes this unreachable short of a bug in gob or a
		// colliding file; a cache must still never crash the run.
		if p := recover(); p != nil {
			f, why = file[V]{}, fmt.Sprintf("the file cannot be decoded (%v)", p)
		}
	}()
	if err := gob.NewDecoder(bytes.NewReader(body)).Decode(&f); err != nil {
		return file[V]{}, fmt.Sprintf("the file cannot be decoded (%v)", err)
	}
	return f, ""
}

// Get returns the value stored for key when it was computed from the same
// content under the same settings. Either way the key counts as seen in
// this run; a hit is kept for the next run.
func (c *Cache[V]) Get(key string, content, settings Sum) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[key] = true
	if e, ok := c.cur[key]; ok && e.Content == content && e.Settings == settings {
		return e.Value, true
	}
	if e, ok := c.old[key]; ok && e.Content == content && e.Settings == settings {
		c.cur[key] = e
		return e.Value, true
	}
	var zero V
	return zero, false
}

// Put stores the value computed for key from content under settings.
func (c *Cache[V]) Put(key string, content, settings Sum, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[key] = true
	c.cur[key] = entry[V]{Content: content, Settings: settings, Value: v}
	c.changed = true
}

// Forget marks key as seen without a value: whatever the file held for it
// is dropped (the file changed and its new result is not worth keeping).
func (c *Cache[V]) Forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[key] = true
	delete(c.cur, key)
}

// Save writes the cache file, atomically (a temporary file renamed over
// it), when anything changed. Entries of this run are kept; an entry of
// the old file not seen in this run is kept only when keep says so (its
// file still exists and this run did not cover it), so the file stays as
// large as the tree and no larger.
func (c *Cache[V]) Save(keep func(key string) bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]entry[V], len(c.cur))
	for k, e := range c.cur {
		out[k] = e
	}
	changed := c.changed
	keys := make([]string, 0, len(c.old))
	for k := range c.old {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		_, inCur := c.cur[k]
		switch {
		case inCur:
			// A hit (unchanged) or a Put (which set changed).
		case !c.seen[k] && keep != nil && keep(k):
			out[k] = c.old[k]
		default:
			changed = true // dropped
		}
	}
	if !changed {
		return nil
	}
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(file[V]{Tool: c.tool, Entries: out}); err != nil {
		return fmt.Errorf("encoding the cache: %w", err)
	}
	sum := sha256.Sum256(body.Bytes())
	if err := writeAtomic(c.path, magic, sum[:], body.Bytes()); err != nil {
		return err
	}
	c.old, c.cur, c.seen, c.changed = out, map[string]entry[V]{}, map[string]bool{}, false
	return nil
}

// writeAtomic replaces path with the concatenated parts through a
// temporary file in the same folder, so a reader (another run) sees the
// old file or the new one, never half of one.
func writeAtomic(path string, parts ...[]byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating the cache folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing the cache: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	for _, p := range parts {
		if _, err := tmp.Write(p); err != nil {
			return fmt.Errorf("writing the cache: %w", err)
		}
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("writing the cache: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing the cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing the cache: %w", err)
	}
	return nil
}
