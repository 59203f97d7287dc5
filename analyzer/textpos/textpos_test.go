package textpos

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestPositionsMultiByte(t *testing.T) {
	// "é" is 2 bytes/1 UTF-16 unit, "😀" 4 bytes/2 units, "中" 3 bytes/1 unit.
	src := "a\né😀中x\r\ny\rz"
	ix := New(src)
	if ix.Lines() != 4 {
		t.Fatalf("Lines = %d, want 4", ix.Lines())
	}
	x := len("a\né😀中")
	cases := []struct {
		enc       Encoding
		line, col int
	}{{UTF16, 1, 4}, {UTF8, 1, 9}, {UTF32, 1, 3}}
	for _, c := range cases {
		l, col := ix.Position(x, c.enc)
		if l != c.line || col != c.col {
			t.Errorf("enc %d: Position = %d:%d, want %d:%d", c.enc, l, col, c.line, c.col)
		}
		if got := ix.Offset(c.line, c.col, c.enc); got != x {
			t.Errorf("enc %d: Offset = %d, want %d", c.enc, got, x)
		}
	}
	// Lone CR ends a line too.
	if l, c := ix.Position(len(src)-1, UTF16); l != 3 || c != 0 {
		t.Errorf("z at %d:%d, want 3:0", l, c)
	}
	// Past the end of a line clamps to its end, before the CRLF.
	if got := ix.Offset(1, 99, UTF16); got != x+1 {
		t.Errorf("clamped offset = %d, want %d", got, x+1)
	}
	if got := ix.Offset(99, 0, UTF16); got != len(src) {
		t.Errorf("past last line = %d, want %d", got, len(src))
	}
}

// slowStarts is the definition of line starts, one byte at a time: after
// "\n", after "\r\n", and after a lone "\r".
func slowStarts(src string) []int {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' || src[i] == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// New takes a fast path for texts without "\r"; both paths must find the
// lines the definition does, whatever the mix of line ends.
func TestNewFindsEveryLineStart(t *testing.T) {
	texts := []string{"", "\n", "a", "a\n", "\n\n", "ab\ncd", "ab\ncd\n", "é\n😀\n",
		"\r", "\r\n", "a\rb", "a\r\nb\nc\rd", "\r\r\n\n", "x\r"}
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "bc", "\n", "\r\n", "\r", "é", "\n\n"}
	for i := 0; i < 500; i++ {
		var b strings.Builder
		for n := r.IntN(40); n > 0; n-- {
			p := pieces[r.IntN(len(pieces))]
			if i%2 == 0 && strings.Contains(p, "\r") {
				p = "\n" // half the texts take the fast path
			}
			b.WriteString(p)
		}
		texts = append(texts, b.String())
	}
	for _, src := range texts {
		ix := New(src)
		if want := slowStarts(src); !slices.Equal(ix.starts, want) {
			t.Fatalf("New(%q) starts = %v, want %v", src, ix.starts, want)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	src := strings.Repeat("    const value = compute(item, index) + 1;\n", 20000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		New(src)
	}
}
