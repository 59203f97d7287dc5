package fixgen

import (
	"regexp"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// AddField declares a class field at the top of class's body, where a
// reader looks for them: decl is the declaration without its semicolon
// ("private timer?: ReturnType<typeof setInterval>"). TypeScript needs it
// before a fix may write `this.timer = ...`; JavaScript classes do not.
// It returns false for anything but a class with a multi-line body.
func (b *Builder) AddField(class syntax.Node, decl string) bool {
	b.addsTo(class)
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

// PromoteToField turns a local variable of a class method into a field, so
// the class's teardown can reach what it holds: `const ro = new X()` becomes
// `this.ro = new X()` and every use of ro becomes this.ro; a TypeScript class
// also gets `private ro?: <typ>`. It returns the field's expression
// ("this.ro"), or false when the variable is used where `this` means
// something else, is declared with others, or the class already has a
// member of that name.
func (b *Builder) PromoteToField(class, id syntax.Node, typ string) (string, bool) {
	b.addsTo(class)
	p := b.p
	bd := p.Scope.DeclaredAt(id)
	decl := id.Parent()
	if bd == nil || (bd.Kind != scope.Const && bd.Kind != scope.Let) || decl.Kind() != "variable_declarator" ||
		decl.Get("name").Index() != id.Index() || !decl.Get("value").Valid() || decl.Get("type").Valid() {
		return "", false
	}
	st := decl.Parent()
	if st.Kind() != "lexical_declaration" || st.ChildCount() != 1 || p.Scope.ThisOwner(st).Index() != class.Index() {
		return "", false
	}
	name := id.Text()
	used := regexp.MustCompile(`[.#]` + regexp.QuoteMeta(name) + `\b`)
	if _, taken := lifecycle.Methods(class)[name]; taken || used.MatchString(class.Text()) {
		return "", false
	}
	for _, m := range class.Get("body").Children() {
		if f := m.Get("name"); f.Valid() && f.Text() == name {
			return "", false
		}
	}
	refs := p.Scope.References(bd)
	for _, r := range refs {
		if r.Kind() != "identifier" || p.Scope.ThisOwner(r).Index() != class.Index() {
			return "", false
		}
	}
	field := "this." + name
	if p.Tree.Lang.IsTypeScript() && class.Kind() != "object" {
		if !b.AddField(class, "private "+name+"?: "+typ) {
			return "", false
		}
	}
	b.Edits = append(b.Edits, analyzer.Edit{Start: st.Start(), End: decl.Get("value").Start(), NewText: field + " = "})
	for _, r := range refs {
		b.Replace(r, field)
	}
	return field, true
}

// MayBeUndefinedInJS reports a member `this.<name>` of a JavaScript class
// that the TypeScript compiler (checking JavaScript, as editors do) types as
// possibly undefined: one that no field initializer and no statement at the
// top of the constructor gives a value. A cleanup calling a method on it
// needs optional chaining (`this.socket?.close()`) to compile there, even
// when the framework runs the setup before the teardown. TypeScript classes
// declare their fields, and the declared type decides instead.
func MayBeUndefinedInJS(p *analyzer.Pass, class syntax.Node, name string) bool {
	if p.Tree.Lang.IsTypeScript() || !class.Valid() || class.Kind() == "object" {
		return false
	}
	set := func(v syntax.Node) bool {
		v = scope.Unwrap(v)
		return v.Valid() && v.Kind() != "null" && v.Kind() != "undefined" && v.Text() != "undefined"
	}
	for _, m := range class.Get("body").Children() {
		switch m.Kind() {
		case "field_definition", "public_field_definition":
			key := m.Get("property")
			if !key.Valid() {
				key = m.Get("name")
			}
			if key.Text() == name && set(m.Get("value")) {
				return false
			}
		case "method_definition":
			if m.Get("name").Text() != "constructor" {
				continue
			}
			for _, st := range m.Get("body").Children() {
				asg := scope.Unwrap(st.Child(0))
				if st.Kind() != "expression_statement" || asg.Kind() != "assignment_expression" {
					continue
				}
				left := scope.Unwrap(asg.Get("left"))
				if left.Kind() == "member_expression" && scope.Unwrap(left.Get("object")).Kind() == "this" &&
					left.Get("property").Text() == name && set(asg.Get("right")) {
					return false
				}
			}
		}
	}
	return true
}
