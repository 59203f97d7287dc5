package main

import (
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
)

func TestUnifiedDiffExact(t *testing.T) {
	for _, tt := range []struct {
		name, a, b, want string
	}{
		{"equal", "a\n", "a\n", ""},
		{"insert at start", "a\nb\n", "x\na\nb\n", "@@ -1,2 +1,3 @@\n+x\n a\n b\n"},
		{"append", "a\n", "a\nb\n", "@@ -1 +1,2 @@\n a\n+b\n"},
		{"delete all", "a\nb\n", "", "@@ -1,2 +0,0 @@\n-a\n-b\n"},
		{"from empty", "", "a\n", "@@ -0,0 +1 @@\n+a\n"},
		{"newline added at end", "a", "a\n", "@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n"},
		{"crlf kept", "a\r\nb\r\n", "a\r\nc\r\n", "@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n"},
		{"context is three lines", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nX\n6\n7\n8\n",
			"@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n"},
		{"changes six lines apart share a hunk", "a\n1\n2\n3\n4\n5\n6\nb\n", "A\n1\n2\n3\n4\n5\n6\nB\n",
			"@@ -1,8 +1,8 @@\n-a\n+A\n 1\n 2\n 3\n 4\n 5\n 6\n-b\n+B\n"},
		{"seven apart do not", "a\n1\n2\n3\n4\n5\n6\n7\nb\n", "A\n1\n2\n3\n4\n5\n6\n7\nB\n",
			"@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n@@ -6,4 +6,4 @@\n 5\n 6\n 7\n-b\n+B\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := unifiedDiff("f.js", []byte(tt.a), []byte(tt.b))
			want := tt.want
			if want != "" {
				want = "--- a/f.js\n+++ b/f.js\n" + want
			}
			if got != want {
				t.Errorf("diff:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// applyUnifiedDiff applies a diff made by unifiedDiff to a, checking that
// every context and removed line matches, and returns the result.
func applyUnifiedDiff(a, diff string) (string, error) {
	if diff == "" {
		return a, nil
	}
	src := splitLines([]byte(a))
	lines := strings.SplitAfter(diff, "\n")
	var out []string
	pos := 0 // next line of src to copy
	for i := 2; i < len(lines) && lines[i] != ""; {
		h := lines[i]
		if !strings.HasPrefix(h, "@@ -") {
			return "", fmt.Errorf("bad hunk header %q", h)
		}
		start, count, _ := strings.Cut(strings.Fields(h)[1][1:], ",")
		oldStart, _ := strconv.Atoi(start)
		oldCount := 1
		if count != "" {
			oldCount, _ = strconv.Atoi(count)
		}
		if oldCount == 0 {
			oldStart++ // an empty range names the line before
		}
		for ; pos < oldStart-1; pos++ {
			out = append(out, src[pos])
		}
		i++
		for i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			body := l[1:]
			if i+1 < len(lines) && strings.HasPrefix(lines[i+1], `\ No newline`) {
				body = strings.TrimSuffix(body, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if pos >= len(src) || src[pos] != body {
					return "", fmt.Errorf("line %d: diff has %q, text has %q", pos+1, body, src[min(pos, len(src)-1)])
				}
				if l[0] == ' ' {
					out = append(out, body)
				}
				pos++
			case '+':
				out = append(out, body)
			}
			i++
		}
	}
	out = append(out, src[pos:]...)
	return strings.Join(out, ""), nil
}

func TestUnifiedDiffRoundTrips(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	words := []string{"a\n", "b\n", "c\n", "d\n", "a\r\n", "e"}
	gen := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			w := words[rng.Intn(len(words))]
			if w == "e" && i != n-1 {
				w = "e\n"
			}
			b.WriteString(w)
		}
		return b.String()
	}
	for i := 0; i < 2000; i++ {
		a, b := gen(rng.Intn(30)), gen(rng.Intn(30))
		d := unifiedDiff("f.js", []byte(a), []byte(b))
		got, err := applyUnifiedDiff(a, d)
		if err != nil || got != b {
			t.Fatalf("a=%q b=%q\ndiff:\n%s\napplied: %q, %v", a, b, d, got, err)
		}
	}
}

func TestUnifiedDiffIsMinimal(t *testing.T) {
	// One changed line among many: the script must not rewrite the rest.
	var a, b []string
	for i := 0; i < 500; i++ {
		a = append(a, fmt.Sprintf("line %d\n", i))
	}
	b = append(b, a...)
	b[250] = "changed\n"
	ops := diffLines(a, b)
	changes := 0
	for _, op := range ops {
		if op.kind != ' ' {
			changes++
		}
	}
	if changes != 2 {
		t.Errorf("%d changed lines, want 2", changes)
	}
}

func TestJoinTouchingEdits(t *testing.T) {
	f := analyzer.Fix{Edits: []analyzer.Edit{{Start: 4, End: 8, NewText: "B"}, {Start: 0, End: 0, NewText: "// x\n"}, {Start: 0, End: 4, NewText: "A"}, {Start: 10, End: 10, NewText: "C"}}}
	got := analyzer.JoinTouchingEdits(f).Edits
	want := []analyzer.Edit{{Start: 0, End: 8, NewText: "// x\nAB"}, {Start: 10, End: 10, NewText: "C"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("joined %v, want %v", got, want)
	}
	src := "abcdefghijkl"
	before, _ := analyzer.ApplyEdits(src, f.Edits)
	after, _ := analyzer.ApplyEdits(src, got)
	if before != after {
		t.Errorf("joining changed the result: %q vs %q", before, after)
	}
}
