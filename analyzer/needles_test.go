package analyzer

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// TestSessionNeedlesMatchSearch edits a large text at random, many times,
// and checks after every edit that the session's remembered needle
// positions answer as a search of the whole text would, for needles that
// come and go with the edits (as words of the text) and never occur.
func TestSessionNeedlesMatchSearch(t *testing.T) {
	var base []byte
	for _, name := range []string{"listener-not-removed/fixes-compile-ts.tsx", "listener-not-removed/react-class.jsx"} {
		src, err := os.ReadFile(filepath.Join("..", "testdata", "rules", name))
		if err == nil {
			base = append(base, src...)
		}
	}
	if len(base) == 0 {
		t.Fatal("no fixture text to edit")
	}
	for len(base) < 2*scanMinBytes {
		base = append(base, base...)
	}
	needles := []string{"addEventListener", "removeEventListener", "setInterval", "clearInterval", "useEffect",
		"subscribe", "disconnect", "benchLeak", "x", "();", "\n\n", "never-in-this-text", "Effect(() =>"}
	inserts := []string{"", "benchLeak();\n", "addEventListener", "remove", "EventListener", "set", "Interval", "x", "\n", "()", ";"}
	rng := rand.New(rand.NewSource(1))
	s := &Session{}
	defer s.Close()
	text := append([]byte(nil), base...)
	checked := 0
	for step := 0; step < 800; step++ {
		start := rng.Intn(len(text) + 1)
		end := min(len(text), start+rng.Intn(40))
		if rng.Intn(3) == 0 {
			end = start // a pure insertion
		}
		ins := inserts[rng.Intn(len(inserts))]
		text = append(append(append([]byte(nil), text[:start]...), ins...), text[end:]...)
		if len(text) < scanMinBytes {
			text = append(text, base...)
		}
		// Ask about a random few, as the prefilter asks about some rules'
		// needles only.
		for _, n := range needles {
			if rng.Intn(2) == 0 {
				continue
			}
			want := bytes.Contains(text, []byte(n))
			if got := s.containsAny(text, []string{n}); got != want {
				t.Fatalf("step %d: %q: remembered %v, the text says %v", step, n, got, want)
			}
			checked++
		}
	}
	if len(s.at) == 0 || checked < 2500 {
		t.Fatalf("the session remembered nothing (%d asked)", checked)
	}
}

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
