#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "flatten.h"

// reused finds the previous record of node nd, whose new record is at
// out[idx], when the incremental parse took nd's subtree over from the
// previous tree: the same tree-sitter subtree at the place the edit moved it
// to. It returns the previous record's index, or -1.
//
// A subtree the parser reused is shared with the previous tree, so
// everything below nd (kinds, fields, flags, relative offsets) is what the
// previous flattening recorded. Subtrees the edit touched are marked as
// changed and never reused; the previous tree is alive while this runs, so
// an identity cannot belong to another subtree. The symbol and size are
// compared as well, to be safe.
static int64_t reused(const lw_reuse *reuse, TSNode nd, const lw_node *r) {
  uint32_t start = r->start, end = r->end;
  int64_t shift = 0;
  for (uint32_t i = 0; i < reuse->n_edits; i++) {
    const lw_edit *e = &reuse->edits[i];
    if (end <= e->new_start) break; // before this edit and the rest
    if (start < e->new_end) return -1; // the edit is inside the node
    shift = e->shift;
  }
  int64_t old = (int64_t)start + shift;
  if (old < 0 || old > UINT32_MAX) return -1;
  uint32_t old_start = (uint32_t)old;
  // Records are in pre-order, so their starts never decrease.
  uint32_t lo = 0, hi = reuse->n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (reuse->recs[mid].start < old_start) lo = mid + 1;
    else hi = mid;
  }
  for (uint32_t j = lo; j < reuse->n && reuse->recs[j].start == old_start; j++) {
    const lw_node *o = &reuse->recs[j];
    if (reuse->ids[j] == nd.id && o->kind == r->kind &&
        o->end - o->start == end - start)
      return j;
  }
  return -1;
}

// Flattening walks the whole tree with one cursor, in C, and writes one
// record per kept node in pre-order. Go then reads plain memory: no cgo call
// per node, no tree-sitter value escaping into Go.
int64_t lw_flatten(const TSTree *tree, const uint8_t *keep, lw_node *out,
                   uint32_t cap, const void **ids, lw_reuse *reuse) {
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
  if (ids) ids[0] = root.id;
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
      if (ids) ids[idx] = nd.id;
      int64_t from = kids > 0 && reuse ? reused(reuse, nd, r) : -1;
      if (from >= 0) {
        // Copy the descendants, moved by the same number of records and
        // bytes as their root; links inside the subtree move with them.
        uint32_t j = (uint32_t)from;
        uint32_t count = (uint32_t)reuse->ends[j] - j - 1;
        if ((uint64_t)n + count > cap) {
          result = -1;
          goto done;
        }
        int32_t shift = (int32_t)idx - (int32_t)j;
        uint32_t delta = r->start - reuse->recs[j].start; // modulo 2^32
        r->first_child = reuse->recs[j].first_child >= 0 ? reuse->recs[j].first_child + shift : -1;
        reuse->copied += count;
        for (uint32_t k = j + 1; k <= j + count; k++) {
          lw_node *dst = &out[n++];
          *dst = reuse->recs[k];
          dst->start += delta;
          dst->end += delta;
          dst->parent += shift;
          if (dst->next >= 0) dst->next += shift;
          if (dst->first_child >= 0) dst->first_child += shift;
          if (ids) ids[k + shift] = reuse->ids[k];
        }
      } else if (kids > 0 && ts_tree_cursor_goto_first_child(&c)) {
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
