// Command recall scores leakwatch on leaks that real projects fixed.
//
// Each row of the manifest (testdata/recall/manifest.tsv) names a fix commit,
// its parent, a file and the line in the parent where the leak was
// registered, the rule that should report it, and a shape tag. The file's
// two versions are taken from a local git copy of the repository (git show
// <commit>:<path>), written to a scratch folder under their own extension, and
// checked with one leakwatch run. A row is a hit when the parent version has
// a finding of the expected rule within -window lines of the recorded line.
// For hits, the fix version is checked too: a finding of the same rule at the
// same place (the line carried over through the commit's diff) is counted
// as "still reports on the fix", which is a false positive on fixed code.
//
// Nothing from the repositories is kept: the scratch folder is removed at
// the end (unless -keep). Missing repositories, commits or files are
// reported and skipped.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/mirror"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	manifest  string
	mirror    string
	leakwatch string
	window    int
	jsonOut   bool
	keep      bool
	minRecall float64
	hits      string
	writeHits string
	timeout   time.Duration
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("recall", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	defMirror := os.Getenv("LEAKWATCH_RECALL_MIRROR")
	if defMirror == "" {
		defMirror = "/work/.mirror"
	}
	fs.StringVar(&o.manifest, "manifest", "testdata/recall/manifest.tsv", "the manifest of leak-fix pairs")
	fs.StringVar(&o.mirror, "mirror", defMirror, "folder holding the fetched repositories (owner+name/repo, owner+name, owner/name or name; bare or not); default $LEAKWATCH_RECALL_MIRROR or /work/.mirror")
	fs.StringVar(&o.leakwatch, "leakwatch", "leakwatch", "the leakwatch binary")
	fs.IntVar(&o.window, "window", 3, "a finding counts when it is this many lines or fewer from the recorded line")
	fs.BoolVar(&o.jsonOut, "json", false, "print the result as JSON")
	fs.BoolVar(&o.keep, "keep", false, "keep the scratch folder and print where it is")
	fs.Float64Var(&o.minRecall, "min-recall", 0, "exit 1 when recall over the scored rows is below this")
	fs.StringVar(&o.hits, "hits", "", "`file` of rows that must be hits (repo, fix commit, path, line, rule): exit 1 when one scored row of it is missed")
	fs.StringVar(&o.writeHits, "write-hits", "", "write this run's hits to `file`, in -hits's format")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Minute, "give up on the leakwatch run after this long")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "recall: unexpected arguments: %s\n", strings.Join(fs.Args(), " "))
		return 2
	}
	rows, err := readManifest(o.manifest)
	if err != nil {
		fmt.Fprintf(stderr, "recall: %v\n", err)
		return 2
	}
	res, err := score(o, rows, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "recall: %v\n", err)
		return 2
	}
	if o.jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(stderr, "recall: %v\n", err)
			return 2
		}
	} else {
		printText(stdout, res)
	}
	if o.writeHits != "" {
		if err := os.WriteFile(o.writeHits, []byte(formatHits(res.Outcomes)), 0o644); err != nil {
			fmt.Fprintf(stderr, "recall: %v\n", err)
			return 2
		}
	}
	code := 0
	if res.Scored > 0 && res.Recall < o.minRecall {
		fmt.Fprintf(stderr, "recall: %.3f is below -min-recall %.3f\n", res.Recall, o.minRecall)
		code = 1
	}
	if o.hits != "" {
		want, err := os.ReadFile(o.hits)
		if err != nil {
			fmt.Fprintf(stderr, "recall: %v\n", err)
			return 2
		}
		if lost := lostHits(string(want), res.Outcomes); len(lost) > 0 {
			fmt.Fprintf(stderr, "recall: %d rows of %s are no longer hits:\n", len(lost), o.hits)
			for _, l := range lost {
				fmt.Fprintf(stderr, "  %s\n", l)
			}
			code = 1
		}
	}
	return code
}

// A hits file lists the rows that were hits, one per line (repo, fix
// commit, path, line and rule, tab-separated; # starts a comment). It is the
// regression gate: adding rows nobody has tuned on lowers the recall
// figure, and should, but no row that was found may be lost.
func hitKey(r row) string {
	return strings.Join([]string{r.Repo, r.Fix, r.Path, strconv.Itoa(r.Line), r.Rule}, "\t")
}

