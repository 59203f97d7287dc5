package timers

import (
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// inInstanceField reports n in the initialiser of a non-static class field
// (`state = { blink: setInterval(...) }`, `timer = setInterval(...)`),
// outside any function: it runs once per instance, like the constructor,
// not once when the module loads.
func inInstanceField(n syntax.Node) bool {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if scope.IsFunction(p) {
			return false
		}
		if p.Kind() == "public_field_definition" || p.Kind() == "field_definition" {
			return p.Parent().Kind() == "class_body" && !p.HasToken("static")
		}
	}
	return false
}
