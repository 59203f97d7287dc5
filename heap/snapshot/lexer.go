package snapshot

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// lexer reads JSON tokens from a buffered stream. It is not a general JSON
// decoder: the reader asks for exactly the shape it expects next (an
// object key, an unsigned integer, a string), which keeps the hot loops over
// the millions of numbers in "nodes" and "edges" free of allocation and of
// any intermediate representation of the text.
type lexer struct {
	r   *bufio.Reader
	pos int64 // bytes consumed, for error messages
	// where names the part of the snapshot being read ("nodes", ...).
	where string
	buf   []byte // scratch for strings
}

// syntaxError is a malformed or truncated snapshot at a byte offset.
type syntaxError struct {
	pos   int64
	where string
	msg   string
}

func (e *syntaxError) Error() string {
	if e.where != "" {
		return fmt.Sprintf("byte %d (in %q): %s", e.pos, e.where, e.msg)
	}
	return fmt.Sprintf("byte %d: %s", e.pos, e.msg)
}

// errTruncated marks input that ends in the middle of the snapshot.
var errTruncated = errors.New("file ends in the middle of the snapshot (truncated? was it still being written?)")

func (l *lexer) fail(format string, args ...any) error {
	return &syntaxError{pos: l.pos, where: l.where, msg: fmt.Sprintf(format, args...)}
}

func (l *lexer) eof(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return &syntaxError{pos: l.pos, where: l.where, msg: errTruncated.Error()}
	}
	return err
}

func (l *lexer) readByte() (byte, error) {
	c, err := l.r.ReadByte()
	if err != nil {
		return 0, l.eof(err)
	}
	l.pos++
	return c, nil
}

func (l *lexer) unread() {
	_ = l.r.UnreadByte()
	l.pos--
}

// next returns the next byte that is not white space.
func (l *lexer) next() (byte, error) {
	for {
		c, err := l.readByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case ' ', '\n', '\r', '\t':
			continue
		}
		return c, nil
	}
}

// expect consumes the byte want, after white space.
func (l *lexer) expect(want byte) error {
	c, err := l.next()
	if err != nil {
		return err
	}
	if c != want {
		return l.fail("expected %q, found %q", want, c)
	}
	return nil
}

// peek returns the next non-space byte without consuming it.
func (l *lexer) peek() (byte, error) {
	c, err := l.next()
	if err != nil {
		return 0, err
	}
	l.unread()
	return c, nil
}

// uintArray calls f for each element of a JSON array of non-negative
// integers; f's error stops the read.
//
// This is where nearly all of a snapshot's bytes go, so it scans the
// reader's buffer in place with a small state machine instead of reading
// byte by byte; a number split across two buffer fills carries over.
func (l *lexer) uintArray(f func(v uint64) error) error {
	if err := l.expect('['); err != nil {
		return err
	}
	const (
		wantValue = iota // after '[' or ','
		inNumber
		afterValue // after a number, before ',' or ']'
	)
	state, values := wantValue, 0
	var n uint64
	for {
		if _, err := l.r.Peek(1); err != nil {
			return l.eof(err)
		}
		buf, _ := l.r.Peek(l.r.Buffered())
		base := l.pos
		for i, c := range buf {
			switch {
			case c >= '0' && c <= '9':
				switch state {
				case wantValue:
					n, state = uint64(c-'0'), inNumber
				case inNumber:
					if n > (1<<63)/10 {
						l.pos = base + int64(i)
						return l.fail("integer too large")
					}
					n = n*10 + uint64(c-'0')
				default:
					l.pos = base + int64(i)
					return l.fail("expected ',' or ']' in array, found %q", c)
				}
				continue
			case c == ',':
				if state == wantValue {
					l.pos = base + int64(i)
					return l.fail("expected a non-negative integer, found ','")
				}
				if state == inNumber {
					l.pos = base + int64(i)
					if err := f(n); err != nil {
						return err
					}
					values++
				}
				state = wantValue
				continue
			case c == ']':
				if state == wantValue && values > 0 {
					l.pos = base + int64(i)
					return l.fail("expected a non-negative integer, found ']'")
				}
				l.pos = base + int64(i)
				if state == inNumber {
					if err := f(n); err != nil {
						return err
					}
				}
				l.r.Discard(i + 1)
				l.pos = base + int64(i) + 1
				return nil
			case c == ' ' || c == '\n' || c == '\r' || c == '\t':
				if state == inNumber {
					l.pos = base + int64(i)
					if err := f(n); err != nil {
						return err
					}
					values++
					state = afterValue
				}
				continue
			}
			l.pos = base + int64(i)
			if state == inNumber && (c == '.' || c == 'e' || c == 'E') {
				return l.fail("expected an integer, found a fraction")
			}
			if state == wantValue {
				return l.fail("expected a non-negative integer, found %q", c)
			}
			return l.fail("expected ',' or ']' in array, found %q", c)
		}
		l.r.Discard(len(buf))
		l.pos = base + int64(len(buf))
	}
}

