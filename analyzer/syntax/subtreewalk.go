package syntax

// #include <stdlib.h>
// #include <string.h>
// #include "flatten.h"
//
// extern int lw_walk_subtrees;
// int64_t lw_flatten_cursor(const TSTree *tree, const uint8_t *keep, lw_node *out,
//                           uint32_t cap, const void **ids, lw_reuse *reuse);
// int64_t lw_flatten_subtrees(const TSTree *tree, const uint8_t *keep, lw_node *out,
//                           uint32_t cap, const void **ids, lw_reuse *reuse);
import "C"

import (
	"bytes"
	"sync"
	"unsafe"
)

// Flattening reads tree-sitter's subtrees directly (lw_flatten_subtrees in
// flatten.c) when that writes what the public cursor API writes, which
// depends on internal layouts that the runtime does not promise
// (tsinternal.h). The first use of a grammar checks it once for all of
// them, on a sample that has what the two walks could disagree on; a
// runtime whose layout differs keeps the cursor walk, slower but right
// (TestSubtreeWalkIsInUse fails then, to say so).
var subtreeWalkOnce sync.Once

// subtreeSample has, in each grammar, aliased nodes (a property name, a
// statement identifier, a type identifier), fields set through hidden rules
// (every binary operand and call argument), comments among children (extras
// that do not count in a production's positions), template strings, JSX,
// regular expressions, type syntax (errors in JavaScript) and, at the end,
// unterminated code that tree-sitter repairs with missing and error nodes.
const subtreeSample = `'use strict';
import React, { useEffect as effect } from "react";
export default class Panel extends Base /* base */ {
  static #count = 0;
  handlers = new Map();
  constructor(el, { size = 3, ...rest } = {}) {
    super(el); // keep
    this.el = el ?? document.body;
    window.addEventListener('resize', this.onResize, { passive: true });
  }
  get size() { return this.#count++ + (1 << 2) * -1; }
  *items() { yield* [1, 2, 3].map((x) => x ** 2); }
  async dispose() { await Promise.all([...this.handlers.values()]); }
}
label: for (const [k, v] of Object.entries({ a: 1, 'b': 2, [c]: 3 })) {
  if (k in v) continue label; else break label;
}
const re = /a[/]b\/c/gi, tpl = ` + "`x ${a + `y ${b}`} z`" + `;
function View(props) {
  effect(() => { const id = setInterval(tick, 100); return () => clearInterval(id); }, []);
  return <div className="v" onClick={() => props.go?.(1)}>{props.items.map(i => <Item key={i} {...i} />)}</div>;
}
let typed: Map<string, number[]> = new Map(), cast = value as unknown as string;
interface Shape { readonly kind: "a" | "b"; area(): number }
enum Color { Red = 1, Green }
type Pair<T> = [T, T];
switch (x) { case 1: y = x?.z!; break; default: throw new Error("no") }
try { risky() } catch { } finally { done() }
const broken = { a: (1 + , b: [ ;
function unterminated(a, b {
  return a +
`

func checkSubtreeWalk() {
	var w walkBuffers
	defer w.free()
	for _, l := range []Lang{JavaScript, TypeScript, TSX} {
		subtrees, cursor, err := w.flattenBothWays(l, []byte(subtreeSample))
		if err != nil || !equalRecords(subtrees, cursor) {
			return
		}
	}
	C.lw_walk_subtrees = 1
}

// subtreeWalkInUse reports whether flattening reads the subtrees directly.
func subtreeWalkInUse() bool {
	subtreeWalkOnce.Do(checkSubtreeWalk)
	return C.lw_walk_subtrees != 0
}

// walkBuffers is C memory the two walks write into, kept from one
// comparison to the next.
type walkBuffers struct {
	subtrees, cursor *C.lw_node
	cap              int
}

func (w *walkBuffers) free() {
	C.free(unsafe.Pointer(w.subtrees))
	C.free(unsafe.Pointer(w.cursor))
	w.subtrees, w.cursor, w.cap = nil, nil, 0
}

// flattenBothWays parses src and flattens the tree with the subtree walk and
// with the cursor walk. The records are w's memory, valid until its next
// use.
func (w *walkBuffers) flattenBothWays(l Lang, src []byte) (subtrees, cursor []record, err error) {
	// Not grammarFor: this check runs inside its first call.
	keep := readGrammar(l).keep
	cp := newCParser()
	defer cp.close()
	cp.setLanguage(l)
	t := cp.parse(nil, src, 0)
	if t == nil {
		return nil, nil, ErrParseBudget
	}
	defer deleteTree(t)
	n := int(C.ts_node_descendant_count(C.ts_tree_root_node(t)))
	if n > w.cap {
		w.free()
		w.subtrees = (*C.lw_node)(C.malloc(C.size_t(n) * C.sizeof_lw_node))
		w.cursor = (*C.lw_node)(C.malloc(C.size_t(n) * C.sizeof_lw_node))
		if w.subtrees == nil || w.cursor == nil {
			w.free()
			return nil, nil, errOutOfMemory
		}
		w.cap = n
	}
	kp := (*C.uint8_t)(unsafe.Pointer(&keep[0]))
	walk := func(buf *C.lw_node, fn func(*C.lw_node) C.int64_t) ([]record, error) {
		// Zeroed, so that records compare as bytes: neither walk writes
		// the padding.
		C.memset(unsafe.Pointer(buf), 0, C.size_t(n)*C.sizeof_lw_node)
		got := fn(buf)
		if got < 0 {
			return nil, flattenError(got)
		}
		return unsafe.Slice((*record)(unsafe.Pointer(buf)), int(got)), nil
	}
	if subtrees, err = walk(w.subtrees, func(out *C.lw_node) C.int64_t {
		return C.lw_flatten_subtrees(t, kp, out, C.uint32_t(n), nil, nil)
	}); err != nil {
		return nil, nil, err
	}
	cursor, err = walk(w.cursor, func(out *C.lw_node) C.int64_t {
		return C.lw_flatten_cursor(t, kp, out, C.uint32_t(n), nil, nil)
	})
	return subtrees, cursor, err
}

// equalRecords compares two flattenings byte for byte: in one call, where
// comparing them record by record was most of the test's time under the
// race detector.
func equalRecords(a, b []record) bool {
	return len(a) == len(b) && (len(a) == 0 ||
		bytes.Equal(unsafe.Slice((*byte)(unsafe.Pointer(&a[0])), len(a)*int(unsafe.Sizeof(record{}))),
			unsafe.Slice((*byte)(unsafe.Pointer(&b[0])), len(b)*int(unsafe.Sizeof(record{})))))
}
