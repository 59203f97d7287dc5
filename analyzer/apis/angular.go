package apis

// Angular hands a component or directive its host element, and the
// elements of its own view, as ElementRef objects: the DOM element is
// their nativeElement. Members another template fills (inputs, queries of
// projected content) hold what belongs to that template.

const (
	// ElementRefType is the type of an injected or queried element.
	ElementRefType = "ElementRef"
	// ElementRefElement is the member that holds the DOM element.
	ElementRefElement = "nativeElement"
)

// viewQueries are the signal queries of a component's own view.
var viewQueries = map[string]bool{"viewChild": true, "viewChild.required": true, "viewChildren": true}

// parentGiven are the decorators and signal functions that make a member
// another template fills.
var parentGiven = map[string]bool{
	"Input": true, "ContentChild": true, "ContentChildren": true,
	"input": true, "input.required": true, "model": true,
	"contentChild": true, "contentChild.required": true, "contentChildren": true,
}

// ViewQuery reports a call that queries the component's own view
// (viewChild("box")).
func ViewQuery(callee string) bool { return viewQueries[callee] }

// ParentGiven reports a decorator or signal function whose member another
// template fills (@Input, input(), @ContentChild, contentChild()).
func ParentGiven(name string) bool { return parentGiven[name] }
