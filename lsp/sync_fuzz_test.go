package lsp

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// FuzzIncrementalSync sends random sequences of incremental edits through
// textDocument/didChange and checks, at checkpoints and at the end, that
// the text the server holds is the text the same edits give when applied
// here, and that the diagnostics it reports are those of a fresh analysis
// of that text.
//
// The reference applier below works on UTF-16 code units and on bytes
// directly; it shares no code with analyzer/textpos, so each checks the
// other. Its rules are the server's contract for positions clients should
// not send but sometimes do:
//   - lines end at "\n", "\r\n" or a lone "\r" (U+2028 is not a line end);
//   - a line past the last one means the end of the text;
//   - a column past the line's end means the line's end (before "\r\n");
//   - a column inside a character (half a surrogate pair, or inside a
//     UTF-8 sequence) means the end of that character;
//   - a range whose end comes before its start inserts at its start.
//
// flags&1 negotiates UTF-8 positions (else UTF-16); flags&2 turns changes
// of the whole text into insertions, so that a large document stays large.
//
// Diagnostics come from pull requests, which analyse exactly the text the
// server holds at that point, through the document's incremental session:
// so this also checks that incremental reparsing gives the results of a
// fresh parse.
//
//	go test ./lsp -run '^$' -fuzz FuzzIncrementalSync -fuzztime 60s
func FuzzIncrementalSync(f *testing.F) {
	// The seeds are in testdata/fuzz/FuzzIncrementalSync; one more here
	// keeps the target meaningful if they go missing.
	f.Add(byte(0), "let a = 1;\r\nleak();\n😀", []byte{0, 1, 2, 1, 3, 6, 2, 0, 9, 2, 1, 2, 6})
	f.Fuzz(func(t *testing.T, flags byte, initial string, script []byte) {
		if len(initial) > 4096 || len(script) > 512 {
			return // long inputs find nothing short ones do not, slower
		}
		runSyncScript(t, flags, initial, script)
	})
}

// TestIncrementalSyncLargeDocument runs random edit scripts on a document
// large enough that the session reuses the records of unchanged subtrees
// after each reparse (syntax.ReuseMinBytes): the diagnostics must still be
// those of a fresh analysis at every checkpoint.
func TestIncrementalSyncLargeDocument(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 2*syntax.ReuseMinBytes; i++ {
		call := "keep"
		if i%40 == 0 {
			call = "leak" // few findings: the reference positions cost a pass over the text each
		}
		fmt.Fprintf(&b, "function f%d(a) {\n  if (a) { %s(a, %d); }\n  return [a, `t${a}`, { k: () => g() }];\n}\n// %d é😀\n", i, call, i, i)
	}
	for seed := uint64(1); seed <= 3; seed++ {
		r := rand.New(rand.NewPCG(seed, 17))
		script := make([]byte, 160)
		for i := range script {
			script[i] = byte(r.Uint32())
		}
		runSyncScript(t, byte(seed)|2, b.String(), script)
	}
}

// syncPieces are what edits insert: multi-byte text (2-, 3- and 4-byte
// UTF-8; emoji that are surrogate pairs in UTF-16, with a skin-tone
// modifier and a zero-width joiner), combining marks, every line ending,
// a BOM, U+2028, and the code the test rule reports.
var syncPieces = []string{
	"a", "leak();", "leak", "(", ")", ";", "é", "e\u0301", "😀", "漢字", "\n", "\r\n", "\r",
	" ", "\t", "👍🏽", "👩\u200d💻", "\ufeff", "\u2028", "{", "}", "\"", "//", "/*", "*/", "x = ", "`", "\\",
}

// syncEdit is one change event: a range edit, or the whole text when
// whole is set.
type syncEdit struct {
	whole bool
	r     tRange
	text  string
}

