package apis

import "strings"

// Rendered markup: what a class component's render method writes is its
// own, and React runs the callback a state merge is given
// (this.setState(update, done)) once the merged state is in the document.
var renderMethods = map[string]bool{"render": true}

// RenderMethod reports a class's method that returns its markup.
func RenderMethod(name string) bool { return renderMethods[name] }

// MergedCallback returns the argument position of the callback a state
// merge runs once the merged state is rendered (setState: 1), or -1.
func MergedCallback(method string) int {
	if StateMerger(method) != "" {
		return 1
	}
	return -1
}

// documentQueries find elements anywhere in a document, by the selector,
// id or class names they are given.
var documentQueries = map[string]bool{
	"querySelector": true, "querySelectorAll": true, "getElementById": true, "getElementsByClassName": true,
}

// DocumentQuery reports a method of document that finds elements by a
// selector, an id or class names.
func DocumentQuery(method string) bool { return documentQueries[method] }

// HTMLParserModule reports a package that turns an HTML string into
// rendered elements (html-react-parser, react-html-parser, html-to-react,
// htmr): what it is given ends up as markup.
func HTMLParserModule(module string) bool {
	return !strings.HasPrefix(module, ".") && strings.Contains(strings.ToLower(module), "html") || module == "htmr"
}
