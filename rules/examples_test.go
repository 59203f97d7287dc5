package rules_test

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
	"github.com/leakwatch/leakwatch/rules"
)

// The bundled examples are the first thing a new user runs leakwatch on, so
// they are held to the truth: every leak planted under leaky/ is listed in
// expected.txt and must be reported exactly there, and the fixed/ twins
// (the same files with the correct cleanup) must produce nothing at all.
//
// Where a rule is known to be wrong about an example, the gap is listed
// below instead of bending expected.txt or the example, so the suite stays
// green and the gap stays visible. An entry that no longer applies fails the
// test: remove it when the rule is fixed.

const examplesDir = "../testdata/examples"

// knownMisses are leaks in expected.txt that the rules do not report yet.
var knownMisses = map[string]string{}

// knownFalsePositives are findings on correct code (or on the wrong line)
// that the rules report but should not.
var knownFalsePositives = map[string]string{}

type exampleFinding struct {
	file string // relative to examplesDir, with forward slashes
	line int
	rule string
	msg  string
}

func (f exampleFinding) key() string { return fmt.Sprintf("%s:%d: %s", f.file, f.line, f.rule) }

func TestExamples(t *testing.T) {
	leaky := exampleFiles(t, "leaky")
	fixed := exampleFiles(t, "fixed")
	checkTwins(t, leaky, fixed)

	expected := readExpected(t)
	engine := rules.NewEngine()

	var got []exampleFinding
	for _, rel := range leaky {
		got = append(got, analyzeExample(t, engine, "leaky/"+rel)...)
	}
	for _, rel := range fixed {
		got = append(got, analyzeExample(t, engine, "fixed/"+rel)...)
	}

	reported := make(map[string]exampleFinding)
	for _, f := range got {
		reported[f.key()] = f
	}

	var missing, unexpected, stale []string
	for _, k := range sortedKeys(expected) {
		if _, ok := reported[k]; ok {
			if reason, known := knownMisses[k]; known {
				stale = append(stale, fmt.Sprintf("%s is reported now; drop it from knownMisses (%s)", k, reason))
			}
			continue
		}
		if _, known := knownMisses[k]; !known {
			missing = append(missing, k)
		}
	}
	for _, k := range sortedKeys(reported) {
		if expected[k] {
			continue
		}
		if _, known := knownFalsePositives[k]; known {
			continue
		}
		unexpected = append(unexpected, fmt.Sprintf("%s (%s)", k, reported[k].msg))
	}
	for _, k := range sortedKeys(knownFalsePositives) {
		if _, ok := reported[k]; !ok {
			stale = append(stale, fmt.Sprintf("%s is no longer reported; drop it from knownFalsePositives (%s)", k, knownFalsePositives[k]))
		}
	}
	for _, k := range sortedKeys(knownMisses) {
		if !expected[k] {
			stale = append(stale, fmt.Sprintf("knownMisses has %s, which is not in expected.txt", k))
		}
	}

	if len(missing)+len(unexpected)+len(stale) > 0 {
		var b strings.Builder
		b.WriteString("leakwatch disagrees with testdata/examples/expected.txt\n")
		for _, k := range missing {
			fmt.Fprintf(&b, "- %s   (planted leak not reported)\n", k)
		}
		for _, k := range unexpected {
			fmt.Fprintf(&b, "+ %s\n", k)
		}
		for _, s := range stale {
			fmt.Fprintf(&b, "! %s\n", s)
		}
		b.WriteString("(- expected but missing, + reported but not expected, ! stale entry in this test's known-gap tables)")
		t.Error(b.String())
	}
}

// exampleFiles lists the files the engine analyses under examplesDir/sub,
// relative to it.
func exampleFiles(t *testing.T, sub string) []string {
	t.Helper()
	root := filepath.Join(examplesDir, sub)
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, ok := syntax.LangForPath(path); !ok && !analyzer.IsComponentFile(path) {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatalf("listing %s: %v", root, err)
	}
	if len(out) == 0 {
		t.Fatalf("no example files under %s", root)
	}
	sort.Strings(out)
	return out
}

// checkTwins makes sure every leaky example has a fixed twin and vice versa,
// so a reader can always diff the two to see the cleanup.
func checkTwins(t *testing.T, leaky, fixed []string) {
	t.Helper()
	in := func(list []string, s string) bool {
		i := sort.SearchStrings(list, s)
		return i < len(list) && list[i] == s
	}
	for _, f := range leaky {
		if !in(fixed, f) {
			t.Errorf("leaky/%s has no fixed twin: add fixed/%s with the correct cleanup", f, f)
		}
	}
	for _, f := range fixed {
		if !in(leaky, f) {
			t.Errorf("fixed/%s has no leaky twin: add leaky/%s, or remove the fixed file", f, f)
		}
	}
}

// readExpected reads expected.txt: one `leaky/<file>:<line>: <rule-id>` per
// planted leak.
func readExpected(t *testing.T) map[string]bool {
	t.Helper()
	path := filepath.Join(examplesDir, "expected.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the list of planted leaks: %v", err)
	}
	out := make(map[string]bool)
	perFile := make(map[string]int)
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		file, rest, ok1 := strings.Cut(line, ":")
		num, rule, ok2 := strings.Cut(rest, ": ")
		ln, err := strconv.Atoi(num)
		if !ok1 || !ok2 || err != nil || ln < 1 || !strings.HasPrefix(file, "leaky/") || rule == "" {
			t.Fatalf("%s:%d: %q is not `leaky/<file>:<line>: <rule-id>`", path, n, line)
		}
		if out[line] {
			t.Errorf("%s:%d: %q is listed twice", path, n, line)
		}
		if _, err := os.Stat(filepath.Join(examplesDir, filepath.FromSlash(file))); err != nil {
			t.Errorf("%s:%d: %s does not exist", path, n, file)
		}
		out[line] = true
		perFile[file]++
	}
	for _, f := range exampleFiles(t, "leaky") {
		if perFile["leaky/"+f] == 0 {
			t.Errorf("leaky/%s plants no leak listed in expected.txt", f)
		}
	}
	return out
}

func analyzeExample(t *testing.T, engine *analyzer.Engine, rel string) []exampleFinding {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(examplesDir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	res := engine.Analyze(context.Background(), analyzer.File{Path: rel, Src: src})
	if res.Skipped != "" {
		t.Errorf("%s was not analysed: %s", rel, res.Skipped)
	}
	ix := textpos.New(string(src))
	for _, e := range res.SyntaxErrors {
		t.Errorf("%s: syntax error near line %d; examples must parse cleanly", rel, ix.Line(e.Start)+1)
	}
	var out []exampleFinding
	for _, d := range res.Diagnostics {
		out = append(out, exampleFinding{file: rel, line: ix.Line(d.Start) + 1, rule: d.Rule, msg: d.Message})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