func formatHits(outcomes []outcome) string {
	var sb strings.Builder
	sb.WriteString("# The recall rows leakwatch finds (bench/recall -write-hits); scripts/test.sh fails when one is lost.\n")
	for _, oc := range outcomes {
		if oc.Status == "hit" {
			sb.WriteString(hitKey(oc.row) + "\n")
		}
	}
	return sb.String()
}

// lostHits returns the listed rows that were scored and missed. A listed
// row that was skipped (its repository is not fetched) is not lost.
func lostHits(list string, outcomes []outcome) []string {
	status := make(map[string]string, len(outcomes))
	for _, oc := range outcomes {
		status[hitKey(oc.row)] = oc.Status
	}
	var lost []string
	for _, line := range strings.Split(list, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		switch status[line] {
		case "hit", "skipped":
		case "":
			lost = append(lost, line+" (no such row in the manifest)")
		default:
			lost = append(lost, line)
		}
	}
	return lost
}

// row is one line of the manifest.
type row struct {
	Repo      string `json:"repo"`
	Fix       string `json:"fix"`
	Parent    string `json:"parent"`
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Rule      string `json:"rule"`
	Shape     string `json:"shape"`
	Framework string `json:"framework"`
	Note      string `json:"note"`
	lineNo    int    // line in the manifest, for messages
}

var manifestColumns = []string{"repo", "fix_commit", "parent", "path", "line", "rule", "shape", "framework", "note"}

// readManifest reads the tab-separated manifest: a header row naming the
// columns, then one row per leak. Blank lines and lines starting with # are
// skipped.
func readManifest(path string) ([]row, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseManifest(path, data)
}

func parseManifest(name string, data []byte) ([]row, error) {
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	var rows []row
	header := false
	for i, l := range lines {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if !header {
			if strings.Join(f, "\t") != strings.Join(manifestColumns, "\t") {
				return nil, fmt.Errorf("%s:%d: the header must be %q", name, i+1, strings.Join(manifestColumns, "\\t"))
			}
			header = true
			continue
		}
		if len(f) != len(manifestColumns) {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d", name, i+1, len(f), len(manifestColumns))
		}
		n, err := strconv.Atoi(f[4])
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%s:%d: line %q is not a positive number", name, i+1, f[4])
		}
		for j, v := range f[:8] {
			if v == "" {
				return nil, fmt.Errorf("%s:%d: column %s is empty", name, i+1, manifestColumns[j])
			}
		}
		rows = append(rows, row{Repo: f[0], Fix: f[1], Parent: f[2], Path: f[3], Line: n, Rule: f[5],
			Shape: f[6], Framework: f[7], Note: f[8], lineNo: i + 1})
	}
	if !header {
		return nil, fmt.Errorf("%s: no header row", name)
	}
	return rows, nil
}

// outcome is the verdict on one row.
type outcome struct {
	row
	Status string `json:"status"` // hit, miss, or skipped
	Reason string `json:"reason,omitempty"`
	// FixLine is the recorded line carried over to the fix version (0 when
	// the file is gone there).
	FixLine int `json:"fixLine,omitempty"`
	// StillReports is true for a hit whose fix version still has a finding
	// of the rule at FixLine.
	StillReports bool `json:"stillReports,omitempty"`
	// RuleLines are the lines of the expected rule's findings in the parent
	// version, and Nearby the other rules reported within the window: what a
	// rule author looks at for a miss.
	RuleLines []int    `json:"ruleLines,omitempty"`
	Nearby    []string `json:"nearby,omitempty"`
	// SyntaxErrors counts the parse errors leakwatch met in the parent
	// version: a miss with errors may be the parser's, not the rule's.
	SyntaxErrors int `json:"syntaxErrors,omitempty"`
}

type tally struct {
	Key    string  `json:"key"`
	Rows   int     `json:"rows"`
	Hits   int     `json:"hits"`
	Recall float64 `json:"recall"`
}

