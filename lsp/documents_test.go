package lsp

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf16"

	"go.lsp.dev/protocol"

	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

func TestOpenEditClose(t *testing.T) {
	c := start(t, config{})
	const uri = "file:///work/app.js"
	text := "function f() {\n  leak(1);\n}\n"
	c.open(uri, "javascript", text, 1)
	p, next := c.waitPublish(0, uri, nil)
	if p.Version == nil || *p.Version != 1 || len(p.Diagnostics) != 1 {
		t.Fatalf("open: got %+v, want one diagnostic for version 1", p)
	}
	d := p.Diagnostics[0]
	if d.Code != "test-leak" || d.Source != "leakwatch" || d.Severity != 2 || d.Message != "leak() is never undone" {
		t.Errorf("diagnostic = %+v", d)
	}
	if want := rangeOf(t, text, "leak(1)", 0, "utf-16"); d.Range != want {
		t.Errorf("range = %+v, want %+v", d.Range, want)
	}
	if d.CodeDescription.Href != "https://github.com/leakwatch/leakwatch/blob/main/docs/rules/test-leak.md" {
		t.Errorf("codeDescription = %q", d.CodeDescription.Href)
	}
	if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.URI != uri ||
		d.RelatedInformation[0].Location.Range != rangeOf(t, text, "(1)", 0, "utf-16") ||
		d.RelatedInformation[0].Message != "the cleanup belongs here" {
		t.Errorf("relatedInformation = %+v", d.RelatedInformation)
	}

	// An incremental edit that adds a line above moves the finding down.
	c.changeRange(uri, 2, tEdit{Range: tRange{tPos{1, 0}, tPos{1, 0}}, NewText: "  // note\n"})
	p, next = c.waitPublish(next, uri, nil)
	if *p.Version != 2 || len(p.Diagnostics) != 1 || p.Diagnostics[0].Range.Start != (tPos{2, 2}) {
		t.Fatalf("after edit: %+v", p)
	}

	// A stale version is ignored: this change would add a second leak.
	c.changeRange(uri, 2, tEdit{Range: tRange{tPos{0, 0}, tPos{0, 0}}, NewText: "leak();\n"})
	// ...and so is a change to a document that is not open.
	c.changeRange("file:///work/other.js", 7, tEdit{Range: tRange{tPos{0, 0}, tPos{0, 0}}, NewText: "leak();\n"})
	// Replacing "leak" on line 2 with "noleak" clears the finding only if
	// the stale change was not applied (it would have shifted the lines).
	c.changeRange(uri, 3, tEdit{Range: tRange{tPos{2, 2}, tPos{2, 6}}, NewText: "noleak"})
	p, next = c.waitPublish(next, uri, nil)
	if *p.Version != 3 || len(p.Diagnostics) != 0 {
		t.Fatalf("after fix: %+v (a stale change was applied?)", p)
	}

	c.notifyServer("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	// Re-open with a finding, then close: the client's list is cleared.
	c.open(uri, "javascript", "leak();", 1)
	_, next = c.waitPublish(next, uri, func(p tPublish) bool { return len(p.Diagnostics) == 1 })
	c.notifyServer("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	p, _ = c.waitPublish(next, uri, nil)
	if len(p.Diagnostics) != 0 || p.Version != nil {
		t.Fatalf("after close: %+v, want an empty unversioned set", p)
	}
	// Closed means forgotten: a code action has nothing to work on.
	if acts := c.codeActions(uri, tRange{}); len(acts) != 0 {
		t.Errorf("code actions on a closed document: %+v", acts)
	}
}

func TestUnchangedSetIsNotRepublished(t *testing.T) {
	c := start(t, config{})
	const uri = "file:///work/app.ts"
	c.open(uri, "typescript", "leak();\nlet a = 1;\n", 1)
	_, next := c.waitPublish(0, uri, nil)
	// Editing line 2 leaves the finding where it is: nothing to send.
	c.changeRange(uri, 2, tEdit{Range: tRange{tPos{1, 8}, tPos{1, 9}}, NewText: "2"})
	// Adding a second finding changes the set.
	c.changeRange(uri, 3, tEdit{Range: tRange{tPos{2, 0}, tPos{2, 0}}, NewText: "leak();\n"})
	p, _ := c.waitPublish(next, uri, nil)
	if *p.Version != 3 || len(p.Diagnostics) != 2 {
		t.Fatalf("got %+v, want version 3 with two findings (version 2 had the same set as 1)", p)
	}
}

// multiByte has an emoji (two UTF-16 units, four bytes) and CJK (one unit,
// three bytes each) before the finding on its line.
const multiByte = "const s = \"😀漢字\"; leak(\"é\");\n"

func TestMultiByteUTF16(t *testing.T) {
	c := start(t, config{})
	const uri = "file:///work/mb.js"
	c.open(uri, "javascript", multiByte, 1)
	p, next := c.waitPublish(0, uri, nil)
	// 'const s = "' is 11 units, 😀 2, 漢字 2, '"; ' 3: the call starts at 18.
	want := tRange{tPos{0, 18}, tPos{0, 27}}
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Range != want {
		t.Fatalf("utf-16 range: got %+v, want %+v", p.Diagnostics, want)
	}
	// Insert "x" right after the emoji (UTF-16 column 13); the call moves
	// one unit right.
	c.changeRange(uri, 2, tEdit{Range: tRange{tPos{0, 13}, tPos{0, 13}}, NewText: "x"})
	p, _ = c.waitPublish(next, uri, nil)
	if want := (tRange{tPos{0, 19}, tPos{0, 28}}); p.Diagnostics[0].Range != want {
		t.Fatalf("after edit: got %+v, want %+v", p.Diagnostics[0].Range, want)
	}
	acts := c.codeActions(uri, p.Diagnostics[0].Range)
	got := applyEdits(t, "const s = \"😀x漢字\"; leak(\"é\");\n", editsOf(t, find(t, acts, "Call noleak() instead"), uri, 2), "utf-16")
	if got != "const s = \"😀x漢字\"; noleak(\"é\");\n" {
		t.Errorf("fix applied: %q", got)
	}
}

func TestMultiByteUTF8(t *testing.T) {
	caps := defaultCaps()
	caps["general"] = map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}}
	c := start(t, config{caps: caps})
	const uri = "file:///work/mb.js"
	c.open(uri, "javascript", multiByte, 1)
	p, next := c.waitPublish(0, uri, nil)
	// 'const s = "' is 11 bytes, 😀 4, 漢字 6, '"; ' 3: the call starts at 24;
	// it is 10 bytes long (é is two).
	want := tRange{tPos{0, 24}, tPos{0, 34}}
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Range != want {
		t.Fatalf("utf-8 range: got %+v, want %+v", p.Diagnostics, want)
	}
	// Insert after the emoji: byte column 15.
	c.changeRange(uri, 2, tEdit{Range: tRange{tPos{0, 15}, tPos{0, 15}}, NewText: "ü"})
	p, _ = c.waitPublish(next, uri, nil)
	if want := (tRange{tPos{0, 26}, tPos{0, 36}}); p.Diagnostics[0].Range != want {
		t.Fatalf("after edit: got %+v, want %+v", p.Diagnostics[0].Range, want)
	}
}

