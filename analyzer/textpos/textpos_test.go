package textpos

import "testing"

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
