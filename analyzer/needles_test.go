package analyzer

import (
	"bytes"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// checkNeedles compares the automaton's answer with bytes.Contains, the
// definition it replaces, for every needle.
func checkNeedles(t *testing.T, needles []string, src []byte) {
	t.Helper()
	found := make([]bool, len(needles))
	newNeedleSet(needles).scan(src, found)
	for i, n := range needles {
		if want := bytes.Contains(src, []byte(n)); found[i] != want {
			t.Fatalf("needle %q in %q: found %v, bytes.Contains says %v", n, src, found[i], want)
		}
	}
}

func TestNeedleSetMatchesContains(t *testing.T) {
	// Needles that are prefixes, suffixes and infixes of one another,
	// and repeats, where an automaton's suffix links matter.
	needles := []string{"he", "she", "his", "hers", "e", "", "she", "ushers", "addEventListener", "EventListener",
		"on(", ".on(", "(", "aa", "aaa", "ab", "ba", "\x00", "\xff\xfe"}
	for _, src := range []string{"", "ushers", "h", "hi", "hisher", "x.on(y)", "aab", "aaaa", "bab",
		"removeEventListener", "add\x00\xff\xfe", strings.Repeat("a", 100) + "addEventListene"} {
		checkNeedles(t, needles, []byte(src))
	}
	// Random texts over a small alphabet hit many partial matches.
	rng := rand.New(rand.NewSource(1))
	const alphabet = "abhers.on("
	for round := 0; round < 2000; round++ {
		var ns []string
		for i := 0; i < 1+rng.Intn(12); i++ {
			ns = append(ns, randomText(rng, alphabet, rng.Intn(5)))
		}
		checkNeedles(t, ns, []byte(randomText(rng, alphabet, rng.Intn(60))))
	}
}

// TestNeedleCountsExact holds count, which scans the halves of long texts
// side by side, to a naive count of overlapping occurrences, over texts
// around and well over the length where it splits them, with needles that
// straddle the middle.
func TestNeedleCountsExact(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	const alphabet = "abhers.on("
	for round := 0; round < 400; round++ {
		var ns []string
		for i := 0; i < 1+rng.Intn(12); i++ {
			ns = append(ns, randomText(rng, alphabet, 1+rng.Intn(6)))
		}
		if round%50 == 0 {
			// A needle longer than half the text: no split.
			ns = append(ns, randomText(rng, alphabet, splitScanMin))
		}
		src := []byte(randomText(rng, alphabet, splitScanMin-8+rng.Intn(3*splitScanMin)))
		s := newNeedleSet(ns)
		counts := make([]int32, len(ns))
		s.count(src, counts, 1)
		for i, n := range ns {
			want := int32(0)
			for at := 0; at+len(n) <= len(src); at++ {
				if string(src[at:at+len(n)]) == n {
					want++
				}
			}
			if counts[i] != want {
				t.Fatalf("needle %q in a text of %d bytes: counted %d, want %d", n, len(src), counts[i], want)
			}
		}
	}
}

func randomText(rng *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.Intn(len(alphabet))]
	}
	return string(b)
}

// TestFindNeedlesAcrossEdits holds the session's incremental needle
// counts to a fresh scan over random edits, with needles that overlap one
// another and the edits' edges.
func TestFindNeedlesAcrossEdits(t *testing.T) {
	defer func(n int) { syntax.ReuseMinBytes = n }(syntax.ReuseMinBytes)
	syntax.ReuseMinBytes = 0
	rng := rand.New(rand.NewSource(2))
	const alphabet = "abhers.on(="
	for round := 0; round < 300; round++ {
		var ns []string
		for i := 0; i < 1+rng.Intn(10); i++ {
			ns = append(ns, randomText(rng, alphabet, 1+rng.Intn(5)))
		}
		e := NewEngine([]*Rule{{ID: "r", Needles: ns, New: func(*Pass) Visitor { return VisitFunc(func(syntax.Node) {}) }}})
		s := &Session{}
		text := []byte(randomText(rng, alphabet, rng.Intn(80)))
		for step := 0; step < 20; step++ {
			got := e.findNeedles(text, s)
			want := make([]bool, len(got))
			e.needles.scan(text, want)
			if !slices.Equal(got, want) {
				t.Fatalf("needles %q in %q after edits: counted %v, a scan finds %v", e.needles.needles, text, got, want)
			}
			if rng.Intn(4) > 0 {
				// As Session.parse does once the text is parsed; else
				// the counts stay those of the text before.
				s.last, s.counts = append([]byte(nil), text...), s.pendingCounts
			}
			at := rng.Intn(len(text) + 1)
			end := min(len(text), at+rng.Intn(6))
			text = slices.Concat(text[:at:at], []byte(randomText(rng, alphabet, rng.Intn(6))), text[end:])
		}
	}
}

func FuzzNeedleSet(f *testing.F) {
	f.Add("he,she,his,hers", []byte("ushers"))
	f.Add("addEventListener,.on(,on(", []byte("x.on('a', f); y.addEventListener"))
	f.Fuzz(func(t *testing.T, list string, src []byte) {
		checkNeedles(t, strings.Split(list, ","), src)
	})
}

// The prefilter's needles on a typical file: the automaton against one
// bytes.Contains per needle, as the prefilter did before.
func BenchmarkNeedles(b *testing.B) {
	var needles []string
	for i := 0; i < 150; i++ {
		needles = append(needles, "needle"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+"(")
	}
	src := bytes.Repeat([]byte("const value = compute(input.items.map((x) => x * 2));\n"), 300)
	b.Run("automaton", func(b *testing.B) {
		s := newNeedleSet(needles)
		found := make([]bool, len(needles))
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			s.scan(src, found)
		}
	})
	b.Run("contains", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			containsAny(src, needles)
		}
	})
}
