// Package rules is the registry of leakwatch's rules. Each leak family lives
// in its own package below this one; All lists them in the order `leakwatch
// rules` prints them.
package rules

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/rules/caches"
	"github.com/leakwatch/leakwatch/rules/closures"
	"github.com/leakwatch/leakwatch/rules/globals"
	"github.com/leakwatch/leakwatch/rules/listeners"
	"github.com/leakwatch/leakwatch/rules/observers"
	"github.com/leakwatch/leakwatch/rules/resources"
	"github.com/leakwatch/leakwatch/rules/subscriptions"
	"github.com/leakwatch/leakwatch/rules/timers"
)

// All returns every rule, in the order of DESIGN.md's table.
func All() []*analyzer.Rule {
	return []*analyzer.Rule{
		listeners.NotRemoved,
		listeners.RemovalMismatch,
		timers.NotCleared,
		subscriptions.NotDisposed,
		observers.NotDisconnected,
		listeners.AddedPerCall,
		caches.Unbounded,
		closures.RetainsLarge,
		resources.NotClosed,
		globals.Implicit,
	}
}

// NewEngine returns an engine with every rule registered.
func NewEngine() *analyzer.Engine { return analyzer.NewEngine(All()) }
