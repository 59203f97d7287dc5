package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules"
)

// TestProjects runs every rule over the multi-file fixture projects in
// testdata/projects, with facts about the files each file imports. Each
// fact kind has a leaking project and a clean twin.
func TestProjects(t *testing.T) {
	for _, p := range projects {
		t.Run(p.name, func(t *testing.T) {
			analysistest.RunProject(t, rules.All(), analysistest.ProjectDir(t, p.name))
		})
	}
}

// TestProjectsNeedFacts proves each project tests a fact from another
// file: analysed file by file, without facts, its findings differ (a leak
// is missed or a clean file is flagged).
func TestProjectsNeedFacts(t *testing.T) {
	for _, p := range projects {
		if !p.needsFacts {
			continue
		}
		t.Run(p.name, func(t *testing.T) {
			dir := analysistest.ProjectDir(t, p.name)
			with := count(analysistest.ProjectResults(t, rules.All(), dir, true))
			without := count(analysistest.ProjectResults(t, rules.All(), dir, false))
			if fmt.Sprint(with) == fmt.Sprint(without) {
				t.Errorf("findings with facts (%v) are the same as without (%v): the project does not exercise facts", with, without)
			}
		})
	}
}

var projects = []struct {
	name       string
	needsFacts bool
}{
	{"base-teardown", true},
	{"base-teardown-clean", true},
	{"videojs-base", true},        // the base is a video.js component
	{"videojs-base-clean", false}, // its own "dispose" handlers are its teardown (a plain class accepts any handed-out removal)
	{"helper-undo", false},        // the wrong undo is a finding either way
	{"helper-undo-clean", true},
	{"undo-returning", true},
	{"undo-returning-clean", false},
	{"disposable-helper", true},
	{"disposable-helper-clean", false},
	{"singleton-target", true},
	{"singleton-target-clean", false},
	{"path-mapped", true},
	{"path-mapped-clean", false},
	{"workspace-package", true},
	{"workspace-package-clean", false},
	{"angular-shell", false},
	{"angular-shell-clean", true},
	{"app-root-mount", false}, // mounted in a function or by a test: the roots still report
	{"app-root-mount-clean", true},
	{"request-service", false}, // a stream by its name, and by its body
	{"request-service-clean", true},
	{"vue-mixin-teardown", false}, // reported either way (facts only move the cleanup into close(), which the mixin calls)
	{"vue-mixin-teardown-clean", true},
}

// count keys findings by file and line.
func count(results []analyzer.Result) map[string]int {
	out := map[string]int{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			out[r.Path+":"+d.Rule]++
		}
	}
	return out
}

// TestProjectFixKeepsInheritedTeardown: a class that inherits dispose()
// from a base in another file gets an override that calls the base's
// first; an override without it would stop the base's own cleanup (the
// view's element would never be removed), trading one leak for another.
func TestProjectFixKeepsInheritedTeardown(t *testing.T) {
	dir := analysistest.ProjectDir(t, "base-teardown")
	for _, r := range analysistest.ProjectResults(t, rules.All(), dir, true) {
		if filepath.Base(r.Path) != "widget.ts" {
			continue
		}
		if len(r.Diagnostics) != 1 {
			t.Fatalf("widget.ts: %d findings, want 1: %+v", len(r.Diagnostics), r.Diagnostics)
		}
		d := r.Diagnostics[0]
		if want := "in an override of the inherited dispose that calls super.dispose()"; !strings.Contains(d.Message, want) {
			t.Errorf("message %q does not say %q", d.Message, want)
		}
		if len(d.Fixes) == 0 {
			t.Fatal("no fix")
		}
		src, err := os.ReadFile(r.Path)
		if err != nil {
			t.Fatal(err)
		}
		fixed, err := analyzer.ApplyEdits(string(src), d.Fixes[0].Edits)
		if err != nil {
			t.Fatal(err)
		}
		want := "  dispose() {\n    super.dispose();\n    window.removeEventListener(\"resize\", this.onResize);\n  }\n"
		if !strings.Contains(fixed, want) {
			t.Errorf("fixed text lacks the override calling super:\n%s", fixed)
		}
		return
	}
	t.Fatal("widget.ts not analysed")
}
