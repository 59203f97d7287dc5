package apis

// jQuery wraps elements in an object of its own: $(el), $(selector) and
// $(markup), under either of its global names.
var jQueryNames = map[string]bool{"$": true, "jQuery": true}

// JQueryFunction reports a name jQuery's function goes by.
func JQueryFunction(name string) bool { return jQueryNames[name] }

// descendantQueries find elements inside the element (or jQuery object)
// they are called on: jQuery's find and children, the DOM's querySelector.
var descendantQueries = map[string]bool{"find": true, "querySelector": true, "children": true}

// DescendantQuery reports a method that finds elements inside its receiver.
func DescendantQuery(method string) bool { return descendantQueries[method] }
