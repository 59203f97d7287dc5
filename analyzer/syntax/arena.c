// A per-parse allocator for tree-sitter.
//
// A cold run parses a file, flattens its tree and throws the tree away.
// Freeing a tree node by node (ts_tree_delete) walked every subtree once
// more and cost a tenth of a cold run of the benchmark corpus; the C
// library's malloc and free, called for every subtree, took more. Inside
// lw_parse_begin every allocation tree-sitter makes on that thread comes
// from an arena: small blocks from size-class free lists over large
// chunks, large blocks from malloc on a list. When the tree has been
// flattened, lw_parse_end drops the arena whole: chunks go back to a small
// shared cache for the next parse, large blocks to free.
//
// The invariant that makes this safe: between setting and clearing the
// thread's arena, tree-sitter only frees and reallocates blocks it
// allocated in that window (the parser and tree are made in it and never
// leave it; the grammars' external scanners allocate nothing), and after
// the window nothing frees or changes the tree: flattening only reads it.
// Outside the window, on every other thread and for the language server's
// kept trees, the allocator is the C library's.

// MAP_ANONYMOUS and the madvise requests are not C11: ask glibc for them
// (other C libraries define them anyway).
#define _DEFAULT_SOURCE
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#define LW_MMAP 1
#endif

void ts_set_allocator(void *(*new_malloc)(size_t), void *(*new_calloc)(size_t, size_t),
                      void *(*new_realloc)(void *, size_t), void (*new_free)(void *));

enum {
  CHUNK_SIZE = LW_ARENA_CHUNK,
  HEADER = 8,        // before every block: its size and whether it is large
  SMALL_MAX = 4096,  // larger blocks are large
  // Small sizes are rounded up to 8 bytes, which is all the alignment
  // tree-sitter's structures need (glibc's 16 cost the benchmark's
  // largest tree 10% more memory).
  CLASS_SHIFT = 3,
  N_CLASSES = SMALL_MAX / 8 + 1,
};

typedef struct header {
  uint32_t size;  // usable bytes of a small block
  uint32_t large; // 1 when the block is on the large list
} header;

// large_block precedes the header of a large block: the arena's list of
// them, to free what tree-sitter did not.
typedef struct large_block {
  struct large_block *prev, *next;
  size_t size; // usable bytes
} large_block;

typedef struct chunk {
  struct chunk *next;
} chunk;

typedef struct arena {
  chunk *chunks;
  char *cur, *end;
  void *free_list[N_CLASSES];
  large_block large; // sentinel of a circular list
} arena;

static _Thread_local arena *current;

// The shared cache of free chunks, under a spin lock: taken once per
// chunk, a few times per file.
static atomic_flag cache_lock = ATOMIC_FLAG_INIT;
static chunk *cache;
static int cached;
static int cache_max = LW_ARENA_CACHE_MAX;

