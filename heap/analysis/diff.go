package analysis

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Options tune a diff.
type Options struct {
	// MinCount is how many objects of a group must be new and still alive
	// (and how much the group must have grown) for it to be reported.
	// Below it, one-off allocations (a lazily built table, a cached
	// compile) would drown the leaks. Default 10.
	MinCount int
	// MaxGroups caps the groups reported (largest first). Default 25.
	MaxGroups int
}

// Report is the outcome of comparing snapshots.
type Report struct {
	// Method is "three-snapshot" (objects allocated between the first and
	// second snapshot and still alive in the third) or "two-snapshot".
	Method    string         `json:"method"`
	Snapshots []SnapshotInfo `json:"snapshots"`
	Groups    []Group        `json:"groups"`
	// Skipped says what the readers left out.
	Skipped []string `json:"skipped,omitempty"`
}

// SnapshotInfo summarises one snapshot.
type SnapshotInfo struct {
	Path      string `json:"path,omitempty"`
	Nodes     int    `json:"nodes"`
	Edges     int    `json:"edges"`
	LiveBytes uint64 `json:"liveBytes"` // self sizes of the nodes a strong path reaches
}

// Group is one kind of object that grows.
type Group struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
	// Counts of the group's live objects in each snapshot.
	Counts []int `json:"counts"`
	// Leaked counts objects allocated after the first snapshot that are
	// still alive in the last.
	Leaked int `json:"leaked"`
	// LeakedSize is their own size; Retained what they keep alive, counted
	// once when leaked objects retain each other.
	LeakedSize uint64 `json:"leakedSize"`
	Retained   uint64 `json:"retainedSize"`
	// Site is where the group's objects are created, when the snapshot
	// knows (closures; objects reached through a closure or a variable).
	Site Site `json:"site,omitzero"`
	// SiteReason says how the site was found.
	SiteReason string `json:"siteReason,omitempty"`
	// Variable is the variable (closure context slot) nearest the leaked
	// objects on the retainer path.
	Variable string `json:"variable,omitempty"`
	// Path is a shortest strong path from a GC root to one leaked object.
	Path    []Step   `json:"retainerPath"`
	Holders []Holder `json:"holders,omitempty"`
}

// Step is one edge on a retainer path and the node it leads to.
type Step struct {
	Edge     string `json:"edge"`
	EdgeType string `json:"edgeType"`
	Node     string `json:"node"`
	NodeType string `json:"nodeType"`
	Site     *Site  `json:"site,omitempty"`
	// Repeat > 1 says that this step and the Period-1 after it repeat
	// that many times back to back (a linked list of timers).
	Repeat int `json:"repeat,omitempty"`
	Period int `json:"period,omitempty"`
}

// Holder is a registration on the retainer path that keeps the group
// alive: an event listener, a timer, a subscription, a collection.
type Holder struct {
	Kind string `json:"kind"` // listener, timer, subscription, collection
	Text string `json:"text"`
}

// ErrDifferentProcesses is returned when snapshots cannot be compared
// because their object ids do not describe the same heap.
var ErrDifferentProcesses = errors.New("the snapshots come from different processes (or different runs): object ids do not match, so nothing can be compared; take all snapshots from one running process")