func runSyncScript(t *testing.T, flags byte, initial string, script []byte) {
	t.Helper()
	enc := "utf-16"
	caps := defaultCaps()
	caps["textDocument"].(map[string]any)["diagnostic"] = map[string]any{}
	if flags&1 != 0 {
		enc = "utf-8"
		caps["general"] = map[string]any{"positionEncodings": []string{"utf-8"}}
	}
	c := start(t, config{caps: caps, engine: sharedEngine()})
	const uri = "file:///leakwatch-fuzz/sync.ts"
	text := validUTF8(initial)
	c.open(uri, "typescript", text, 1)
	version := 1

	r := &scriptReader{b: script}
	var log []string // what was sent, for the failure message
	check := func(when string) {
		t.Helper()
		got := c.pull(uri)
		if held, ok := c.text(uri); !ok || held != text {
			t.Fatalf("%s (%s): the server holds\n%q\nwant\n%q\nafter:\n%s", when, enc, held, text, strings.Join(log, "\n"))
		}
		want := freshDiagnostics(t, "/leakwatch-fuzz/sync.ts", text, enc)
		if g, w := fmt.Sprintf("%+v", got), fmt.Sprintf("%+v", want); g != w {
			t.Fatalf("%s (%s): diagnostics for\n%q\n got %s\nwant %s\nafter:\n%s", when, enc, text, g, w, strings.Join(log, "\n"))
		}
	}
	for step := 0; !r.done(); step++ {
		op := r.next()
		if flags&2 != 0 && op%8 == 5 {
			op = 0 // keep a large document large: an insertion, not a new text
		}
		var edits []syncEdit
		switch op % 8 {
		case 6:
			check(fmt.Sprintf("step %d", step))
			continue
		case 7: // several changes in one notification
			for n := 2 + int(r.next()%2); n > 0; n-- {
				sub := r.next()
				if flags&2 != 0 && sub%8 == 5 {
					sub = 0
				}
				edits = append(edits, randomSyncEdit(r, sub, applySyncEdits(text, edits, enc), enc))
			}
		default:
			edits = append(edits, randomSyncEdit(r, op, text, enc))
		}
		version++
		c.changeSync(uri, version, edits)
		log = append(log, fmt.Sprintf("v%d %s", version, describeSyncEdits(edits)))
		text = applySyncEdits(text, edits, enc)
	}
	check("end")
}

func describeSyncEdits(edits []syncEdit) string {
	var parts []string
	for _, e := range edits {
		if e.whole {
			parts = append(parts, fmt.Sprintf("whole %q", e.text))
		} else {
			parts = append(parts, fmt.Sprintf("%d:%d-%d:%d %q", e.r.Start.Line, e.r.Start.Character, e.r.End.Line, e.r.End.Character, e.text))
		}
	}
	return strings.Join(parts, ", ")
}

// randomSyncEdit makes one change to text, of a kind picked by op.
func randomSyncEdit(r *scriptReader, op byte, text, enc string) syncEdit {
	lines := refLines(text)
	pos := func(line int, char int) tPos { return tPos{line, char} }
	anyLine := func() int { return int(r.next()) % (len(lines) + 2) }
	anyChar := func(line int) int {
		n := 0
		if line < len(lines) {
			n = refWidth(text[lines[line].start:lines[line].end], enc)
		}
		return int(r.next()) % (n + 3)
	}
	var e syncEdit
	switch op % 8 {
	case 0: // insertion
		l := anyLine()
		e.r.Start = pos(l, anyChar(l))
		e.r.End = e.r.Start
	case 1: // short deletion or replacement on one line
		l := anyLine()
		s := anyChar(l)
		e.r = tRange{pos(l, s), pos(l, s+1+int(r.next()%4))}
	case 2: // any range, possibly reversed
		l1 := anyLine()
		s := pos(l1, anyChar(l1))
		l2 := anyLine()
		e.r = tRange{s, pos(l2, anyChar(l2))}
	case 3: // at or past a line's end, possibly across its line break
		l := anyLine()
		e.r = tRange{pos(l, 1000), pos(l+int(r.next()%2), int(r.next()%3))}
	case 4: // at the end of the text, or past it
		l := len(lines) - 1 + int(r.next()%3)
		s := pos(l, anyChar(l))
		e.r = tRange{s, pos(l+int(r.next()%2), 1<<20)}
	default: // the whole text
		e.whole = true
		e.text = r.pieces() + r.pieces()
	}
	if !e.whole {
		e.text = r.pieces()
	}
	return e
}

type scriptReader struct {
	b []byte
	i int
}

func (r *scriptReader) done() bool { return r.i >= len(r.b) }

// next returns the next byte, or 0 once the script is used up.
func (r *scriptReader) next() byte {
	if r.i >= len(r.b) {
		return 0
	}
	r.i++
	return r.b[r.i-1]
}

// pieces returns zero to three pieces of text.
func (r *scriptReader) pieces() string {
	var b strings.Builder
	for n := r.next() % 4; n > 0; n-- {
		b.WriteString(syncPieces[int(r.next())%len(syncPieces)])
	}
	return b.String()
}

