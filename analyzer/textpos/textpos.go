// Package textpos converts between byte offsets, which the engine uses, and
// the line/column positions that people and editors use: 1-based UTF-16
// columns for terminals and ESLint-style output, 0-based UTF-16 or UTF-8
// positions for the language server.
package textpos

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Encoding is the unit a column counts.
type Encoding uint8

const (
	UTF16 Encoding = iota // LSP default, what editors and ESLint count
	UTF8                  // bytes
	UTF32                 // code points
)

// Index answers position questions about one text. Building it is one pass
// over the text; each query is a binary search plus a scan of one line.
//
// Lines end at "\n", "\r\n" or a lone "\r", as the LSP specification says.
type Index struct {
	src    string
	starts []int // byte offset where each line starts
}

// New indexes src.
func New(src string) *Index {
	ix := &Index{src: src, starts: make([]int, 1, len(src)/32+1)}
	if strings.IndexByte(src, '\r') < 0 {
		// Most texts end their lines with "\n" alone; IndexByte finds
		// them several times faster than a loop over every byte (the
		// language server indexes a 20,000-line document twice per
		// keystroke).
		for i := 0; ; {
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				return ix
			}
			i += j + 1
			ix.starts = append(ix.starts, i)
		}
	}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			ix.starts = append(ix.starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			ix.starts = append(ix.starts, i+1)
		}
	}
	return ix
}

// Lines is the number of lines (a final line without a newline counts).
func (ix *Index) Lines() int { return len(ix.starts) }

// LineStart is the byte offset of 0-based line l.
func (ix *Index) LineStart(l int) int {
	if l < 0 {
		return 0
	}
	if l >= len(ix.starts) {
		return len(ix.src)
	}
	return ix.starts[l]
}

// LineEnd is the offset of the end of line l's content, before its newline.
func (ix *Index) LineEnd(l int) int {
	end := len(ix.src)
	if l+1 < len(ix.starts) {
		end = ix.starts[l+1]
	}
	for end > ix.LineStart(l) && (ix.src[end-1] == '\n' || ix.src[end-1] == '\r') {
		end--
	}
	return end
}

// Line returns the 0-based line containing byte offset off.
func (ix *Index) Line(off int) int {
	if off < 0 {
		return 0
	}
	return sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > off }) - 1
}

// Position returns the 0-based line and column of byte offset off, the
// column counted in enc units. Offsets inside a multi-byte character count
// up to that character's start; offsets past the end clamp to the end.
func (ix *Index) Position(off int, enc Encoding) (line, col int) {
	if off > len(ix.src) {
		off = len(ix.src)
	}
	if off < 0 {
		off = 0
	}
	line = ix.Line(off)
	start := ix.starts[line]
	if end := ix.LineEnd(line); off > end {
		off = end // inside a CRLF pair
	}
	return line, width(ix.src[start:off], enc)
}

// width counts s in enc units. Invalid UTF-8 bytes count one unit each,
// as editors show them as one replacement character.
func width(s string, enc Encoding) int {
	if enc == UTF8 {
		return len(s)
	}
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if enc == UTF16 && r >= 0x10000 && size == 4 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// Offset returns the byte offset of a 0-based line and column in enc
// units. Columns past the line's end clamp to it and lines past the end
// clamp to the end of the text, as the LSP specification asks; a column in
// the middle of a surrogate pair rounds up to the character's end.
func (ix *Index) Offset(line, col int, enc Encoding) int {
	if line < 0 {
		return 0
	}
	if line >= len(ix.starts) {
		return len(ix.src)
	}
	start, end := ix.starts[line], ix.LineEnd(line)
	if enc == UTF8 {
		if col > end-start {
			col = end - start
		}
		if col < 0 {
			col = 0
		}
		return start + col
	}
	i, n := start, 0
	for i < end && n < col {
		r, size := utf8.DecodeRuneInString(ix.src[i:end])
		if enc == UTF16 && r >= 0x10000 && size == 4 {
			n += 2
		} else {
			n++
		}
		i += size
	}
	return i
}