// Diff compares snapshots of one process, oldest first: the summaries of
// the earlier ones (base, or base and target) and the graph of the last.
// Only the last needs its whole graph, so a comparison of three large
// snapshots holds one of them in memory, not three.
func Diff(earlier []*Summary, final *Graph, opt Options) (*Report, error) {
	if len(earlier) < 1 || len(earlier) > 2 {
		return nil, fmt.Errorf("diff needs two or three snapshots, got %d", len(earlier)+1)
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 10
	}
	if opt.MaxGroups <= 0 {
		opt.MaxGroups = 25
	}
	if earlier[0].prev != nil || len(earlier) == 2 && earlier[1].prev != earlier[0] {
		return nil, errors.New("diff: each summary must be made with the one before it")
	}
	last := Summarize(final.S, earlier[len(earlier)-1])
	all := append(append([]*Summary(nil), earlier...), last)
	for i := 1; i < len(all); i++ {
		if all[i].sameErr != nil {
			return nil, fmt.Errorf("snapshots %d and %d: %w", i, i+1, all[i].sameErr)
		}
	}
	rep := &Report{Method: "two-snapshot"}
	if len(all) == 3 {
		rep.Method = "three-snapshot"
	}
	for _, sm := range all {
		rep.Snapshots = append(rep.Snapshots, sm.info)
		rep.Skipped = append(rep.Skipped, sm.skipped...)
	}
	baseIDs := earlier[0].ids
	var targetIDs []uint64
	if len(earlier) == 2 {
		targetIDs = earlier[1].ids
	}
	fs := final.S
	n := fs.NodeCount()
	leaked := make([]bool, n)
	for i := 0; i < n; i++ {
		if !final.Reachable(i) || final.InternalOnly(i) {
			continue
		}
		id := fs.NodeID[i]
		if has(baseIDs, id) {
			continue
		}
		if targetIDs != nil && !has(targetIDs, id) {
			continue
		}
		leaked[i] = true
	}
	fc := newClassifier(fs)
	// A leaked object held only through another leaked program object is
	// part of that one's retained size, not a second copy of it. V8's own
	// storage does not count as a holder: a growing array gets a new
	// backing store, which is "new" and dominates every element.
	holder := make([]bool, n)
	for i := 0; i < n; i++ {
		if leaked[i] {
			k, ok := fc.key(uint32(i))
			holder[i] = ok && k.kind != KindOther
		}
	}
	// top is the outermost leaked holder that dominates a node, -1 when
	// none does.
	top := make([]int32, n)
	for i := range top {
		top[i] = -1
	}
	for _, v := range final.Order[1:] {
		d := final.Idom[v]
		switch {
		case d < 0:
		case top[d] >= 0:
			top[v] = top[d]
		case holder[d]:
			top[v] = d
		}
	}
	type acc struct {
		key            groupKey
		leaked         int
		size, retained uint64
		rep            int // the member shown: it retains the most
		repRetained    uint64
		roots          int // members no other leaked object dominates
		own            int // roots, and members held through a root of this group
		counts         []int
		traces         map[int32]int // members per allocation trace node
	}
	groups := map[groupKey]*acc{}
	for i := 0; i < n; i++ {
		if !leaked[i] {
			continue
		}
		k, ok := fc.key(uint32(i))
		if !ok || k.kind == KindOther {
			continue
		}
		a := groups[k]
		if a == nil {
			a = &acc{key: k, rep: -1}
			groups[k] = a
		}
		a.leaked++
		a.size += fs.SelfSize[i]
		if t := fs.AllocationTrace(i); t >= 0 {
			if a.traces == nil {
				a.traces = map[int32]int{}
			}
			a.traces[int32(t)]++
		}
		if t := top[i]; t >= 0 {
			// Held through a leak of the same kind (a chain of values
			// each keeping the previous one) it is still this group's.
			if tk, _ := fc.key(uint32(t)); tk == k {
				a.own++
			}
		} else {
			a.own++
			a.roots++
			a.retained += final.Retained[i]
			if a.rep < 0 || final.Retained[i] > a.repRetained {
				a.rep, a.repRetained = i, final.Retained[i]
			}
		}
	}
	var list []*acc
	for _, a := range groups {
		// Members that hang off another leaked object are the consequence
		// of that leak (a socket a timer keeps), not a cause: they count
		// in its retained size, and a group needs enough members of its
		// own.
		if a.own >= opt.MinCount && a.roots > 0 {
			list = append(list, a)
		}
	}
	// Growth: live counts per group in every snapshot, for the groups that
	// qualified. A group whose count did not grow is churn (objects
	// replaced by new ones), not a leak.
	for _, a := range list {
		for _, sm := range all {
			a.counts = append(a.counts, sm.counts[a.key])
		}
	}
	list = slices.DeleteFunc(list, func(a *acc) bool {
		return a.counts[len(a.counts)-1]-a.counts[0] < opt.MinCount
	})
	sort.Slice(list, func(i, j int) bool {
		if list[i].retained != list[j].retained {
			return list[i].retained > list[j].retained
		}
		return list[i].key.name < list[j].key.name
	})
	if len(list) > opt.MaxGroups {
		list = list[:opt.MaxGroups]
	}
	ctx := newSiteFinder(final, fc)
	for _, a := range list {
		gr := Group{Kind: a.key.kind, Name: a.key.name, Counts: a.counts, Leaked: a.leaked,
			LeakedSize: a.size, Retained: a.retained, Site: a.key.site}
		if gr.Site.Known() {
			gr.SiteReason = "where the function is defined"
		}
		path := final.Path(a.rep)
		gr.Path = steps(final, fc, path)
		gr.Holders = holders(final, path, a.rep)
		gr.Variable = lastVariable(final, path)
		// A closure's group already has its exact site; for the rest an
		// allocation trace is evidence, and better than the guesses below.
		if !gr.Site.Known() && a.traces != nil {
			gr.Site, gr.SiteReason = traceSite(fs, a.traces)
		}
		if !gr.Site.Known() {
			gr.Site, gr.SiteReason = ctx.find(a.rep, path, gr.Variable)
		}
		if !gr.Site.Known() && gr.Kind == KindObject {
			gr.Site, gr.SiteReason = ctx.constructor(gr.Name)
		}
		rep.Groups = append(rep.Groups, gr)
	}
	return rep, nil
}

