package subscriptions_test

import (
	"context"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/rules/subscriptions"
)

// DestroyRef came with Angular 16. A file that only uses inject() (Angular
// 14) gets takeUntilDestroyed when the project's package.json says 16 or
// later, or says nothing; the field kept in a Subscription when it says an
// older Angular.
func TestAngularVersionFromPackages(t *testing.T) {
	src := `import { Component, OnInit, inject } from "@angular/core";
import { interval } from "rxjs";
import { PriceService } from "./prices";

@Component({ selector: "app-price", template: "" })
export class PriceComponent implements OnInit {
  private prices = inject(PriceService);
  price = 0;

  ngOnInit(): void {
    interval(1000).subscribe(() => (this.price = this.prices.latest()));
  }
}
`
	cases := []struct {
		angular string
		want    string
	}{
		{"", "takeUntilDestroyed"},
		{"^17.3.0", "takeUntilDestroyed"},
		{"~15.2.9", "new Subscription()"},
	}
	for _, c := range cases {
		cfg := &analyzer.Config{}
		if c.angular != "" {
			cfg.Packages = map[string]string{"@angular/core": c.angular}
		}
		e := analyzer.NewEngine([]*analyzer.Rule{subscriptions.NotDisposed})
		res := e.Analyze(context.Background(), analyzer.File{Path: "price.component.ts", Src: []byte(src), Config: cfg})
		if len(res.Diagnostics) != 1 || len(res.Diagnostics[0].Fixes) == 0 {
			t.Fatalf("angular %q: want one finding with a fix, got %+v", c.angular, res.Diagnostics)
		}
		fix := res.Diagnostics[0].Fixes[0]
		text, err := analyzer.ApplyEdits(src, fix.Edits)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, c.want) {
			t.Errorf("angular %q: the fix %q does not write %s:\n%s", c.angular, fix.Title, c.want, text)
		}
	}
}
