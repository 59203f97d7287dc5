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
	"sync/atomic"
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
	// HoldGoHeap caps Go's memory, as the C tree nears its peak, near
	// what Go uses, until the parse returns (holdGoHeap). For a file whose
	// tree is the process's peak, parsed while nothing else large runs.
	HoldGoHeap bool
}

// Parse parses src with the grammar lang. The returned Tree holds no C
// memory. It fails only when ctx is cancelled or the budget runs out; syntax
// errors are part of a successful result (Tree.Errors).
func Parse(ctx context.Context, lang Lang, src []byte, opt Options) (*Tree, error) {
	if opt.HoldGoHeap {
		// Held through the flattening too: the C tree is at its largest
		// while the flat copy is read out of it.
		defer holdGoHeap()()
	}
	cp := parsers.get()
	defer parsers.put(cp)
	g := grammarFor(lang)
	var recs []record
	err := whileCancellable(ctx, cp, src, func() (err error) {
		recs, err = parseOnce(cp, lang, src, g.keep, opt)
		return err
	})
	if err != nil {
		return nil, err
	}
	t := &Tree{Lang: lang, Src: string(src), recs: recs, g: g}
	t.computeEnds(endPool.Get(len(t.recs)))
	return t, nil
}

func parseC(ctx context.Context, cp *cParser, lang Lang, old *C.TSTree, src []byte, opt Options) (*C.TSTree, error) {
	var ct *C.TSTree
	err := whileCancellable(ctx, cp, src, func() error {
		cp.setLanguage(lang)
		if ct = cp.parse(old, src, uint64(opt.Timeout/time.Microsecond)); ct == nil {
			return ErrParseBudget
		}
		return nil
	})
	return ct, err
}

