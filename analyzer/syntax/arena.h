#ifndef LEAKWATCH_ARENA_H
#define LEAKWATCH_ARENA_H
#include "flatten.h"

// lw_arena_install makes tree-sitter allocate through leakwatch's
// allocator: the C library's, except inside lw_parse_begin on the thread
// running it. Call once, before any parse.
void lw_arena_install(void);

// lw_parse is a one-shot parse: a tree and the arena it lives in.
typedef struct lw_parse lw_parse;

// lw_parse_begin parses src with a parser of its own, in an arena, and
// returns the tree's node count (an upper bound of its records; at least
// 1), -2 when memory ran out, -3 when the parse was cancelled or timed
// out. Unless it returns -2, *out is to be passed to lw_parse_end, which
// drops parser and tree whole instead of freeing them node by node: the
// tree is thrown away as soon as it is flattened.
int64_t lw_parse_begin(const TSLanguage *lang, const char *src, uint32_t len,
                       uint64_t timeout_micros, const size_t *cancel, lw_parse **out);

// lw_parse_flatten is lw_flatten of the parse's tree, on any thread.
int64_t lw_parse_flatten(lw_parse *p, const uint8_t *keep, lw_node *out, uint32_t cap);

// lw_parse_end frees everything of the parse (p may be NULL).
void lw_parse_end(lw_parse *p);

// LW_ARENA_CHUNK is the size of the arenas' chunks: one huge page.
#define LW_ARENA_CHUNK (2 * 1024 * 1024)

// LW_ARENA_CACHE_MAX is how many free chunks the arenas keep between
// parses by default (8 MB), for the next parse to reuse without faulting
// pages in (lw_arena_set_cache_max changes it).
#define LW_ARENA_CACHE_MAX 4

// lw_arena_set_cache_max sets how many free chunks the arenas keep, and
// frees those over it.
void lw_arena_set_cache_max(int n);

// lw_arena_cached_chunks is how many free chunks the arenas keep for the
// next parse (for tests).
int lw_arena_cached_chunks(void);
#endif
