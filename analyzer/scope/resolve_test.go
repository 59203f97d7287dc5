package scope_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// eachFixture parses every fixture of the repository that parses and hands
// it to check with its path.
func eachFixture(t *testing.T, check func(path string, tr *syntax.Tree)) {
	t.Helper()
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
		check(path, tr)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestResolveIsLookupInScope checks the table Build fills for Resolve
// against the definition it replaces: over every fixture of the
// repository, an identifier that declares nothing resolves to what its
// innermost scope (ScopeOf) finds under its name, and one that declares
// resolves to the binding Lookup gives in its declaring scope or in the
// scope a redeclaration kept.
func TestResolveIsLookupInScope(t *testing.T) {
	files, refs, bound := 0, 0, 0
	eachFixture(t, func(path string, tr *syntax.Tree) {
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
	})
	if files < 200 || refs < 5000 || bound < 3000 {
		t.Fatalf("only %d files, %d references (%d bound) checked", files, refs, bound)
	}
}

// TestFunctionsInIsAWalk checks FunctionsIn against the walk it saves:
// over every fixture of the repository, the functions of each function,
// class and statement block's subtree are those IsFunction finds walking
// it, in the same order.
func TestFunctionsInIsAWalk(t *testing.T) {
	regions := 0
	eachFixture(t, func(path string, tr *syntax.Tree) {
		in := scope.Build(tr)
		for i := 0; i < tr.Len(); i++ {
			n := tr.At(i)
			if i != 0 && !scope.IsFunction(n) && n.Kind() != "class_body" && n.Kind() != "statement_block" {
				continue
			}
			regions++
			var want, got []int
			n.Walk(func(c syntax.Node) bool {
				if scope.IsFunction(c) {
					want = append(want, c.Index())
				}
				return true
			})
			for f := range in.FunctionsIn(n) {
				got = append(got, f.Index())
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s:%d: FunctionsIn(%s) gives %v, a walk %v", path, n.Start(), n.Kind(), got, want)
			}
		}
	})
	if regions < 1000 {
		t.Fatalf("only %d regions checked", regions)
	}
}

// TestScopeOfIsTheInnermostScope checks ScopeOf, which searches the scopes
// by position, against walking up the tree: a node's scope is its own when
// it opens one, else its parent's, and a scope's parent is the scope of
// its node's parent.
func TestScopeOfIsTheInnermostScope(t *testing.T) {
	opened := 0
	eachFixture(t, func(path string, tr *syntax.Tree) {
		in := scope.Build(tr)
		for i := 0; i < tr.Len(); i++ {
			n := tr.At(i)
			s := in.ScopeOf(n)
			if !s.Node.Contains(n) {
				t.Fatalf("%s:%d: the scope of a %s is that of a %s, which does not contain it", path, n.Start(), n.Kind(), s.Node.Kind())
			}
			if s.Node.Index() == n.Index() {
				opened++
				if want := in.ScopeOf(n.Parent()); i > 0 && s.Parent != want {
					t.Fatalf("%s:%d: the scope of a %s has another parent than its node's parent's scope", path, n.Start(), n.Kind())
				}
				continue
			}
			if want := in.ScopeOf(n.Parent()); s != want {
				t.Fatalf("%s:%d: a %s that opens no scope is not in its parent's (%s, not %s)", path, n.Start(), n.Kind(), s.Node.Kind(), want.Node.Kind())
			}
		}
	})
	if opened < 1000 {
		t.Fatalf("only %d scopes checked", opened)
	}
}

// TestUnwrapAndIsFunctionBySymbol checks Unwrap and IsFunction, which ask
// by symbol, against their definitions by kind name, on every node of the
// fixtures.
func TestUnwrapAndIsFunctionBySymbol(t *testing.T) {
	wrappers := map[string]bool{"parenthesized_expression": true, "non_null_expression": true,
		"as_expression": true, "satisfies_expression": true, "type_assertion": true}
	functions := map[string]bool{"function_declaration": true, "generator_function_declaration": true,
		"function_expression": true, "function": true, "generator_function": true, "arrow_function": true,
		"method_definition": true}
	unwrap := func(n syntax.Node) syntax.Node {
		for wrappers[n.Kind()] {
			inner := n.Child(0)
			if n.Kind() == "type_assertion" {
				inner = n.Child(n.ChildCount() - 1)
			}
			if !inner.Valid() {
				return n
			}
			n = inner
		}
		return n
	}
	nodes, unwrapped, fns := 0, 0, 0
	eachFixture(t, func(path string, tr *syntax.Tree) {
		for i := 0; i < tr.Len(); i++ {
			n := tr.At(i)
			nodes++
			if got, want := scope.Unwrap(n), unwrap(n); got != want {
				t.Fatalf("%s:%d: Unwrap(%s) is %v, want %v", path, n.Start(), n.Kind(), got, want)
			} else if got != n {
				unwrapped++
			}
			if got, want := scope.IsFunction(n), n.IsNamed() && functions[n.Kind()]; got != want {
				t.Fatalf("%s:%d: IsFunction(%s) is %v, want %v", path, n.Start(), n.Kind(), got, want)
			} else if got {
				fns++
			}
		}
	})
	if unwrapped < 100 || fns < 1000 {
		t.Fatalf("only %d nodes unwrapped and %d functions among %d nodes", unwrapped, fns, nodes)
	}
	if scope.Unwrap(syntax.Node{}).Valid() || scope.IsFunction(syntax.Node{}) {
		t.Error("the zero Node unwraps to a node or is a function")
	}
}