// steps renders a path, folding runs of identical steps.
func steps(g *Graph, c *classifier, path []uint32) []Step {
	s := g.S
	var out []Step
	for _, e := range path {
		to := int(s.EdgeTo[e])
		st := Step{Edge: s.EdgeLabel(int(e)), EdgeType: s.EdgeTypeName(int(e)), Node: s.Describe(to), NodeType: s.TypeName(to)}
		if int(s.NodeType[to]) == s.TypeClosure {
			if site := c.site(uint32(to)); site.Known() {
				st.Site = &site
			}
		}
		out = append(out, st)
	}
	return fold(out)
}

// fold collapses a block of up to four steps that repeats back to back
// (a linked list, a chain of closures each holding the previous value)
// into one copy whose first step says how often it repeats.
func fold(in []Step) []Step {
	same := func(a, b Step) bool {
		return a.Edge == b.Edge && a.Node == b.Node && a.EdgeType == b.EdgeType && (a.Site == nil) == (b.Site == nil) && (a.Site == nil || *a.Site == *b.Site)
	}
	var out []Step
	for i := 0; i < len(in); {
		best, bestP := 1, 1
		for p := 1; p <= 4 && i+2*p <= len(in); p++ {
			k := 1
			for i+(k+1)*p <= len(in) && blockEqual(in[i:i+p], in[i+k*p:i+(k+1)*p], same) {
				k++
			}
			if k > 1 && k*p > best*bestP {
				best, bestP = k, p
			}
		}
		block := append([]Step(nil), in[i:i+bestP]...)
		if best > 1 {
			block[0].Repeat, block[0].Period = best, bestP
		}
		out = append(out, block...)
		i += best * bestP
	}
	return out
}

func blockEqual(a, b []Step, same func(a, b Step) bool) bool {
	for i := range a {
		if !same(a[i], b[i]) {
			return false
		}
	}
	return true
}

// lastVariable is the name of the last closure-context variable on the
// path: the program variable that holds the leak.
func lastVariable(g *Graph, path []uint32) string {
	s := g.S
	v := ""
	for _, e := range path {
		if int(s.EdgeType[e]) == s.EdgeContext {
			v = s.EdgeLabel(int(e))
		}
	}
	return v
}