func TestUTF8IsChosenWhenOffered(t *testing.T) {
	caps := defaultCaps()
	caps["general"] = map[string]any{"positionEncodings": []string{"utf-16", "utf-8"}}
	c := start(t, config{noInit: true})
	res := c.initialize(config{caps: caps, initOpts: map[string]any{}})
	if enc := res["capabilities"].(map[string]any)["positionEncoding"]; enc != "utf-8" {
		t.Errorf("positionEncoding = %v, want utf-8", enc)
	}
}

// TestApplyChangesMatchesReference applies random edits (multi-byte text,
// CRLF, edits at line ends and the end of the text) through applyChanges
// and through an independent implementation, and compares.
func TestApplyChangesMatchesReference(t *testing.T) {
	pieces := []string{"a", "é", "😀", "漢", "\n", "\r\n", " ", "leak();", "\t", "}"}
	rng := rand.New(rand.NewSource(1))
	for _, enc := range []string{"utf-16", "utf-8"} {
		text := "start\r\nmiddle 😀\nend"
		e := textpos.UTF16
		if enc == "utf-8" {
			e = textpos.UTF8
		}
		for i := 0; i < 2000; i++ {
			r := randomRange(rng, text, enc)
			var ins strings.Builder
			for n := rng.Intn(4); n > 0; n-- {
				ins.WriteString(pieces[rng.Intn(len(pieces))])
			}
			want := applyEdits(t, text, []tEdit{{Range: r, NewText: ins.String()}}, enc)
			got, err := applyChanges(text, []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangePartial{
				Range: protocol.Range{
					Start: protocol.Position{Line: uint32(r.Start.Line), Character: uint32(r.Start.Character)},
					End:   protocol.Position{Line: uint32(r.End.Line), Character: uint32(r.End.Character)},
				}, Text: ins.String()}}, e)
			if err != nil || got != want {
				t.Fatalf("%s step %d: edit %+v %q on %q:\n got %q (%v)\nwant %q", enc, i, r, ins.String(), text, got, err, want)
			}
			text = got
		}
	}
}

