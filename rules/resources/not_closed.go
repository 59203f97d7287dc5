package resources

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// NotClosed is resource-not-closed. Not implemented yet: it registers no visitor.
var NotClosed = &analyzer.Rule{
	ID:       "resource-not-closed",
	Severity: analyzer.SeverityWarning,
	Doc:      analyzer.Doc{Title: "Resource opened and never closed"},
	New:      func(*analyzer.Pass) analyzer.Visitor { return analyzer.VisitFunc(func(_ syntax.Node) {}) },
}
