package walk

import "testing"

func TestPatternMatch(t *testing.T) {
	tests := []struct {
		pat   string
		path  string
		isDir bool
		want  bool
	}{
		{"*.log", "a.log", false, true},
		{"*.log", "deep/down/a.log", false, true},
		{"*.log", "a.log.js", false, false},
		{"build", "build", true, true},
		{"build", "src/build", true, true},
		{"build", "build", false, true}, // no slash: files too
		{"build/", "build", false, false},
		{"build/", "x/build", true, true},
		{"/build", "build", true, true},
		{"/build", "src/build", true, false},
		{"src/gen", "src/gen", true, true},
		{"src/gen", "a/src/gen", true, false}, // a middle slash anchors
		{"**/gen", "a/b/gen", true, true},
		{"**/gen", "gen", true, true},
		{"a/**/b", "a/b", true, true},
		{"a/**/b", "a/x/y/b", true, true},
		{"a/**", "a/x.js", false, true},
		{"a/**", "a", true, false},
		{"[!a]*.js", "b.js", false, true},
		{"[!a]*.js", "a.js", false, false},
		{"?.js", "ab.js", false, false},
		{"\\#lit", "#lit", false, true},
		{"\\!lit", "!lit", false, true},
		{"trail\\ ", "trail ", false, true},
		{"sp   ", "sp", false, true},
	}
	for _, tt := range tests {
		p, ok := parsePattern(tt.pat)
		if !ok {
			t.Errorf("%q: not parsed", tt.pat)
			continue
		}
		if got := p.match(tt.path, tt.isDir); got != tt.want {
			t.Errorf("%q matching %q (dir %v) = %v, want %v", tt.pat, tt.path, tt.isDir, got, tt.want)
		}
	}
}

func TestPatternSkipsCommentsAndBlanks(t *testing.T) {
	for _, line := range []string{"", "   ", "# comment", "!", "/", "[z-a"} {
		if _, ok := parsePattern(line); ok {
			t.Errorf("%q parsed as a pattern", line)
		}
	}
}

func TestLastMatchWins(t *testing.T) {
	outer := parseIgnore("/r", "/r/.gitignore", []byte("*.js\n!keep.js\n"))
	inner := parseIgnore("/r/sub", "/r/sub/.gitignore", []byte("keep.js\r\n"))
	s := ignoreStack{outer}
	if v, _ := s.match("/r/a.js", false); !v.ignored || v.source != "/r/.gitignore:1" {
		t.Errorf("a.js: %+v", v)
	}
	if v, ok := s.match("/r/keep.js", false); !ok || v.ignored {
		t.Errorf("keep.js should be re-included: %+v", v)
	}
	s = append(s, inner)
	if v, _ := s.match("/r/sub/keep.js", false); !v.ignored || v.source != "/r/sub/.gitignore:1" {
		t.Errorf("sub/keep.js: the deeper file should win: %+v", v)
	}
	if _, ok := s.match("/elsewhere/a.js", false); ok {
		t.Error("a path outside every ignore file's folder matched")
	}
}
