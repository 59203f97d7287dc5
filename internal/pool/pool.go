// Package pool keeps arrays for reuse between the files of a run.
//
// A cold check reads, parses and analyses thousands of files one after
// another, and the large arrays of one file (its text, its tree's records)
// are garbage as soon as its findings are out. Allocating them afresh for
// every file made Go zero the memory, the kernel fault its pages in, and
// the collector run more often. An array put back here is handed to the
// next file that asks for one of its size.
//
// Arrays are pooled by size class (powers of two, so every array of a
// class fits every request the class serves) in sync.Pools, which the
// collector empties: memory nobody asks for again goes back by itself.
package pool

import (
	"math/bits"
	"sync"
)

// minClass is the smallest class pooled: smaller arrays cost little to
// allocate.
const minClass = 10

// Arrays pools arrays of T of up to 2^MaxClass elements; the zero value
// pools nothing.
type Arrays[T any] struct {
	// MaxClass bounds the pooled arrays: larger ones are rare, and
	// holding one for the next would keep more memory than it saves.
	MaxClass int
	classes  [31]sync.Pool // of *[]T with cap at least 1<<class
}

// Get returns an array of length n whose contents are undefined: the
// caller must write what it reads.
func (p *Arrays[T]) Get(n int) []T {
	c := classFor(n)
	if c > p.MaxClass || c >= len(p.classes) {
		return make([]T, n)
	}
	if v, ok := p.classes[c].Get().(*[]T); ok {
		return (*v)[:n]
	}
	return make([]T, n, 1<<c)
}

// Put makes a an array a later Get may return. The caller must not use
// a, or anything that shares its memory, afterwards.
func (p *Arrays[T]) Put(a []T) {
	c := bits.Len(uint(cap(a))) - 1 // the largest class a fits
	if c < minClass || c > p.MaxClass || c >= len(p.classes) {
		return
	}
	a = a[:0]
	p.classes[c].Put(&a)
}

// classFor is the smallest class whose arrays hold n elements.
func classFor(n int) int {
	return max(bits.Len(uint(max(n, 1)-1)), minClass)
}