var timerNames = map[string]bool{"Timeout": true, "Immediate": true, "TimersList": true, "Timer": true}

// holders names the registrations a path goes through.
func holders(g *Graph, path []uint32, leaf int) []Holder {
	s := g.S
	var out []Holder
	seen := map[string]bool{}
	add := func(kind, text string) {
		if !seen[kind+text] {
			seen[kind+text] = true
			out = append(out, Holder{kind, text})
		}
	}
	nodes := make([]int, 0, len(path)+1)
	nodes = append(nodes, 0)
	for _, e := range path {
		nodes = append(nodes, int(s.EdgeTo[e]))
	}
	// Only the part of the path from the program variable that holds the
	// leak on says why it is kept: before it come the server and module
	// plumbing every object of the program hangs from.
	start := 0
	for k, e := range path {
		if int(s.EdgeType[e]) == s.EdgeContext {
			start = k
		}
	}
	listenerArray := -1
	for k, e := range path {
		if k < start {
			continue
		}
		from, to := nodes[k], nodes[k+1]
		label := s.EdgeLabel(int(e))
		fromName := s.Describe(from)
		toName := s.Name(to)
		switch {
		case label == "_events" && k+1 < len(path):
			add("listener", fmt.Sprintf("listener for %q on %s", s.EdgeLabel(int(path[k+1])), fromName))
			// The array of that event's listeners comes next: it is the
			// listener registry, not a collection of the program's.
			listenerArray = k + 1
		case strings.Contains(label, "kEvents") || label == "listeners" && strings.Contains(fromName, "EventTarget"):
			event := ""
			if k+1 < len(path) {
				event = s.EdgeLabel(int(path[k+1]))
			}
			add("listener", fmt.Sprintf("event listener %s on %s", strings.Trim(event, "[]"), fromName))
		case strings.Contains(toName, "EventListener"):
			add("listener", "DOM event listener ("+toName+")")
		case timerNames[toName] || label == "_onTimeout" || label == "_onImmediate":
			add("timer", "timer ("+toName+"): setInterval / setTimeout callback not cleared")
		case strings.Contains(toName, "Subscriber") || strings.Contains(toName, "Subscription") || label == "observers" || label == "_subscriptions" || label == "subscribers":
			add("subscription", fmt.Sprintf("subscription (%s via %s)", toName, label))
		case k == listenerArray:
		case toName == "Map" || toName == "Set" || toName == "Array" && int(s.NodeType[to]) == s.TypeObject:
			holderName := label
			if int(s.EdgeType[e]) == s.EdgeContext {
				holderName = "variable `" + label + "`"
			} else {
				holderName = "property `" + label + "`"
			}
			add("collection", fmt.Sprintf("%s in %s", toName, holderName))
		}
	}
	if t := s.Name(leaf); timerNames[t] {
		add("timer", "timer ("+t+"): setInterval / setTimeout callback not cleared")
	}
	return out
}

// siteFinder attributes objects that are not closures to source: through
// a closure they own (a timer's callback, a listener object's handler), a
// closure on their retainer path, or the declaration of the variable that
// holds them.
type siteFinder struct {
	g *Graph
	c *classifier
	// contextOwner maps a function context to a closure that uses it,
	// built on first need.
	contextOwner map[uint32]uint32
	// constructors maps function names to where they are defined.
	constructors map[string]Site
}

func newSiteFinder(g *Graph, c *classifier) *siteFinder { return &siteFinder{g: g, c: c} }

