package cleanup

import (
	"slices"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// Held says where a value that must be released later (a timer id, an
// observer) ends up, following a local variable one step to the member,
// outer variable or collection it is copied into.
type Held struct {
	// Kind is "discarded" (nothing keeps it), "stored" (Keys name every
	// place that holds it), "returned" (handed to the caller, who owns it
	// now) or "unknown" (passed somewhere we cannot follow).
	Kind string
	// Keys are scope keys of the variables, members and collections that
	// hold the value.
	Keys []string
	// Holder is the first variable or member it is assigned to, for a fix
	// that names it; zero for collections and discarded values.
	Holder syntax.Node
	// Path spells where it is kept when no node names it: a key of an
	// object merged into state (this.state.timer for
	// `this.setState({ timer: id })`).
	Path string
}

// Name is how a message names the place that keeps the value.
func (h Held) Name() string {
	switch h.Holder.Kind() {
	case "property_identifier", "private_property_identifier":
		return "this." + h.Holder.Text() // a class field's name
	}
	if h.Holder.Valid() {
		return Describe(h.Holder)
	}
	return h.Path
}

// collectionAdders are the methods that put a value into a collection.
var collectionAdders = map[string]bool{
	"push": true, "add": true, "set": true, "unshift": true, "register": true, "track": true, "addTeardown": true,
}

// HeldBy follows the value of expression n (a call or a `new`).
func HeldBy(p *analyzer.Pass, n syntax.Node) Held {
	use := astutil.UseOf(n)
	switch use.Kind {
	case "discarded":
		return Held{Kind: "discarded"}
	case "returned":
		// Returned from a callback passed to someone (`.then(() => ...)`,
		// `items.map(() => ...)`): we cannot tell who keeps it. Returned
		// from a named function: the caller does.
		if fn := astutil.EnclosingFunction(n); fn.Parent().Kind() == "arguments" {
			return Held{Kind: "unknown"}
		}
		return Held{Kind: "returned"}
	case "argument":
		recv, name := astutil.Method(use.Holder)
		if collectionAdders[name] {
			if k := p.Scope.Key(recv); k != "" {
				return Held{Kind: "stored", Keys: []string{k}}
			}
		}
		return Held{Kind: "unknown"}
	case "member":
		return heldByMember(p, use.Holder)
	case "variable":
		return heldByVariable(p, use.Holder)
	case "other":
		if h, ok := heldInObject(p, n); ok {
			return h
		}
	}
	return Held{Kind: "unknown"}
}

func heldByMember(p *analyzer.Pass, holder syntax.Node) Held {
	if holder.Kind() == "public_field_definition" || holder.Kind() == "field_definition" {
		name := holder.Get("name")
		if !name.Valid() {
			name = holder.Get("property") // JavaScript's field_definition
		}
		return Held{Kind: "stored", Keys: []string{fieldKey(p, holder)}, Holder: name}
	}
	if k := p.Scope.Key(holder); k != "" {
		return Held{Kind: "stored", Keys: []string{k}, Holder: holder}
	}
	// this.timers[name] = ...: the object is a collection.
	if holder.Kind() == "subscript_expression" {
		if k := p.Scope.Key(holder.Get("object")); k != "" {
			return Held{Kind: "stored", Keys: []string{k}}
		}
	}
	return Held{Kind: "unknown"}
}

// heldByVariable follows a variable: its own key, plus whatever it is
// copied into.
func heldByVariable(p *analyzer.Pass, id syntax.Node) Held {
	b := p.Scope.Resolve(id)
	k := p.Scope.Key(id)
	if b == nil || k == "" {
		return Held{Kind: "unknown"}
	}
	h := Held{Kind: "stored", Keys: []string{k}, Holder: id}
	for _, ref := range p.Scope.References(b) {
		child := ref
		parent := ref.Parent()
		for parent.Kind() == "parenthesized_expression" || parent.Kind() == "non_null_expression" || parent.Kind() == "as_expression" {
			child, parent = parent, parent.Parent()
		}
		switch parent.Kind() {
		case "assignment_expression":
			if child.Field() != "right" {
				continue
			}
			if lk := p.Scope.Key(parent.Get("left")); lk != "" {
				h.Keys = append(h.Keys, lk)
			} else if left := scope.Unwrap(parent.Get("left")); left.Kind() == "subscript_expression" {
				if ok := p.Scope.Key(left.Get("object")); ok != "" {
					h.Keys = append(h.Keys, ok)
				}
			}
		case "variable_declarator":
			if lk := p.Scope.Key(parent.Get("name")); lk != "" {
				h.Keys = append(h.Keys, lk)
			}
		case "arguments":
			if recv, name := astutil.Method(parent.Parent()); collectionAdders[name] {
				if rk := p.Scope.Key(recv); rk != "" {
					h.Keys = append(h.Keys, rk)
				}
			}
		case "return_statement", "yield_expression":
			if fn := astutil.EnclosingFunction(ref); fn.Parent().Kind() != "arguments" {
				return Held{Kind: "returned"}
			}
			return Held{Kind: "unknown"}
		case "arrow_function":
			if child.Field() == "body" {
				if parent.Parent().Kind() != "arguments" {
					return Held{Kind: "returned"}
				}
				return Held{Kind: "unknown"}
			}
		case "pair", "array":
			// Put into an object or array literal: followed no further.
			return Held{Kind: "unknown"}
		}
		if ref.Kind() == "shorthand_property_identifier" {
			return Held{Kind: "unknown"}
		}
	}
	return h
}

// ReleasePosition reports whether expression n is used in a way that can
// release what it holds: passed to a call (clearInterval(id),
// release(observer)), a method called on it (ro.disconnect(),
// timers.forEach(clearTimeout)), indexed for either (clearTimeout(t[k])),
// or iterated (for (const t of timers)).
func ReleasePosition(n syntax.Node) bool {
	child, parent := n, n.Parent()
	for parent.Kind() == "parenthesized_expression" || parent.Kind() == "non_null_expression" || parent.Kind() == "as_expression" ||
		nullDefault(parent, child) {
		child, parent = parent, parent.Parent()
	}
	switch parent.Kind() {
	case "arguments", "spread_element":
		return true
	case "member_expression":
		return child.Field() == "object" && parent.Parent().Kind() == "call_expression" && parent.Field() == "function"
	case "subscript_expression":
		return child.Field() == "object" && ReleasePosition(parent)
	case "for_in_statement":
		return child.Field() == "right"
	}
	return false
}

// nullDefault reports parent as `child ?? fallback`: the id itself whenever
// there is one (clearInterval(this.timer ?? undefined) clears a field typed
// `... | null` under strict null checks).
func nullDefault(parent, child syntax.Node) bool {
	return parent.Kind() == "binary_expression" && parent.Get("operator").Text() == "??" && child.Field() == "left"
}

// Released returns a place in what runs when o ends where
// one of keys is in a release position, or the zero Node.
func Released(p *analyzer.Pass, o *lifecycle.Owner, keys []string) syntax.Node {
	if len(keys) == 0 {
		return syntax.Node{}
	}
	want := make(map[string]bool, len(keys))
	for _, k := range keys {
		if k != "" {
			want[k] = true
		}
	}
	return p.Life.FindInTeardown(o, func(n syntax.Node) bool {
		switch n.Kind() {
		case "identifier", "member_expression", "subscript_expression", "shorthand_property_identifier":
			return want[p.Scope.Key(n)] && ReleasePosition(n)
		case "call_expression":
			return want[RefValueKey(p, n)] && ReleasePosition(n)
		}
		return false
	})
}

// RefValueKey returns the key of r.value for a call that unwraps the ref r
// (Vue's unref(r), toValue(r)), so that clearInterval(unref(timer)) is
// read as clearing timer.value; "" for any other call.
func RefValueKey(p *analyzer.Pass, call syntax.Node) string {
	fn := scope.Unwrap(call.Get("function"))
	if fn.Kind() != "identifier" || !apis.UnwrapsRef(fn.Text(), "") {
		return "" // most calls: no arguments read
	}
	args := astutil.Args(call)
	if len(args) != 1 {
		return ""
	}
	module := p.Life.ImportedFrom(fn.Text())
	if module == "" && p.Scope.Resolve(fn) != nil {
		return "" // a function of this file, not an auto-imported global
	}
	if !apis.UnwrapsRef(fn.Text(), module) {
		return ""
	}
	if k := p.Scope.Key(args[0]); k != "" {
		return k + ".value"
	}
	return ""
}

// HandedOutRelease finds, inside region, a release of one of keys (see
// ReleasePosition) in a function the code hands to someone else to run
// later: returned (`start() { ...; return () => clearInterval(id) }`, an
// Observable's teardown), passed as an argument (`useUnmount(() =>
// clearTimeout(t.current))`, `this.register(() => ro.disconnect())`), or
// put in an object literal that is (`subs.push({ dispose: () => ... })`).
// Precision first: whoever receives it is trusted to call it. accept, when
// not nil, vets each candidate use.
func HandedOutRelease(p *analyzer.Pass, region syntax.Node, keys []string, accept func(use syntax.Node) bool) syntax.Node {
	want := make(map[string]bool, len(keys))
	for _, k := range keys {
		if k != "" {
			want[k] = true
		}
	}
	for _, n := range handedOutReleases(p, region) {
		if want[p.Scope.Key(n)] && (accept == nil || accept(n)) {
			return n
		}
	}
	return syntax.Node{}
}

type handedOutReleasesKey struct{ region int }

// handedOutReleases lists, in source order, the expressions in a release
// position inside functions region hands out, whatever they name: those
// whose innermost function is handed out. The list depends on the tree
// only, so it is made once per region and file: every timer and observer
// of an owner searches the same region, and asking each expression's key
// on each search was a tenth of an edit in a large file. Only the handed
// out functions are read, not the whole region: walking every component
// of a 20,000-line file was a tenth of an edit again.
func handedOutReleases(p *analyzer.Pass, region syntax.Node) []syntax.Node {
	return p.Memo(handedOutReleasesKey{region.Index()}, func() any {
		var uses []syntax.Node
		for fn := range p.Scope.FunctionsIn(region) {
			if !handedOut(fn, region) {
				continue
			}
			fn.Walk(func(n syntax.Node) bool {
				if n != fn && scope.IsFunction(n) {
					return false // its own list, if handed out too
				}
				switch n.Kind() {
				case "identifier", "member_expression", "subscript_expression":
					if ReleasePosition(n) {
						uses = append(uses, n)
					}
				}
				return true
			})
		}
		// A function handed out inside another one comes after the
		// other's uses; source order puts its uses among them.
		slices.SortFunc(uses, func(a, b syntax.Node) int { return a.Index() - b.Index() })
		return uses
	}).([]syntax.Node)
}

// handedOut reports a function (inside region) whose value leaves the code
// that wrote it: returned, or passed to a call, directly or as a property
// of an object literal that is.
func handedOut(fn, region syntax.Node) bool {
	if !fn.Valid() || !region.Contains(fn) || fn.Index() == region.Index() || setupCallback(fn) {
		return false
	}
	v := fn
	switch p := fn.Parent(); p.Kind() {
	case "pair":
		v = p.Parent()
	case "object":
		v = p // a method: { dispose() { ... } }
	}
	if v.Index() != fn.Index() && (v.Kind() != "object" || v.Index() == region.Index() || !region.Contains(v)) {
		return false
	}
	child, p := v, v.Parent()
	for p.Kind() == "parenthesized_expression" {
		child, p = p, p.Parent()
	}
	switch p.Kind() {
	case "arguments", "return_statement":
		return true
	case "arrow_function":
		return child.Field() == "body"
	}
	return false
}

// setupCallback reports a function passed to an effect or mount hook: it
// runs when the owner starts, so what it clears is not a cleanup for later.
func setupCallback(fn syntax.Node) bool {
	if fn.Parent().Kind() != "arguments" {
		return false
	}
	return lifecycle.SetupCallback(astutil.MethodName(fn.Parent().Parent()))
}

// Surroundings returns the code in which a cleanup handed out for owner o
// may be written: for an effect, the whole component or hook that calls it
// (`useEffect(() => () => clearInterval(timer.current), [])` next to the
// effect that starts the timer, `useUnmount(...)`); for onMount, the whole
// component script; for other owners their own setup or class.
func Surroundings(o *lifecycle.Owner) syntax.Node {
	switch o.Follows().Cleanup.HandedOut {
	case lifecycle.Caller:
		if fn := astutil.EnclosingFunction(o.Node); fn.Valid() {
			return fn
		}
	case lifecycle.WholeFile:
		return o.Node.Tree().Root()
	}
	if o.Setup.Valid() {
		return o.Setup
	}
	return o.Node
}
