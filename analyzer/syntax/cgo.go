package syntax

// #cgo CFLAGS: -O2 -std=c11
// #include <stdlib.h>
// #include <string.h>
// #include "flatten.h"
// #include "arena.h"
import "C"

import (
	"runtime"
	"sort"
	"sync/atomic"
	"time"
	"unsafe"

	// go-tree-sitter compiles the tree-sitter runtime (ABI 13 to 14) and the
	// official grammar repositories' Go bindings compile the JavaScript,
	// TypeScript and TSX grammars (ABI 14); treesitter.h declares the
	// symbols we call from them. The grammars come from their own
	// repositories rather than from go-tree-sitter's copies, which lag
	// behind and misparse valid code (bench/parseerrors counts it).
	_ "github.com/smacker/go-tree-sitter"
	_ "github.com/tree-sitter/tree-sitter-javascript/bindings/go"
	_ "github.com/tree-sitter/tree-sitter-typescript/bindings/go"
)

// record mirrors lw_node in flatten.h.
type record struct {
	start, end               uint32
	parent, next, firstChild int32
	kind, field              uint16
	flags                    uint8
	_                        [3]uint8
}

const (
	flagNamed    = C.LW_NAMED
	flagMissing  = C.LW_MISSING
	flagExtra    = C.LW_EXTRA
	flagError    = C.LW_ERROR
	flagHasError = C.LW_HAS_ERROR
)

func init() {
	if unsafe.Sizeof(record{}) != C.sizeof_lw_node {
		panic("syntax: record and lw_node disagree in size")
	}
	C.lw_arena_install()
}

func cLanguage(l Lang) *C.TSLanguage {
	switch l {
	case TypeScript:
		return C.tree_sitter_typescript()
	case TSX:
		return C.tree_sitter_tsx()
	default:
		return C.tree_sitter_javascript()
	}
}

// grammarTables reads a grammar's symbol and field names once.
func grammarTables(l Lang) (kinds []string, fields []string) {
	lang := cLanguage(l)
	nsym := int(C.ts_language_symbol_count(lang))
	kinds = make([]string, 65536)
	for i := 0; i < nsym; i++ {
		kinds[i] = C.GoString(C.ts_language_symbol_name(lang, C.TSSymbol(i)))
	}
	kinds[65535] = "ERROR"
	nfield := int(C.ts_language_field_count(lang))
	fields = make([]string, nfield+1)
	for i := 1; i <= nfield; i++ {
		fields[i] = C.GoString(C.ts_language_field_name_for_id(lang, C.TSFieldId(i)))
	}
	return kinds, fields
}

// cParser owns one TSParser and the cancellation flag tree-sitter polls.
type cParser struct {
	p       *C.TSParser
	cancel  *C.size_t
	lang    Lang
	hasLang bool
}

func newCParser() *cParser {
	cp := &cParser{p: C.ts_parser_new()}
	cp.cancel = (*C.size_t)(C.calloc(1, C.sizeof_size_t))
	C.ts_parser_set_cancellation_flag(cp.p, cp.cancel)
	return cp
}

func (cp *cParser) close() {
	C.ts_parser_delete(cp.p)
	C.free(unsafe.Pointer(cp.cancel))
	cp.p, cp.cancel = nil, nil
}

func (cp *cParser) setLanguage(l Lang) {
	if cp.hasLang && cp.lang == l {
		return
	}
	C.ts_parser_set_language(cp.p, cLanguage(l))
	cp.lang, cp.hasLang = l, true
}

// cancelFlag is the word tree-sitter polls during a parse; a non-zero value
// makes ts_parser_parse_string give up and return NULL.
func (cp *cParser) cancelFlag() *uintptr {
	return (*uintptr)(unsafe.Pointer(cp.cancel))
}

func (cp *cParser) requestCancel() { atomic.StoreUintptr(cp.cancelFlag(), 1) }

