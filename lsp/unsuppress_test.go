package lsp

import (
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

func TestRemoveUnusedSuppression(t *testing.T) {
	for _, tc := range []struct {
		name, path, lang, text string
		title                  string
		unused                 int // unused-suppression findings on the comment
		want                   string
	}{
		{"own line", "a.js", "javascript",
			"function f() {\n  // leakwatch-ignore test-leak: it is fine\n  noleak();\n}\n",
			"Remove unused suppression", 1, "function f() {\n  noleak();\n}\n"},
		{"trailing", "b.js", "javascript",
			"noleak(); // leakwatch-ignore test-leak: it is fine\nnext();\n",
			"Remove unused suppression", 1, "noleak();\nnext();\n"},
		{"before code", "c.js", "javascript",
			"/* leakwatch-ignore test-leak: it is fine */ noleak();\n",
			"Remove unused suppression", 1, "noleak();\n"},
		{"two unused rules", "d.js", "javascript",
			"// leakwatch-ignore test-boom, test-leak: it is fine\nnoleak();\n",
			"Remove unused suppression", 2, "noleak();\n"},
		{"one of two rules unused", "e.js", "javascript",
			"// leakwatch-ignore test-boom, test-leak: it is fine\nleak();\n",
			"Remove test-boom from this suppression", 1, "// leakwatch-ignore test-leak: it is fine\nleak();\n"},
		{"file-wide", "f.ts", "typescript",
			"/* leakwatch-ignore-file test-leak: generated */\nconst a = 1;\n",
			"Remove unused suppression", 1, "const a = 1;\n"},
		{"JSX", "G.tsx", "typescriptreact",
			"export const G = () => (\n  <div>\n    {/* leakwatch-ignore test-leak: it is fine */}\n    <span />\n  </div>\n);\n",
			"Remove unused suppression", 1, "export const G = () => (\n  <div>\n    <span />\n  </div>\n);\n"},
		{"last line", "h.js", "javascript",
			"noleak();\n// leakwatch-ignore test-leak: it is fine",
			"Remove unused suppression", 1, "noleak();"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, lazy := range []bool{false, true} {
				caps := defaultCaps()
				if lazy {
					caps = resolveCaps()
				}
				c := start(t, config{caps: caps})
				uri := "file:///work/" + tc.path
				c.open(uri, tc.lang, tc.text, 1)
				p, _ := c.waitPublish(0, uri, func(p tPublish) bool { return len(p.Diagnostics) > 0 })
				var unused []tDiag
				for _, d := range p.Diagnostics {
					if d.Code == "unused-suppression" {
						unused = append(unused, d)
					}
				}
				if len(unused) != tc.unused {
					t.Fatalf("unused-suppression findings %+v, want %d", p.Diagnostics, tc.unused)
				}
				acts := c.rawCodeActions(uri, unused[0].Range, "quickfix")
				act := findRaw(t, acts, tc.title)
				n := 0
				for _, a := range acts {
					if strings.HasPrefix(a.Title, "Remove ") {
						n++
					}
				}
				if n != 1 || !act.IsPreferred || len(act.Diagnostics) != tc.unused {
					t.Errorf("%d removal actions; preferred %v; resolves %d findings, want 1, true, %d", n, act.IsPreferred, len(act.Diagnostics), tc.unused)
				}
				got := act.tAction
				if lazy {
					var err error
					if got, err = c.resolve(act); err != nil {
						t.Fatal(err)
					}
				}
				fixed := applyEdits(t, tc.text, editsOf(t, got, uri, 1), "utf-16")
				if fixed != tc.want {
					t.Fatalf("resolve %v: after the action:\n%q\nwant:\n%q", lazy, fixed, tc.want)
				}
				next := c.mark()
				c.changeFull(uri, 2, fixed)
				after, _ := c.waitPublish(next, uri, func(p tPublish) bool { return *p.Version == 2 })
				for _, d := range after.Diagnostics {
					if d.Code == "unused-suppression" || d.Code == "invalid-suppression" || d.Code == "test-leak" {
						t.Errorf("after the action: %+v", d)
					}
				}
			}
		})
	}
}

// A suppression that is used gets no removal action.
func TestUsedSuppressionIsNotOfferedForRemoval(t *testing.T) {
	c := start(t, config{})
	const uri = "file:///work/used.js"
	text := "// leakwatch-ignore test-leak: it is fine\nleak();\n"
	c.open(uri, "javascript", text, 1)
	c.waitPublish(0, uri, nil)
	for _, a := range c.codeActions(uri, tRange{tPos{0, 0}, tPos{1, 3}}, "quickfix") {
		if strings.HasPrefix(a.Title, "Remove") {
			t.Errorf("offered %q for a used suppression", a.Title)
		}
	}
}

func TestSuppressionIDs(t *testing.T) {
	for _, tc := range []struct{ comment, ids, list string }{
		{"// leakwatch-ignore a, b: why", "a b", "a, b"},
		{"// leakwatch-ignore a:why", "a", "a"},
		{"/* leakwatch-ignore-file x */", "x", "x"},
		{"/* leakwatch-ignore-file: everything */", "", ""},
		{"// leakwatch-ignore\ta ,b : why", "a b", "a ,b"},
	} {
		ids, s, e := suppressionIDs(tc.comment)
		if strings.Join(ids, " ") != tc.ids || tc.comment[s:e] != tc.list {
			t.Errorf("%q: ids %q list %q, want %q and %q", tc.comment, ids, tc.comment[s:e], tc.ids, tc.list)
		}
	}
}

func TestRemoveCommentEdit(t *testing.T) {
	for _, tc := range []struct{ text, comment, want string }{
		{"a();\r\n  // c\r\nb();\r\n", "// c", "a();\r\nb();\r\n"},
		{"// c", "// c", ""},
		{"if (x) { /* c */ }\n", "/* c */", "if (x) { }\n"},
		{"<a>{/* c */} {b}</a>\n", "/* c */", "<a>{b}</a>\n"},
	} {
		start := strings.Index(tc.text, tc.comment)
		e := removeCommentEdit(tc.text, textpos.New(tc.text), start, start+len(tc.comment))
		if got := tc.text[:e.Start] + e.NewText + tc.text[e.End:]; got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}
