package main

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/cache"
)

var cacheTree = map[string]string{
	"src/a.js":    "const x = 1;\nleak(x);\n",
	"src/b.js":    "bad();\n",
	"src/c.js":    "const fine = 1;\n",
	"src/boom.js": "boom();\n", // an internal error: never cached
	"d.vue":       "<template/>\n<script>\nleak();\n</script>\n",
	"empty.vue":   "<template/>\n", // skipped by the engine: cached too
}

var reusedLine = regexp.MustCompile(`leakwatch: cache: (\d+) of (\d+) files reused from ([^\n]+)\n`)

// reused returns how many files -v says came from the cache, and drops the
// line, so the rest of stderr can be compared between runs.
func reused(t *testing.T, r *result) (hits, files int) {
	t.Helper()
	m := reusedLine.FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("no cache line in stderr:\n%s", r)
	}
	r.stderr = strings.Replace(r.stderr, m[0], "", 1)
	hits, _ = strconv.Atoi(m[1])
	files, _ = strconv.Atoi(m[2])
	return hits, files
}

func TestCacheWarmRunIsIdentical(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, cacheTree)
	loc := filepath.Join(t.TempDir(), "lw.cache")
	for _, format := range []string{"text", "json", "sarif", "github"} {
		os.Remove(loc)
		cold := lw(t, dir, "-v", "--format", format, "--cache", "--cache-location", loc)
		expectCode(t, cold, exitInternal) // boom()
		if h, n := reused(t, &cold); h != 0 || n != 6 {
			t.Errorf("%s: cold run reused %d of %d", format, h, n)
		}
		warm := lw(t, dir, "-v", "--format", format, "--cache", "--cache-location", loc)
		// Every file but the one with an internal error.
		if h, n := reused(t, &warm); h != 5 || n != 6 {
			t.Errorf("%s: warm run reused %d of %d", format, h, n)
		}
		if warm.stdout != cold.stdout || warm.stderr != cold.stderr || warm.code != cold.code {
			t.Errorf("%s: warm run differs.\ncold:\n%s\nwarm:\n%s", format, cold, warm)
		}
	}
	// Without --cache nothing is read or written, as in ESLint, even
	// with a location.
	os.Remove(loc)
	r := lw(t, dir, "-v", "--cache-location", loc)
	if strings.Contains(r.stderr, "cache") {
		t.Errorf("no --cache, yet:\n%s", r.stderr)
	}
	if _, err := os.Stat(loc); err == nil {
		t.Error("--cache-location alone wrote a cache")
	}
}

func TestCacheReanalysesWhatChanged(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, cacheTree)
	loc := filepath.Join(t.TempDir(), "lw.cache")
	args := []string{"-v", "--no-frame", "--cache", "--cache-location", loc, "src/a.js", "src/b.js", "src/c.js"}
	lw(t, dir, args...)

	// A changed file.
	write(t, dir, map[string]string{"src/c.js": "const fine = 1;\nleak(fine);\n"})
	r := lw(t, dir, args...)
	if h, n := reused(t, &r); h != 2 || n != 3 {
		t.Errorf("after an edit: reused %d of %d", h, n)
	}
	if !strings.Contains(r.stdout, "src/c.js:2:1: warning: leak() leaks") {
		t.Errorf("the edit is not reported:\n%s", r)
	}

	// A configuration that applies to some files.
	write(t, dir, map[string]string{"src/.leakwatch.json": `{"rules": {"test-leak": "error"}}`})
	r = lw(t, dir, args...)
	if h, _ := reused(t, &r); h != 0 {
		t.Errorf("after a config change: reused %d", h)
	}
	if !strings.Contains(r.stdout, "src/a.js:2:1: error: leak() leaks") {
		t.Errorf("the config change is not applied:\n%s", r)
	}
	// Options and owners count too, not only severities.
	write(t, dir, map[string]string{"src/.leakwatch.json": `{"rules": {"test-leak": "error"}, "owners": {"teardownMethods": ["release"]}}`})
	r = lw(t, dir, args...)
	if h, _ := reused(t, &r); h != 0 {
		t.Errorf("after an owners change: reused %d", h)
	}

	// --rules changes the rule set: nothing reused; back again: all.
	r = lw(t, dir, append(args, "--rules", "-test-bad")...)
	if h, _ := reused(t, &r); h != 0 {
		t.Errorf("--rules: reused %d", h)
	}
	if strings.Contains(r.stdout, "test-bad") {
		t.Errorf("--rules -test-bad: a cached test-bad finding came back:\n%s", r)
	}
	// One entry per file: the last run's.
	r = lw(t, dir, args...)
	if h, _ := reused(t, &r); h != 0 {
		t.Errorf("after --rules: reused %d", h)
	}
	r = lw(t, dir, args...)
	if h, _ := reused(t, &r); h != 3 {
		t.Errorf("reused %d", h)
	}
	r = lw(t, dir, append(args, "--rules", "-unused-suppression")...)
	if h, _ := reused(t, &r); h != 0 {
		t.Errorf("hiding a meta rule: reused %d", h)
	}
}

