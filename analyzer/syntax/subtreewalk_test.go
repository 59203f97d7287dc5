package syntax

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSubtreeWalkIsInUse fails when the runtime's layout no longer
// matches tsinternal.h: flattening then falls back to the cursor walk,
// right but slower, and the mirrors need updating to the new runtime.
func TestSubtreeWalkIsInUse(t *testing.T) {
	if !subtreeWalkInUse() {
		t.Fatal("the subtree walk disagrees with the cursor walk on subtreeSample; " +
			"update tsinternal.h to the tree-sitter runtime go-tree-sitter compiles")
	}
}

// TestSubtreeWalkMatchesCursor holds the subtree walk to the cursor walk,
// record for record, on every fixture and example parsed with each
// grammar (a JavaScript file read as TypeScript and the other way round
// gives trees full of errors and missing nodes), on inputs at the edges,
// and on the real projects of the corpus when it is there.
func TestSubtreeWalkMatchesCursor(t *testing.T) {
	var w walkBuffers
	defer w.free()
	check := func(name string, l Lang, src []byte) {
		t.Helper()
		subtrees, cursor, err := w.flattenBothWays(l, src)
		if err != nil {
			t.Fatalf("%s (%v): %v", name, l, err)
		}
		if equalRecords(subtrees, cursor) {
			return
		}
		if i := firstDifference(subtrees, cursor); i >= 0 {
			t.Fatalf("%s (%v): %d records by subtrees, %d by cursor; first difference at record %d:\n subtrees %+v\n cursor %+v",
				name, l, len(subtrees), len(cursor), i, at(subtrees, i), at(cursor, i))
		}
	}
	for name, src := range map[string]string{
		"empty":        "",
		"comment only": "// nothing\n",
		"deep arrays":  strings.Repeat("[", 20000) + strings.Repeat("]", 20000),
		"deep calls":   "f" + strings.Repeat("(g", 5000) + strings.Repeat(")", 5000) + ";",
		"garbage":      "}{ )( ][ => => ;; class class < > </ `${ '",
		"sample":       subtreeSample,
	} {
		for _, l := range []Lang{JavaScript, TypeScript, TSX} {
			check(name, l, []byte(src))
		}
	}
	files := 0
	walk := func(root string, allGrammars bool) {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			lang, ok := LangForPath(path)
			if !ok || filepath.Ext(path) == ".vue" || filepath.Ext(path) == ".svelte" {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			check(path, lang, src)
			if allGrammars {
				for _, other := range []Lang{JavaScript, TypeScript, TSX} {
					if other != lang {
						check(path, other, src)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	walk(filepath.Join("..", "..", "testdata"), true)
	corpus := os.Getenv("LEAKWATCH_CORPUS_DIR")
	if corpus == "" {
		corpus = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(corpus); err == nil {
		walk(corpus, false)
	} else if os.Getenv("CI") != "" {
		t.Fatalf("no corpus at %s (CI requires it; set LEAKWATCH_CORPUS_DIR): %v", corpus, err)
	}
	if files < 1000 {
		t.Fatalf("compared %d files; the fixtures alone are more", files)
	}
	t.Logf("%d files", files)
}

func firstDifference(a, b []record) int {
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || a[i] != b[i] {
			return i
		}
	}
	return -1
}

func at(recs []record, i int) any {
	if i < len(recs) {
		return recs[i]
	}
	return "none"
}