// parse returns a C tree or nil when the parse was cancelled or timed out.
func (cp *cParser) parse(old *C.TSTree, src []byte, timeoutMicros uint64) *C.TSTree {
	atomic.StoreUintptr(cp.cancelFlag(), 0)
	C.ts_parser_set_timeout_micros(cp.p, C.uint64_t(timeoutMicros))
	var ptr *C.char
	if len(src) > 0 {
		ptr = (*C.char)(unsafe.Pointer(&src[0]))
	} else {
		ptr = (*C.char)(unsafe.Pointer(&emptySource[0]))
	}
	t := C.ts_parser_parse_string(cp.p, old, ptr, C.uint32_t(len(src)))
	runtime.KeepAlive(src)
	if t == nil {
		// A cancelled parse leaves the parser mid-way; reset it so the
		// next file starts clean.
		C.ts_parser_reset(cp.p)
	}
	return t
}

var emptySource = []byte{0}

// arenaCacheMax is how many free chunks the arenas keep by default, and
// arenaChunk their size.
const (
	arenaCacheMax = C.LW_ARENA_CACHE_MAX
	arenaChunk    = C.LW_ARENA_CHUNK
)

// SetArenaCache sets how many bytes of free memory the one-shot parses
// keep for the next parse (rounded down to whole 2 MB chunks; 8 MB by
// default). A batch run that parses thousands of files after each other
// gains from more (the pages are not faulted in and zeroed again); a
// long-running server keeps the default.
func SetArenaCache(bytes int) { C.lw_arena_set_cache_max(C.int(bytes / arenaChunk)) }

// arenaCachedChunks is how many free chunks the arenas keep (for tests).
func arenaCachedChunks() int { return int(C.lw_arena_cached_chunks()) }

// parseOnce parses src and flattens its tree with keep, in C, with a
// parser and tree of their own that are dropped whole afterwards
// (arena.c): for trees that are not kept, it saves freeing them node by
// node. cp lends its cancellation flag; its parser is not used.
//
// The tree's node count bounds its records, and the tree is flattened
// straight into Go memory of that size, a released tree's when the record
// pool has one (pool.go): copying from a C buffer cost the cold run a
// memmove and the page faults of both arrays. The count is half as large
// again as the records kept, so the tree of a parse that holds Go's heap
// (the run's largest files, Options.HoldGoHeap) is flattened into C memory
// and copied to an array of its exact size, which keeps the run's peak
// where it was.
func parseOnce(cp *cParser, lang Lang, src []byte, keep []uint8, opt Options) ([]record, error) {
	timeout := opt.Timeout
	atomic.StoreUintptr(cp.cancelFlag(), 0)
	ptr := (*C.char)(unsafe.Pointer(&emptySource[0]))
	if len(src) > 0 {
		ptr = (*C.char)(unsafe.Pointer(&src[0]))
	}
	var ps *C.lw_parse
	size := C.lw_parse_begin(cLanguage(lang), ptr, C.uint32_t(len(src)), C.uint64_t(timeout/time.Microsecond),
		cp.cancel, &ps)
	runtime.KeepAlive(src)
	// The parse ends as soon as it is flattened: before a large tree's
	// records are copied into Go, or the two would add up to the peak.
	ended := false
	end := func() {
		if !ended {
			ended = true
			C.lw_parse_end(ps)
		}
	}
	defer end()
	switch size {
	case -2:
		return nil, errOutOfMemory
	case -3:
		return nil, ErrParseBudget
	}
	kp := (*C.uint8_t)(unsafe.Pointer(&keep[0]))
	if n := int(size); !opt.HoldGoHeap {
		recs := recordPool.Get(n)
		got := C.lw_parse_flatten(ps, kp, (*C.lw_node)(unsafe.Pointer(&recs[0])), C.uint32_t(n))
		if got < 0 {
			recordPool.Put(recs)
			return nil, flattenError(got)
		}
		return recs[:got], nil
	}
	buf := (*C.lw_node)(C.malloc(C.size_t(size) * C.size_t(unsafe.Sizeof(record{}))))
	if buf == nil {
		return nil, errOutOfMemory
	}
	defer C.free(unsafe.Pointer(buf))
	got := C.lw_parse_flatten(ps, kp, buf, C.uint32_t(size))
	end()
	if got < 0 {
		return nil, flattenError(got)
	}
	recs := copyRecords(buf, int(got))
	if got > bigTree {
		// The next large file may be parsed on another thread, whose
		// arena would not reuse this one's free memory.
		C.lw_release_memory()
	}
	return recs, nil
}

