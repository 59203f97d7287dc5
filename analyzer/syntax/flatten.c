#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "flatten.h"

// Flattening walks the whole tree with one cursor, in C, and writes one
// record per kept node in pre-order. Go then reads plain memory: no cgo call
// per node, no tree-sitter value escaping into Go.
int64_t lw_flatten(const TSTree *tree, const uint8_t *keep, lw_node *out,
                   uint32_t cap) {
  TSNode root = ts_tree_root_node(tree);
  if (cap == 0) return -1;

  // Per-depth bookkeeping: the record index of the open ancestor and of its
  // last emitted child. Depth is unbounded (20,000-deep nesting is valid
  // input), so the stacks grow on the heap.
  uint32_t depth_cap = 256;
  int32_t *open = malloc(sizeof(int32_t) * depth_cap);
  int32_t *last = malloc(sizeof(int32_t) * depth_cap);
  if (!open || !last) {
    free(open);
    free(last);
    return -2;
  }

  uint32_t n = 0;
  out[0].start = ts_node_start_byte(root);
  out[0].end = ts_node_end_byte(root);
  out[0].parent = -1;
  out[0].next = -1;
  out[0].first_child = -1;
  out[0].kind = ts_node_symbol(root);
  out[0].field = 0;
  out[0].flags = LW_NAMED | (ts_node_has_error(root) ? LW_HAS_ERROR : 0);
  n = 1;
  open[0] = 0;
  last[0] = -1;

  TSTreeCursor c = ts_tree_cursor_new(root);
  uint32_t d = 0;
  int64_t result = 0;
  if (!ts_tree_cursor_goto_first_child(&c)) goto done;
  d = 1;
  for (;;) {
    TSNode nd = ts_tree_cursor_current_node(&c);
    TSSymbol sym = ts_node_symbol(nd);
    bool named = ts_node_is_named(nd);
    bool missing = ts_node_is_missing(nd);
    uint32_t kids = ts_node_child_count(nd);
    if (named || keep[sym] || kids > 0 || missing) {
      if (n >= cap) {
        result = -1;
        goto done;
      }
      uint32_t idx = n++;
      lw_node *r = &out[idx];
      r->start = ts_node_start_byte(nd);
      r->end = ts_node_end_byte(nd);
      r->parent = open[d - 1];
      r->next = -1;
      r->first_child = -1;
      r->kind = sym;
      r->field = ts_tree_cursor_current_field_id(&c);
      r->flags = (named ? LW_NAMED : 0) | (missing ? LW_MISSING : 0) |
                 (ts_node_is_extra(nd) ? LW_EXTRA : 0) |
                 (sym == (TSSymbol)-1 ? LW_ERROR : 0);
      if (last[d - 1] >= 0)
        out[last[d - 1]].next = (int32_t)idx;
      else
        out[open[d - 1]].first_child = (int32_t)idx;
      last[d - 1] = (int32_t)idx;
      if (kids > 0 && ts_tree_cursor_goto_first_child(&c)) {
        if (d + 1 >= depth_cap) {
          depth_cap *= 2;
          int32_t *o2 = realloc(open, sizeof(int32_t) * depth_cap);
          if (!o2) { result = -2; goto done; }
          open = o2;
          int32_t *l2 = realloc(last, sizeof(int32_t) * depth_cap);
          if (!l2) { result = -2; goto done; }
          last = l2;
        }
        open[d] = (int32_t)idx;
        last[d] = -1;
        d++;
        continue;
      }
    }
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) goto done;
      d--;
      if (d == 0) goto done;
    }
  }
done:
  ts_tree_cursor_delete(&c);
  free(open);
  free(last);
  return result < 0 ? result : (int64_t)n;
}

void lw_release_memory(void) {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

void lw_limit_arenas(int n) {
#ifdef __GLIBC__
  mallopt(M_ARENA_MAX, n);
#endif
}
