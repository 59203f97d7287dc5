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

// lw_flatten writes the kept nodes of tree into out in pre-order and returns
// how many it wrote, -1 when cap was too small, -2 when memory ran out.
int64_t lw_flatten(const TSTree *tree, const uint8_t *keep, lw_node *out,
                   uint32_t cap);

// lw_release_memory returns the allocator's free memory to the system
// where the C library can (glibc); elsewhere it does nothing.
void lw_release_memory(void);

// lw_limit_arenas bounds the allocator's per-thread arenas (glibc).
void lw_limit_arenas(int n);
#endif
