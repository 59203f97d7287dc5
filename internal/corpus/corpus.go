// Package corpus measures leakwatch on real applications: it knows which
// folders of each project in ../shared/corpus to check, reads the reviewed
// verdicts in testdata/corpus/labels.tsv, and matches a run's findings
// against them (tolerating small line shifts) to count precision per rule
// and to find findings nobody has reviewed and true positives that were
// lost.
package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Project is one application of the corpus and the folders of it that a
// run checks, relative to the corpus root.
type Project struct {
	Name  string
	Paths []string
}

// explicitPaths lists projects whose source is not reached by checking the
// project folder. node-red keeps its packages under packages/node_modules,
// which the walker rightly skips unless it is named.
var explicitPaths = map[string][]string{
	"node-red": {"node-red/packages/node_modules/@node-red", "node-red/test"},
}

// Projects lists the projects under root (every folder), in name order.
func Projects(root string) ([]Project, error) {
	ents, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	var out []Project
	for _, e := range ents {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		paths := explicitPaths[e.Name()]
		if paths == nil {
			paths = []string{e.Name()}
		}
		out = append(out, Project{Name: e.Name(), Paths: paths})
	}
	return out, nil
}

// Verdict is a reviewer's judgement of one finding.
type Verdict string

const (
	TP Verdict = "TP" // a leak whose fix the project's maintainers would accept
	FP Verdict = "FP" // correct code
	// Unsure counts against the tool: a finding that cannot be defended.
	Unsure Verdict = "UNSURE"
)

// Label is one reviewed finding: a line of labels.tsv.
type Label struct {
	Project, File string
	Line          int
	Rule          string
	Verdict       Verdict
	Shape         string // the false-positive shape, "-" for true positives
	Reason        string
	lineNo        int // in labels.tsv, for error messages
}

// ReadLabels parses labels.tsv: tab-separated project, file, line, rule,
// verdict, shape and reason; blank lines and lines starting with # are
// comments.
func ReadLabels(r io.Reader, name string) ([]Label, error) {
	var out []Label
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			return nil, fmt.Errorf("%s:%d: want 7 tab-separated fields (project, file, line, rule, verdict, shape, reason), got %d", name, n, len(f))
		}
		ln, err := strconv.Atoi(f[2])
		if err != nil || ln < 1 {
			return nil, fmt.Errorf("%s:%d: line %q is not a positive number", name, n, f[2])
		}
		v := Verdict(f[4])
		if v != TP && v != FP && v != Unsure {
			return nil, fmt.Errorf("%s:%d: verdict %q is not TP, FP or UNSURE", name, n, f[4])
		}
		if strings.TrimSpace(f[6]) == "" {
			return nil, fmt.Errorf("%s:%d: a verdict needs a reason", name, n)
		}
		out = append(out, Label{Project: f[0], File: f[1], Line: ln, Rule: f[3], Verdict: v, Shape: f[5], Reason: f[6], lineNo: n})
	}
	return out, sc.Err()
}

// ReadLabelsFile reads a labels file.
func ReadLabelsFile(path string) ([]Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadLabels(f, path)
}

// Finding is one diagnostic of a run, located in its project.
type Finding struct {
	Project, File string
	Line, Column  int
	Rule, Message string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s\t%s:%d:%d\t%s\t%s", f.Project, f.File, f.Line, f.Column, f.Rule, f.Message)
}

