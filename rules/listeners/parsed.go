package listeners

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Every listener rule reads every call of the file as an addition and as a
// removal (listener-not-removed, listener-removal-mismatch and
// listener-added-per-call in their walks, handlerEvents once more), and
// what a call reads as depends on the file only: each call is read once.

type parsedKey struct{}

// parsedCalls holds what the calls of one file read as: state by node
// index, and the calls that are listener calls.
type parsedCalls struct {
	state         []uint8
	adds, removes map[int]call
}

const (
	addRead uint8 = 1 << iota
	isAdd
	removeRead
	isRemove
)

func parsedIn(p *analyzer.Pass) *parsedCalls {
	return p.Memo(parsedKey{}, func() any {
		return &parsedCalls{state: make([]uint8, p.Tree.Len()), adds: map[int]call{}, removes: map[int]call{}}
	}).(*parsedCalls)
}

// parseAdd reads an addition with the file's vocabulary.
func parseAdd(p *analyzer.Pass, n syntax.Node) (call, bool) {
	return parsedIn(p).read(p, n, addRead, isAdd, readAdd)
}

// parseRemove reads a removal with the file's vocabulary.
func parseRemove(p *analyzer.Pass, n syntax.Node) (call, bool) {
	return parsedIn(p).read(p, n, removeRead, isRemove, readRemove)
}

func (x *parsedCalls) read(p *analyzer.Pass, n syntax.Node, read, is uint8, reader func(*analyzer.Pass, syntax.Node) (call, bool)) (call, bool) {
	i := n.Index()
	if i < 0 || i >= len(x.state) || n.Tree() != p.Tree {
		return reader(p, n)
	}
	found := x.adds
	if read == removeRead {
		found = x.removes
	}
	if s := x.state[i]; s&read != 0 {
		if s&is == 0 {
			return call{}, false
		}
		return found[i], true
	}
	c, ok := reader(p, n)
	x.state[i] |= read
	if ok {
		x.state[i] |= is
		found[i] = c
	}
	return c, ok
}
