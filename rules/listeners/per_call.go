package listeners

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// AddedPerCall is listener-added-per-call. Not implemented yet: it registers no visitor.
var AddedPerCall = &analyzer.Rule{
	ID:       "listener-added-per-call",
	Severity: analyzer.SeverityWarning,
	Doc:      analyzer.Doc{Title: "Listener added to a long-lived target every time a function runs"},
	New:      func(*analyzer.Pass) analyzer.Visitor { return analyzer.VisitFunc(func(_ syntax.Node) {}) },
}
