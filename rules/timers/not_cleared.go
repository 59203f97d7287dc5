package timers

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// NotCleared is timer-not-cleared. Not implemented yet: it registers no visitor.
var NotCleared = &analyzer.Rule{
	ID:       "timer-not-cleared",
	Severity: analyzer.SeverityWarning,
	Doc:      analyzer.Doc{Title: "Interval, re-arming timeout or animation-frame loop never cleared"},
	New:      func(*analyzer.Pass) analyzer.Visitor { return analyzer.VisitFunc(func(_ syntax.Node) {}) },
}