// whileCancellable runs parse, which parses src polling cp's cancellation
// flag, with the flag raised when ctx is cancelled. A parse that gives up
// returns ErrParseBudget, which becomes ctx's error when that was why.
func whileCancellable(ctx context.Context, cp *cParser, src []byte, parse func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if uint64(len(src)) > 1<<32-1 {
		return fmt.Errorf("file of %d bytes is larger than tree-sitter's 4 GiB limit", len(src))
	}
	// The cancel may fire while parsing; it must be over before the parser
	// goes back to the pool, where it may be freed (its flag with it).
	cancelled := make(chan struct{})
	stop := context.AfterFunc(ctx, func() { cp.requestCancel(); close(cancelled) })
	defer func() {
		if !stop() {
			<-cancelled
		}
	}()
	err := parse()
	if err == ErrParseBudget && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// buildReusing flattens a C tree into a Tree (with free it deletes the C
// tree), and can also return the records' subtree identities (withIDs) and
// copy the records of subtrees reused from prev.
func buildReusing(ct *C.TSTree, lang Lang, src []byte, free, withIDs bool, prev *previous) (*Tree, *subtreeIDs, error) {
	g := grammarFor(lang)
	recs, ids, err := flatten(ct, g.keep, free, withIDs, prev)
	if err != nil {
		return nil, nil, err
	}
	t := &Tree{Lang: lang, Src: string(src), recs: recs, g: g}
	var ends []int32
	if prev != nil {
		ends, prev.intoEnds = prev.intoEnds, nil
	}
	t.computeEnds(ends)
	return t, ids, nil
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
//
// For large documents it also keeps the last Tree and the subtree identity
// of each of its records, so that after the next parse only the nodes the
// parser did not take over unchanged are walked in C; the records of the
// rest are copied from the last Tree. Reparsing a 20,000-line file after a
// keystroke touches a few hundred nodes, and walking all of them again
// cost more than the parse.
type Incremental struct {
	lang Lang
	old  *C.TSTree

	last    *Tree       // the flattening of old, when kept for reuse
	lastIDs *subtreeIDs // the subtree of each of last's records
	edits   int         // edits since old was parsed
	edit    Edit        // the edit, when there was one
	copied  int         // records the last Parse copied rather than walked (for tests)
	direct  bool        // the last Parse flattened straight into Go memory (for tests)
	// recycled: the last Parse flattened into the memory of the tree
	// before (for tests).
	recycled bool

	// lent counts the Kepts handed out (Kept) and not yet closed. Their
	// copies share old's subtrees, so an edit then copies the subtrees on
	// its path instead of changing them in place, and the originals are
	// freed when the Kept closes: their addresses, which lastIDs holds,
	// could come back as new subtrees. stale marks such an edit: the next
	// parse walks the whole tree.
	lent  *atomic.Int32
	stale bool

	// spare holds the memory of the tree before last, when nobody
	// borrowed it: the next flattening writes into it instead of into
	// fresh memory. For a large document that is most of a keystroke's
	// allocation (a 20,000-line file has 17 MB of records), whose page
	// faults and zeroing cost more than the copying of untouched records
	// itself. It serves while the document is typed in; two garbage
	// collections after it was kept, when the document rests, it is
	// dropped (dropAfterCollections), instead of doubling what every open
	// document keeps. (A sync.Pool drops it too, but also misses it
	// whenever the next analysis runs on another processor: one edit in
	// ten then faulted 17 MB in again.)
	spare atomic.Pointer[spareArrays]
}

// spareArrays is memory of a tree no longer used, for the next flattening.
type spareArrays struct {
	recs []record // at full capacity
	ends []int32
	ids  *subtreeIDs
}

// keepSpare makes recs, ends and ids inc's spare memory, freeing the
// spare it replaces.
func (inc *Incremental) keepSpare(recs []record, ends []int32, ids *subtreeIDs) {
	s := &spareArrays{recs: recs, ends: ends, ids: ids}
	if old := inc.spare.Swap(s); old != nil {
		old.ids.free()
	}
	inc.dropAfterCollections(s, 2)
}

// takeSpare takes inc's spare memory, or returns nil.
func (inc *Incremental) takeSpare() *spareArrays { return inc.spare.Swap(nil) }

// dropAfterCollections drops s, if it is still inc's spare, once n more
// garbage collections have run: a cleanup of an object of no use but to be
// collected counts them, arming the next until the last.
func (inc *Incremental) dropAfterCollections(s *spareArrays, n int) {
	// Not a tiny allocation (under 16 bytes without pointers), whose
	// cleanup may wait for its neighbours.
	sentinel := new([4]uintptr)
	runtime.AddCleanup(sentinel, func(n int) {
		if n > 1 {
			inc.dropAfterCollections(s, n-1)
		} else if inc.spare.CompareAndSwap(s, nil) {
			s.ids.free()
		}
	}, n)
}

// ReuseMinBytes is the size from which an Incremental keeps what reusing
// records needs (about 36 bytes per node, on top of the C tree). Below it
// a full flattening costs little, and many open small files would cost
// memory. A variable so that tests can exercise reuse on small texts.
var ReuseMinBytes = 32 << 10

// NewIncremental starts an incremental parse history for one document.
func NewIncremental(lang Lang) *Incremental { return &Incremental{lang: lang} }

// Edit tells the kept tree about a change; call it for each change, in
// order, before the next Parse.
func (inc *Incremental) Edit(e Edit) {
	if inc.old != nil {
		if inc.lent != nil && inc.lent.Load() > 0 {
			inc.stale = true
		}
		editTree(inc.old, e)
		inc.edits++
		inc.edit = e
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
	// The old C tree must outlive the flattening that reuses its records:
	// their subtree identities are pointers into it.
	var prev *previous
	spare := inc.takeSpare()
	if inc.last != nil && inc.edits <= 1 && !inc.stale {
		prev = &previous{tree: inc.last, ids: inc.lastIDs}
		if spare != nil {
			prev.intoRecs, prev.intoEnds, prev.intoIDs = spare.recs, spare.ends, spare.ids
		}
		if inc.edits == 1 {
			prev.edits = []Edit{inc.edit}
		}
	}
	keepIDs := len(src) >= ReuseMinBytes
	t, ids, err := buildReusing(ct, inc.lang, src, false, keepIDs, prev)
	if spare != nil {
		spare.ids.free() // unless the flattening took them
	}
	replaced, replacedIDs := inc.last, inc.lastIDs
	inc.lastIDs = nil
	inc.forget()
	inc.old = ct
	if prev != nil {
		inc.copied, inc.direct, inc.recycled = prev.copied, prev.direct, prev.recycled
	}
	if err != nil {
		replacedIDs.free()
		return nil, err
	}
	if keepIDs {
		inc.last, inc.lastIDs = t, ids
	}
	inc.recycle(replaced, replacedIDs)
	return t, nil
}

// recycle keeps the memory of the replaced tree, and of its subtree
// identities, for the next flattening. The identities served only the
// parse that just replaced them; the records are taken only when no
// borrower holds the tree (Borrow, Kept), and the tree is emptied so
// that a use nobody declared panics rather than reads another text's
// nodes.
func (inc *Incremental) recycle(replaced *Tree, ids *subtreeIDs) {
	var recs []record
	var ends []int32
	if replaced != nil && replaced != inc.last && replaced.borrows.Load() == 0 {
		recs, ends = replaced.recs[:cap(replaced.recs)], replaced.ends
		replaced.recs, replaced.ends = nil, nil
	}
	if recs != nil || ids != nil {
		inc.keepSpare(recs, ends, ids)
	}
}

// Close frees the kept tree. The Incremental can be used again afterwards;
// its next parse starts from scratch.
func (inc *Incremental) Close() {
	inc.forget()
	if spare := inc.takeSpare(); spare != nil {
		spare.ids.free()
	}
}

// forget frees the kept tree, leaving the spare memory for the next parse.
func (inc *Incremental) forget() {
	if inc.old != nil {
		deleteTree(inc.old)
		inc.old = nil
	}
	inc.lastIDs.free()
	inc.last, inc.lastIDs = nil, nil
	inc.edits, inc.edit, inc.copied, inc.direct, inc.recycled, inc.stale = 0, Edit{}, 0, false, false, false
}

// Kept is a parse whose C tree is kept, so that edited copies of its text
// reparse incrementally: validating a fix re-parses the whole file once per
// fix otherwise. For files of ReuseMinBytes or more it also keeps the
// subtree identities of its records, so that a reparse walks only what the
// edits changed and copies the rest. Not safe for concurrent use; Close
// frees the C tree.
type Kept struct {
	lang Lang
	ct   *C.TSTree
	tree *Tree         // the flattening of ct, when ids is set
	ids  *subtreeIDs   // the subtree of each of tree's records
	lent *atomic.Int32 // the lender's count of open Kepts, if lent
	// copied is how many records the last Reparse copied (for tests).
	copied int
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
	withIDs := len(src) >= ReuseMinBytes
	t, ids, err := buildReusing(ct, lang, src, false, withIDs, nil)
	if err != nil {
		deleteTree(ct)
		return nil, nil, err
	}
	k := &Kept{lang: lang, ct: ct}
	if withIDs {
		k.tree, k.ids = t, ids
	}
	return t, k, nil
}

// Borrow returns the tree of the last Parse if it is kept (texts of
// ReuseMinBytes or more) and no edit came since, else nil, and give, which
// hands it back. Trees are never changed, so a caller may read it while
// later parses go on, until it calls give; the parse after next would
// otherwise flatten into its memory. Unlike Kept it lends no C tree, and
// an edit meanwhile keeps its records' reuse.
func (inc *Incremental) Borrow() (t *Tree, give func()) {
	if inc.edits != 0 || inc.last == nil {
		return nil, func() {}
	}
	t = inc.last
	t.borrows.Add(1)
	var once sync.Once
	return t, func() { once.Do(func() { t.borrows.Add(-1) }) }
}

// Kept returns the last parse as a Kept, for validating edits of its text
// without parsing it again, and the Tree that parse gave. ok is false when
// there is nothing to hand out: no parse yet, edits since, or a file too
// small to keep its records. The Kept is independent of inc (it holds its
// own reference to the C tree); the caller closes it.
func (inc *Incremental) Kept() (t *Tree, k *Kept, ok bool) {
	if inc.old == nil || inc.edits != 0 || inc.last == nil || inc.lastIDs == nil {
		return nil, nil, false
	}
	ids := inc.lastIDs.clone(len(inc.last.recs))
	if ids == nil {
		return nil, nil, false
	}
	if inc.lent == nil {
		inc.lent = new(atomic.Int32)
	}
	inc.lent.Add(1)
	inc.last.borrows.Add(1)
	return inc.last, &Kept{lang: inc.lang, ct: C.ts_tree_copy(inc.old), tree: inc.last, ids: ids, lent: inc.lent}, true
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
	var prev *previous
	if k.tree != nil {
		// k.ct holds the subtrees the identities point to while this runs.
		prev = &previous{tree: k.tree, ids: k.ids, edits: edits}
	}
	t, _, err := buildReusing(ct, k.lang, src, true, false, prev)
	if prev != nil {
		k.copied = prev.copied
	}
	return t, err
}

// Close frees the kept tree; it is safe to call more than once.
func (k *Kept) Close() {
	if k == nil {
		return
	}
	if k.ct != nil {
		deleteTree(k.ct)
		k.ct = nil
		if k.lent != nil {
			k.lent.Add(-1)
			k.tree.borrows.Add(-1) // a lent Kept holds its lender's last tree
		}
	}
	k.ids.free()
	k.tree, k.ids = nil, nil
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
