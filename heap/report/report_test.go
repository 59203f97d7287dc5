package report

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/heap/analysis"
)

func TestSourceFile(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	app := filepath.Join(root, "src", "app.js")
	if err := os.WriteFile(app, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ script, root, want string }{
		{app, root, "src/app.js"},             // CommonJS: a path
		{"file://" + app, root, "src/app.js"}, // ES module: a file URL
		{"file://" + filepath.Join(root, "src", "a%20b.mjs"), root, "src/a b.mjs"},
		{"/elsewhere/x.js", root, "/elsewhere/x.js"},           // outside the root: kept whole
		{"node:internal/timers", root, "node:internal/timers"}, // not a file
		{app, "", filepath.ToSlash(app)},
	} {
		if got := SourceFile(c.script, c.root); got != c.want {
			t.Errorf("SourceFile(%q, %q) = %q, want %q", c.script, c.root, got, c.want)
		}
	}
	g := Group{File: "src/app.js"}
	if !g.InRoot() {
		t.Error("a relative file is in the root")
	}
	for _, f := range []string{"/elsewhere/x.js", "node:internal/timers", ""} {
		if (&Group{File: f}).InRoot() {
			t.Errorf("%q is not in the root", f)
		}
	}
}

func TestMatches(t *testing.T) {
	g := Group{Group: analysis.Group{Variable: "pages"}, File: "app.js", Line: 12}
	cases := []struct {
		line    int
		related []int
		msg     string
		want    bool
	}{
		{12, nil, "anything", true},                          // on the site
		{30, []int{12}, "anything", true},                    // points at it
		{30, nil, "Map `pages` only grows", true},            // names the holder
		{30, nil, "Map `pagesByUser` only grows", false},     // another name
		{13, []int{14}, "listener added per request", false}, // elsewhere
	}
	for _, c := range cases {
		if got := g.Matches(c.line, c.related, c.msg); got != c.want {
			t.Errorf("Matches(%d, %v, %q) = %v", c.line, c.related, c.msg, got)
		}
	}
	if (&Group{}).Matches(0, nil, "") {
		t.Error("a group without a site matches nothing")
	}
}