func TestCacheCorruptFileIsIgnored(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, cacheTree)
	loc := filepath.Join(t.TempDir(), "lw.cache")
	want := lw(t, dir, "--cache", "--cache-location", loc, "src")
	data, err := os.ReadFile(loc)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"garbage":   []byte("\x00\x01 not a cache \xff"),
		"truncated": data[:len(data)-7],
	} {
		if err := os.WriteFile(loc, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		// Quiet without -v, and the same report.
		r := lw(t, dir, "--cache", "--cache-location", loc, "src")
		if r.stdout != want.stdout || r.stderr != want.stderr || r.code != want.code {
			t.Errorf("%s: the report changed:\n%s\nwant:\n%s", name, r, want)
		}
		if err := os.WriteFile(loc, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		r = lw(t, dir, "-v", "--cache", "--cache-location", loc, "src")
		if !strings.Contains(r.stderr, "leakwatch: ignoring the cache "+loc) {
			t.Errorf("%s: no -v note:\n%s", name, r.stderr)
		}
		r = lw(t, dir, "-v", "--cache", "--cache-location", loc, "src")
		if h, _ := reused(t, &r); h != 3 {
			t.Errorf("%s: the cache was not rewritten: reused %d", name, h)
		}
	}
	// A cache that cannot be written is a note, not a failure.
	ro := filepath.Join(t.TempDir(), "is-a-file")
	write(t, filepath.Dir(ro), map[string]string{"is-a-file": ""})
	r := lw(t, dir, "--cache", "--cache-location", filepath.Join(ro, "lw.cache"), "src")
	if r.code != want.code || r.stdout != want.stdout || !strings.Contains(r.stderr, "was not saved") {
		t.Errorf("unwritable cache:\n%s", r)
	}
}

func TestCacheIsPortable(t *testing.T) {
	base := t.TempDir()
	first := filepath.Join(base, "checkout-1")
	write(t, first, cacheTree)
	write(t, first, map[string]string{"src/.leakwatch.json": `{"rules": {"test-bad": "warning"}}`})
	// In the tree, as a CI cache step restores it.
	args := []string{"-v", "--cache", "--cache-location", ".leakwatch-cache"}
	cold := lw(t, first, args...)
	reused(t, &cold)

	second := filepath.Join(base, "elsewhere", "checkout-2")
	if err := os.MkdirAll(filepath.Dir(second), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(first, second); err != nil {
		t.Fatal(err)
	}
	warm := lw(t, second, args...)
	if h, n := reused(t, &warm); h != 5 || n != 6 {
		t.Errorf("moved tree: reused %d of %d", h, n)
	}
	if warm.stdout != cold.stdout || warm.stderr != cold.stderr {
		t.Errorf("moved tree: report differs.\ncold:\n%s\nwarm:\n%s", cold, warm)
	}
	// The cache file is no file to analyse, and holds no absolute path.
	data, err := os.ReadFile(filepath.Join(second, ".leakwatch-cache"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), base) {
		t.Error("the cache file holds an absolute path")
	}
}

func TestCacheDefaultLocation(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, cacheTree)
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", home)
	r := lw(t, dir, "-v", "--cache", "src/a.js")
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(home, "leakwatch", defaultCacheName(real))
	if _, err := os.Stat(want); err != nil {
		t.Fatalf("no cache at %s: %v\n%s", want, err, r)
	}
	// A folder given as the location gets the same name inside it.
	loc := t.TempDir()
	lw(t, dir, "--cache", "--cache-location", loc+"/", "src/a.js")
	if _, err := os.Stat(filepath.Join(loc, defaultCacheName(real))); err != nil {
		t.Error(err)
	}
}

func TestCacheWithFix(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, cacheTree)
	loc := filepath.Join(t.TempDir(), "lw.cache")
	lw(t, dir, "--cache", "--cache-location", loc, "src")

	// The cached result of a.js has a fix: --fix analyses a.js again and
	// writes it; unchanged files with nothing to fix come from the cache
	// (boom.js, with its internal error, never does).
	r := lw(t, dir, "-v", "--fix", "--cache", "--cache-location", loc, "src")
	if h, n := reused(t, &r); h != 2 || n != 4 {
		t.Errorf("--fix: reused %d of %d", h, n)
	}
	if got := read(t, filepath.Join(dir, "src/a.js")); got != "const x = 1;\nnoleak(x);\n" {
		t.Errorf("not fixed: %q", got)
	}
	// The fixed file's new content was cached with its new result.
	r = lw(t, dir, "-v", "--cache", "--cache-location", loc, "src")
	if h, _ := reused(t, &r); h != 3 {
		t.Errorf("after --fix: reused %d", h)
	}
	if strings.Contains(r.stdout, "src/a.js") {
		t.Errorf("a stale finding for the fixed file:\n%s", r)
	}
}

func TestCacheDropsEntriesOfVanishedFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, cacheTree)
	loc := filepath.Join(t.TempDir(), "lw.cache")
	all := "d.vue empty.vue src/a.js src/b.js src/c.js" // boom.js: never cached
	lw(t, dir, "--cache", "--cache-location", loc)
	if got := cachedKeys(t, dir, loc); got != all {
		t.Errorf("cached: %s", got)
	}

	// A run over one file keeps the entries of the others, which still
	// exist, as a pre-commit hook's run should.
	lw(t, dir, "--cache", "--cache-location", loc, "src/a.js")
	if got := cachedKeys(t, dir, loc); got != all {
		t.Errorf("after a run over one file: %s", got)
	}

	// Deleted and newly ignored files lose their entries.
	if err := os.Remove(filepath.Join(dir, "src/b.js")); err != nil {
		t.Fatal(err)
	}
	write(t, dir, map[string]string{".gitignore": "d.vue\n"})
	lw(t, dir, "--cache", "--cache-location", loc)
	if got := cachedKeys(t, dir, loc); got != "empty.vue src/a.js src/c.js" {
		t.Errorf("after deleting and ignoring: %s", got)
	}
}

// cachedKeys lists the files of cacheTree the cache at loc has an entry
// for, under the settings of a default run.
func cachedKeys(t *testing.T, dir, loc string) string {
	t.Helper()
	c, note := cache.Open[cachedResult](loc, cacheTool())
	if note != "" {
		t.Fatal(note)
	}
	var keys []string
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	pf := newProjectFacts(real, nil, nil)
	for key, content := range cacheTree {
		settings := withFacts(settingsOf(t, dir), pf.Digest(filepath.Join(real, filepath.FromSlash(key)), []byte(content)))
		if _, ok := c.Get(key, cache.Hash([]byte(content)), settings); ok {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	return strings.Join(keys, " ")
}

// settingsOf is the settings hash of a default run in dir.
func settingsOf(t *testing.T, dir string) cache.Sum {
	t.Helper()
	eng := newEngine()
	sel, err := parseRuleSelection("", eng)
	if err != nil {
		t.Fatal(err)
	}
	rc, _ := openResultCache(filepath.Join(t.TempDir(), "unused"), eng, sel, wantedFixes(&checkOptions{format: "text"}, eng))
	return rc.settingsHash(sel.apply(nil, eng))
}
