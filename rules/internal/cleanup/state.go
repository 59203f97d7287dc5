package cleanup

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// heldInObject follows a value put under a key of an object literal to
// where the object goes: merged into the instance's state
// (`this.setState({ timer: id })` keeps it in this.state.timer), or
// assigned whole to a variable, member or field (`this.state = { timer:
// id }`, `const poll = { timer: id }`). ok is false when the object goes
// anywhere else.
func heldInObject(p *analyzer.Pass, n syntax.Node) (h Held, ok bool) {
	child, pair := n, n.Parent()
	for pair.Kind() == "parenthesized_expression" || pair.Kind() == "as_expression" || pair.Kind() == "non_null_expression" {
		child, pair = pair, pair.Parent()
	}
	if pair.Kind() != "pair" || child.Field() != "value" || pair.Parent().Kind() != "object" {
		return Held{}, false
	}
	key := pair.Get("key")
	switch key.Kind() {
	case "property_identifier":
	case "string":
		if strings.ContainsAny(key.Text(), "` ") {
			return Held{}, false
		}
	default:
		return Held{}, false // computed keys
	}
	k := strings.Trim(key.Text(), `'"`)
	obj := pair.Parent()
	use := astutil.UseOf(obj)
	var base, path string
	switch use.Kind {
	case "argument":
		recv, method := astutil.Method(use.Holder)
		member := apis.StateMerger(method)
		if member == "" || astutil.Arg(use.Holder, 0).Index() != scope.Unwrap(obj).Index() && astutil.Arg(use.Holder, 0).Index() != obj.Index() {
			return Held{}, false
		}
		if rk := p.Scope.Key(recv); rk != "" {
			base, path = rk+"."+member, scope.Unwrap(recv).Text()+"."+member
		}
	case "variable":
		base, path = p.Scope.Key(use.Holder), use.Holder.Text()
	case "member":
		if f := use.Holder; f.Kind() == "public_field_definition" || f.Kind() == "field_definition" {
			base = fieldKey(p, f)
			name := f.Get("name")
			if !name.Valid() {
				name = f.Get("property")
			}
			path = "this." + name.Text()
		} else {
			base, path = p.Scope.Key(f), scope.Unwrap(f).Text()
		}
	}
	if base == "" {
		return Held{}, false
	}
	return Held{Kind: "stored", Keys: []string{base + "." + k}, Path: path + "." + k}, true
}
