package lsp

import (
	"hash/maphash"
	"reflect"
	"strconv"
	"unsafe"

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
	e := encodeDiagnostics(diags, nil, false)
	return e.id
}

// encodedDiagnostics is a set of diagnostics encoded as the JSON array a
// publication carries (wire), fingerprinted from those bytes (id):
// encoding the set once serves both, where hashing and publishing each
// encoded it.
type encodedDiagnostics struct {
	wire []byte
	id   string
	// pieces, when kept, are each diagnostic's bytes in wire, for the
	// next analysis of the document to take over those of the
	// diagnostics it finds again.
	pieces [][]byte
}

// encodeDiagnostics encodes diags, taking the bytes of a diagnostic equal
// to one of prev's (the document's last analysis) from prev's pieces. In
// a large document an edit leaves most diagnostics as they were, and
// encoding them all again was an eighth of a keystroke's time in a
// 20,000-line file. keep asks for the pieces of this set.
func encodeDiagnostics(diags []protocol.Diagnostic, prev *analysis, keep bool) encodedDiagnostics {
	var (
		old   map[diagnosticKey][]int
		pDiag []protocol.Diagnostic
		pEnc  [][]byte
	)
	if prev != nil && len(prev.pieces) == len(prev.diags) {
		pDiag, pEnc = prev.diags, prev.pieces
		old = make(map[diagnosticKey][]int, len(pDiag))
		for i := range pDiag {
			k := keyOf(&pDiag[i])
			old[k] = append(old[k], i)
		}
	}
	// Room for all of it at once: growing the buffer copied a large
	// document's diagnostics about five times over (an eighth of the
	// server's allocation per keystroke).
	size := 64 + 256*len(diags)
	if n := len(pEnc); n > 0 {
		last := 0
		for _, b := range pEnc {
			last += len(b) + 1
		}
		size = 64 + last/n*len(diags) + last/8
	}
	wire := make([]byte, 0, size)
	wire = append(wire, '[')
	var spans [][2]int
	if keep {
		spans = make([][2]int, len(diags))
	}
	for i := range diags {
		if i > 0 {
			wire = append(wire, ',')
		}
		start := len(wire)
		reused := false
		if old != nil {
			k := keyOf(&diags[i])
			for n, j := range old[k] {
				if sameDiagnostic(&diags[i], &pDiag[j]) {
					wire = append(wire, pEnc[j]...)
					old[k] = append(old[k][:n:n], old[k][n+1:]...)
					reused = true
					break
				}
			}
		}
		if !reused {
			var err error
			if wire, err = protocol.AppendMarshal(wire, diags[i]); err != nil {
				// Cannot fail for values we built; publish none
				// rather than a broken array.
				wire, spans = wire[:1], nil
				break
			}
		}
		if spans != nil {
			spans[i] = [2]int{start, len(wire)}
		}
	}
	wire = append(wire, ']')
	e := encodedDiagnostics{wire: wire}
	if spans != nil {
		e.pieces = make([][]byte, len(diags))
		for i, sp := range spans {
			e.pieces[i] = wire[sp[0]:sp[1]:sp[1]]
		}
	}
	e.id = "lw-" + strconv.Itoa(len(diags)) + "-" + strconv.FormatUint(maphash.Bytes(resultSeed, wire), 36)
	return e
}

// resultSeed seeds the fingerprints of diagnostic sets. An identifier
// only has to hold for this server's life (a client asks with the last
// one this server gave it), so the seed can be the process's own, and
// maphash reads the megabytes of a large document's diagnostics in a
// tenth of the time FNV took (FNV was 2.4% of a keystroke's CPU in a
// 20,000-line file).
var resultSeed = maphash.MakeSeed()

// diagnosticKey narrows the search for an equal diagnostic.
type diagnosticKey struct {
	r   protocol.Range
	msg string
}

func keyOf(d *protocol.Diagnostic) diagnosticKey {
	m, _ := d.Message.(protocol.String)
	return diagnosticKey{d.Range, string(m)}
}

// sameDiagnostic reports whether a and b encode to the same bytes. It
// compares every field of protocol.Diagnostic (TestSameDiagnosticFields
// keeps it so when the type gains one); Data, which leakwatch does not
// set, is never equal.
func sameDiagnostic(a, b *protocol.Diagnostic) bool {
	if a.Range != b.Range || a.Severity != b.Severity || a.CodeDescription != b.CodeDescription ||
		a.Source != b.Source || a.Data != nil || b.Data != nil || !sameUnion(a.Code, b.Code) ||
		!sameUnion(a.Message, b.Message) || !reflect.DeepEqual(a.Tags, b.Tags) ||
		len(a.RelatedInformation) != len(b.RelatedInformation) {
		return false
	}
	for i := range a.RelatedInformation {
		if a.RelatedInformation[i] != b.RelatedInformation[i] {
			return false
		}
	}
	return true
}

// sameUnion compares two values of a protocol union type by their
// strings or numbers; other members (a MarkupContent message) are never
// equal, which costs only their reuse.
func sameUnion(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case protocol.String:
		b, ok := b.(protocol.String)
		return ok && a == b
	case protocol.Integer:
		b, ok := b.(protocol.Integer)
		return ok && a == b
	}
	return false
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

// readOnlyBytes returns the bytes of s without copying them, to hand a
// document's text to the APIs that take a []byte and only read it: the
// engine's File.Src and the facts' sources (facts.FS). Nothing may write
// to them. A keystroke in a 20,000-line document copied its 740 KB of
// text four times this way, an eighth of what the edit allocated, and
// the collections that allocation paces are what the slowest edits wait
// on.
func readOnlyBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }
