package syntax

// #include "treesitter.h"
import "C"

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"
)

var (
	// ErrParseBudget means the parse took longer than Options.Timeout.
	ErrParseBudget  = errors.New("parse budget exceeded")
	errTreeTooLarge = errors.New("syntax tree larger than its descendant count")
	errOutOfMemory  = errors.New("out of memory while flattening the syntax tree")
)

// Options limit a parse.
type Options struct {
	// Timeout bounds the time tree-sitter may spend on one file; zero means
	// no limit. A file that hits it is reported, not analysed.
	Timeout time.Duration
}

// Parse parses src with the grammar lang. The returned Tree holds no C
// memory. It fails only when ctx is cancelled or the budget runs out; syntax
// errors are part of a successful result (Tree.Errors).
func Parse(ctx context.Context, lang Lang, src []byte, opt Options) (*Tree, error) {
	cp := parsers.get()
	defer parsers.put(cp)
	ct, err := parseC(ctx, cp, lang, nil, src, opt)
	if err != nil {
		return nil, err
	}
	defer deleteTree(ct)
	return build(ct, lang, src)
}

func parseC(ctx context.Context, cp *cParser, lang Lang, old *C.TSTree, src []byte, opt Options) (*C.TSTree, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if uint64(len(src)) > 1<<32-1 {
		return nil, fmt.Errorf("file of %d bytes is larger than tree-sitter's 4 GiB limit", len(src))
	}
	cp.setLanguage(lang)
	// The cancel may fire while parsing; it must be over before the parser
	// goes back to the pool, where it may be freed (its flag with it).
	cancelled := make(chan struct{})
	stop := context.AfterFunc(ctx, func() { cp.requestCancel(); close(cancelled) })
	defer func() {
		if !stop() {
			<-cancelled
		}
	}()
	ct := cp.parse(old, src, uint64(opt.Timeout/time.Microsecond))
	if ct == nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return nil, ErrParseBudget
	}
	return ct, nil
}

func build(ct *C.TSTree, lang Lang, src []byte) (*Tree, error) {
	g := grammarFor(lang)
	recs, err := flatten(ct, g.keep)
	if err != nil {
		return nil, err
	}
	t := &Tree{Lang: lang, Src: string(src), recs: recs, g: g}
	t.computeEnds()
	return t, nil
}

// parserPool keeps idle C parsers for reuse. Unlike sync.Pool it never drops
// a parser silently, which would leak its C memory; parsers beyond the
// pool's capacity are deleted when returned.
type parserPool struct {
	mu   sync.Mutex
	idle []*cParser
}

var parsers parserPool

func (p *parserPool) get() *cParser {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.idle); n > 0 {
		cp := p.idle[n-1]
		p.idle = p.idle[:n-1]
		return cp
	}
	return newCParser()
}

func (p *parserPool) put(cp *cParser) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.idle) < 2*runtime.GOMAXPROCS(0) {
		p.idle = append(p.idle, cp)
		return
	}
	cp.close()
}

// Point is a row and byte column, as tree-sitter counts them.
type Point struct{ Row, Column int }

// Edit describes a text change for incremental reparsing, in bytes and
// byte-column points of the text before (Old*) and after (New*) it.
type Edit struct {
	Start, OldEnd, NewEnd                int
	StartPoint, OldEndPoint, NewEndPoint Point
}

// Incremental keeps the C tree of one document between parses so that an
// edit reparses only what changed. It is for the language server, where a
// document is re-analysed on every keystroke. Not safe for concurrent use;
// Close frees the C tree.
type Incremental struct {
	lang Lang
	old  *C.TSTree
}

// NewIncremental starts an incremental parse history for one document.
func NewIncremental(lang Lang) *Incremental { return &Incremental{lang: lang} }

// Edit tells the kept tree about a change; call it for each change, in
// order, before the next Parse.
func (inc *Incremental) Edit(e Edit) {
	if inc.old != nil {
		editTree(inc.old, e)
	}
}

// Parse parses src, reusing the kept tree, and keeps the new tree.
func (inc *Incremental) Parse(ctx context.Context, src []byte, opt Options) (*Tree, error) {
	cp := parsers.get()
	defer parsers.put(cp)
	ct, err := parseC(ctx, cp, inc.lang, inc.old, src, opt)
	if err != nil {
		// The old tree no longer matches the text: forget it so the next
		// parse starts from scratch rather than from a wrong tree.
		inc.Close()
		return nil, err
	}
	inc.Close()
	inc.old = ct
	return build(ct, inc.lang, src)
}

// Close frees the kept tree. The Incremental can be used again afterwards;
// its next parse starts from scratch.
func (inc *Incremental) Close() {
	if inc.old != nil {
		deleteTree(inc.old)
		inc.old = nil
	}
}
