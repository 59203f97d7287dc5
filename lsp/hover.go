package lsp

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/leakwatch/leakwatch/analyzer"
)

// hover explains the findings under the cursor: the rule's title, why the
// pattern leaks and what to write instead, from the rule's own docs.
func (s *server) hover(ctx context.Context, raw jsonrpc2.RawMessage) (any, error) {
	var p protocol.HoverParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	a, open := s.current(ctx, p.TextDocument.URI)
	if err := cancelled(ctx); err != nil {
		return nil, err
	}
	if a == nil || !open {
		return nil, nil
	}
	off := toOffset(a.index, a.enc, p.Position)
	var parts []string
	var hit *analyzer.Diagnostic
	seen := map[string]bool{}
	for i := range a.result.Diagnostics {
		d := &a.result.Diagnostics[i]
		if off < d.Start || off > d.End || seen[d.Rule] {
			continue
		}
		seen[d.Rule] = true
		if hit == nil {
			hit = d
		}
		parts = append(parts, s.explain(d))
	}
	if hit == nil {
		return nil, nil
	}
	r := toRange(a.index, a.enc, hit.Start, hit.End)
	return &protocol.Hover{
		Contents: &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: strings.Join(parts, "\n\n---\n\n")},
		Range:    &r,
	}, nil
}

// explain renders one finding's rule documentation as Markdown.
func (s *server) explain(d *analyzer.Diagnostic) string {
	var b strings.Builder
	r := s.engine.Rule(d.Rule)
	if r == nil {
		fmt.Fprintf(&b, "**leakwatch: %s**\n\n%s", d.Rule, d.Message)
		return b.String()
	}
	title := r.Doc.Title
	if title == "" {
		title = r.ID
	}
	fmt.Fprintf(&b, "**%s** `%s`\n\n%s", title, r.ID, d.Message)
	if text := strings.TrimSpace(r.Doc.Text); text != "" {
		fmt.Fprintf(&b, "\n\n%s", text)
	}
	if code := strings.TrimSpace(r.Doc.Good.Code); code != "" {
		fmt.Fprintf(&b, "\n\nInstead:\n\n```%s\n%s\n```", fence(r.Doc.Good.Path), code)
	}
	fmt.Fprintf(&b, "\n\n[Documentation](%s)", analyzer.DocURL(r.ID))
	return b.String()
}

// fence picks the code block's language from the example's file name.
func fence(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ts", ".mts", ".cts":
		return "ts"
	case ".tsx":
		return "tsx"
	case ".jsx":
		return "jsx"
	default:
		return "js"
	}
}
