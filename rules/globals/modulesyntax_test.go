package globals

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// moduleSyntaxRE is the definition moduleSyntax scans for by hand.
var moduleSyntaxRE = regexp.MustCompile(`(?m)^[ \t]*(import[ \t{*"'\x60]|export[ \t{*])`)

var moduleSyntaxSeeds = []string{
	"", "import", "import ", "import{a}from'a'", "  \texport default 1", "export*from'x'",
	"x = 1;\nimport x from 'y'", "x = 1; import x from 'y'", "\r\nimport 'a'", "a\r\n  export {a}",
	"reimport x", "// import x\n", "exportFoo = 1", "export\n{ a }", "importance = 1\n export const a = 1",
	"import(\"dyn\")", "const s = `\nimport x`", "\n\t \timport\t'a'", "export  ", "xexport {",
}

func TestModuleSyntaxMatchesItsDefinition(t *testing.T) {
	check := func(name string, src []byte) {
		if got, want := moduleSyntax(src), moduleSyntaxRE.Match(src); got != want {
			t.Errorf("%s: moduleSyntax %v, the expression says %v", name, got, want)
		}
	}
	for _, s := range moduleSyntaxSeeds {
		check(s, []byte(s))
	}
	eachTestdataFile(t, []string{".js", ".jsx", ".cjs", ".mjs", ".ts", ".tsx", ".vue", ".svelte"}, check)
}

// eachTestdataFile calls fn with every file of the repository's testdata
// whose name ends in one of exts: real-looking sources for the lexical
// checks to be held to.
func eachTestdataFile(t *testing.T, exts []string, fn func(path string, src []byte)) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join("..", "..", "testdata"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !slices.Contains(exts, filepath.Ext(path)) {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fn(path, src)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func FuzzModuleSyntax(f *testing.F) {
	for _, s := range moduleSyntaxSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := moduleSyntax([]byte(s)), moduleSyntaxRE.MatchString(s); got != want {
			t.Errorf("%q: moduleSyntax %v, the expression says %v", s, got, want)
		}
	})
}
