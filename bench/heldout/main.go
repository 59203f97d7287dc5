// Command heldout measures leakwatch's precision on applications it was
// never tuned on: projects listed in testdata/heldout/projects.tsv, each at
// a pinned commit of a local git copy, whose findings reviewers labelled in
// testdata/heldout/labels*.tsv (the corpus gate's format and matching).
//
//	go run ./bench/heldout -leakwatch ./leakwatch -mirror /work/.mirror
//
// It exports each project's folders at its commit (git archive) into a
// scratch folder, runs one `leakwatch check --format json` over them from
// there (so paths start with the project's name, as in the corpus), and
// prints precision per rule, the false positives still reported (by
// shape: the list to work from), the findings nobody labelled (as label
// stubs) and the labels no finding matched. Unlike the corpus gate it
// cannot run in CI, which has no copies of these repositories: it is a
// measurement, run by hand after a rule change.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/corpus"
	"github.com/leakwatch/leakwatch/internal/mirror"
)

// project is one line of projects.tsv.
type project struct {
	name, repo, commit string
	paths              []string
}

func main() {
	bin := flag.String("leakwatch", "leakwatch", "the leakwatch `binary` to measure")
	mirrorDir := flag.String("mirror", envOr("LEAKWATCH_RECALL_MIRROR", "/work/.mirror"), "`folder` holding the git copies (<owner>+<name>/repo, <owner>+<name>, <owner>/<name>)")
	projectsPath := flag.String("projects", "testdata/heldout/projects.tsv", "the projects `file`")
	labelsPath := flag.String("labels", "testdata/heldout/labels*.tsv", "the labels `files` (a glob: one file per reviewer or batch)")
	flag.Parse()
	if err := run(os.Stdout, *bin, *mirrorDir, *projectsPath, *labelsPath); err != nil {
		fmt.Fprintf(os.Stderr, "heldout: %v\n", err)
		os.Exit(1)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func run(w io.Writer, bin, mirrorDir, projectsPath, labelsPath string) error {
	projects, err := readProjects(projectsPath)
	if err != nil {
		return err
	}
	files, err := filepath.Glob(labelsPath)
	if err != nil {
		return err
	}
	var labels []corpus.Label
	// A batch is the projects one labels file covers (labels-c.tsv: c),
	// labelled together before any rule looked at them.
	batchOf := map[string]string{}
	var batches []string
	for _, f := range files {
		ls, err := corpus.ReadLabelsFile(f)
		if err != nil {
			return err
		}
		labels = append(labels, ls...)
		batch := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "labels-"), ".tsv")
		batches = append(batches, batch)
		for _, l := range ls {
			batchOf[l.Project] = batch
		}
	}
	bin, err = filepath.Abs(bin)
	if err != nil {
		return err
	}
	scratch, err := os.MkdirTemp("", "leakwatch-heldout-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	var names []string
	for _, p := range projects {
		if err := export(mirrorDir, scratch, p); err != nil {
			fmt.Fprintf(os.Stderr, "heldout: skipping %s: %v\n", p.name, err)
			continue
		}
		names = append(names, p.name)
	}
	if len(names) == 0 {
		return errors.New("no project could be exported; fetch the repositories first (see testdata/heldout/README.md)")
	}
	cmd := exec.Command(bin, append([]string{"check", "--format", "json", "--"}, names...)...)
	cmd.Dir = scratch
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	// Exit 1 means findings; anything else is a failure.
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			return fmt.Errorf("leakwatch: %v\n%s", err, stderr.String())
		}
	}
	findings, err := corpus.ParseReport(out.Bytes())
	if err != nil {
		return err
	}
	m := corpus.MatchLabels(findings, inProjects(labels, names))
	perRule, total := m.Scores()
	fmt.Fprintf(w, "held-out precision over %d projects (%s): %d findings, %d labelled\n\n", len(names), strings.Join(names, ", "), len(findings), len(m.Labelled))
	fmt.Fprint(w, corpus.Table(perRule, total))
	if len(batches) > 1 {
		fmt.Fprint(w, "\n"+batchTable(m, batchOf, batches))
	}
	// The findings that cost precision, by shape: the list to work from.
	var against []corpus.Pair
	for _, pr := range m.Labelled {
		if pr.Label.Verdict != "TP" {
			against = append(against, pr)
		}
	}
	if len(against) > 0 {
		fmt.Fprintf(w, "\nfalse positives and unsure verdicts still reported (%d):\n", len(against))
		sort.SliceStable(against, func(i, j int) bool { return against[i].Label.Shape < against[j].Label.Shape })
		for _, pr := range against {
			l := pr.Label
			fmt.Fprintf(w, "  %s [%s] %s %s:%d %s: %s\n", l.Verdict, l.Shape, l.Project, l.File, pr.Finding.Line, l.Rule, l.Reason)
		}
	}
	if len(m.Unlabeled) > 0 {
		fmt.Fprintf(w, "\nunlabelled findings (%d), as labels.tsv stubs:\n%s", len(m.Unlabeled), corpus.Stub(m.Unlabeled))
	}
	if len(m.LostTPs)+len(m.Stale) > 0 {
		fmt.Fprintf(w, "\nlabels no finding matched (%d true positives, %d others):\n", len(m.LostTPs), len(m.Stale))
		for _, l := range append(m.LostTPs, m.Stale...) {
			fmt.Fprintf(w, "  %s %s:%d %s %s\n", l.Verdict, l.File, l.Line, l.Rule, l.Reason)
		}
	}
	return nil
}

