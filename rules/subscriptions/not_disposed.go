package subscriptions

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// NotDisposed is subscription-not-disposed. Not implemented yet: it registers no visitor.
var NotDisposed = &analyzer.Rule{
	ID:       "subscription-not-disposed",
	Severity: analyzer.SeverityWarning,
	Doc:      analyzer.Doc{Title: "Subscription never unsubscribed"},
	New:      func(*analyzer.Pass) analyzer.Visitor { return analyzer.VisitFunc(func(_ syntax.Node) {}) },
}
