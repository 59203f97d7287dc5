package syntax

import (
	"fmt"
	"io"
	"strings"
)

// Dump writes n's subtree as an indented outline: field names, kinds
// (anonymous tokens quoted with '), and the text of leaves. It is what rule
// authors read to learn the shape of the code they match
// (`leakwatch debug tree FILE`).
func Dump(w io.Writer, n Node) error {
	base := 0
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		base++
	}
	var err error
	n.Walk(func(c Node) bool {
		if err != nil {
			return false
		}
		d := -base
		for p := c; p.Valid(); p = p.Parent() {
			d++
		}
		field := c.Field()
		if field != "" {
			field += ": "
		}
		quote := ""
		if !c.IsNamed() {
			quote = "'"
		}
		leaf := ""
		if !c.FirstChild().Valid() {
			leaf = " " + strings.ReplaceAll(c.Text(), "\n", "\\n")
		}
		_, err = fmt.Fprintf(w, "%s%s%s%s%s\n", strings.Repeat("  ", d-1), field, quote, c.Kind(), leaf)
		return true
	})
	return err
}