// str reads a JSON string into the scratch buffer and returns it; the
// result is valid until the next call. At most limit bytes are kept (the
// rest is read and dropped); dropped says how many.
//
// It scans the buffered chunks up to each quote in place and carries the
// escape state across chunks, so long strings (script sources) cost one
// copy and no per-byte calls.
func (l *lexer) str(limit int) (s []byte, dropped int, err error) {
	if err := l.expect('"'); err != nil {
		return nil, 0, err
	}
	b := l.buf[:0]
	add := func(p []byte) {
		if room := limit - len(b); room > 0 {
			if len(p) > room {
				dropped += len(p) - room
				p = p[:room]
			}
			b = append(b, p...)
		} else {
			dropped += len(p)
		}
	}
	var enc [4]byte
	addRune := func(r rune) {
		n := utf8.EncodeRune(enc[:], r)
		add(enc[:n])
	}
	const (
		plain = iota
		escape
		unicode
	)
	state, digits := plain, 0
	var r, high rune // high: a pending high surrogate
	flushHigh := func() {
		if high != 0 {
			addRune(utf8.RuneError)
			high = 0
		}
	}
	for {
		chunk, rerr := l.r.ReadSlice('"')
		run := 0 // start of the current run of plain bytes
		for i := 0; i < len(chunk); i++ {
			c := chunk[i]
			switch state {
			case plain:
				switch {
				case c == '\\':
					if high != 0 && run < i {
						flushHigh()
					}
					add(chunk[run:i])
					state = escape
				case c == '"':
					if run < i {
						flushHigh()
					}
					add(chunk[run:i])
					flushHigh()
					l.pos += int64(i + 1)
					l.buf = b[:0]
					return b, dropped, nil
				case c < 0x20:
					l.pos += int64(i)
					return nil, 0, l.fail("control character in string")
				}
			case escape:
				if c == 'u' {
					state, digits, r = unicode, 0, 0
					continue
				}
				d, ok := unescape[c]
				if !ok {
					l.pos += int64(i)
					return nil, 0, l.fail("invalid escape \\%c in string", c)
				}
				flushHigh()
				add([]byte{d})
				state, run = plain, i+1
			case unicode:
				v, ok := hexVal(c)
				if !ok {
					l.pos += int64(i)
					return nil, 0, l.fail("invalid \\u escape in string")
				}
				r = r<<4 | rune(v)
				if digits++; digits < 4 {
					continue
				}
				state, run = plain, i+1
				switch {
				case high != 0 && r >= 0xDC00 && r <= 0xDFFF:
					addRune(utf16.DecodeRune(high, r))
					high = 0
				case r >= 0xD800 && r <= 0xDBFF:
					flushHigh()
					high = r
				default:
					flushHigh()
					addRune(r)
				}
			}
		}
		if state == plain && run < len(chunk) {
			flushHigh()
			add(chunk[run:])
		}
		l.pos += int64(len(chunk))
		if rerr == bufio.ErrBufferFull {
			continue
		}
		if rerr != nil {
			return nil, 0, l.eof(rerr)
		}
	}
}

var unescape = map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// skip reads and discards one JSON value of any kind.
func (l *lexer) skip() error {
	c, err := l.peek()
	if err != nil {
		return err
	}
	switch {
	case c == '"':
		_, _, err := l.str(0)
		return err
	case c == '{' || c == '[':
		l.next()
		close := byte('}')
		if c == '[' {
			close = ']'
		}
		if p, err := l.peek(); err != nil {
			return err
		} else if p == close {
			l.next()
			return nil
		}
		for {
			if c == '{' {
				if _, _, err := l.str(0); err != nil {
					return err
				}
				if err := l.expect(':'); err != nil {
					return err
				}
			}
			if err := l.skip(); err != nil {
				return err
			}
			d, err := l.next()
			if err != nil {
				return err
			}
			if d == close {
				return nil
			}
			if d != ',' {
				return l.fail("expected ',' or %q, found %q", close, d)
			}
		}
	case c == '-' || (c >= '0' && c <= '9'):
		l.next()
		for {
			d, err := l.r.ReadByte()
			if err != nil {
				return l.eof(err)
			}
			if !(d >= '0' && d <= '9' || d == '.' || d == 'e' || d == 'E' || d == '+' || d == '-') {
				_ = l.r.UnreadByte()
				return nil
			}
			l.pos++
		}
	default:
		for _, word := range []string{"true", "false", "null"} {
			if c == word[0] {
				for i := 0; i < len(word); i++ {
					d, err := l.readByte()
					if err != nil {
						return err
					}
					if d != word[i] {
						return l.fail("invalid literal")
					}
				}
				return nil
			}
		}
		return l.fail("unexpected %q", c)
	}
}

// number reads any JSON number as a float (for the few meta values that
// are not array elements).
func (l *lexer) number() (float64, error) {
	c, err := l.peek()
	if err != nil {
		return 0, err
	}
	if c != '-' && (c < '0' || c > '9') {
		return 0, l.fail("expected a number, found %q", c)
	}
	var b []byte
	l.next()
	b = append(b, c)
	for {
		d, err := l.r.ReadByte()
		if err != nil {
			return 0, l.eof(err)
		}
		if !(d >= '0' && d <= '9' || d == '.' || d == 'e' || d == 'E' || d == '+' || d == '-') {
			_ = l.r.UnreadByte()
			break
		}
		l.pos++
		b = append(b, d)
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return 0, l.fail("invalid number %q", b)
	}
	return f, nil
}
