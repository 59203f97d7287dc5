package analyzer_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/facts"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules"
)

// TestPrefilterSound runs every rule on every fixture with the prefilter
// off and checks that each finding is made by a rule the prefilter keeps
// for its file: the prefilter only ever skips work that finds nothing.
// The fixture projects run with facts, so imported helpers and base
// classes take part. internal/corpus checks the same on the real corpus.
func TestPrefilterSound(t *testing.T) {
	findings := 0
	check := func(e *analyzer.Engine, f analyzer.File) {
		t.Helper()
		kept := e.RulesFor(f)
		e.NoPrefilter = true
		res := e.Analyze(context.Background(), f)
		e.NoPrefilter = false
		for _, d := range res.Diagnostics {
			if d.Rule == analyzer.RuleUnusedSuppression {
				continue // about the comment, not found by a rule
			}
			findings++
			if !slices.Contains(kept, d.Rule) {
				t.Errorf("%s:%d: %s reports here with the prefilter off, but the prefilter skips it in this file (keeps %v): %s",
					f.Path, d.Start, d.Rule, kept, d.Message)
			}
		}
	}
	plain := analyzer.NewEngine(rules.All())
	plain.ValidateFixes = false
	walkFixtures(t, func(f analyzer.File) { check(plain, f) })
	// A test that checks nothing proves nothing: the fixtures are full of
	// findings of every rule.
	if findings < 300 {
		t.Fatalf("only %d findings over the fixtures; the walk missed them", findings)
	}
}

// walkFixtures calls fn for every fixture file: those of the rules, the
// examples, allrules and the recall shapes alone, and those of the fixture
// projects with facts about their imports.
func walkFixtures(t *testing.T, fn func(analyzer.File)) {
	t.Helper()
	root := filepath.Join("..", "testdata")
	for _, dir := range []string{"rules", "examples", "allrules", "recall/shapes"} {
		walkSources(t, filepath.Join(root, dir), func(path string, src []byte) {
			fn(analyzer.File{Path: path, Src: src})
		})
	}
	projects, err := os.ReadDir(filepath.Join(root, "projects"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range projects {
		dir, err := filepath.Abs(filepath.Join(root, "projects", p.Name()))
		if err != nil {
			t.Fatal(err)
		}
		prog := facts.NewProgram(dir, nil, func(string) {})
		walkSources(t, dir, func(path string, src []byte) {
			fn(analyzer.File{Path: path, Src: src, Imports: prog.For(path)})
		})
	}
}

// walkSources calls fn for every file the engine analyses under dir,
// leaving out node_modules (fixture projects keep packages there that
// are never analysed).
func walkSources(t *testing.T, dir string, fn func(path string, src []byte)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if _, ok := syntax.LangForPath(path); !ok && !analyzer.IsComponentFile(path) {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fn(path, src)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPrefilterSkipsOwnerlessFiles checks the owner part of the prefilter
// does its job: a rule that needs an owner is skipped in a file where
// nothing can own a registration, and kept once something can.
func TestPrefilterSkipsOwnerlessFiles(t *testing.T) {
	e := analyzer.NewEngine(rules.All())
	ownerless := "function poll() {\n  setInterval(tick, 1000);\n}\n"
	if got := e.RulesFor(analyzer.File{Path: "poll.js", Src: []byte(ownerless)}); slices.Contains(got, "timer-not-cleared") {
		t.Errorf("timer-not-cleared kept in a file with no possible owner: %v", got)
	}
	for _, owner := range []string{
		"useEffect(() => { setInterval(tick, 1000); });\n",
		"class Poller { start() { setInterval(tick, 1000); } dispose() {} }\n",
		"class Poller extends Base { start() { setInterval(tick, 1000); } }\n",
	} {
		if got := e.RulesFor(analyzer.File{Path: "poll.js", Src: []byte(owner)}); !slices.Contains(got, "timer-not-cleared") {
			t.Errorf("timer-not-cleared skipped in %q: %v", owner, got)
		}
	}
	// In a component file the instance script is an owner by position.
	vue := "<script setup>\nsetInterval(tick, 1000)\n</script>\n"
	if got := e.RulesFor(analyzer.File{Path: "Poll.vue", Src: []byte(vue)}); !slices.Contains(got, "timer-not-cleared") {
		t.Errorf("timer-not-cleared skipped in a .vue file: %v", got)
	}
	// Configured teardown methods and effect hooks make owners too.
	cfg := &analyzer.Config{Owners: analyzer.OwnersConfig{TeardownMethods: []string{"retire"}}}
	custom := "class Poller { start() { setInterval(tick, 1000); } retire() {} }\n"
	if got := e.RulesFor(analyzer.File{Path: "poll.js", Src: []byte(custom), Config: cfg}); !slices.Contains(got, "timer-not-cleared") {
		t.Errorf("timer-not-cleared skipped in a class with a configured teardown: %v", got)
	}
	if n := lifecycle.OwnerNeedles(lifecycle.Config{TeardownMethods: []string{"retire"}}); !slices.Contains(n, "retire") {
		t.Errorf("configured teardown missing from the owner needles: %v", n)
	}
}
