package listeners

import (
	"iter"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Pairing by event alone still compares every addition with every removal
// of that event: a file of 800 components that each add and remove a
// "resize" listener on window compared 800 x 800 pairs on every edit. The
// buckets below also key calls by what sameTarget and sameExpr compare, so
// an addition meets only the removals on its own target and of its own
// handler.

// exprID is what sameExpr compares: two expressions are sameExpr exactly
// when their ids are equal (the scope key when either has one, else the
// text without whitespace).
type exprID struct{ key, text string }

type exprIDsKey struct{}

// idOf returns n's exprID; the text of one without a key (an inline
// handler: its whole function) is squashed once per node and file.
func idOf(p *analyzer.Pass, n syntax.Node) exprID {
	if k := valueKey(p, n); k != "" {
		return exprID{key: k}
	}
	texts := p.Memo(exprIDsKey{}, func() any { return map[int]string{} }).(map[int]string)
	t, ok := texts[n.Index()]
	if !ok {
		t = squash(n.Text())
		texts[n.Index()] = t
	}
	return exprID{text: t}
}

// targetID is what sameTarget compares.
func targetID(p *analyzer.Pass, c call) exprID { return idOf(p, unwrapJQuery(c.target)) }

// wildcard reports a call that may match calls of any handler: a removal
// without an event or a handler (off(), off("close"), MediaQueryList's
// removeListener(fn) without a written event) removes more than one.
func wildcard(c call) bool { return !c.event.Valid() || !c.handler.Valid() }

type onTarget struct {
	style  Style
	target exprID
}

type withHandler struct {
	style            Style
	target, function exprID
}

type ofHandler struct {
	style    Style
	function exprID
}

// keyedCalls holds the calls of a callIndex by target and handler; each
// part is built on the first query that needs it.
type keyedCalls struct {
	// onTarget holds every call by style and target.
	onTarget map[onTarget][]int
	// withHandler holds the calls that are no wildcard by style, target
	// and handler; wild holds the wildcards by style and target.
	withHandler map[withHandler][]int
	wild        map[onTarget][]int
	// ofHandler holds every call by style and handler, and again under the
	// function its handler binds (f.bind(this) under f); only
	// listener-removal-mismatch asks, so it is built on its first query.
	ofHandler map[ofHandler][]int
}

func (x *callIndex) keyedBy(p *analyzer.Pass) *keyedCalls {
	k := &x.keyed
	if k.onTarget != nil {
		return k
	}
	k.onTarget, k.withHandler, k.wild = map[onTarget][]int{}, map[withHandler][]int{}, map[onTarget][]int{}
	for i, c := range x.calls {
		t := onTarget{c.style, targetID(p, c)}
		k.onTarget[t] = append(k.onTarget[t], i)
		if wildcard(c) {
			k.wild[t] = append(k.wild[t], i)
		} else {
			h := withHandler{c.style, t.target, idOf(p, c.handler)}
			k.withHandler[h] = append(k.withHandler[h], i)
		}
	}
	return k
}

func (x *callIndex) byHandler(p *analyzer.Pass) map[ofHandler][]int {
	k := &x.keyed
	if k.ofHandler != nil {
		return k.ofHandler
	}
	k.ofHandler = map[ofHandler][]int{}
	for i, c := range x.calls {
		h := ofHandler{c.style, idOf(p, c.handler)}
		k.ofHandler[h] = append(k.ofHandler[h], i)
		if from := boundFrom(c.handler); from.Valid() {
			b := ofHandler{c.style, idOf(p, from)}
			if l := k.ofHandler[b]; len(l) == 0 || l[len(l)-1] != i {
				k.ofHandler[b] = append(l, i)
			}
		}
	}
	return k.ofHandler
}

// matchable yields, in source order, the indexed calls that matches could
// accept with c, as addition or as removal: calls of c's style on c's
// target (as sameTarget compares) with c's handler (as sameExpr compares),
// or any handler where either call is a wildcard. Callers still call
// matches.
func (x *callIndex) matchable(p *analyzer.Pass, c call) iter.Seq[call] {
	k := x.keyedBy(p)
	t := onTarget{c.style, targetID(p, c)}
	if wildcard(c) {
		return x.inOrder(k.onTarget[t], nil)
	}
	return x.inOrder(k.withHandler[withHandler{c.style, t.target, idOf(p, c.handler)}], k.wild[t])
}

// sameHandler yields, in source order, the indexed calls of c's style
// whose handler is sameExpr to c's, or binds a function that is
// (this.onResize.bind(this) for this.onResize), on any target.
func (x *callIndex) sameHandler(p *analyzer.Pass, c call) iter.Seq[call] {
	return x.inOrder(x.byHandler(p)[ofHandler{c.style, idOf(p, c.handler)}], nil)
}

// inOrder yields the calls of two sorted, disjoint lists of indices in
// source order.
func (x *callIndex) inOrder(a, b []int) iter.Seq[call] {
	return func(yield func(call) bool) {
		i, j := 0, 0
		for i < len(a) || j < len(b) {
			var k int
			if j == len(b) || i < len(a) && a[i] < b[j] {
				k, i = a[i], i+1
			} else {
				k, j = b[j], j+1
			}
			if !yield(x.calls[k]) {
				return
			}
		}
	}
}
