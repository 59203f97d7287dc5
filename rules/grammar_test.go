package rules_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules"
)

// A grammar upgrade can rename or drop node kinds and fields. The engine and
// the rules name them in string literals, and a name no grammar has any more
// never matches: the rule goes silent instead of failing. These tests make
// such a rename fail loudly.

// grammarNames returns every kind and every field name of the three grammars.
func grammarNames() (kinds, fields map[string]bool) {
	kinds, fields = map[string]bool{}, map[string]bool{}
	for _, l := range []syntax.Lang{syntax.JavaScript, syntax.TypeScript, syntax.TSX} {
		for _, k := range syntax.SymbolNames(l) {
			if k != "" {
				kinds[k] = true
			}
		}
		for _, f := range syntax.FieldNames(l) {
			if f != "" {
				fields[f] = true
			}
		}
	}
	return kinds, fields
}

func TestRuleKindsExistInGrammars(t *testing.T) {
	kinds, _ := grammarNames()
	for _, r := range rules.All() {
		for _, k := range r.Kinds {
			if !kinds[k] {
				t.Errorf("rule %s dispatches on kind %q, which no grammar has", r.ID, k)
			}
		}
	}
}

// TestNamedKindsAndFieldsExist reads the Go source of the engine and the
// rules and checks every kind and field name written as a literal where a
// node is asked for its kind or field: n.Is("..."), n.Ancestor("..."),
// n.HasToken("..."), n.Get("..."), n.Kind() == "...", n.Field() != "...",
// and the cases of switch n.Kind() / switch n.Field().
func TestNamedKindsAndFieldsExist(t *testing.T) {
	kinds, fields := grammarNames()
	var bad []string
	checked := 0
	check := func(fset *token.FileSet, lit ast.Expr, isField bool) {
		bl, ok := lit.(*ast.BasicLit)
		if !ok || bl.Kind != token.STRING {
			return
		}
		name, err := strconv.Unquote(bl.Value)
		if err != nil {
			return
		}
		checked++
		if name == "" {
			return // the kind and field of "no node"
		}
		known, what := kinds[name], "kind"
		if isField {
			known, what = fields[name], "field"
		}
		if !known {
			bad = append(bad, fset.Position(bl.Pos()).String()+": no grammar has the "+what+" "+strconv.Quote(name))
		}
	}
	// method returns the name of a call's method when the call takes no
	// arguments (n.Kind(), n.Field()).
	method := func(e ast.Expr) string {
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return ""
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		return sel.Sel.Name
	}
	for _, dir := range []string{"../analyzer", "."} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					sel, ok := n.Fun.(*ast.SelectorExpr)
					if !ok {
						return true
					}
					switch sel.Sel.Name {
					case "Is", "Ancestor", "HasToken":
						for _, a := range n.Args {
							check(fset, a, false)
						}
					case "Get":
						if len(n.Args) == 1 {
							check(fset, n.Args[0], true)
						}
					}
				case *ast.BinaryExpr:
					if n.Op != token.EQL && n.Op != token.NEQ {
						return true
					}
					for _, pair := range [][2]ast.Expr{{n.X, n.Y}, {n.Y, n.X}} {
						switch method(pair[0]) {
						case "Kind":
							check(fset, pair[1], false)
						case "Field":
							check(fset, pair[1], true)
						}
					}
				case *ast.SwitchStmt:
					m := method(n.Tag)
					if m != "Kind" && m != "Field" {
						return true
					}
					for _, s := range n.Body.List {
						for _, e := range s.(*ast.CaseClause).List {
							check(fset, e, m == "Field")
						}
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
	// The scan itself must find the names, or it proves nothing.
	if checked < 500 {
		t.Fatalf("only %d kind and field names found in the source; is the scan still looking in the right places?", checked)
	}
}