// inProjects keeps the labels of the projects that were measured, so a
// repository missing here does not count its labels as lost.
func inProjects(labels []corpus.Label, names []string) []corpus.Label {
	keep := make(map[string]bool, len(names))
	for _, n := range names {
		keep[n] = true
	}
	var out []corpus.Label
	for _, l := range labels {
		if keep[l.Project] {
			out = append(out, l)
		}
	}
	return out
}

// readProjects parses projects.tsv: name, owner/repo, commit and the
// space-separated folders to check ("." for all), tab-separated; # starts
// a comment.
func readProjects(path string) ([]project, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []project
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 || len(cols[2]) != 40 {
			return nil, fmt.Errorf("%s:%d: want name, owner/repo, a 40-digit commit and folders, tab-separated", path, n)
		}
		out = append(out, project{name: cols[0], repo: cols[1], commit: cols[2], paths: strings.Fields(cols[3])})
	}
	return out, sc.Err()
}

// export writes p's folders at its commit, from its git copy under dir,
// into scratch/<name>.
func export(dir, scratch string, p project) error {
	gitDir := mirror.Find(dir, p.repo)
	if gitDir == "" {
		return fmt.Errorf("no git copy of %s under %s", p.repo, dir)
	}
	dst := filepath.Join(scratch, p.name)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	args := append([]string{"-C", gitDir, "archive", "--format", "tar", p.commit, "--"}, p.paths...)
	archive := exec.Command("git", args...)
	untar := exec.Command("tar", "-x", "-C", dst)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return err
	}
	untar.Stdin = pipe
	var aerr bytes.Buffer
	archive.Stderr = &aerr
	if err := untar.Start(); err != nil {
		return err
	}
	if err := archive.Run(); err != nil {
		untar.Wait()
		return fmt.Errorf("git archive %s %s: %v: %s", p.repo, p.commit, err, strings.TrimSpace(aerr.String()))
	}
	return untar.Wait()
}

// batchTable is precision by batch: what each batch's labels say of what
// is reported in its projects now.
func batchTable(m corpus.Match, batchOf map[string]string, batches []string) string {
	type counts struct {
		projects           map[string]bool
		findings, tp, open int
	}
	by := map[string]*counts{}
	get := func(project string) *counts {
		b := batchOf[project]
		if by[b] == nil {
			by[b] = &counts{projects: map[string]bool{}}
		}
		by[b].projects[project] = true
		return by[b]
	}
	for _, pr := range m.Labelled {
		c := get(pr.Finding.Project)
		c.findings++
		if pr.Label.Verdict == "TP" {
			c.tp++
		}
	}
	for _, f := range m.Unlabeled {
		c := get(f.Project)
		c.findings++
		c.open++
	}
	var sb strings.Builder
	sb.WriteString("| batch | projects | findings | TP | unlabelled | precision |\n|---|---|--:|--:|--:|--:|\n")
	for _, b := range batches {
		c := by[b]
		if c == nil {
			continue
		}
		var names []string
		for p := range c.projects {
			names = append(names, p)
		}
		sort.Strings(names)
		prec := "-"
		if c.findings > 0 {
			prec = fmt.Sprintf("%.2f", float64(c.tp)/float64(c.findings))
		}
		fmt.Fprintf(&sb, "| %s | %s | %d | %d | %d | %s |\n", b, strings.Join(names, ", "), c.findings, c.tp, c.open, prec)
	}
	return sb.String()
}
