package scope_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// TestResolveIsLookupInScope checks the table Build fills for Resolve
// against the definition it replaces: over every fixture of the
// repository, an identifier that declares nothing resolves to what its
// innermost scope (ScopeOf) finds under its name, and one that declares
// resolves to the binding Lookup gives in its declaring scope or in the
// scope a redeclaration kept.
func TestResolveIsLookupInScope(t *testing.T) {
	files, refs, bound := 0, 0, 0
	err := filepath.WalkDir(filepath.Join("..", "..", "testdata"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		lang, ok := syntax.LangForPath(path)
		if !ok {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		tr, err := syntax.Parse(context.Background(), lang, src, syntax.Options{})
		if err != nil {
			return nil // fixtures of unparsable input
		}
		files++
		in := scope.Build(tr)
		for i := 0; i < tr.Len(); i++ {
			n := tr.At(i)
			if k := n.Kind(); k != "identifier" && k != "shorthand_property_identifier" {
				if in.Resolve(n) != in.DeclaredAt(n) {
					t.Errorf("%s:%d: %s resolves to %v but declares %v", path, n.Start(), k, in.Resolve(n), in.DeclaredAt(n))
				}
				continue
			}
			if d := in.DeclaredAt(n); d != nil {
				if in.Resolve(n) != d || d.Name != n.Text() {
					t.Errorf("%s:%d: declaration %q resolves to %v, declares %v", path, n.Start(), n.Text(), in.Resolve(n), d)
				}
				continue
			}
			refs++
			want := in.ScopeOf(n).Lookup(n.Text())
			if got := in.Resolve(n); got != want {
				t.Errorf("%s:%d: %q resolves to %v, its scope finds %v", path, n.Start(), n.Text(), got, want)
			}
			if want != nil {
				bound++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 200 || refs < 5000 || bound < 3000 {
		t.Fatalf("only %d files, %d references (%d bound) checked", files, refs, bound)
	}
}