func (c *client) changeSync(uri string, version int, edits []syncEdit) {
	c.t.Helper()
	var changes []any
	for _, e := range edits {
		if e.whole {
			changes = append(changes, map[string]any{"text": e.text})
		} else {
			changes = append(changes, map[string]any{"range": e.r, "text": e.text})
		}
	}
	c.notifyServer("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": changes,
	})
}

// pull returns the diagnostics the server reports for uri now.
func (c *client) pull(uri string) []tDiag {
	c.t.Helper()
	var r struct {
		Items []tDiag `json:"items"`
	}
	if err := c.call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &r); err != nil {
		c.t.Fatalf("textDocument/diagnostic: %v", err)
	}
	return r.Items
}

// freshDiagnostics analyses text from scratch with the test engine and
// renders the findings as the server should, positions computed by the
// reference code below.
func freshDiagnostics(t *testing.T, path, text, enc string) []tDiag {
	t.Helper()
	e := *sharedEngine()
	e.ValidateFixes = false
	res := e.Analyze(context.Background(), analyzer.File{Path: path, Src: []byte(text)})
	out := []tDiag{}
	for _, d := range res.Diagnostics {
		td := tDiag{
			Range: tRange{refPosition(text, d.Start, enc), refPosition(text, d.End, enc)}, Severity: 2,
			Code: d.Rule, Source: "leakwatch", Message: d.Message,
		}
		td.CodeDescription.Href = analyzer.DocURL(d.Rule)
		switch d.Severity {
		case analyzer.SeverityError:
			td.Severity = 1
		case analyzer.SeverityInfo:
			td.Severity = 3
		case analyzer.SeverityHint:
			td.Severity = 4
		}
		for _, rel := range d.Related {
			var ri struct {
				Location struct {
					URI   string `json:"uri"`
					Range tRange `json:"range"`
				} `json:"location"`
				Message string `json:"message"`
			}
			ri.Location.URI = "file://" + path
			ri.Location.Range = tRange{refPosition(text, rel.Start, enc), refPosition(text, rel.End, enc)}
			ri.Message = rel.Message
			td.RelatedInformation = append(td.RelatedInformation, ri)
		}
		out = append(out, td)
	}
	return out
}

// validUTF8 is s as a client's JSON encoder sends it: each byte that is
// not part of valid UTF-8 becomes U+FFFD.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// The reference applier.

type refLine struct{ start, end int } // end: before the line break

// refLines splits text at "\n", "\r\n" and lone "\r".
func refLines(text string) []refLine {
	var lines []refLine
	start := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			lines = append(lines, refLine{start, i})
			start = i + 1
		case '\r':
			lines = append(lines, refLine{start, i})
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	return append(lines, refLine{start, len(text)})
}

// refWidth is the length of s in enc units.
func refWidth(s, enc string) int {
	if enc == "utf-8" {
		return len(s)
	}
	return len(utf16.Encode([]rune(s)))
}

// refOffset turns a position into a byte offset, by the rules in
// FuzzIncrementalSync's comment.
func refOffset(text string, p tPos, enc string) int {
	lines := refLines(text)
	if p.Line >= len(lines) {
		return len(text)
	}
	l := lines[p.Line]
	content := text[l.start:l.end]
	if enc == "utf-8" {
		k := min(p.Character, len(content))
		for k < len(content) && content[k]&0xC0 == 0x80 {
			k++ // inside a sequence: to its end
		}
		return l.start + k
	}
	units := utf16.Encode([]rune(content))
	k := min(p.Character, len(units))
	if k > 0 && k < len(units) && utf16.IsSurrogate(rune(units[k-1])) && units[k-1] < 0xDC00 {
		k++ // between the halves of a pair: after it
	}
	return l.start + len(string(utf16.Decode(units[:k])))
}

// refPosition turns a byte offset on a character boundary into a position.
func refPosition(text string, off int, enc string) tPos {
	lines := refLines(text)
	for i, l := range lines {
		if off <= l.end || i == len(lines)-1 {
			return tPos{i, refWidth(text[l.start:min(off, l.end)], enc)}
		}
		if off < lines[i+1].start {
			return tPos{i, refWidth(text[l.start:l.end], enc)} // inside "\r\n"
		}
	}
	panic("unreachable")
}

// applySyncEdits applies change events in order, each to the text the
// previous ones left.
func applySyncEdits(text string, edits []syncEdit, enc string) string {
	for _, e := range edits {
		if e.whole {
			text = e.text
			continue
		}
		start, end := refOffset(text, e.r.Start, enc), refOffset(text, e.r.End, enc)
		if end < start {
			end = start
		}
		text = text[:start] + e.text + text[end:]
	}
	return text
}
