package lifecycle

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// angularElementTokens are what only an element injector provides: a
// service that asks for one of them can only be provided by a component
// or directive (`providers: [...]`), and Angular destroys it, calling its
// ngOnDestroy, when that component goes. The root injector has none of
// them (NullInjectorError).
var angularElementTokens = []string{
	"ElementRef", "ChangeDetectorRef", "ViewContainerRef", "TemplateRef", "Renderer2",
}

// angularParentOnly are the parameter decorators that look a token up from
// the injector above the requesting one (@SkipSelf) or no further than
// its host element (@Host).
var angularParentOnly = []string{"SkipSelf", "Host"}

// injectsFromElement reports a class that injects one of tokens, through
// a constructor parameter's type, an @Inject(token) parameter or an
// inject(token) field, or that asks for its own class from a parent
// injector (`@SkipSelf() parent: MenuService` in MenuService): an
// instance that looks for its parent instance is provided per element in
// a tree of them (nested menus), never once for the application.
func injectsFromElement(class syntax.Node, tokens []string) bool {
	name := ClassName(class)
	for _, m := range class.Get("body").Children() {
		switch m.Kind() {
		case "public_field_definition", "field_definition":
			if v := scope.Unwrap(m.Get("value")); v.Kind() == "call_expression" && injectCall(v) {
				if tok := firstArgText(v); contains(tokens, tok) || tok == name && name != "" {
					return true
				}
			}
		case "method_definition":
			if propertyName(m.Get("name")) != "constructor" {
				continue
			}
			for _, prm := range m.Get("parameters").Children() {
				tok := injectedToken(prm)
				if contains(tokens, tok) {
					return true
				}
				if tok == name && name != "" && hasParamDecorator(prm, angularParentOnly...) {
					return true
				}
			}
		}
	}
	return false
}

// injectCall reports inject(X) (also inject(X, {skipSelf: true})).
func injectCall(call syntax.Node) bool {
	fn := scope.Unwrap(call.Get("function"))
	return fn.Kind() == "identifier" && fn.Text() == "inject"
}

// firstArgText is the text of a call's first argument, or "".
func firstArgText(call syntax.Node) string {
	for _, a := range call.Get("arguments").Children() {
		return a.Text()
	}
	return ""
}

// injectedToken names what a constructor parameter asks for: its
// @Inject(token), else its declared type without type arguments.
func injectedToken(prm syntax.Node) string {
	for c := prm.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.Kind() != "decorator" {
			continue
		}
		if d := c.Child(0); d.Kind() == "call_expression" && d.Get("function").Text() == "Inject" {
			return firstArgText(d)
		}
	}
	t := strings.TrimSpace(strings.TrimPrefix(prm.Get("type").Text(), ":"))
	if i := strings.IndexByte(t, '<'); i >= 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}

// hasParamDecorator reports a parameter decorated with one of names.
func hasParamDecorator(prm syntax.Node, names ...string) bool {
	for c := prm.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.Kind() != "decorator" {
			continue
		}
		d := c.Child(0)
		if d.Kind() == "call_expression" {
			d = d.Get("function")
		}
		if contains(names, d.Text()) {
			return true
		}
	}
	return false
}