// randomRange picks a valid range on character boundaries, in order.
func randomRange(rng *rand.Rand, text, enc string) tRange {
	pick := func() tPos {
		lines := strings.Split(text, "\n")
		l := rng.Intn(len(lines))
		line := strings.TrimSuffix(lines[l], "\r")
		var cols []int
		col := 0
		cols = append(cols, 0)
		for _, r := range line {
			if enc == "utf-8" {
				col += len(string(r))
			} else {
				col += len(utf16.Encode([]rune{r}))
			}
			cols = append(cols, col)
		}
		return tPos{l, cols[rng.Intn(len(cols))]}
	}
	a, b := pick(), pick()
	if b.Line < a.Line || (b.Line == a.Line && b.Character < a.Character) {
		a, b = b, a
	}
	return tRange{a, b}
}

// TestRapidChangesPublishOnlyTheFinalText sends 1,000 didChange
// notifications as fast as the pipe takes them. Whatever the server
// publishes on the way, versions only go up, nothing is published after
// the final version, and the final publication is a fresh analysis of the
// final text. With no debounce every edit's analysis races the next edit;
// with the default one the burst should be analysed about once.
func TestRapidChangesPublishOnlyTheFinalText(t *testing.T) {
	for _, debounce := range []int{0, 150} {
		t.Run(fmt.Sprintf("debounce %dms", debounce), func(t *testing.T) {
			c := start(t, config{initOpts: map[string]any{"debounceMs": debounce}})
			const uri = "file:///work/rapid.ts"
			text := "let x = 0;\n"
			c.open(uri, "typescript", text, 1)
			_, next := c.waitPublish(0, uri, nil)
			const final = 1001
			for v := 2; v <= final; v++ {
				// Insert a line at the top, a leak() every third time, and
				// now and then take the first line out again; positions
				// of the findings move with every edit.
				switch {
				case v%7 == 0:
					c.changeRange(uri, v, tEdit{Range: tRange{tPos{0, 0}, tPos{1, 0}}})
					text = text[strings.Index(text, "\n")+1:]
				case v%3 == 0:
					c.changeRange(uri, v, tEdit{Range: tRange{tPos{0, 0}, tPos{0, 0}}, NewText: "leak(" + fmt.Sprint(v) + ");\n"})
					text = "leak(" + fmt.Sprint(v) + ");\n" + text
				default:
					c.changeRange(uri, v, tEdit{Range: tRange{tPos{0, 0}, tPos{0, 0}}, NewText: "// " + fmt.Sprint(v) + " 😀\n"})
					text = "// " + fmt.Sprint(v) + " 😀\n" + text
				}
			}
			p, _ := c.waitPublish(next, uri, func(p tPublish) bool { return p.Version != nil && *p.Version == final })
			if held, _ := c.text(uri); held != text {
				t.Fatalf("the server holds a different text than the client sent")
			}
			want := freshDiagnostics(t, "/work/rapid.ts", text, "utf-16")
			if len(want) == 0 {
				t.Fatal("the final text should have findings")
			}
			if g, w := fmt.Sprintf("%+v", p.Diagnostics), fmt.Sprintf("%+v", want); g != w {
				t.Fatalf("final publication:\n got %s\nwant %s", g, w)
			}
			// Closing clears the client's list; that publication comes
			// after any that could still be on its way, so everything up
			// to it is all the server will ever send for these versions.
			c.notifyServer("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
			c.waitPublish(next, uri, func(p tPublish) bool { return p.Version == nil })
			ps := c.publishes(uri)
			last, intermediate := 0, 0
			for _, q := range ps[:len(ps)-1] {
				if q.Version == nil || *q.Version <= last {
					t.Fatalf("publication for version %v after version %d", q.Version, last)
				}
				last = *q.Version
				if last != 1 && last != final {
					intermediate++
				}
			}
			if last != final {
				t.Fatalf("the last publication before the close is for version %d, want %d", last, final)
			}
			t.Logf("%d intermediate publications", intermediate)
		})
	}
}
