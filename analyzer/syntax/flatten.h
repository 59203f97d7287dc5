#ifndef LEAKWATCH_FLATTEN_H
#define LEAKWATCH_FLATTEN_H
#include "treesitter.h"

enum {
  LW_NAMED = 1,
  LW_MISSING = 2,
  LW_EXTRA = 4,
  LW_ERROR = 8,
  LW_HAS_ERROR = 16,
};

// lw_node mirrors syntax.record in Go; keep the two in step.
typedef struct lw_node {
  uint32_t start;
  uint32_t end;
  int32_t parent;
  int32_t next;
  int32_t first_child;
  uint16_t kind;
  uint16_t field;
  uint8_t flags;
  uint8_t pad[3];
} lw_node;

// lw_edit is one edit between the previous text and the new one, in
// offsets of the new text: it replaced what is now [new_start, new_end).
// An offset at or after new_end was that offset plus shift in the
// previous text (shift adds up the edits up to this one).
typedef struct lw_edit {
  uint32_t new_start;
  uint32_t new_end;
  int64_t shift;
} lw_edit;

// lw_reuse describes the previous flattening of an incrementally reparsed
// tree: its records, where each record's subtree ends, the tree-sitter
// subtree of each record, and the edits between the two texts (sorted,
// not overlapping).
typedef struct lw_reuse {
  const lw_node *recs;
  const int32_t *ends;
  const void *const *ids;
  uint32_t n;
  const lw_edit *edits;
  uint32_t n_edits;
  uint32_t copied; // out: how many records were copied rather than walked
} lw_reuse;

// lw_flatten writes the kept nodes of tree into out in pre-order and returns
// how many it wrote, -1 when cap was too small, -2 when memory ran out.
// When ids is not NULL it also writes each record's subtree identity there,
// for a later reuse. When reuse is not NULL, a node whose subtree the
// incremental parse took over unchanged from the previous tree gets its
// descendants copied from the previous records (shifted) instead of walked.
int64_t lw_flatten(const TSTree *tree, const uint8_t *keep, lw_node *out,
                   uint32_t cap, const void **ids, lw_reuse *reuse);

// lw_release_memory returns the allocator's free memory to the system
// where the C library can (glibc); elsewhere it does nothing.
void lw_release_memory(void);

// lw_limit_arenas bounds the allocator's per-thread arenas (glibc).
void lw_limit_arenas(int n);
#endif
