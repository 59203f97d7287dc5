package observers

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
	"github.com/leakwatch/leakwatch/rules/internal/cleanup"
	"github.com/leakwatch/leakwatch/rules/internal/fixgen"
)

// disconnectFixes adds `<observer>.disconnect()` to the teardown, first
// keeping an inline observer in a const (effects, setup functions) or a
// field (classes) so the teardown can name it.
func disconnectFixes(p *analyzer.Pass, c *creation, ob observation, o *lifecycle.Owner) []analyzer.Fix {
	b := fixgen.New(p)
	var name string
	var ok bool
	if ob.inline {
		name, ok = hoist(p, b, c, ob, o)
	} else {
		name, ok = storedName(p, b, c, o)
	}
	if !ok || !b.AddCleanup(o, ob.call, []string{name + "disconnect()"}) {
		return nil
	}
	return []analyzer.Fix{b.Fix("Disconnect the observer "+cleanup.WhereClause(o), true)}
}

// storedName returns how the teardown names the observer that is already
// stored, followed by "." or, where it may not exist yet, "?.".
func storedName(p *analyzer.Pass, b *fixgen.Builder, c *creation, o *lifecycle.Owner) (string, bool) {
	h := c.held.Holder
	switch h.Kind() {
	case "property_identifier", "private_property_identifier":
		// A field initialised with the observer always holds it.
		return "this." + h.Text() + ".", o.Class.Valid()
	case "identifier":
		if !fixgen.Visible(p, fixgen.CleanupScope(o), h) {
			// A local of a class method: make it a field the teardown sees.
			if o.Setup.Valid() || !o.Class.Valid() || len(c.held.Keys) != 1 {
				return "", false
			}
			field, ok := b.PromoteToField(o.Class, h, c.typ)
			return field + "?.", ok
		}
		if b := p.Scope.DeclaredAt(h); b != nil && b.Kind == scope.Const {
			return h.Text() + ".", true
		}
		return h.Text() + "?.", true
	case "member_expression":
		if !fixgen.Visible(p, fixgen.CleanupScope(o), h) {
			return "", false
		}
		if root := astutil.RootOf(h); root.Kind() == "this" {
			if p.Scope.ThisOwner(root).Index() != o.Class.Index() {
				return "", false
			}
			// Set in the constructor: there from the start.
			if fn := astutil.EnclosingFunction(c.node); fn.Kind() == "method_definition" && fn.Get("name").Text() == "constructor" &&
				astutil.Statement(c.node).Parent().Index() == fn.Get("body").Index() {
				return h.Text() + ".", true
			}
		}
		return h.Text() + "?.", true
	}
	return "", false
}

// hoist turns `new ResizeObserver(cb).observe(el)` into a named observer:
// `const resizeObserver = new ResizeObserver(cb); resizeObserver.observe(el)`
// in an effect or setup function, `this.resizeObserver = ...` in a class.
// It returns how the teardown names it, as storedName does.
func hoist(p *analyzer.Pass, b *fixgen.Builder, c *creation, ob observation, o *lifecycle.Owner) (string, bool) {
	st := ob.call.Parent()
	if st.Kind() != "expression_statement" || st.Child(0).Index() != ob.call.Index() {
		return "", false
	}
	base := strings.ToLower(c.typ[:1]) + c.typ[1:]
	if o.Setup.Valid() {
		if st.Parent().Index() != o.Setup.Get("body").Index() {
			return "", false
		}
		name := fixgen.UniqueName(p, ob.call, syntax.Node{}, base)
		b.InsertBefore(st, "const "+name+" = "+c.node.Text())
		b.Replace(c.node, name)
		return name + ".", true
	}
	if !o.Class.Valid() || p.Scope.ThisOwner(ob.call).Index() != o.Class.Index() {
		return "", false
	}
	name := fixgen.UniqueName(p, ob.call, o.Class, base)
	if p.Tree.Lang.IsTypeScript() && o.Class.Kind() != "object" {
		if !b.AddField(o.Class, "private "+name+"?: "+c.typ) {
			return "", false
		}
	}
	b.InsertBefore(st, "this."+name+" = "+c.node.Text())
	b.Replace(c.node, "this."+name)
	return "this." + name + "?.", true
}
