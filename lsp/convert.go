package lsp

import (
	"hash/fnv"
	"strconv"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/textpos"
)

// Conversions between the engine's byte offsets and LSP positions. All go
// through textpos, which clamps as the LSP specification asks.

func toRange(ix *textpos.Index, enc textpos.Encoding, start, end int) protocol.Range {
	sl, sc := ix.Position(start, enc)
	el, ec := ix.Position(end, enc)
	return protocol.Range{
		Start: protocol.Position{Line: uint32(sl), Character: uint32(sc)},
		End:   protocol.Position{Line: uint32(el), Character: uint32(ec)},
	}
}

func toOffset(ix *textpos.Index, enc textpos.Encoding, p protocol.Position) int {
	return ix.Offset(int(p.Line), int(p.Character), enc)
}

func toSeverity(s analyzer.Severity) protocol.DiagnosticSeverity {
	switch s {
	case analyzer.SeverityError:
		return protocol.DiagnosticSeverityError
	case analyzer.SeverityInfo:
		return protocol.DiagnosticSeverityInformation
	case analyzer.SeverityHint:
		return protocol.DiagnosticSeverityHint
	default:
		return protocol.DiagnosticSeverityWarning
	}
}

// toDiagnostic renders one finding. code is the rule id, codeDescription
// its documentation page, and the related locations (the teardown where
// the cleanup belongs) point into the same document.
func (s *server) toDiagnostic(u uri.URI, ix *textpos.Index, enc textpos.Encoding, d *analyzer.Diagnostic) protocol.Diagnostic {
	pd := protocol.Diagnostic{
		Range:    toRange(ix, enc, d.Start, d.End),
		Severity: toSeverity(d.Severity),
		Code:     protocol.String(d.Rule),
		Source:   protocol.NewOptional("leakwatch"),
		Message:  protocol.String(d.Message),
	}
	if s.engine.Rule(d.Rule) != nil {
		pd.CodeDescription = protocol.CodeDescription{Href: uri.URI(analyzer.DocURL(d.Rule))}
	}
	if d.Rule == analyzer.RuleUnusedSuppression {
		pd.Tags = protocol.NewDiagnosticTags(protocol.DiagnosticTagUnnecessary)
	}
	for _, r := range d.Related {
		if d.Rule == analyzer.RuleInternalError {
			// The engine puts the stack trace there; it is for the log, not
			// for a location in the file.
			// Logged to stderr only: it recurs on every edit.
			s.log.infof("%s: %s\n%s", u, d.Message, r.Message)
			continue
		}
		pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: u, Range: toRange(ix, enc, r.Start, r.End)},
			Message:  r.Message,
		})
	}
	return pd
}

// diagnosticsID fingerprints a set of diagnostics: equal sets get equal
// ids. It decides whether a set changed (push) and is the resultId of a
// pull report.
func diagnosticsID(diags []protocol.Diagnostic) string {
	_, id := encodeDiagnostics(diags)
	return id
}

// encodeDiagnostics encodes a set of diagnostics as the JSON array a
// publication carries, and fingerprints it (diagnosticsID) from those
// bytes: encoding the set once serves both, where hashing and publishing
// each encoded it, a twentieth of a keystroke in a large file.
func encodeDiagnostics(diags []protocol.Diagnostic) (wire []byte, id string) {
	if len(diags) > 0 {
		wire, _ = protocol.Marshal(diags)
	}
	if len(wire) == 0 {
		// Cannot fail for values we built; an empty set, or a failure,
		// publishes none.
		wire = []byte("[]")
	}
	h := fnv.New64a()
	h.Write(wire)
	return wire, "lw-" + strconv.Itoa(len(diags)) + "-" + strconv.FormatUint(h.Sum64(), 36)
}

// publishParams is the encoding of PublishDiagnosticsParams for u at
// version with diagnostics already encoded (encodeDiagnostics).
func publishParams(u uri.URI, version int32, wire []byte) (jsonrpc2.RawMessage, error) {
	q, err := protocol.Marshal(string(u))
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(q)+len(wire)+48)
	b = append(append(b, `{"uri":`...), q...)
	b = strconv.AppendInt(append(b, `,"version":`...), int64(version), 10)
	b = append(append(append(b, `,"diagnostics":`...), wire...), '}')
	return b, nil
}
