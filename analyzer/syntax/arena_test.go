package syntax

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// arenaSources are texts that exercise the parser's allocations: error
// recovery, deep nesting, long lists (children arrays past the arena's
// small-block limit), templates, JSX and types, and the fixtures.
func arenaSources(t *testing.T) map[string]string {
	t.Helper()
	srcs := map[string]string{
		"broken.ts":  strings.Repeat("function f(a: { b: [c, d }) { if (x) { y(; }\nclass C<T> { m() { return <T>(z as any); } }\n", 300),
		"deep.js":    strings.Repeat("(", 3000) + "x" + strings.Repeat(")", 3000),
		"list.js":    "const big = [" + strings.Repeat("1, 'two', { three: 3 }, ", 20000) + "];\n",
		"tmpl.js":    strings.Repeat("const s = `a ${b + `c ${d}`} e`;\n", 2000),
		"view.tsx":   strings.Repeat("export const V = (p: Props) => <div onClick={() => p.go(1)}>{p.items.map(i => <span key={i}>{i}</span>)}</div>;\n", 500),
		"empty.js":   "",
		"garbage.js": strings.Repeat("}{)(][<>/*`'\"\\", 4000),
	}
	files, err := filepath.Glob("../../testdata/rules/*/*")
	if err != nil || len(files) < 50 {
		t.Fatalf("fixtures: %d files, %v", len(files), err)
	}
	for _, f := range files {
		if !strings.HasSuffix(f, ".js") && !strings.HasSuffix(f, ".ts") && !strings.HasSuffix(f, ".tsx") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = string(data)
	}
	return srcs
}

// A parse in the arena gives exactly the records of a parse with the C
// library's allocator (ParseKept's pooled parser), for every source.
func TestParseInArenaMatchesPooledParser(t *testing.T) {
	for name, src := range arenaSources(t) {
		lang := langOf(name)
		got := mustParse(t, lang, src)
		want, kept, err := ParseKept(context.Background(), lang, []byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		kept.Close()
		if len(got.recs) != len(want.recs) {
			t.Fatalf("%s: %d records in the arena, %d with malloc", name, len(got.recs), len(want.recs))
		}
		for i := range got.recs {
			if got.recs[i] != want.recs[i] {
				t.Fatalf("%s: record %d is %+v in the arena, %+v with malloc", name, i, got.recs[i], want.recs[i])
			}
		}
	}
}

// A parse flattens into the memory of trees released before it
// (pool.go), whatever they held, and gives what a fresh parse gives; so
// does a parse that holds Go's heap, which flattens into C memory and
// copies. A released tree panics when used rather than read another
// tree's records.
func TestParseIntoReleasedMemory(t *testing.T) {
	srcs := arenaSources(t)
	want := map[string][]record{}
	for name, src := range srcs {
		tr, kept, err := ParseKept(context.Background(), langOf(name), []byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		kept.Close()
		want[name] = tr.recs
	}
	for round := 0; round < 3; round++ {
		// Map order differs between rounds: each parse gets memory some
		// other tree was released from.
		for name, src := range srcs {
			got, err := Parse(context.Background(), langOf(name), []byte(src), Options{HoldGoHeap: round == 2})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.recs) != len(want[name]) {
				t.Fatalf("round %d, %s: %d records, a fresh parse %d", round, name, len(got.recs), len(want[name]))
			}
			for i := range got.recs {
				if got.recs[i] != want[name][i] {
					t.Fatalf("round %d, %s: record %d is %+v, a fresh parse's %+v", round, name, i, got.recs[i], want[name][i])
				}
			}
			// A subtree ends past its node and all its descendants,
			// counted here from the parent links alone.
			size := make([]int, len(got.recs))
			for i := len(got.recs) - 1; i >= 0; i-- {
				size[i]++
				if p := got.recs[i].parent; p >= 0 {
					size[p] += size[i]
				}
			}
			for i, end := range got.ends {
				if int(end) != i+size[i] {
					t.Fatalf("round %d, %s: node %d's subtree ends at %d, want %d", round, name, i, end, i+size[i])
				}
			}
			root := got.Root()
			got.Release()
			func() {
				defer func() {
					if recover() == nil {
						t.Errorf("%s: a released tree's root gave its kind", name)
					}
				}()
				_ = root.Kind()
			}()
		}
	}
}

// Parses in arenas on several threads at once, beside incremental parses
// that use the C library's allocator, each give what a parse alone gives
// (run under -race by the test script).
func TestParseInArenaConcurrently(t *testing.T) {
	srcs := arenaSources(t)
	want := map[string]*Tree{}
	var names []string
	for name, src := range srcs {
		want[name] = mustParse(t, langOf(name), src)
		names = append(names, name)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(names); i += 8 {
				name := names[i]
				lang := langOf(name)
				var got *Tree
				var err error
				if w%2 == 0 {
					got, err = Parse(context.Background(), lang, []byte(srcs[name]), Options{})
				} else {
					inc := NewIncremental(lang)
					got, err = inc.Parse(context.Background(), []byte(srcs[name]), Options{})
					inc.Close()
				}
				if err != nil {
					errs <- err
					return
				}
				if len(got.recs) != len(want[name].recs) {
					errs <- fmt.Errorf("%s: %d records, alone %d", name, len(got.recs), len(want[name].recs))
					return
				}
				for j := range got.recs {
					if got.recs[j] != want[name].recs[j] {
						errs <- fmt.Errorf("%s: record %d differs", name, j)
						return
					}
				}
				got.Release() // the next parse on any goroutine may take its memory
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// The arenas keep a bounded number of chunks for the next parse and hand
// the rest of a large tree's back.
func TestArenaKeepsFewChunks(t *testing.T) {
	big := strings.Repeat("export function f(a, b) { return a.map((x) => ({ x, y: b[x] ?? [x, x + 1] })); }\n", 20000)
	mustParse(t, JavaScript, big)
	if n := arenaCachedChunks(); n < 1 || n > arenaCacheMax {
		t.Fatalf("%d chunks kept after a 1.6 MB parse, want 1 to %d", n, arenaCacheMax)
	}
	// A smaller cache frees what it no longer keeps; a larger one keeps
	// more of the next large parse.
	SetArenaCache(arenaChunk)
	if n := arenaCachedChunks(); n != 1 {
		t.Errorf("%d chunks kept with a 1-chunk cache", n)
	}
	SetArenaCache(64 << 20)
	mustParse(t, JavaScript, big)
	if n := arenaCachedChunks(); n <= arenaCacheMax || n > 64<<20/arenaChunk {
		t.Errorf("%d chunks kept with a %d-chunk cache after a 1.6 MB parse", n, 64<<20/arenaChunk)
	}
	SetArenaCache(arenaCacheMax * arenaChunk)
	if n := arenaCachedChunks(); n != arenaCacheMax {
		t.Errorf("%d chunks kept after going back to the default", n)
	}
}

func langOf(name string) Lang {
	lang, _ := LangForPath(name)
	return lang
}