func (f *siteFinder) find(leaf int, path []uint32, variable string) (Site, string) {
	s := f.g.S
	for e := s.FirstEdge[leaf]; e < s.FirstEdge[leaf+1]; e++ {
		to := s.EdgeTo[e]
		if strong(s, e) && int(s.NodeType[to]) == s.TypeClosure && int(s.EdgeType[e]) != s.EdgeInternal && !f.g.bookkeeping(uint32(leaf), e) {
			if site := f.c.site(to); site.Known() && !site.internal() {
				return site, fmt.Sprintf("its %s callback is defined here", s.EdgeLabel(int(e)))
			}
		}
	}
	// The variable's declaration, found in the script's source.
	if variable != "" {
		for k := len(path) - 1; k >= 0; k-- {
			e := path[k]
			if int(s.EdgeType[e]) != s.EdgeContext || s.EdgeLabel(int(e)) != variable {
				continue
			}
			ctx := f.g.EdgeFrom(e)
			if fn, ok := f.ownerOf(ctx); ok {
				site := f.c.site(fn)
				if site.Script != "" {
					if line := declarationLine(f.scriptSource(fn), variable); line > 0 {
						return Site{Script: site.Script, Line: line, Column: 1}, "the variable `" + variable + "` that holds them is declared here"
					}
				}
			}
			break
		}
	}
	for k := len(path) - 1; k >= 0; k-- {
		to := s.EdgeTo[path[k]]
		if int(s.NodeType[to]) == s.TypeClosure {
			if site := f.c.site(to); site.Known() {
				return site, "the nearest function on the retainer path is defined here"
			}
		}
	}
	return Site{}, ""
}

// constructor finds the function or class named name in the program's
// scripts: for objects of a class, where the class is defined.
func (f *siteFinder) constructor(name string) (Site, string) {
	if f.constructors == nil {
		s := f.g.S
		f.constructors = map[string]Site{}
		for _, l := range s.Locations {
			if int(s.NodeType[l.Node]) != s.TypeClosure {
				continue
			}
			n := s.Name(int(l.Node))
			if _, seen := f.constructors[n]; seen {
				continue
			}
			if site := f.c.site(l.Node); site.Known() && !site.internal() {
				f.constructors[n] = site
			}
		}
	}
	if site, ok := f.constructors[name]; ok {
		return site, "its class is defined here"
	}
	return Site{}, ""
}

func (f *siteFinder) ownerOf(ctx uint32) (uint32, bool) {
	if f.contextOwner == nil {
		s := f.g.S
		f.contextOwner = map[uint32]uint32{}
		for i := 0; i < s.NodeCount(); i++ {
			if int(s.NodeType[i]) != s.TypeClosure {
				continue
			}
			if _, ok := f.c.loc[uint32(i)]; !ok {
				continue
			}
			for e := s.FirstEdge[i]; e < s.FirstEdge[i+1]; e++ {
				if s.EdgeLabel(int(e)) == "context" {
					if _, ok := f.contextOwner[s.EdgeTo[e]]; !ok {
						f.contextOwner[s.EdgeTo[e]] = uint32(i)
					}
				}
			}
		}
	}
	fn, ok := f.contextOwner[ctx]
	return fn, ok
}

// scriptSource returns the source text of closure fn's script, which V8
// keeps in the heap (empty when cut by the memory budget).
func (f *siteFinder) scriptSource(fn uint32) string {
	s := f.g.S
	shared := s.Child(int(fn), "shared")
	if shared < 0 {
		return ""
	}
	script := s.Child(shared, "script_or_debug_info")
	if script < 0 {
		script = s.Child(shared, "script")
	}
	if script < 0 {
		return ""
	}
	src := s.Child(script, "source")
	if src < 0 {
		return ""
	}
	return s.Name(src)
}

// declarationLine returns the 1-based line declaring name in src, or 0.
func declarationLine(src, name string) int {
	if src == "" {
		return 0
	}
	re, err := regexp.Compile(`(?m)\b(?:const|let|var)\s+` + regexp.QuoteMeta(name) + `\b`)
	if err != nil {
		return 0
	}
	loc := re.FindStringIndex(src)
	if loc == nil {
		return 0
	}
	// Node wraps CommonJS modules in a function on the same first line,
	// so lines in the source are the file's lines.
	return strings.Count(src[:loc[0]], "\n") + 1
}
