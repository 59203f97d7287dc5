package lsp

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
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
		e := encodeDiagnostics(diags, nil, false)
		wire, id := e.wire, e.id
		if exact, _ := protocol.Marshal(diags); len(diags) > 0 && string(exact) != string(wire) {
			t.Errorf("diagnostics encoded one by one\n%s\nwant protocol.Marshal's\n%s", wire, exact)
		}
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

// TestEncodeDiagnosticsReusing: the bytes of a diagnostic the last
// analysis encoded are taken over when, and only when, it is equal, and
// the publication is then byte for byte a fresh encoding.
func TestEncodeDiagnosticsReusing(t *testing.T) {
	at := func(line uint32, msg string) protocol.Diagnostic {
		return protocol.Diagnostic{
			Range:    protocol.Range{Start: protocol.Position{Line: line}, End: protocol.Position{Line: line, Character: 4}},
			Severity: protocol.DiagnosticSeverityWarning, Code: protocol.String("timer-not-cleared"),
			Source: protocol.NewOptional("leakwatch"), Message: protocol.String(msg),
			RelatedInformation: []protocol.DiagnosticRelatedInformation{{Message: "teardown",
				Location: protocol.Location{URI: "file:///x.ts", Range: protocol.Range{Start: protocol.Position{Line: 9}}}}},
		}
	}
	before := []protocol.Diagnostic{at(1, "a"), at(2, "b"), at(2, "b"), at(3, "c"), at(5, "e")}
	e := encodeDiagnostics(before, nil, true)
	if len(e.pieces) != len(before) {
		t.Fatalf("%d pieces for %d diagnostics", len(e.pieces), len(before))
	}
	// Mark each piece, so the output shows which were taken over.
	prev := &analysis{diags: before, pieces: make([][]byte, len(before))}
	for i := range before {
		prev.pieces[i] = []byte(fmt.Sprintf(`{"taken":%d}`, i))
	}
	changedRelated := at(3, "c")
	changedRelated.RelatedInformation[0].Message = "elsewhere"
	after := []protocol.Diagnostic{at(1, "a"), at(2, "b"), at(2, "b"), at(2, "b"), changedRelated, at(4, "d"), at(5, "e")}
	got := string(encodeDiagnostics(after, prev, false).wire)
	fresh := encodeDiagnostics(after, nil, false).wire
	parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(string(fresh), "["), "]"), "},{")
	if len(parts) != len(after) {
		t.Fatalf("cannot split %s", fresh)
	}
	want := []string{`{"taken":0}`, `{"taken":1}`, `{"taken":2}`, "", "", "", `{"taken":4}`}
	var b strings.Builder
	b.WriteByte('[')
	for i, w := range want {
		if i > 0 {
			b.WriteByte(',')
		}
		if w == "" {
			// Encoded afresh: the third equal one has no third piece to
			// take, the changed one and the new one none at all.
			w, _ = encodeOne(after[i])
		}
		b.WriteString(w)
	}
	b.WriteByte(']')
	if got != b.String() {
		t.Errorf("reusing encoded\n%s\nwant\n%s", got, b.String())
	}
	// With true pieces, the result is the fresh encoding itself.
	prev.pieces = e.pieces
	if got := encodeDiagnostics(after, prev, false).wire; string(got) != string(fresh) {
		t.Errorf("reusing encoded\n%s\nwant\n%s", got, fresh)
	}
}

func encodeOne(d protocol.Diagnostic) (string, error) {
	b, err := protocol.Marshal(d)
	return string(b), err
}

// TestSameDiagnosticFields keeps sameDiagnostic comparing every field of
// protocol.Diagnostic: a field it does not know would let two different
// diagnostics share one encoding.
func TestSameDiagnosticFields(t *testing.T) {
	known := []string{"Range", "Severity", "Code", "CodeDescription", "Source", "Message", "Tags", "RelatedInformation", "Data"}
	typ := reflect.TypeOf(protocol.Diagnostic{})
	var fields []string
	for i := 0; i < typ.NumField(); i++ {
		fields = append(fields, typ.Field(i).Name)
	}
	if !reflect.DeepEqual(fields, known) {
		t.Fatalf("protocol.Diagnostic has fields %v; sameDiagnostic compares %v: update it", fields, known)
	}
	base := protocol.Diagnostic{Code: protocol.String("x"), Message: protocol.String("m"), Source: protocol.NewOptional("leakwatch")}
	for _, change := range []func(d *protocol.Diagnostic){
		func(d *protocol.Diagnostic) { d.Range.End.Character = 1 },
		func(d *protocol.Diagnostic) { d.Severity = protocol.DiagnosticSeverityError },
		func(d *protocol.Diagnostic) { d.Code = protocol.String("y") },
		func(d *protocol.Diagnostic) { d.Code = protocol.Integer(1) },
		func(d *protocol.Diagnostic) { d.CodeDescription.Href = "https://x" },
		func(d *protocol.Diagnostic) { d.Source = protocol.NewOptional("other") },
		func(d *protocol.Diagnostic) { d.Message = protocol.String("n") },
		func(d *protocol.Diagnostic) { d.Tags = protocol.NewDiagnosticTags(protocol.DiagnosticTagUnnecessary) },
		func(d *protocol.Diagnostic) {
			d.RelatedInformation = []protocol.DiagnosticRelatedInformation{{Message: "r"}}
		},
		func(d *protocol.Diagnostic) { d.Data = protocol.LSPAny(`"d"`) },
	} {
		d := base
		change(&d)
		if sameDiagnostic(&base, &d) || sameDiagnostic(&d, &base) {
			t.Errorf("%+v and %+v taken for the same", base, d)
		}
	}
	if c := base; !sameDiagnostic(&base, &c) {
		t.Error("a diagnostic differs from its copy")
	}
}
