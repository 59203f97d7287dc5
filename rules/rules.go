// Package rules is the registry of leakwatch's rules. Each leak family lives
// in its own package below this one; All lists them in the order `leakwatch
// rules` prints them.
package rules

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/rules/listeners"
)

// All returns every rule.
func All() []*analyzer.Rule {
	return []*analyzer.Rule{
		listeners.NotRemoved,
		listeners.RemovalMismatch,
	}
}

// NewEngine returns an engine with every rule registered.
func NewEngine() *analyzer.Engine { return analyzer.NewEngine(All()) }
