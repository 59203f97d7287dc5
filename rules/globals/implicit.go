package globals

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Implicit is implicit-global. Not implemented yet: it registers no visitor.
var Implicit = &analyzer.Rule{
	ID:       "implicit-global",
	Severity: analyzer.SeverityWarning,
	Doc:      analyzer.Doc{Title: "Assignment to an undeclared name creates a global"},
	New:      func(*analyzer.Pass) analyzer.Visitor { return analyzer.VisitFunc(func(_ syntax.Node) {}) },
}
