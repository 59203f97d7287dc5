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

// HttpClient's request methods: each returns a cold observable that
// completes after its one response (getJSON is RxJS ajax's).
var httpRequestMethods = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true,
	"options": true, "request": true, "jsonp": true, "getJSON": true,
}

// HTTPRequestMethod reports a request method of Angular's HttpClient.
func HTTPRequestMethod(name string) bool { return httpRequestMethods[name] }

// Operators that keep a single request a single request: they map or
// look at its one value, or end it. catchError is not one: what it
// switches to on an error may be any stream.
var singleRequestOperators = map[string]bool{
	"map": true, "tap": true, "first": true, "take": true,
	"retry": true, "timeout": true, "finalize": true, "shareReplay": true,
}

// SingleRequestOperator reports a pipe operator after which a request
// still completes after one response.
func SingleRequestOperator(name string) bool { return singleRequestOperators[name] }
