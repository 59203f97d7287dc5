package listeners

import (
	"regexp"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// A class component that looks an element up in the whole document
// (document.querySelector(".result-more")) often looks up its own markup:
// an element its render writes, or one inside HTML its render injects
// from state it has just set (this.setState({ html }, () => ...), whose
// callback runs once that HTML is in the document). Such an element goes
// when the component's markup does, and its listener with it. A lookup of
// anything else in the document (the app's header, the body) stays
// reported.

// renderedQuery reports a target that owner o's class found in the
// document by names its render writes, or in the callback of a state
// merge whose state its render injects as HTML.
func renderedQuery(p *analyzer.Pass, o *lifecycle.Owner, target syntax.Node) bool {
	if !o.Class.Valid() || o.Class.Kind() == "object" || !hasRender(o.Class) {
		return false
	}
	q := documentQuery(p, target, 0)
	if !q.Valid() {
		return false
	}
	if member, keys := mergedKeys(p, o, q); len(keys) > 0 && injectsState(p, o.Class, member, keys) {
		return true
	}
	names := selectorNames(q)
	if len(names) == 0 {
		return false
	}
	written := renderedNames(p, o.Class)
	for _, n := range names {
		if !written[n] {
			return false
		}
	}
	return true
}

// hasRender reports a class with a render method.
func hasRender(class syntax.Node) bool {
	for _, m := range class.Get("body").Children() {
		if m.Kind() == "method_definition" && apis.RenderMethod(m.Get("name").Text()) {
			return true
		}
	}
	return false
}

// documentQuery returns the document.querySelector(...) call (or
// getElementById, getElementsByClassName(...)[0]) a target is, directly
// or through a local it was kept in, or the zero Node.
func documentQuery(p *analyzer.Pass, n syntax.Node, depth int) syntax.Node {
	if depth > 4 {
		return syntax.Node{}
	}
	n = scope.Unwrap(n)
	switch n.Kind() {
	case "identifier":
		b := p.Scope.Resolve(n)
		if b == nil || b.Kind == scope.Param || b.Kind == scope.Import || b.Reassigned || b.ModuleLevel() {
			return syntax.Node{}
		}
		return documentQuery(p, b.Init, depth+1)
	case "subscript_expression":
		return documentQuery(p, n.Get("object"), depth+1)
	case "call_expression":
		recv, name := astutil.Method(n)
		if r := scope.Unwrap(recv); apis.DocumentQuery(name) && r.Kind() == "identifier" && r.Text() == "document" && p.Scope.Resolve(r) == nil {
			return n
		}
	}
	return syntax.Node{}
}

var selectorName = regexp.MustCompile(`[.#]([A-Za-z_][\w-]*)`)

// selectorNames lists the class names and ids a query looks for (".a .b"
// gives a and b; getElementById("x") gives x), or nil when it looks for
// anything else too (a tag, an attribute) or is not a literal.
func selectorNames(q syntax.Node) []string {
	s, ok := astutil.StringValue(astutil.Arg(q, 0))
	if !ok {
		return nil
	}
	switch astutil.MethodName(q) {
	case "getElementById":
		return []string{s}
	case "getElementsByClassName":
		return strings.Fields(s)
	}
	var names []string
	for _, part := range strings.Fields(strings.NewReplacer(">", " ", "+", " ", "~", " ", ",", " ").Replace(s)) {
		// Each compound must be made of class names and ids alone.
		if selectorName.ReplaceAllString(part, "") != "" {
			return nil
		}
		for _, m := range selectorName.FindAllStringSubmatch(part, -1) {
			names = append(names, m[1])
		}
	}
	return names
}

type renderedNamesKey struct{ class int }

// renderedNames collects the class names and ids the class's JSX writes
// as literals (className="a b", id={"c"}, className={open ? "d" : "e"}).
func renderedNames(p *analyzer.Pass, class syntax.Node) map[string]bool {
	return p.Memo(renderedNamesKey{class.Index()}, func() any {
		names := map[string]bool{}
		class.Walk(func(n syntax.Node) bool {
			if n.Kind() != "jsx_attribute" {
				return true
			}
			switch n.Child(0).Text() {
			case "className", "class", "id":
			default:
				return false
			}
			n.Walk(func(s syntax.Node) bool {
				if s.Kind() == "string_fragment" {
					for _, f := range strings.Fields(s.Text()) {
						names[f] = true
					}
				}
				return true
			})
			return false
		})
		return names
	}).(map[string]bool)
}

// mergedKeys returns the member a state merge merges into and the keys it
// sets when query q runs in the callback it is given
// (this.setState({ html: x }, () => q) gives state and html), or no keys.
func mergedKeys(p *analyzer.Pass, o *lifecycle.Owner, q syntax.Node) (member string, keys []string) {
	for fn := astutil.EnclosingFunction(q); fn.Valid(); fn = astutil.EnclosingFunction(fn) {
		call := astutil.CallTaking(fn)
		if !call.Valid() {
			continue
		}
		recv, method := astutil.Method(call)
		pos := apis.MergedCallback(method)
		if pos < 0 || scope.Unwrap(recv).Kind() != "this" || p.Scope.ThisOwner(recv).Index() != o.Class.Index() ||
			astutil.Arg(call, pos).Index() != fn.Index() {
			continue
		}
		update := scope.Unwrap(astutil.Arg(call, 0))
		if update.Kind() != "object" {
			return "", nil
		}
		for _, pair := range update.Children() {
			switch pair.Kind() {
			case "pair":
				keys = append(keys, strings.Trim(pair.Get("key").Text(), `'"`))
			case "shorthand_property_identifier":
				keys = append(keys, pair.Text())
			}
		}
		return apis.StateMerger(method), keys
	}
	return "", nil
}

// injectsState reports a class whose JSX hands one of the state keys to
// HTML: dangerouslySetInnerHTML={{ __html: this.state.k }}, or an HTML
// parser whose result it renders ({parse(this.state.k)}).
func injectsState(p *analyzer.Pass, class syntax.Node, member string, keys []string) bool {
	found := false
	class.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		if n.Kind() != "member_expression" || !contains(keys, n.Get("property").Text()) {
			return true
		}
		state := scope.Unwrap(n.Get("object"))
		if state.Kind() != "member_expression" || state.Get("property").Text() != member ||
			scope.Unwrap(state.Get("object")).Kind() != "this" {
			return true
		}
		found = injectedAsHTML(p, n)
		return !found
	})
	return found
}

// injectedAsHTML reports a value inside a JSX expression that reaches the
// markup as HTML: under dangerouslySetInnerHTML, or as what an HTML
// parser the expression renders is given (through a sanitizer or string
// building on the way).
func injectedAsHTML(p *analyzer.Pass, n syntax.Node) bool {
	parsed := false
	for a := n.Parent(); a.Valid(); a = a.Parent() {
		switch a.Kind() {
		case "arguments":
			if fn := scope.Unwrap(a.Parent().Get("function")); fn.Kind() == "identifier" {
				module, _ := p.Life.ImportedAs(fn.Text())
				parsed = parsed || apis.HTMLParserModule(module)
			}
		case "jsx_attribute":
			return a.Child(0).Text() == "dangerouslySetInnerHTML"
		case "jsx_expression":
			if parsed && a.Parent().Kind() != "jsx_attribute" {
				return true
			}
		case "arrow_function", "function_expression", "function_declaration", "method_definition":
			return false
		}
	}
	return false
}
