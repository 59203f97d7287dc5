package fixgen

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// AddField declares a class field at the top of class's body, where a
// reader looks for them: decl is the declaration without its semicolon
// ("private timer?: ReturnType<typeof setInterval>"). TypeScript needs it
// before a fix may write `this.timer = ...`; JavaScript classes do not.
// It returns false for anything but a class with a multi-line body.
func (b *Builder) AddField(class syntax.Node, decl string) bool {
	if class.Kind() == "object" {
		return false
	}
	body := class.Get("body")
	var first syntax.Node
	for c := body.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.IsNamed() {
			first = c
			break
		}
	}
	if !first.Valid() || !strings.Contains(b.src()[body.Start():first.Start()], "\n") {
		return false
	}
	ind := b.lineIndent(first)
	sep := "\n"
	if first.Kind() == "method_definition" || first.Kind() == "comment" {
		// Fields sit in their own group above the methods.
		sep = "\n\n"
	}
	b.Insert(first.Start(), decl+b.Style.Semi+sep+ind)
	return true
}
