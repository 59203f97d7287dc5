#ifndef LEAKWATCH_ARENA_H
#define LEAKWATCH_ARENA_H
#include "flatten.h"

// lw_arena_install makes tree-sitter allocate through leakwatch's
// allocator: the C library's, except inside lw_parse_once on the thread
// running it. Call once, before any parse.
void lw_arena_install(void);

// lw_parse_once parses src with a parser of its own, flattens the tree
// into a buffer it allocates with malloc (*out, to be freed by the
// caller) and returns the number of records; -1 or -2 as lw_flatten, -3
// when the parse was cancelled or timed out. Parser and tree live in an
// arena that is dropped whole at the end, instead of being freed node by
// node: a tree is thrown away as soon as it is flattened.
int64_t lw_parse_once(const TSLanguage *lang, const char *src, uint32_t len,
                      uint64_t timeout_micros, const size_t *cancel,
                      const uint8_t *keep, lw_node **out);

// LW_ARENA_CACHE_MAX is how many free chunks of 256 KB the arenas keep
// between parses by default, for the next parse to reuse without faulting
// pages in (lw_arena_set_cache_max changes it).
#define LW_ARENA_CACHE_MAX 32

// lw_arena_set_cache_max sets how many free chunks the arenas keep, and
// frees those over it.
void lw_arena_set_cache_max(int n);

// lw_arena_cached_chunks is how many free chunks the arenas keep for the
// next parse (for tests).
int lw_arena_cached_chunks(void);
#endif
