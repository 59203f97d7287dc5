#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "flatten.h"
#include "tsinternal.h"

// reused finds the previous record of the node whose subtree identity is id
// and whose new record is r, when the incremental parse took its subtree
// over from the previous tree: the same tree-sitter subtree at the place
// the edit moved it to. It returns the previous record's index, or -1.
//
// A subtree the parser reused is shared with the previous tree, so
// everything below the node (kinds, fields, flags, relative offsets) is what
// the previous flattening recorded. Subtrees the edit touched are marked as
// changed and never reused; the previous tree is alive while this runs, so
// an identity cannot belong to another subtree. The symbol and size are
// compared as well, to be safe.
static int64_t reused(const lw_reuse *reuse, const void *id, const lw_node *r) {
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
    if (reuse->ids[j] == id && o->kind == r->kind &&
        o->end - o->start == end - start)
      return j;
  }
  return -1;
}

// copy_reused writes the descendants of the previous record from after
// record idx (whose subtree the parse reused), moved by the same number of
// records and bytes as their root; links inside the subtree move with
// them. It returns false when they do not fit in cap.
static bool copy_reused(lw_reuse *reuse, uint32_t from, lw_node *out, uint32_t idx,
                        uint32_t *n, uint32_t cap, const void **ids) {
  uint32_t j = from;
  uint32_t count = (uint32_t)reuse->ends[j] - j - 1;
  if ((uint64_t)*n + count > cap) return false;
  lw_node *r = &out[idx];
  int32_t shift = (int32_t)idx - (int32_t)j;
  uint32_t delta = r->start - reuse->recs[j].start; // modulo 2^32
  r->first_child = reuse->recs[j].first_child >= 0 ? reuse->recs[j].first_child + shift : -1;
  reuse->copied += count;
  for (uint32_t k = j + 1; k <= j + count; k++) {
    lw_node *dst = &out[(*n)++];
    *dst = reuse->recs[k];
    dst->start += delta;
    dst->end += delta;
    dst->parent += shift;
    if (dst->next >= 0) dst->next += shift;
    if (dst->first_child >= 0) dst->first_child += shift;
    if (ids) ids[k + shift] = reuse->ids[k];
  }
  return true;
}

// root_record writes the root's record, which both walks share.
static void root_record(TSNode root, lw_node *out, const void **ids) {
  out[0].start = ts_node_start_byte(root);
  out[0].end = ts_node_end_byte(root);
  out[0].parent = -1;
  out[0].next = -1;
  out[0].first_child = -1;
  out[0].kind = ts_node_symbol(root);
  out[0].field = 0;
  out[0].flags = LW_NAMED | (ts_node_has_error(root) ? LW_HAS_ERROR : 0);
  if (ids) ids[0] = root.id;
}