type result struct {
	Rows         int       `json:"rows"`
	Scored       int       `json:"scored"`
	Skipped      int       `json:"skipped"`
	Hits         int       `json:"hits"`
	Recall       float64   `json:"recall"`
	StillReports int       `json:"stillReportsOnFix"`
	ByShape      []tally   `json:"byShape"`
	ByFramework  []tally   `json:"byFramework"`
	ByRule       []tally   `json:"byRule"`
	Outcomes     []outcome `json:"outcomes"`
}

// finding is the part of leakwatch's JSON diagnostics the score needs.
type finding struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Rule string `json:"rule"`
}

type report struct {
	Diagnostics []finding `json:"diagnostics"`
	Summary     struct {
		SyntaxErrors []struct {
			File  string `json:"file"`
			Count int    `json:"count"`
		} `json:"syntaxErrors"`
	} `json:"summary"`
}

// pair is one file at the parent and at the fix, written to the scratch folder.
type pair struct {
	before, after string // scratch paths; after is "" when the file is gone at the fix
	lineMap       func(int) int
}

func score(o options, rows []row, stderr io.Writer) (*result, error) {
	scratch, err := os.MkdirTemp("", "leakwatch-recall-")
	if err != nil {
		return nil, err
	}
	if o.keep {
		fmt.Fprintf(stderr, "recall: scratch folder %s\n", scratch)
	} else {
		defer os.RemoveAll(scratch)
	}

	outs := make([]outcome, len(rows))
	pairs := map[string]*pair{} // by repo, fix, path: rows may share a file
	repoDirs := map[string]string{}
	var files []string
	for i, r := range rows {
		outs[i] = outcome{row: r}
		dir, ok := repoDirs[r.Repo]
		if !ok {
			dir = mirror.Find(o.mirror, r.Repo)
			repoDirs[r.Repo] = dir
			if dir == "" {
				fmt.Fprintf(stderr, "recall: %s is not under %s; its rows are skipped\n", r.Repo, o.mirror)
			}
		}
		if dir == "" {
			outs[i].Status, outs[i].Reason = "skipped", "repository not fetched"
			continue
		}
		key := r.Repo + "\x00" + r.Fix + "\x00" + r.Path
		p, ok := pairs[key]
		if !ok {
			p, err = extract(dir, r, filepath.Join(scratch, strconv.Itoa(len(pairs))))
			if err != nil {
				fmt.Fprintf(stderr, "recall: manifest line %d: %v; skipped\n", r.lineNo, err)
				outs[i].Status, outs[i].Reason = "skipped", err.Error()
				continue
			}
			pairs[key] = p
			files = append(files, p.before)
			if p.after != "" {
				files = append(files, p.after)
			}
		}
		outs[i].FixLine = p.lineMap(r.Line)
		if p.after == "" {
			outs[i].FixLine = 0
		}
	}

	byFile := map[string][]finding{}
	syntaxErrors := map[string]int{}
	if len(files) > 0 {
		rep, err := runLeakwatch(o, files)
		if err != nil {
			return nil, err
		}
		for _, f := range rep.Diagnostics {
			byFile[f.File] = append(byFile[f.File], f)
		}
		for _, e := range rep.Summary.SyntaxErrors {
			syntaxErrors[e.File] += e.Count
		}
	}

	for i := range outs {
		if outs[i].Status == "skipped" {
			continue
		}
		r := outs[i].row
		p := pairs[r.Repo+"\x00"+r.Fix+"\x00"+r.Path]
		judge(&outs[i], byFile[p.before], byFile[p.after], o.window)
		outs[i].SyntaxErrors = syntaxErrors[p.before]
	}
	return summarize(outs), nil
}

// judge decides one row from the findings in the file's two versions.
func judge(out *outcome, before, after []finding, window int) {
	near := func(line, want int) bool { return line >= want-window && line <= want+window }
	// The rule column may name alternatives, a|b: an undo typo is a leak
	// whichever listener rule flags it at the registration.
	accepts := func(rule string) bool {
		for _, r := range strings.Split(out.Rule, "|") {
			if r == rule {
				return true
			}
		}
		return false
	}
	out.Status = "miss"
	for _, f := range before {
		switch {
		case accepts(f.Rule):
			out.RuleLines = append(out.RuleLines, f.Line)
			if near(f.Line, out.Line) {
				out.Status = "hit"
			}
		case near(f.Line, out.Line):
			out.Nearby = append(out.Nearby, fmt.Sprintf("%s@%d", f.Rule, f.Line))
		}
	}
	if out.Status == "hit" && out.FixLine > 0 {
		for _, f := range after {
			if accepts(f.Rule) && near(f.Line, out.FixLine) {
				out.StillReports = true
			}
		}
	}
}