// flattenError is the error of lw_flatten's result got (negative).
func flattenError(got C.int64_t) error {
	if got == -2 {
		return errOutOfMemory
	}
	return errTreeTooLarge
}

// subtreeIDs holds, in C memory, the tree-sitter subtree of each record
// of one flattening, so that the next flattening after an incremental
// parse recognises the subtrees the parser took over unchanged.
type subtreeIDs struct {
	p unsafe.Pointer
	n int // how many identities p has room for
}

// clone copies the identities of n records, or returns nil when memory
// runs out.
func (s *subtreeIDs) clone(n int) *subtreeIDs {
	size := C.size_t(max(n, 1)) * C.size_t(unsafe.Sizeof(uintptr(0)))
	p := C.malloc(size)
	if p == nil {
		return nil
	}
	C.memcpy(p, s.p, C.size_t(n)*C.size_t(unsafe.Sizeof(uintptr(0))))
	return &subtreeIDs{p: p, n: max(n, 1)}
}

func (s *subtreeIDs) free() {
	if s != nil && s.p != nil {
		C.free(s.p)
		s.p = nil
	}
}

// previous is the flattening of the tree an incremental parse started
// from, and the edits between the two texts (in offsets of the previous
// text, not overlapping, in any order).
type previous struct {
	tree  *Tree
	ids   *subtreeIDs
	edits []Edit
	// copied is set by flatten: how many records it copied from tree
	// instead of walking them.
	copied int
	// direct is set by flatten when it wrote the records straight into
	// Go memory (reparsedSize was enough).
	direct bool
	// intoRecs, intoEnds and intoIDs are memory of a tree no longer used
	// (Incremental.recycle), which the flattening takes when large enough
	// (setting recycled) instead of allocating; what it takes it sets to
	// nil here.
	intoRecs []record
	intoEnds []int32
	intoIDs  *subtreeIDs
	recycled bool
}

// newTextEdits describes edits (offsets of the old text, not overlapping)
// for lw_flatten: sorted, in offsets of the new text.
func newTextEdits(edits []Edit) []C.lw_edit {
	sorted := append([]Edit(nil), edits...)
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].Start != sorted[j].Start {
			return sorted[i].Start < sorted[j].Start
		}
		return sorted[i].OldEnd < sorted[j].OldEnd // an insertion before a replacement at its offset
	})
	out := make([]C.lw_edit, len(sorted))
	grown := 0 // how much longer the new text is up to here
	for i, e := range sorted {
		start := e.Start + grown
		grown += (e.NewEnd - e.Start) - (e.OldEnd - e.Start)
		out[i] = C.lw_edit{new_start: C.uint32_t(start), new_end: C.uint32_t(start + e.NewEnd - e.Start), shift: C.int64_t(-grown)}
	}
	return out
}