// Chunks come straight from the system where it can map memory, and go
// back to it when the cache is full: from the C library's heap, the
// chunks of a multi-megabyte tree stayed resident until the next trim
// and took the cold benchmark's peak from 291 to 310 MB in some runs.
//
// A chunk is 2 MB, aligned to 2 MB and asked to be one huge page
// (MADV_HUGEPAGE; Linux backs it so where transparent huge pages are
// enabled, even in their "madvise" mode). Parsing and flattening chase
// pointers all over a tree of tens of megabytes, and with 4 KB pages most
// of those loads also missed the TLB. A chunk is also mapped and unmapped
// once where 256 KB chunks took eight calls. On the benchmark corpus the
// parse-only floor (8 MB of chunks cached) took a fifth less CPU, a cold
// check (32 MB cached) 6% less.
//
// A chunk is filled from its start to its end, so every page of it will
// be written: where huge pages are off, mapping them all in one call
// (MADV_POPULATE_WRITE, Linux 5.14) rather than one page fault each took a
// third of the floor's system time away (page faults are dear in a
// virtual machine). Where either request fails the chunk still works,
// with small pages faulted in as they are written.
static chunk *chunk_new(void) {
#ifdef LW_MMAP
  // Twice the size, to cut an aligned chunk out of it.
  size_t len = 2 * (size_t)CHUNK_SIZE;
  char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return NULL;
  char *c = (char *)(((uintptr_t)p + CHUNK_SIZE - 1) & ~(uintptr_t)(CHUNK_SIZE - 1));
  if (c > p) munmap(p, (size_t)(c - p));
  if (c + CHUNK_SIZE < p + len) munmap(c + CHUNK_SIZE, (size_t)(p + len - (c + CHUNK_SIZE)));
#ifdef MADV_HUGEPAGE
  madvise(c, CHUNK_SIZE, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
  madvise(c, CHUNK_SIZE, MADV_POPULATE_WRITE);
#endif
  return (chunk *)c;
#else
  return malloc(CHUNK_SIZE);
#endif
}

static void chunk_free(chunk *c) {
#ifdef LW_MMAP
  munmap(c, CHUNK_SIZE);
#else
  free(c);
#endif
}

// chunks_free gives a list of chunks back to the system.
static void chunks_free(chunk *c) {
  while (c) {
    chunk *next = c->next;
    chunk_free(c);
    c = next;
  }
}

static void lock(void) {
  while (atomic_flag_test_and_set_explicit(&cache_lock, memory_order_acquire)) {
  }
}
static void unlock(void) { atomic_flag_clear_explicit(&cache_lock, memory_order_release); }

static void out_of_memory(size_t n) {
  // What tree-sitter's own allocator does: it cannot recover.
  fprintf(stderr, "leakwatch: tree-sitter failed to allocate %zu bytes\n", n);
  abort();
}

static void arena_init(arena *a) {
  memset(a, 0, sizeof *a);
  a->large.prev = a->large.next = &a->large;
}

static void arena_grow(arena *a) {
  lock();
  chunk *c = cache;
  if (c) {
    cache = c->next;
    cached--;
  }
  unlock();
  if (!c && !(c = chunk_new())) out_of_memory(CHUNK_SIZE);
  c->next = a->chunks;
  a->chunks = c;
  a->cur = (char *)(c + 1);
  a->end = (char *)c + CHUNK_SIZE;
}

static void *arena_malloc(arena *a, size_t n) {
  if (n <= SMALL_MAX) {
    size_t cls = n == 0 ? 1 : (n + 7) >> CLASS_SHIFT;
    void *p = a->free_list[cls];
    if (p) {
      a->free_list[cls] = *(void **)p;
      return p;
    }
    size_t need = HEADER + (cls << CLASS_SHIFT);
    if ((size_t)(a->end - a->cur) < need) arena_grow(a);
    header *h = (header *)a->cur;
    a->cur += need;
    h->size = (uint32_t)(cls << CLASS_SHIFT);
    h->large = 0;
    return h + 1;
  }
  if (n > SIZE_MAX - sizeof(large_block) - HEADER) out_of_memory(n);
  large_block *b = malloc(sizeof(large_block) + HEADER + n);
  if (!b) out_of_memory(n);
  b->next = a->large.next;
  b->prev = &a->large;
  b->next->prev = b;
  a->large.next = b;
  b->size = n;
  header *h = (header *)(b + 1);
  h->size = 0;
  h->large = 1;
  return h + 1;
}

static void arena_free(arena *a, void *p) {
  if (!p) return;
  header *h = (header *)p - 1;
  if (h->large) {
    large_block *b = (large_block *)h - 1;
    b->prev->next = b->next;
    b->next->prev = b->prev;
    free(b);
    return;
  }
  size_t cls = h->size >> CLASS_SHIFT;
  *(void **)p = a->free_list[cls];
  a->free_list[cls] = p;
}

static void *arena_realloc(arena *a, void *p, size_t n) {
  if (!p) return arena_malloc(a, n);
  header *h = (header *)p - 1;
  if (!h->large && n <= h->size) return p;
  size_t old = h->large ? ((large_block *)h - 1)->size : h->size;
  void *q = arena_malloc(a, n);
  memcpy(q, p, old < n ? old : n);
  arena_free(a, p);
  return q;
}

// arena_drop frees everything the arena holds.

static void arena_drop(arena *a) {
  for (large_block *b = a->large.next; b != &a->large;) {
    large_block *next = b->next;
    free(b);
    b = next;
  }
  chunk *c = a->chunks;
  lock();
  while (c && cached < cache_max) {
    chunk *next = c->next;
    c->next = cache;
    cache = c;
    cached++;
    c = next;
  }
  unlock();
  chunks_free(c);
  arena_init(a);
}

static void *lw_malloc(size_t n) {
  arena *a = current;
  if (a) return arena_malloc(a, n);
  void *p = malloc(n);
  if (!p && n) out_of_memory(n);
  return p;
}

static void *lw_calloc(size_t count, size_t size) {
  arena *a = current;
  if (!a) {
    void *p = calloc(count, size);
    if (!p && count && size) out_of_memory(count * size);
    return p;
  }
  if (size && count > SIZE_MAX / size) out_of_memory(SIZE_MAX);
  void *p = arena_malloc(a, count * size);
  memset(p, 0, count * size);
  return p;
}

static void *lw_realloc(void *p, size_t n) {
  arena *a = current;
  if (a) return arena_realloc(a, p, n);
  void *q = realloc(p, n);
  if (!q && n) out_of_memory(n);
  return q;
}

static void lw_free(void *p) {
  arena *a = current;
  if (a) arena_free(a, p);
  else free(p);
}

void lw_arena_install(void) { ts_set_allocator(lw_malloc, lw_calloc, lw_realloc, lw_free); }

// lw_parse is a one-shot parse between lw_parse_begin and lw_parse_end:
// the tree and the arena everything of it lives in.
struct lw_parse {
  arena a;
  TSTree *tree;
};

int64_t lw_parse_begin(const TSLanguage *lang, const char *src, uint32_t len,
                       uint64_t timeout_micros, const size_t *cancel, lw_parse **out) {
  *out = NULL;
  lw_parse *ps = malloc(sizeof *ps);
  if (!ps) return -2;
  arena_init(&ps->a);
  current = &ps->a;
  TSParser *p = ts_parser_new();
  ts_parser_set_language(p, lang);
  ts_parser_set_timeout_micros(p, timeout_micros);
  ts_parser_set_cancellation_flag(p, cancel);
  ps->tree = ts_parser_parse_string(p, NULL, src, len);
  // Neither ts_parser_delete nor, later, ts_tree_delete: everything they
  // would free is in the arena.
  current = NULL;
  *out = ps;
  if (!ps->tree) return -3;
  uint32_t cap = ts_node_descendant_count(ts_tree_root_node(ps->tree));
  return cap < 1 ? 1 : cap;
}

int64_t lw_parse_flatten(lw_parse *ps, const uint8_t *keep, lw_node *out, uint32_t cap) {
  // The flattening's own allocations (the cursor's stack) are the C
  // library's: current is not set on this thread, which may not be the
  // one that parsed.
  return lw_flatten(ps->tree, keep, out, cap, NULL, NULL);
}

void lw_parse_end(lw_parse *ps) {
  if (!ps) return;
  arena_drop(&ps->a);
  free(ps);
}

void lw_arena_set_cache_max(int n) {
  if (n < 0) n = 0;
  chunk *drop = NULL;
  lock();
  cache_max = n;
  while (cached > cache_max) {
    chunk *c = cache;
    cache = c->next;
    cached--;
    c->next = drop;
    drop = c;
  }
  unlock();
  chunks_free(drop);
}

int lw_arena_cached_chunks(void) {
  lock();
  int n = cached;
  unlock();
  return n;
}
