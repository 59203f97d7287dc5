package observers

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// NotDisconnected is observer-not-disconnected. Not implemented yet: it registers no visitor.
var NotDisconnected = &analyzer.Rule{
	ID:       "observer-not-disconnected",
	Severity: analyzer.SeverityWarning,
	Doc:      analyzer.Doc{Title: "Observer never disconnected"},
	New:      func(*analyzer.Pass) analyzer.Visitor { return analyzer.VisitFunc(func(_ syntax.Node) {}) },
}
