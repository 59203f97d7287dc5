package lsp

import (
	"encoding/json"
	"reflect"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// TestPublishParamsEncoding checks that the publication built from the
// diagnostics encoded once says what encoding PublishDiagnosticsParams
// says, for an empty set and for one with every field a finding can set
// and text that needs escaping.
func TestPublishParamsEncoding(t *testing.T) {
	related := []protocol.DiagnosticRelatedInformation{{
		Location: protocol.Location{URI: "file:///a%20b/x.ts", Range: protocol.Range{Start: protocol.Position{Line: 3, Character: 1}}},
		Message:  "the teardown \"is\" here\n",
	}}
	for _, diags := range [][]protocol.Diagnostic{nil, {{
		Range:              protocol.Range{Start: protocol.Position{Line: 1, Character: 2}, End: protocol.Position{Line: 1, Character: 9}},
		Severity:           protocol.DiagnosticSeverityWarning,
		Code:               protocol.String("timer-not-cleared"),
		CodeDescription:    protocol.CodeDescription{Href: "https://example.com/rules/timer-not-cleared.md"},
		Source:             protocol.NewOptional("leakwatch"),
		Message:            protocol.String("setInterval keeps running ✓ \u2028 </script>"),
		Tags:               protocol.NewDiagnosticTags(protocol.DiagnosticTagUnnecessary),
		RelatedInformation: related,
	}, {Message: protocol.String("second")}}} {
		u := uri.URI("file:///work/Wid\"gets.tsx")
		wire, id := encodeDiagnostics(diags)
		got, err := publishParams(u, 42, wire)
		if err != nil {
			t.Fatal(err)
		}
		v := int32(42)
		p := &protocol.PublishDiagnosticsParams{URI: u, Diagnostics: diags, Version: protocol.NewOptional(v)}
		if p.Diagnostics == nil {
			p.Diagnostics = []protocol.Diagnostic{}
		}
		want, err := protocol.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatalf("publication is not JSON: %v\n%s", err, got)
		}
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("publication\n%s\nwant\n%s", got, want)
		}
		if id != diagnosticsID(diags) {
			t.Errorf("ids differ: %s, %s", id, diagnosticsID(diags))
		}
	}
	if diagnosticsID(nil) == diagnosticsID([]protocol.Diagnostic{{Message: protocol.String("x")}}) {
		t.Error("a clean file and one finding share an id")
	}
}
