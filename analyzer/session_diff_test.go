package analyzer

import (
	"math/rand"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// TestDiffEditMatchesByteScan checks the block-wise edit finding against
// the byte-by-byte definition it replaces, for edits near block edges, at
// both ends of the text, and across line breaks.
func TestDiffEditMatchesByteScan(t *testing.T) {
	naive := func(old, new []byte) syntax.Edit {
		prefix := 0
		for prefix < len(old) && prefix < len(new) && old[prefix] == new[prefix] {
			prefix++
		}
		suffix := 0
		for suffix < len(old)-prefix && suffix < len(new)-prefix && old[len(old)-1-suffix] == new[len(new)-1-suffix] {
			suffix++
		}
		point := func(text []byte) syntax.Point {
			var pt syntax.Point
			for _, c := range text {
				if c == '\n' {
					pt.Row++
					pt.Column = 0
				} else {
					pt.Column++
				}
			}
			return pt
		}
		add := func(a, b syntax.Point) syntax.Point {
			if b.Row > 0 {
				return syntax.Point{Row: a.Row + b.Row, Column: b.Column}
			}
			return syntax.Point{Row: a.Row, Column: a.Column + b.Column}
		}
		oldEnd, newEnd := len(old)-suffix, len(new)-suffix
		start := point(old[:prefix])
		return syntax.Edit{Start: prefix, OldEnd: oldEnd, NewEnd: newEnd, StartPoint: start,
			OldEndPoint: add(start, point(old[prefix:oldEnd])), NewEndPoint: add(start, point(new[prefix:newEnd]))}
	}
	rng := rand.New(rand.NewSource(3))
	alphabet := []byte("ab\n")
	for i := 0; i < 3000; i++ {
		old := make([]byte, rng.Intn(3*diffBlock))
		for j := range old {
			old[j] = alphabet[rng.Intn(len(alphabet))]
		}
		start := rng.Intn(len(old) + 1)
		end := min(len(old), start+rng.Intn(5))
		ins := make([]byte, rng.Intn(4))
		for j := range ins {
			ins[j] = alphabet[rng.Intn(len(alphabet))]
		}
		new := append(append(append([]byte(nil), old[:start]...), ins...), old[end:]...)
		if got, want := diffEdit(old, new), naive(old, new); got != want {
			t.Fatalf("diffEdit(%q, %q) = %+v, want %+v", old, new, got, want)
		}
	}
}