func summarize(outs []outcome) *result {
	res := &result{Rows: len(outs), Outcomes: outs}
	shape, fw, rule := map[string]*tally{}, map[string]*tally{}, map[string]*tally{}
	add := func(m map[string]*tally, k string, hit bool) {
		t := m[k]
		if t == nil {
			t = &tally{Key: k}
			m[k] = t
		}
		t.Rows++
		if hit {
			t.Hits++
		}
	}
	for _, o := range outs {
		if o.Status == "skipped" {
			res.Skipped++
			continue
		}
		res.Scored++
		hit := o.Status == "hit"
		if hit {
			res.Hits++
		}
		if o.StillReports {
			res.StillReports++
		}
		add(shape, o.Shape, hit)
		add(fw, o.Framework, hit)
		first, _, _ := strings.Cut(o.Rule, "|")
		add(rule, first, hit)
	}
	res.Recall = ratio(res.Hits, res.Scored)
	res.ByShape, res.ByFramework, res.ByRule = sorted(shape), sorted(fw), sorted(rule)
	return res
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// sorted lists the tallies by number of rows, then by key.
func sorted(m map[string]*tally) []tally {
	out := make([]tally, 0, len(m))
	for _, t := range m {
		t.Recall = ratio(t.Hits, t.Rows)
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Rows != out[j].Rows {
			return out[i].Rows > out[j].Rows
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// extract writes the file at the parent and at the fix into dir, keeping its
// name (and so its extension), and works out where parent lines went.
func extract(repoDir string, r row, dir string) (*pair, error) {
	before, err := gitShow(repoDir, r.Parent, r.Path)
	if err != nil {
		return nil, fmt.Errorf("%s at parent %.10s: %w", r.Path, r.Parent, err)
	}
	if n := bytes.Count(before, []byte("\n")) + 1; r.Line > n {
		return nil, fmt.Errorf("%s at parent %.10s has %d lines, the row says line %d", r.Path, r.Parent, n, r.Line)
	}
	p := &pair{before: filepath.Join(dir, "before", filepath.Base(r.Path))}
	if err := writeFile(p.before, before); err != nil {
		return nil, err
	}
	after, err := gitShow(repoDir, r.Fix, r.Path)
	if err != nil {
		// The fix may have moved or deleted the file; the parent is still scored.
		p.lineMap = func(int) int { return 0 }
		return p, nil
	}
	p.after = filepath.Join(dir, "after", filepath.Base(r.Path))
	if err := writeFile(p.after, after); err != nil {
		return nil, err
	}
	diff, err := exec.Command("git", "-C", repoDir, "diff", "--no-color", "--no-ext-diff", "-U0", r.Parent, r.Fix, "--", r.Path).Output()
	if err != nil {
		return nil, fmt.Errorf("git diff %.10s %.10s -- %s: %w", r.Parent, r.Fix, r.Path, err)
	}
	p.lineMap = lineMapper(diff)
	return p, nil
}

func gitShow(repoDir, commit, path string) ([]byte, error) {
	cmd := exec.Command("git", "-C", repoDir, "show", commit+":"+path)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(firstLine(msg))
	}
	return out, nil
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// lineMapper reads a -U0 unified diff of one file and returns a function
// from a line of the old version to the line of the new version it became:
// lines outside the hunks move by the hunks above them; a line a hunk
// replaced maps to the start of the hunk's new text.
func lineMapper(diff []byte) func(int) int {
	type hunk struct{ oldStart, oldLen, newStart, newLen int }
	var hunks []hunk
	for _, l := range strings.Split(string(diff), "\n") {
		if !strings.HasPrefix(l, "@@ ") {
			continue
		}
		var h hunk
		f := strings.Fields(l)
		if len(f) < 3 {
			continue
		}
		h.oldStart, h.oldLen = parseRange(strings.TrimPrefix(f[1], "-"))
		h.newStart, h.newLen = parseRange(strings.TrimPrefix(f[2], "+"))
		hunks = append(hunks, h)
	}
	return func(line int) int {
		shift := 0
		for _, h := range hunks {
			// A pure insertion (oldLen 0) sits after line oldStart.
			end := h.oldStart + h.oldLen - 1
			if h.oldLen == 0 {
				end = h.oldStart
			}
			switch {
			case h.oldLen > 0 && line >= h.oldStart && line <= end:
				if h.newLen == 0 {
					return max(h.newStart, 1)
				}
				return h.newStart
			case line > end:
				shift += h.newLen - h.oldLen
			}
		}
		return line + shift
	}
}

// parseRange reads "start,len" or "start" (len 1) from a hunk header.
func parseRange(s string) (int, int) {
	a, b, ok := strings.Cut(s, ",")
	start, _ := strconv.Atoi(a)
	if !ok {
		return start, 1
	}
	n, _ := strconv.Atoi(b)
	return start, n
}

// runLeakwatch checks all the files in one run and returns its report, with
// file names as given.
func runLeakwatch(o options, files []string) (*report, error) {
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	args := append([]string{"check", "--format", "json", "--max-file-size", "0"}, files...)
	cmd := exec.CommandContext(ctx, o.leakwatch, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("leakwatch did not finish within %v", o.timeout)
	}
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		if msg := firstLine(strings.TrimSpace(errb.String())); msg != "" {
			return nil, fmt.Errorf("leakwatch: %v: %s", err, msg)
		}
		return nil, fmt.Errorf("leakwatch: %v", err)
	}
	var rep report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		return nil, fmt.Errorf("leakwatch's JSON output: %v", err)
	}
	return &rep, nil
}

func printText(w io.Writer, res *result) {
	fmt.Fprintf(w, "recall %d/%d = %.2f  (rows %d, skipped %d; still reports on the fix: %d of %d hits)\n",
		res.Hits, res.Scored, res.Recall, res.Rows, res.Skipped, res.StillReports, res.Hits)
	for _, part := range []struct {
		title string
		t     []tally
	}{{"shape", res.ByShape}, {"framework", res.ByFramework}, {"rule", res.ByRule}} {
		fmt.Fprintf(w, "\nby %s:\n", part.title)
		for _, t := range part.t {
			fmt.Fprintf(w, "  %-36s %3d/%-3d %.2f\n", t.Key, t.Hits, t.Rows, t.Recall)
		}
	}
	list := func(title string, keep func(outcome) bool) {
		var sel []outcome
		for _, o := range res.Outcomes {
			if keep(o) {
				sel = append(sel, o)
			}
		}
		if len(sel) == 0 {
			return
		}
		sort.SliceStable(sel, func(i, j int) bool { return sel[i].Shape < sel[j].Shape })
		fmt.Fprintf(w, "\n%s (%d):\n", title, len(sel))
		for _, o := range sel {
			fmt.Fprintf(w, "  [%s] %s %.10s %s:%d %s\n", o.Shape, o.Repo, o.Fix, o.Path, o.Line, o.Rule)
			if o.Note != "" {
				fmt.Fprintf(w, "      %s\n", o.Note)
			}
			var hints []string
			if o.Reason != "" {
				hints = append(hints, o.Reason)
			}
			if o.Status == "miss" && len(o.RuleLines) > 0 {
				hints = append(hints, fmt.Sprintf("%s reported at lines %v", o.Rule, o.RuleLines))
			}
			if o.Status == "miss" && len(o.Nearby) > 0 {
				hints = append(hints, "nearby: "+strings.Join(o.Nearby, ", "))
			}
			if o.SyntaxErrors > 0 {
				hints = append(hints, fmt.Sprintf("%d syntax errors in the parent version", o.SyntaxErrors))
			}
			if o.StillReports {
				hints = append(hints, fmt.Sprintf("fix version still reports at line %d", o.FixLine))
			}
			if len(hints) > 0 {
				fmt.Fprintf(w, "      (%s)\n", strings.Join(hints, "; "))
			}
		}
	}
	list("misses", func(o outcome) bool { return o.Status == "miss" })
	list("hits that still report on the fix", func(o outcome) bool { return o.StillReports })
	list("skipped", func(o outcome) bool { return o.Status == "skipped" })
}
