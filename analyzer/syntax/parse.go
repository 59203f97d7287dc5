package syntax

// #include "treesitter.h"
import "C"

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
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
	return build(ct, lang, src, true)
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

// build flattens a C tree into a Tree; with free it deletes the C tree.
func build(ct *C.TSTree, lang Lang, src []byte, free bool) (*Tree, error) {
	g := grammarFor(lang)
	recs, err := flatten(ct, g.keep, free)
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
	return build(ct, inc.lang, src, false)
}

// Close frees the kept tree. The Incremental can be used again afterwards;
// its next parse starts from scratch.
func (inc *Incremental) Close() {
	if inc.old != nil {
		deleteTree(inc.old)
		inc.old = nil
	}
}

// Kept is a parse whose C tree is kept, so that edited copies of its text
// reparse incrementally: validating a fix re-parses the whole file once per
// fix otherwise. Not safe for concurrent use; Close frees the C tree.
type Kept struct {
	lang Lang
	ct   *C.TSTree
}

// ParseKept is Parse that also keeps the C tree for Reparse. The caller
// must Close the Kept.
func ParseKept(ctx context.Context, lang Lang, src []byte, opt Options) (*Tree, *Kept, error) {
	cp := parsers.get()
	defer parsers.put(cp)
	ct, err := parseC(ctx, cp, lang, nil, src, opt)
	if err != nil {
		return nil, nil, err
	}
	t, err := build(ct, lang, src, false)
	if err != nil {
		deleteTree(ct)
		return nil, nil, err
	}
	return t, &Kept{lang: lang, ct: ct}, nil
}

// Reparse parses src, the kept text with edits applied, reusing the kept
// tree where the edits left it alone. The edits are byte ranges of the kept
// text, must not overlap, and come in any order. The kept tree is unchanged,
// so one Kept serves many alternative edits.
func (k *Kept) Reparse(ctx context.Context, src []byte, edits []Edit, opt Options) (*Tree, error) {
	cp := parsers.get()
	defer parsers.put(cp)
	cp2 := C.ts_tree_copy(k.ct)
	defer deleteTree(cp2)
	// From the last edit back to the first, so that each one's offsets and
	// points, taken from the kept text, are still right when it is applied;
	// at one offset a replacement goes before an insertion there, which
	// would otherwise move the replaced text.
	sorted := append([]Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Start != sorted[j].Start {
			return sorted[i].Start > sorted[j].Start
		}
		return sorted[i].OldEnd > sorted[j].OldEnd
	})
	for _, e := range sorted {
		editTree(cp2, e)
	}
	ct, err := parseC(ctx, cp, k.lang, cp2, src, opt)
	if err != nil {
		return nil, err
	}
	return build(ct, k.lang, src, true)
}

// Close frees the kept tree; it is safe to call more than once.
func (k *Kept) Close() {
	if k != nil && k.ct != nil {
		deleteTree(k.ct)
		k.ct = nil
	}
}

// PointAt is the tree-sitter point (row, byte column) of offset off in src.
func PointAt(src []byte, off int) Point {
	row := bytes.Count(src[:off], []byte{'\n'})
	col := off
	if i := bytes.LastIndexByte(src[:off], '\n'); i >= 0 {
		col = off - i - 1
	}
	return Point{Row: row, Column: col}
}
