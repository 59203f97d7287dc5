package caches

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Unbounded is unbounded-cache. Not implemented yet: it registers no visitor.
var Unbounded = &analyzer.Rule{
	ID:       "unbounded-cache",
	Severity: analyzer.SeverityWarning,
	Doc:      analyzer.Doc{Title: "Module-level cache that only grows"},
	New:      func(*analyzer.Pass) analyzer.Visitor { return analyzer.VisitFunc(func(_ syntax.Node) {}) },
}