// flatten copies a C tree into records. When free is set it deletes the C
// tree as soon as the records are read, before they are copied into Go
// memory, so the tree and the Go copy are never held together: for a
// multi-megabyte bundle that is a third of its peak memory.
//
// With withIDs it also returns the records' subtree identities, for a
// later flattening to reuse these records; with prev (whose C tree must
// still be alive) it copies the records of reused subtrees from prev
// instead of walking them.
func flatten(t *C.TSTree, keep []uint8, free, withIDs bool, prev *previous) ([]record, *subtreeIDs, error) {
	root := C.ts_tree_root_node(t)
	n := int(C.ts_node_descendant_count(root))
	if n < 1 {
		n = 1
	}
	var reuse *C.lw_reuse
	if prev != nil && len(prev.tree.recs) > 0 && prev.ids != nil && prev.ids.p != nil {
		// The previous records are Go memory that C reads through a
		// struct: pinned for the call.
		var pin runtime.Pinner
		defer pin.Unpin()
		pin.Pin(&prev.tree.recs[0])
		pin.Pin(&prev.tree.ends[0])
		reuse = &C.lw_reuse{
			recs: (*C.lw_node)(unsafe.Pointer(&prev.tree.recs[0])),
			ends: (*C.int32_t)(unsafe.Pointer(&prev.tree.ends[0])),
			ids:  (*unsafe.Pointer)(prev.ids.p),
			n:    C.uint32_t(len(prev.tree.recs)),
		}
		if edits := newTextEdits(prev.edits); len(edits) > 0 {
			pin.Pin(&edits[0])
			reuse.edits, reuse.n_edits = &edits[0], C.uint32_t(len(edits))
		}
		pin.Pin(reuse)
	}
	var (
		recs []record
		ids  unsafe.Pointer
		err  error
	)
	direct := false
	if est := reparsedSize(prev, n); est > 0 {
		recs, ids, err = flattenInto(t, keep, withIDs, reuse, est, prev)
		direct = recs != nil
		prev.direct = direct
	}
	if recs == nil && err == nil {
		recs, ids, err = flattenCopied(t, keep, withIDs, reuse, n)
	}
	if reuse != nil {
		prev.copied = int(reuse.copied)
	}
	if free {
		deleteTree(t)
		if n > bigTree {
			C.lw_release_memory()
		}
	}
	if err != nil {
		return nil, nil, err
	}
	if !withIDs {
		return recs, nil, nil
	}
	if direct {
		// Sized like the records, with their small margin: kept whole
		// for the flattening after next to reuse.
		return recs, &subtreeIDs{p: ids, n: cap(recs)}, nil
	}
	// Shrink the identities, sized for every node, to the records kept.
	if small := C.realloc(ids, C.size_t(max(len(recs), 1))*C.size_t(unsafe.Sizeof(uintptr(0)))); small != nil {
		ids = small
	}
	return recs, &subtreeIDs{p: ids, n: max(len(recs), 1)}, nil
}

// reparsedSize is how many records a flattening after an incremental
// parse writes straight into Go memory, or 0 to use a C buffer for all n
// nodes. The new tree keeps about as many records as the last: every
// record the edit added needs a byte of new text, or is one of the few
// zero-width ones, so the last count plus twice the inserted bytes, with
// a margin, is nearly always enough; when it is not, flattenInto says so
// and the C buffer is used after all.
func reparsedSize(prev *previous, n int) int {
	if prev == nil || len(prev.tree.recs) == 0 {
		return 0
	}
	inserted := 0
	for _, e := range prev.edits {
		inserted += e.NewEnd - e.Start
	}
	est := len(prev.tree.recs) + len(prev.tree.recs)/64 + 2*inserted + 256
	if est >= n {
		return 0
	}
	return est
}

// flattenInto flattens t into a Go slice of size records, without a C
// buffer: for a large document edited in the editor, the buffer's pages
// and the copy out of it were a tenth of a keystroke's parse. It returns
// nil records and no error when size is too small.
func flattenInto(t *C.TSTree, keep []uint8, withIDs bool, reuse *C.lw_reuse, size int, prev *previous) ([]record, unsafe.Pointer, error) {
	// lw_flatten writes every record it returns, so recycled memory needs
	// no clearing.
	var recs []record
	recycled := cap(prev.intoRecs) >= size
	if recycled {
		recs, prev.intoRecs = prev.intoRecs[:size], nil
	} else {
		recs = make([]record, size)
	}
	var ids unsafe.Pointer
	if withIDs {
		if into := prev.intoIDs; into != nil && into.p != nil && into.n >= size {
			ids, into.p = into.p, nil
		} else if ids = C.malloc(C.size_t(size) * C.size_t(unsafe.Sizeof(uintptr(0)))); ids == nil {
			return nil, nil, errOutOfMemory
		}
	}
	var pin runtime.Pinner
	pin.Pin(&recs[0])
	got := C.lw_flatten(t, (*C.uint8_t)(unsafe.Pointer(&keep[0])), (*C.lw_node)(unsafe.Pointer(&recs[0])),
		C.uint32_t(size), (*unsafe.Pointer)(ids), reuse)
	pin.Unpin()
	switch {
	case got == -1:
		C.free(ids)
		if reuse != nil {
			reuse.copied = 0
		}
		return nil, nil, nil
	case got < 0:
		C.free(ids)
		return nil, nil, errOutOfMemory
	}
	// The capacity stays: it is what the tree's memory offers the
	// flattening after next (Incremental.recycle).
	prev.recycled = recycled
	return recs[:got], ids, nil
}

