package closures

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// RetainsLarge is closure-retains-large-value. Not implemented yet: it registers no visitor.
var RetainsLarge = &analyzer.Rule{
	ID:       "closure-retains-large-value",
	Severity: analyzer.SeverityWarning,
	Doc:      analyzer.Doc{Title: "Long-lived closure keeps a large value alive"},
	New:      func(*analyzer.Pass) analyzer.Visitor { return analyzer.VisitFunc(func(_ syntax.Node) {}) },
}
