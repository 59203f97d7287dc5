package analyzer

// SetKeepTreeLimit sets the largest file whose C tree Analyze keeps for
// fix validation, and returns what puts the limit back.
func SetKeepTreeLimit(n int) (restore func()) {
	old := keepTreeLimit
	keepTreeLimit = n
	return func() { keepTreeLimit = old }
}

// SplicedChecks tells tests how many fixes were checked on a spliced tree.
func SplicedChecks() int64 { return splicedChecks.Load() }

// KeptParses tells tests how many C trees fix validation parsed when a
// splice could not check a fix.
func KeptParses() int64 { return keptParses.Load() }
