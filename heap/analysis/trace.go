package analysis

import (
	"fmt"

	"github.com/leakwatch/leakwatch/heap/snapshot"
)

// traceSite is where most of a group's objects were allocated, from the
// snapshot's allocation traces (present when the program ran with
// --track-heap-objects): the innermost function of the commonest
// allocation stack that belongs to the program rather than to Node. votes
// counts the group's objects per trace node.
func traceSite(s *snapshot.Snapshot, votes map[int32]int) (Site, string) {
	best, bestN := int32(-1), 0
	for t, n := range votes {
		if n > bestN || n == bestN && t < best {
			best, bestN = t, n
		}
	}
	tr := &s.TraceNodes
	for t := best; t >= 0; t = tr.Parent[t] {
		fn := s.TraceFunctionOf(int(t))
		site := Site{Script: s.String(fn.ScriptName), Line: int(fn.Line), Column: int(fn.Column)}
		if site.Known() && !site.internal() {
			return site, fmt.Sprintf("allocation trace: %d of %d allocated in %s(), defined here", bestN, total(votes), functionName(s.String(fn.Name)))
		}
	}
	return Site{}, ""
}

func total(votes map[int32]int) int {
	n := 0
	for _, v := range votes {
		n += v
	}
	return n
}

func functionName(n string) string {
	if n == "" {
		return "(anonymous)"
	}
	return n
}
