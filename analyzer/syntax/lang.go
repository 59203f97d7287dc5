// Package syntax parses JavaScript and TypeScript with tree-sitter and hands
// out the result as a plain Go tree.
//
// It is the only package that talks to tree-sitter. A parse copies the C tree
// into a flat, pre-order array of nodes in one cgo call and then (unless the
// caller keeps it for incremental reparsing) frees the C tree at once, so
// nothing else in leakwatch holds C memory or pays a cgo call per node.
package syntax

import (
	"path/filepath"
	"strings"
	"sync"
)

// Lang is a grammar.
type Lang uint8

const (
	JavaScript Lang = iota // .js .mjs .cjs .jsx
	TypeScript             // .ts .mts .cts
	TSX                    // .tsx
)

func (l Lang) String() string {
	switch l {
	case TypeScript:
		return "typescript"
	case TSX:
		return "tsx"
	default:
		return "javascript"
	}
}

// IsTypeScript reports whether the grammar is TypeScript or TSX.
func (l Lang) IsTypeScript() bool { return l == TypeScript || l == TSX }

// Extensions lists the file extensions leakwatch analyses, with their grammar.
var Extensions = map[string]Lang{
	".js":  JavaScript,
	".mjs": JavaScript,
	".cjs": JavaScript,
	".jsx": JavaScript,
	".ts":  TypeScript,
	".mts": TypeScript,
	".cts": TypeScript,
	".tsx": TSX,
}

// LangForPath picks the grammar from a file name's extension.
func LangForPath(path string) (Lang, bool) {
	l, ok := Extensions[strings.ToLower(filepath.Ext(path))]
	return l, ok
}

// grammar holds what we read once from a tree-sitter language.
type grammar struct {
	kinds  []string // symbol -> node kind
	fields []string // field id -> field name
	keep   []uint8  // symbol -> keep anonymous node when flattening
	// symbols lists the symbols of each kind name (several share one:
	// tree-sitter aliases). kinds has an entry for every possible symbol,
	// so that ERROR (the last) can be looked up; the few hundred real ones
	// are scattered below it, and the tables built from the grammar read
	// them here rather than scan all 65,536 entries.
	symbols map[string][]uint16
}

var (
	grammarOnce [3]sync.Once
	grammars    [3]*grammar
)

// grammarFor returns grammar l, the first time after checking which walk
// flattens trees (checkSubtreeWalk).
func grammarFor(l Lang) *grammar {
	g := readGrammar(l)
	// Before the first flattening: every flattening reads the grammar.
	subtreeWalkOnce.Do(checkSubtreeWalk)
	return g
}

// readGrammar returns grammar l, read from tree-sitter the first time.
func readGrammar(l Lang) *grammar {
	grammarOnce[l].Do(func() {
		kinds, fields := grammarTables(l)
		for i, f := range fields {
			if lit, ok := fieldNames[f]; ok {
				fields[i] = lit
			}
		}
		symbols := make(map[string][]uint16)
		for sym, name := range kinds {
			if name != "" {
				symbols[name] = append(symbols[name], uint16(sym))
			}
		}
		grammars[l] = &grammar{kinds: kinds, fields: fields, keep: keepTable(kinds), symbols: symbols}
	})
	return grammars[l]
}

// keepTable marks the anonymous node kinds that flattening keeps: all but
// punctuation.
func keepTable(kinds []string) []uint8 {
	keep := make([]uint8, len(kinds))
	for i, k := range kinds {
		if k != "" && !isPunctuation(k) {
			keep[i] = 1
		}
	}
	return keep
}

// fieldNames are the grammars' field names as Go string literals, which
// the linker stores once for the whole program. Callers ask for fields by
// literal (n.Get("function")), and Node.Get compares the field name of
// each child it passes with the one asked for: a grammar name that is the
// literal's one copy compares equal by its address, without its bytes
// being read. Reading them was a third of Node.Get, the most called
// method of a large file's edit. A field missing here still compares
// right, only slower (TestFieldNamesAreInterned lists it).
var fieldNames = func() map[string]string {
	m := map[string]string{}
	for _, f := range []string{
		"alias", "alternative", "argument", "arguments", "attribute", "body", "close_tag",
		"condition", "consequence", "constraint", "constructor", "declaration", "decorator",
		"finalizer", "flags", "function", "handler", "increment", "index", "index_type",
		"initializer", "key", "kind", "label", "left", "member", "module", "name", "object",
		"open_tag", "operator", "optional_chain", "parameter", "parameters", "pattern",
		"property", "return_type", "right", "sign", "source", "type", "type_arguments",
		"type_parameters", "value",
	} {
		m[f] = f
	}
	return m
}()

// isPunctuation reports anonymous tokens that carry no meaning for analysis
// (brackets, commas, semicolons). Dropping them halves the node count;
// operators and keywords such as "=", "+=", "async" and "static" are kept.
func isPunctuation(kind string) bool {
	for _, r := range kind {
		switch r {
		case '(', ')', '[', ']', '{', '}', ',', ';', ':', '.', '"', '\'', '`':
		default:
			return false
		}
	}
	return true
}

// IdentByte reports a byte that may be part of an identifier: ASCII
// letters, digits, _ and $, and any byte of a non-ASCII character (which
// JavaScript allows in names). Code that matches names in source text
// uses it for word boundaries.
func IdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// ContainsWord reports whether w occurs in s as a whole word: not preceded
// or followed by an identifier byte (`this.onUpdate` is not in
// `this.onUpdateAll`).
func ContainsWord(s, w string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(w)
		if (i == 0 || !IdentByte(s[i-1])) && (j == len(s) || !IdentByte(s[j])) {
			return true
		}
		off = i + 1
	}
}
