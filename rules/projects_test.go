package rules_test

import (
	"fmt"
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
	{"helper-undo", false}, // the wrong undo is a finding either way
	{"helper-undo-clean", true},
	{"undo-returning", true},
	{"undo-returning-clean", false},
	{"singleton-target", true},
	{"singleton-target-clean", false},
	{"path-mapped", true},
	{"path-mapped-clean", false},
	{"workspace-package", true},
	{"workspace-package-clean", false},
	{"angular-shell", false},
	{"angular-shell-clean", true},
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
