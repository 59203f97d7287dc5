package scope

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// ImportBinding is one name an import statement binds: `import { a as b }
// from "m"` binds b to m's a, `import d from "m"` binds d to m's
// "default", `import * as ns from "m"` binds ns to "*".
type ImportBinding struct {
	Local, Source, Name string
}

// Imports returns the names an import_statement binds, in source order;
// nil for a statement with no module string (a parse error).
func Imports(st syntax.Node) []ImportBinding {
	src := st.Get("source")
	if src.Kind() != "string" {
		return nil
	}
	source := unquote(src.Text())
	var out []ImportBinding
	st.Walk(func(n syntax.Node) bool {
		switch n.Kind() {
		case "import_specifier":
			local := n.Get("alias")
			if !local.Valid() {
				local = n.Get("name")
			}
			out = append(out, ImportBinding{Local: local.Text(), Source: source, Name: unquote(n.Get("name").Text())})
			return false
		case "namespace_import":
			for _, c := range n.Children() {
				if c.Kind() == "identifier" {
					out = append(out, ImportBinding{Local: c.Text(), Source: source, Name: "*"})
				}
			}
			return false
		case "import_clause":
			if id := n.Child(0); id.Kind() == "identifier" {
				out = append(out, ImportBinding{Local: id.Text(), Source: source, Name: "default"})
			}
		}
		return true
	})
	return out
}

// unquote strips a string literal's quotes (and a string-named import's).
func unquote(s string) string { return strings.Trim(s, "'\"`") }
