package rules_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/leakwatch/leakwatch/analyzer/analysistest" // registers -update
	"github.com/leakwatch/leakwatch/rules"
)

// TestDocsUpToDate keeps docs/rules/<id>.md, which diagnostics link to,
// in step with the docs each rule carries as data. Run with -update after
// changing a rule's Doc.
func TestDocsUpToDate(t *testing.T) {
	update := flag.Lookup("update").Value.String() == "true"
	seen := map[string]bool{}
	for _, r := range rules.All() {
		if seen[r.ID] {
			t.Errorf("rule id %s registered twice", r.ID)
		}
		seen[r.ID] = true
		path := filepath.Join("..", "docs", "rules", r.ID+".md")
		want := r.Markdown()
		if update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != want {
			t.Errorf("%s is out of date with the rule's Doc; run `go test ./rules -run TestDocsUpToDate -update`", path)
		}
	}
}