// The reference walk: the whole tree with one tree-sitter cursor, through
// the public API, writing one record per kept node in pre-order. The
// subtree walk below must write exactly the same records.
int64_t lw_flatten_cursor(const TSTree *tree, const uint8_t *keep, lw_node *out,
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

  root_record(root, out, ids);
  uint32_t n = 1;
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
      int64_t from = kids > 0 && reuse ? reused(reuse, nd.id, r) : -1;
      if (from >= 0) {
        if (!copy_reused(reuse, (uint32_t)from, out, idx, &n, cap, ids)) {
          result = -1;
          goto done;
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

// The subtree walk reads tree-sitter's subtrees (tsinternal.h) and does what
// the cursor does, once per node instead of once per question asked:
//
//   - a node's children are its subtree's children, except that a hidden
//     child (an inner rule of the grammar, neither visible nor aliased to a
//     visible name) is replaced by its own children, recursively, when it
//     has visible descendants;
//   - a child's name is the alias its parent's production gives its
//     structural position (not counting extras such as comments), or its
//     own symbol, mapped to the public symbol;
//   - its field is the one its parent's production gives its position, or,
//     failing that, the one a hidden ancestor got from its own parent, up
//     to the first ancestor that is visible by itself;
//   - a child starts where the previous one ended plus its own padding, and
//     the first where its parent starts.
//
// A frame is a node whose children are being read: the emitted nodes and
// the hidden ones between them.
typedef struct {
  const lw_ts_heap *heap;
  const TSSymbol *aliases;  // the alias sequence of its production, or NULL
  uint32_t child;           // the next child to read
  uint32_t structural;      // its structural position, extras not counted
  uint32_t pos;             // its start byte
  uint32_t own_structural;  // this node's structural position in its parent
  bool own_visible;         // this node's subtree is visible by itself
  bool own_extra;
  uint32_t owner;           // the frame of the nearest emitted node (itself when emitted)
  int32_t rec;              // when emitted, its record
  int32_t last;             // when emitted, the record of its last emitted child
} subtree_frame;

static inline bool st_inline(lw_ts_subtree s) { return s.data.is_inline; }
static inline uint32_t st_padding(lw_ts_subtree s) {
  return st_inline(s) ? s.data.padding_bytes : s.ptr->padding.bytes;
}
static inline uint32_t st_size(lw_ts_subtree s) {
  return st_inline(s) ? s.data.size_bytes : s.ptr->size.bytes;
}
static inline uint32_t st_child_count(lw_ts_subtree s) {
  return st_inline(s) ? 0 : s.ptr->child_count;
}
static inline const lw_ts_subtree *st_children(const lw_ts_heap *h) {
  return (const lw_ts_subtree *)h - h->child_count;
}

static inline TSFieldId field_at(const lw_ts_language *lang, uint16_t production, uint32_t index) {
  if (lang->field_count == 0) return 0;
  lw_ts_field_slice slice = lang->field_map_slices[production];
  const lw_ts_field_entry *e = &lang->field_map_entries[slice.index];
  for (const lw_ts_field_entry *end = e + slice.length; e < end; e++) {
    if (!e->inherited && e->child_index == index) return e->field_id;
  }
  return 0;
}

// aliases_of is the alias sequence of a production: the name each
// structural child takes in it, 0 for none; NULL when it renames nothing.
static inline const TSSymbol *aliases_of(const lw_ts_language *lang, uint16_t production) {
  return production ? &lang->alias_sequences[production * lang->max_alias_sequence_length] : NULL;
}

int64_t lw_flatten_subtrees(const TSTree *tree, const uint8_t *keep, lw_node *out,
                          uint32_t cap, const void **ids, lw_reuse *reuse) {
  TSNode root = ts_tree_root_node(tree);
  if (cap == 0) return -1;
  const lw_ts_language *lang = (const lw_ts_language *)ts_tree_language(tree);
  root_record(root, out, ids);
  uint32_t n = 1;
  lw_ts_subtree top = *(const lw_ts_subtree *)root.id;
  if (st_child_count(top) == 0 || top.ptr->visible_child_count == 0) return n;

  uint32_t depth_cap = 256, d = 0;
  subtree_frame *fr = malloc(sizeof(subtree_frame) * depth_cap);
  if (!fr) return -2;
  fr[0] = (subtree_frame){
      .heap = top.ptr,
      .aliases = aliases_of(lang, top.ptr->production_id),
      .pos = out[0].start,
      .own_visible = true,
      .owner = 0,
      .rec = 0,
      .last = -1,
  };
  d = 1;
  int64_t result = 0;
  while (d > 0) {
    subtree_frame *f = &fr[d - 1];
    if (f->child == f->heap->child_count) {
      d--;
      continue;
    }
    const lw_ts_subtree *children = st_children(f->heap);
    const lw_ts_subtree *slot = &children[f->child];
    lw_ts_subtree s = *slot;
    bool inl = st_inline(s);
    uint32_t pos = f->pos;
    bool visible = inl ? s.data.visible : s.ptr->visible;
    bool extra = inl ? s.data.extra : s.ptr->extra;
    uint32_t structural = f->structural;
    TSSymbol alias = 0;
    if (!extra) {
      if (f->aliases) alias = f->aliases[structural];
      visible |= alias != 0;
      f->structural++;
    }
    f->pos = pos + st_size(s);
    f->child++;
    if (f->child < f->heap->child_count) f->pos += st_padding(children[f->child]);
    uint32_t kids = (!inl && s.ptr->child_count > 0) ? s.ptr->visible_child_count : 0;

    uint32_t owner_frame = f->owner;
    int32_t rec = -1;
    if (visible) {
      TSSymbol raw = alias ? alias : (inl ? s.data.symbol : s.ptr->symbol);
      TSSymbol sym = raw == LW_TS_SYM_ERROR ? raw : lang->public_symbol_map[raw];
      bool named;
      if (alias) named = lang->symbol_metadata[alias].named;
      else named = inl ? s.data.named : s.ptr->named;
      bool missing = inl ? s.data.is_missing : s.ptr->is_missing;
      if (!(named || keep[sym] || kids > 0 || missing)) continue;
      if (n >= cap) { result = -1; break; }

      // The field: this node's position in its parent, then each hidden
      // ancestor's in its own parent, up to a node visible by itself.
      TSFieldId field = 0;
      if (!extra) {
        field = field_at(lang, f->heap->production_id, structural);
        for (uint32_t k = d - 1; field == 0 && k > 0; k--) {
          const subtree_frame *e = &fr[k];
          if (e->own_visible || e->own_extra) break;
          field = field_at(lang, fr[k - 1].heap->production_id, e->own_structural);
        }
      }

      uint32_t idx = n++;
      subtree_frame *owner = &fr[owner_frame];
      lw_node *r = &out[idx];
      r->start = pos;
      r->end = pos + st_size(s);
      r->parent = owner->rec;
      r->next = -1;
      r->first_child = -1;
      r->kind = sym;
      r->field = field;
      r->flags = (named ? LW_NAMED : 0) | (missing ? LW_MISSING : 0) |
                 (extra ? LW_EXTRA : 0) | (sym == LW_TS_SYM_ERROR ? LW_ERROR : 0);
      if (owner->last >= 0)
        out[owner->last].next = (int32_t)idx;
      else
        out[owner->rec].first_child = (int32_t)idx;
      owner->last = (int32_t)idx;
      if (ids) ids[idx] = slot;
      if (kids == 0) continue;
      int64_t from = reuse ? reused(reuse, slot, r) : -1;
      if (from >= 0) {
        if (!copy_reused(reuse, (uint32_t)from, out, idx, &n, cap, ids)) { result = -1; break; }
        continue;
      }
      owner_frame = d;
      rec = (int32_t)idx;
    } else if (kids == 0) {
      continue;
    }

    // Read the node's children next; a hidden node's are its parent's.
    if (d == depth_cap) {
      depth_cap *= 2;
      subtree_frame *f2 = realloc(fr, sizeof(subtree_frame) * depth_cap);
      if (!f2) { result = -2; break; }
      fr = f2;
    }
    fr[d] = (subtree_frame){
        .heap = s.ptr,
        .aliases = aliases_of(lang, s.ptr->production_id),
        .pos = pos,
        .own_structural = structural,
        .own_visible = s.ptr->visible,
        .own_extra = extra,
        .owner = owner_frame,
        .rec = rec,
        .last = -1,
    };
    d++;
  }
  free(fr);
  return result < 0 ? result : (int64_t)n;
}

// lw_walk_subtrees is set by the syntax package once it has checked that
// the subtree walk writes what the cursor walk writes.
int lw_walk_subtrees = 0;

int64_t lw_flatten(const TSTree *tree, const uint8_t *keep, lw_node *out,
                   uint32_t cap, const void **ids, lw_reuse *reuse) {
  if (lw_walk_subtrees) return lw_flatten_subtrees(tree, keep, out, cap, ids, reuse);
  return lw_flatten_cursor(tree, keep, out, cap, ids, reuse);
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
