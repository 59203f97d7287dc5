// Mirrors of tree-sitter's internal tree layout, for the subtree walk in
// flatten.c (lw_flatten_subtrees). The public cursor API that lw_flatten_cursor
// uses rebuilds a TSNode, looks its alias and field up again and pushes a
// stack entry for every node it visits; reading the subtrees themselves
// writes the same records in about half the time. These layouts are not
// part of tree-sitter's API: they match the runtime that
// github.com/smacker/go-tree-sitter pins (ABI 14, little-endian, 64-bit).
// Nothing trusts them blindly: before the first flattening the syntax
// package flattens a sample of every grammar both ways, and keeps the
// cursor walk if a single record differs (checkSubtreeWalk), and the
// tests compare the two walks over every fixture and the corpus.
#ifndef LEAKWATCH_TSINTERNAL_H
#define LEAKWATCH_TSINTERNAL_H

#include "treesitter.h"

// A leaf small enough is stored in the slot itself, flagged by the lowest
// bit (pointers to heap data are aligned, so theirs is 0).
typedef struct lw_ts_inline {
  bool is_inline : 1;
  bool visible : 1;
  bool named : 1;
  bool extra : 1;
  bool has_changes : 1;
  bool is_missing : 1;
  bool is_keyword : 1;
  uint8_t symbol;
  uint16_t parse_state;
  uint8_t padding_columns;
  uint8_t padding_rows : 4;
  uint8_t lookahead_bytes : 4;
  uint8_t padding_bytes;
  uint8_t size_bytes;
} lw_ts_inline;

typedef struct lw_ts_length {
  uint32_t bytes;
  uint32_t row;
  uint32_t column;
} lw_ts_length;

// Heap data of a subtree; its children are stored just before it.
typedef struct lw_ts_heap {
  uint32_t ref_count;
  lw_ts_length padding;
  lw_ts_length size;
  uint32_t lookahead_bytes;
  uint32_t error_cost;
  uint32_t child_count;
  TSSymbol symbol;
  uint16_t parse_state;
  bool visible : 1;
  bool named : 1;
  bool extra : 1;
  bool fragile_left : 1;
  bool fragile_right : 1;
  bool has_changes : 1;
  bool has_external_tokens : 1;
  bool has_external_scanner_state_change : 1;
  bool depends_on_column : 1;
  bool is_missing : 1;
  bool is_keyword : 1;
  union {
    struct {
      uint32_t visible_child_count;
      uint32_t named_child_count;
      uint32_t visible_descendant_count;
      int32_t dynamic_precedence;
      uint16_t repeat_depth;
      uint16_t production_id;
      TSSymbol first_leaf_symbol;
      uint16_t first_leaf_state;
    };
    struct {
      union {
        char *long_data;
        char short_data[24];
      };
      uint32_t length;
    } external_scanner_state;
    int32_t lookahead_char;
  };
} lw_ts_heap;

typedef union lw_ts_subtree {
  lw_ts_inline data;
  const lw_ts_heap *ptr;
} lw_ts_subtree;

typedef struct lw_ts_field_entry {
  TSFieldId field_id;
  uint8_t child_index;
  bool inherited;
} lw_ts_field_entry;

typedef struct lw_ts_field_slice {
  uint16_t index;
  uint16_t length;
} lw_ts_field_slice;

typedef struct lw_ts_symbol_metadata {
  bool visible;
  bool named;
  bool supertype;
} lw_ts_symbol_metadata;

// The leading fields of TSLanguage, up to the tables the walk reads.
typedef struct lw_ts_language {
  uint32_t version;
  uint32_t symbol_count;
  uint32_t alias_count;
  uint32_t token_count;
  uint32_t external_token_count;
  uint32_t state_count;
  uint32_t large_state_count;
  uint32_t production_id_count;
  uint32_t field_count;
  uint16_t max_alias_sequence_length;
  const void *parse_table;
  const void *small_parse_table;
  const void *small_parse_table_map;
  const void *parse_actions;
  const char *const *symbol_names;
  const char *const *field_names;
  const lw_ts_field_slice *field_map_slices;
  const lw_ts_field_entry *field_map_entries;
  const lw_ts_symbol_metadata *symbol_metadata;
  const TSSymbol *public_symbol_map;
  const uint16_t *alias_map;
  const TSSymbol *alias_sequences;
} lw_ts_language;

const TSLanguage *ts_tree_language(const TSTree *self);

#define LW_TS_SYM_ERROR ((TSSymbol)-1)
#define LW_TS_SYM_ERROR_REPEAT ((TSSymbol)-2)

#endif