// ParseReport reads `leakwatch check --format json` output produced with
// the corpus root as working folder, so each path starts with its project.
func ParseReport(data []byte) ([]Finding, error) {
	var rep struct {
		Diagnostics []struct {
			File    string `json:"file"`
			Line    int    `json:"line"`
			Column  int    `json:"column"`
			Rule    string `json:"rule"`
			Message string `json:"message"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("reading the JSON report: %w", err)
	}
	out := make([]Finding, 0, len(rep.Diagnostics))
	for _, d := range rep.Diagnostics {
		p := filepath.ToSlash(d.File)
		proj, rel, ok := strings.Cut(p, "/")
		if !ok {
			return nil, fmt.Errorf("finding in %q is not inside a project folder", d.File)
		}
		out = append(out, Finding{Project: proj, File: rel, Line: d.Line, Column: d.Column, Rule: d.Rule, Message: d.Message})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].less(out[j]) })
	return out, nil
}

func (f Finding) less(g Finding) bool {
	if f.Project != g.Project {
		return f.Project < g.Project
	}
	if f.File != g.File {
		return f.File < g.File
	}
	if f.Line != g.Line {
		return f.Line < g.Line
	}
	if f.Column != g.Column {
		return f.Column < g.Column
	}
	return f.Rule < g.Rule
}

// Tolerance is how many lines a finding may move from its label and still
// be the same finding: edits to the rules sometimes move a report from one
// line of a statement to another.
const Tolerance = 3

// Match pairs findings with labels: same project, file and rule, lines at
// most Tolerance apart, nearest first, each label used once.
type Match struct {
	Labelled  []Pair    // findings with their label
	Unlabeled []Finding // findings nobody has reviewed
	LostTPs   []Label   // true positives no finding matched
	Stale     []Label   // other labels no finding matched
}

// Pair is a finding and the label it matched.
type Pair struct {
	Finding Finding
	Label   Label
}

// MatchLabels matches a run's findings against the labels.
func MatchLabels(findings []Finding, labels []Label) Match {
	type key struct{ project, file, rule string }
	byKey := make(map[key][]int)
	for i, l := range labels {
		k := key{l.Project, l.File, l.Rule}
		byKey[k] = append(byKey[k], i)
	}
	used := make([]bool, len(labels))
	var m Match
	// Exact lines first, so a finding that did not move never steals the
	// label of a neighbour that did.
	taken := make([]int, len(findings))
	for i := range taken {
		taken[i] = -1
	}
	for dist := 0; dist <= Tolerance; dist++ {
		for i, f := range findings {
			if taken[i] >= 0 {
				continue
			}
			for _, li := range byKey[key{f.Project, f.File, f.Rule}] {
				if used[li] {
					continue
				}
				d := labels[li].Line - f.Line
				if d == dist || d == -dist {
					used[li], taken[i] = true, li
					break
				}
			}
		}
	}
	for i, f := range findings {
		if taken[i] >= 0 {
			m.Labelled = append(m.Labelled, Pair{f, labels[taken[i]]})
		} else {
			m.Unlabeled = append(m.Unlabeled, f)
		}
	}
	for i, l := range labels {
		if used[i] {
			continue
		}
		if l.Verdict == TP {
			m.LostTPs = append(m.LostTPs, l)
		} else {
			m.Stale = append(m.Stale, l)
		}
	}
	return m
}

// Score is a rule's (or the total's) count of judged findings.
type Score struct {
	Rule           string
	TP, FP, Unsure int
}

// Findings is the number of judged findings.
func (s Score) Findings() int { return s.TP + s.FP + s.Unsure }

// Precision is TP over all judged findings (UNSURE counts against); 1 when
// there are none.
func (s Score) Precision() float64 {
	if s.Findings() == 0 {
		return 1
	}
	return float64(s.TP) / float64(s.Findings())
}

// Scores counts the labelled findings per rule, sorted by rule, and the
// total.
func (m Match) Scores() (perRule []Score, total Score) {
	idx := map[string]int{}
	total.Rule = "all"
	for _, p := range m.Labelled {
		i, ok := idx[p.Finding.Rule]
		if !ok {
			i = len(perRule)
			idx[p.Finding.Rule] = i
			perRule = append(perRule, Score{Rule: p.Finding.Rule})
		}
		for _, s := range []*Score{&perRule[i], &total} {
			switch p.Label.Verdict {
			case TP:
				s.TP++
			case FP:
				s.FP++
			default:
				s.Unsure++
			}
		}
	}
	sort.Slice(perRule, func(i, j int) bool { return perRule[i].Rule < perRule[j].Rule })
	return perRule, total
}

// Table renders scores as a Markdown table.
func Table(perRule []Score, total Score) string {
	var sb strings.Builder
	sb.WriteString("| rule | findings | TP | FP | unsure | precision |\n|---|--:|--:|--:|--:|--:|\n")
	for _, s := range append(perRule, total) {
		fmt.Fprintf(&sb, "| %s | %d | %d | %d | %d | %.2f |\n", s.Rule, s.Findings(), s.TP, s.FP, s.Unsure, s.Precision())
	}
	return sb.String()
}

// Stub renders findings as labels.tsv lines waiting for a verdict, for a
// reviewer to complete.
func Stub(fs []Finding) string {
	var sb strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&sb, "%s\t%s\t%d\t%s\t?\t?\t%s\n", f.Project, f.File, f.Line, f.Rule, f.Message)
	}
	return sb.String()
}
