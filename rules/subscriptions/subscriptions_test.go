package subscriptions_test

import (
	"context"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/subscriptions"
)

func TestNotDisposed(t *testing.T) { analysistest.Run(t, subscriptions.NotDisposed) }

func TestDocExamples(t *testing.T) { analysistest.RunDocExamples(t, subscriptions.NotDisposed) }

// TestCompletingOperatorsOption checks that operators named in the rule's
// completingOperators option end a subscription like take or takeUntil.
func TestCompletingOperatorsOption(t *testing.T) {
	src := `import { Component, OnInit } from "@angular/core";
import { untilComponentDestroyed } from "./destroy";

@Component({ selector: "app-x", template: "" })
export class XComponent implements OnInit {
  constructor(private store: Store) {}

  ngOnInit() {
    this.store.select(selectX).pipe(untilComponentDestroyed(this)).subscribe();
  }
}
`
	count := func(cfg *analyzer.Config) int {
		e := analyzer.NewEngine([]*analyzer.Rule{subscriptions.NotDisposed})
		e.ValidateFixes = false
		res := e.Analyze(context.Background(), analyzer.File{Path: "x.component.ts", Src: []byte(src), Config: cfg})
		return len(res.Diagnostics)
	}
	if n := count(nil); n != 1 {
		t.Fatalf("without the option: %d findings, want 1", n)
	}
	cfg := &analyzer.Config{Rules: map[string]analyzer.RuleConfig{
		subscriptions.NotDisposed.ID: {Severity: analyzer.SeverityWarning, Options: map[string]any{
			"completingOperators": []any{"untilComponentDestroyed"},
		}},
	}}
	if n := count(cfg); n != 0 {
		t.Errorf("with untilComponentDestroyed configured: %d findings, want 0", n)
	}
}
