package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type value struct {
	Msg   string
	Lines []int
}

func sums(content, settings string) (Sum, Sum) { return Hash([]byte(content)), Hash([]byte(settings)) }

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "c.cache") // the folder is created
	c, note := Open[value](path, "tool 1")
	if note != "" {
		t.Errorf("a missing file gets a note: %s", note)
	}
	a, s := sums("a", "s")
	if _, ok := c.Get("a.js", a, s); ok {
		t.Fatal("hit in an empty cache")
	}
	c.Put("a.js", a, s, value{"x", []int{1, 2}})
	if err := c.Save(nil); err != nil {
		t.Fatal(err)
	}

	c, note = Open[value](path, "tool 1")
	if note != "" {
		t.Errorf("note: %s", note)
	}
	v, ok := c.Get("a.js", a, s)
	if !ok || v.Msg != "x" || len(v.Lines) != 2 {
		t.Errorf("Get = %+v, %v", v, ok)
	}
	// Other content, other settings, other path: misses.
	b, s2 := sums("b", "s2")
	for _, k := range []struct {
		key  string
		c, s Sum
	}{{"a.js", b, s}, {"a.js", a, s2}, {"b.js", a, s}} {
		if _, ok := c.Get(k.key, k.c, k.s); ok {
			t.Errorf("hit for %+v", k)
		}
	}
}

func TestUnchangedCacheIsNotRewritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.cache")
	c, _ := Open[value](path, "t")
	a, s := sums("a", "s")
	c.Put("a.js", a, s, value{Msg: "x"})
	if err := c.Save(nil); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	c, _ = Open[value](path, "t")
	c.Get("a.js", a, s)
	if err := c.Save(nil); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if !os.SameFile(before, after) {
		t.Error("a run with only hits replaced the cache file")
	}
}

func TestEntriesNotSeenAreKeptOnlyWhenAsked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.cache")
	c, _ := Open[value](path, "t")
	a, s := sums("a", "s")
	for _, k := range []string{"kept.js", "dropped.js", "seen.js", "forgotten.js"} {
		c.Put(k, a, s, value{Msg: k})
	}
	if err := c.Save(nil); err != nil {
		t.Fatal(err)
	}
	c, _ = Open[value](path, "t")
	c.Get("seen.js", a, s)
	c.Forget("forgotten.js")
	var asked []string
	if err := c.Save(func(k string) bool { asked = append(asked, k); return k == "kept.js" }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(asked, " ") != "dropped.js kept.js" {
		t.Errorf("keep asked about %v; only entries not seen in the run are its to decide", asked)
	}
	c, _ = Open[value](path, "t")
	for k, want := range map[string]bool{"kept.js": true, "dropped.js": false, "seen.js": true, "forgotten.js": false} {
		if _, ok := c.Get(k, a, s); ok != want {
			t.Errorf("%s: present %v, want %v", k, ok, want)
		}
	}
}

func TestAnotherBuildStartsAfresh(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.cache")
	c, _ := Open[value](path, "v1 build-a")
	a, s := sums("a", "s")
	c.Put("a.js", a, s, value{Msg: "old"})
	if err := c.Save(nil); err != nil {
		t.Fatal(err)
	}
	c, note := Open[value](path, "v1 build-b")
	if !strings.Contains(note, "another build") {
		t.Errorf("note = %q", note)
	}
	if _, ok := c.Get("a.js", a, s); ok {
		t.Error("a result of another build was reused")
	}
	if err := c.Save(nil); err != nil {
		t.Fatal(err)
	}
	if _, note := Open[value](path, "v1 build-b"); note != "" {
		t.Errorf("the cache was not rewritten for the new build: %s", note)
	}
}

func TestCorruptFilesAreIgnored(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.cache")
	c, _ := Open[value](good, "t")
	a, s := sums("a", "s")
	c.Put("a.js", a, s, value{Msg: "x", Lines: []int{1, 2, 3}})
	if err := c.Save(nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(data)
	flipped[len(flipped)-3] ^= 0x40
	// A body whose checksum matches but which is not what gob expects.
	badBody := append(append([]byte(nil), magic...), make([]byte, 32)...)
	junk := []byte("\x07\xff\x81garbage")
	sum := sha256.Sum256(junk)
	badBody = append(append(badBody[:len(magic)], sum[:]...), junk...)
	for name, content := range map[string][]byte{
		"empty":     {},
		"garbage":   []byte("{\"not\": \"a cache\"}"),
		"old magic": append([]byte("leakwatch-cache 0\n"), data[len(magic):]...),
		// Version 1 hashed contents with SHA-256: its sums never match.
		"version 1": append([]byte("leakwatch-cache 1\n"), data[len(magic):]...),
		"truncated": data[:len(data)/2],
		"header":    data[:len(magic)+10],
		"flipped":   flipped,
		"bad body":  badBody,
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".cache")
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		c, note := Open[value](path, "t")
		if note == "" || !strings.Contains(note, "ignoring the cache") {
			t.Errorf("%s: note = %q", name, note)
		}
		if name == "bad body" && !strings.Contains(note, "cannot be decoded") {
			t.Errorf("bad body: the checksum did not match, so gob never saw it: %q", note)
		}
		if _, ok := c.Get("a.js", a, s); ok {
			t.Errorf("%s: hit from a corrupt file", name)
		}
		// The run goes on and replaces the file with a good one.
		c.Put("a.js", a, s, value{Msg: "new"})
		if err := c.Save(nil); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if c, note := Open[value](path, "t"); note != "" {
			t.Errorf("%s: not repaired: %s", name, note)
		} else if v, ok := c.Get("a.js", a, s); !ok || v.Msg != "new" {
			t.Errorf("%s: after repair %+v %v", name, v, ok)
		}
	}

	// A folder where the file should be: a note, and saving fails
	// without harm.
	d := filepath.Join(dir, "adir.cache")
	if err := os.Mkdir(d, 0o755); err != nil {
		t.Fatal(err)
	}
	c, note := Open[value](d, "t")
	if note == "" {
		t.Error("no note for a folder")
	}
	c.Put("a.js", a, s, value{})
	if err := c.Save(nil); err == nil {
		t.Error("saving over a folder succeeded")
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, ".*tmp-*")); len(matches) > 0 {
		t.Errorf("temporary files left behind: %v", matches)
	}
}

// TestHash pins Hash to XXH3-128 (the reference value for no bytes, from
// the xxHash project's test vectors) and checks that it tells apart what
// a cache must: one changed byte, one byte more.
func TestHash(t *testing.T) {
	empty := Hash(nil)
	if got := fmt.Sprintf("%x", empty[:16]); got != "99aa06d3014798d86001c324468d497f" {
		t.Errorf("Hash(nil) starts %s, not XXH3-128 of nothing", got)
	}
	src := []byte("window.addEventListener('resize', onResize);\n")
	if Hash(src) != Hash(append([]byte(nil), src...)) {
		t.Error("equal bytes hash differently")
	}
	edited := append([]byte(nil), src...)
	edited[7] = 'X'
	longer := append(append([]byte(nil), src...), 0)
	for name, other := range map[string][]byte{"edited": edited, "longer": longer, "empty": nil} {
		if Hash(other) == Hash(src) {
			t.Errorf("%s: same sum as the original", name)
		}
	}
	if sum := Hash(src); binary.LittleEndian.Uint64(sum[16:24]) != uint64(len(src)) {
		t.Error("the length is not part of the sum")
	}
}