// copyRecords copies n records out of C memory into Go memory of exactly
// their size. The copy is made in C, not with Go's copy: a copy of a large
// tree's records (37 MB for a 9 MB bundle) cannot be preempted, and a
// garbage collection that starts meanwhile spins until it ends, waiting to
// scan this goroutine's stack (half a second of CPU in a check of the two
// TypeScript bundles). During a C call the collector scans the stack as
// it is.
func copyRecords(buf *C.lw_node, n int) []record {
	recs := make([]record, n)
	if n > 0 {
		C.memcpy(unsafe.Pointer(&recs[0]), unsafe.Pointer(buf), C.size_t(n)*C.sizeof_lw_node)
	}
	return recs
}

// flattenCopied flattens t into a C buffer sized for all n nodes and
// copies the records kept into Go memory of exactly their size.
func flattenCopied(t *C.TSTree, keep []uint8, withIDs bool, reuse *C.lw_reuse, n int) ([]record, unsafe.Pointer, error) {
	// The descendant count includes the punctuation we drop. The C buffer
	// is sized for all of it, but only the pages the kept records touch
	// cost memory; the Go copy is exactly as long as needed.
	buf := (*C.lw_node)(C.malloc(C.size_t(n) * C.sizeof_lw_node))
	var ids unsafe.Pointer
	if withIDs {
		ids = C.malloc(C.size_t(n) * C.size_t(unsafe.Sizeof(uintptr(0))))
	}
	if buf == nil || withIDs && ids == nil {
		C.free(unsafe.Pointer(buf))
		C.free(ids)
		return nil, nil, errOutOfMemory
	}
	defer C.free(unsafe.Pointer(buf))
	got := C.lw_flatten(t, (*C.uint8_t)(unsafe.Pointer(&keep[0])), buf, C.uint32_t(n), (*unsafe.Pointer)(ids), reuse)
	if got < 0 {
		C.free(ids)
		if got == -2 {
			return nil, nil, errOutOfMemory
		}
		return nil, nil, errTreeTooLarge
	}
	recs := copyRecords(buf, int(got))
	return recs, ids, nil
}

// bigTree is the node count above which deleting a tree also hands the
// allocator's free memory back to the system: the next large file may be
// parsed on another thread, whose arena would not reuse it.
const bigTree = 1 << 20

func deleteTree(t *C.TSTree) { C.ts_tree_delete(t) }

func editTree(t *C.TSTree, e Edit) {
	in := C.TSInputEdit{
		start_byte:    C.uint32_t(e.Start),
		old_end_byte:  C.uint32_t(e.OldEnd),
		new_end_byte:  C.uint32_t(e.NewEnd),
		start_point:   C.TSPoint{row: C.uint32_t(e.StartPoint.Row), column: C.uint32_t(e.StartPoint.Column)},
		old_end_point: C.TSPoint{row: C.uint32_t(e.OldEndPoint.Row), column: C.uint32_t(e.OldEndPoint.Column)},
		new_end_point: C.TSPoint{row: C.uint32_t(e.NewEndPoint.Row), column: C.uint32_t(e.NewEndPoint.Column)},
	}
	C.ts_tree_edit(t, &in)
}

// ReleaseMemory hands the C allocator's free memory back to the system.
func ReleaseMemory() { C.lw_release_memory() }

// ReleaseMemoryAbove is ReleaseMemory when the process's resident size is
// over limit bytes (or cannot be read), and reports whether it released.
func ReleaseMemoryAbove(limit int64) bool {
	if rss, ok := residentBytes(); ok && rss <= limit {
		return false
	}
	C.lw_release_memory()
	return true
}

// LimitArenas bounds the C allocator's arenas (glibc; elsewhere a no-op).
func LimitArenas(n int) { C.lw_limit_arenas(C.int(n)) }
