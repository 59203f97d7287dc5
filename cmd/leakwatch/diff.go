package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
)

// diffContext is the number of unchanged lines shown around each change,
// as diff -u and git show them.
const diffContext = 3

// maxDiffEdits bounds the Myers search. Fixes change a handful of lines;
// past this many differing lines a plain "replace the middle" diff is
// printed instead, which is correct, only not minimal.
const maxDiffEdits = 4000

// diffOp is one line of a diff: ' ' unchanged, '-' removed, '+' added.
type diffOp struct {
	kind byte
	line string // with its line ending, if it had one
}

// unifiedDiff returns a unified diff from a to b with --- a/path and
// +++ b/path headers, or "" when they are equal.
func unifiedDiff(path string, a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	ops := diffLines(splitLines(a), splitLines(b))
	p := filepath.ToSlash(path)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- a/%s\n+++ b/%s\n", p, p)
	writeHunks(&sb, ops)
	return sb.String()
}

// splitLines splits after each "\n", keeping it, so CRLF files and a last
// line without a newline come back exactly.
func splitLines(s []byte) []string {
	var out []string
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, string(s))
			break
		}
		out = append(out, string(s[:i+1]))
		s = s[i+1:]
	}
	return out
}

// diffLines returns the edit script from a to b.
func diffLines(a, b []string) []diffOp {
	// Common prefix and suffix cost nothing to find and keep the search
	// to the changed middle.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []diffOp
	for _, l := range a[:pre] {
		ops = append(ops, diffOp{' ', l})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, diffOp{' ', l})
	}
	return ops
}

// myers is Myers' O(ND) shortest edit script (1986), keeping each round's
// frontier to walk back along the path.
func myers(a, b []string) []diffOp {
	n, m := len(a), len(b)
	if n == 0 || m == 0 || minEdits(n, m) > maxDiffEdits {
		return replaceAll(a, b)
	}
	max := n + m
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
	found := -1
	for d := 0; d <= max && found < 0; d++ {
		if d > maxDiffEdits {
			return replaceAll(a, b)
		}
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				found = d
				break
			}
		}
	}
	// Walk back from (n, m); trace[d] is the frontier before round d,
	// stored for diagonals -d-1..d+1.
	var rev []diffOp
	x, y := n, m
	for d := found; d > 0; d-- {
		fr := trace[d]
		at := func(k int) int { return fr[k+d+1] }
		k := x - y
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		for x > px && y > py {
			rev = append(rev, diffOp{' ', a[x-1]})
			x--
			y--
		}
		if x == px {
			rev = append(rev, diffOp{'+', b[py]})
		} else {
			rev = append(rev, diffOp{'-', a[px]})
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		rev = append(rev, diffOp{' ', a[x-1]})
		x--
		y--
	}
	ops := make([]diffOp, len(rev))
	for i, op := range rev {
		ops[len(rev)-1-i] = op
	}
	return ops
}

func minEdits(n, m int) int {
	if n > m {
		return n - m
	}
	return m - n
}

func replaceAll(a, b []string) []diffOp {
	ops := make([]diffOp, 0, len(a)+len(b))
	for _, l := range a {
		ops = append(ops, diffOp{'-', l})
	}
	for _, l := range b {
		ops = append(ops, diffOp{'+', l})
	}
	return ops
}

// writeHunks groups changes with diffContext lines around them; changes
// closer than twice that share a hunk.
func writeHunks(sb *strings.Builder, ops []diffOp) {
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(0, i-diffContext)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			// A run of unchanged lines: end the hunk if it is long enough.
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*diffContext {
				end = min(end+diffContext, len(ops))
				break
			}
			end = run
		}
		writeHunk(sb, ops, start, end)
		i = end
	}
}

func writeHunk(sb *strings.Builder, ops []diffOp, start, end int) {
	// Line numbers of the hunk's first line in each file.
	oldLine, newLine := 1, 1
	for _, op := range ops[:start] {
		if op.kind != '+' {
			oldLine++
		}
		if op.kind != '-' {
			newLine++
		}
	}
	oldCount, newCount := 0, 0
	for _, op := range ops[start:end] {
		if op.kind != '+' {
			oldCount++
		}
		if op.kind != '-' {
			newCount++
		}
	}
	fmt.Fprintf(sb, "@@ -%s +%s @@\n", hunkRange(oldLine, oldCount), hunkRange(newLine, newCount))
	for _, op := range ops[start:end] {
		sb.WriteByte(op.kind)
		sb.WriteString(op.line)
		if !strings.HasSuffix(op.line, "\n") {
			sb.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats "start,count" as diff -u does: the count is left out
// when it is 1, and an empty range names the line before it.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}
