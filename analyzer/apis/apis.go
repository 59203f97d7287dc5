// Package apis is leakwatch's one table of registration APIs: the calls that
// register something that outlives them (a listener, a timer, an observer, a
// subscription, an open resource) and the calls that undo them. Rules read
// it instead of keeping their own name lists, the engine's prefilter needles
// are derived from it, and owners.listenerPairs in .leakwatch.json extends
// it. Adding an API a rule should follow is one value in builtin.go.
package apis

import (
	"fmt"
	"sort"
	"strings"
)

// Family is the sort of thing a registration keeps alive; each family has
// its rule.
type Family uint8

const (
	Listener Family = iota + 1
	Timer
	Observer
	Subscription
	Resource
)

var familyNames = [...]string{Listener: "listener", Timer: "timer", Observer: "observer", Subscription: "subscription", Resource: "resource"}

func (f Family) String() string {
	if int(f) < len(familyNames) && familyNames[f] != "" {
		return familyNames[f]
	}
	return fmt.Sprintf("Family(%d)", f)
}

// Style says which undo calls can undo a registration: a removal undoes an
// addition of the same style only (removeEventListener never undoes on()).
type Style uint8

const (
	// DOM is EventTarget's addEventListener / removeEventListener, where
	// the capture flag is part of the listener's identity.
	DOM Style = iota + 1
	// Emitter is Node's EventEmitter and the on/off APIs modelled on it
	// (jQuery, Leaflet, socket.io, Backbone): the names are the same, so
	// the calls are told apart by their receiver, not here.
	Emitter
	// VueBus is Vue 2's instance events, $on / $off / $once.
	VueBus
	// ReturnsUndo is an adder with no undo call of its own: what it
	// returns undoes it (Angular's Renderer2.listen, events.addAbortListener).
	ReturnsUndo
	// Scheduled is a timer started by a function and cancelled by another
	// function given the id the first returned.
	Scheduled
	// Observing is an observer object: created with new, started with a
	// method, undone with another method of the same object.
	Observing
	// Subscribing is subscribe(), undone through what it returns.
	Subscribing
	// Opening opens a resource that a method of the resource closes.
	Opening
	// Signal is a Lumino signal (JupyterLab, Theia's widgets):
	// `sig.connect(fn, thisArg)` / `sig.disconnect(fn, thisArg)`, where the
	// receiver is the event itself, so calls pair by receiver and handler.
	Signal
)

var styleNames = [...]string{DOM: "DOM", Emitter: "emitter", VueBus: "Vue bus", ReturnsUndo: "returns its undo",
	Scheduled: "scheduled", Observing: "observing", Subscribing: "subscribing", Opening: "opening", Signal: "signal"}

func (s Style) String() string {
	if int(s) < len(styleNames) && styleNames[s] != "" {
		return styleNames[s]
	}
	return fmt.Sprintf("Style(%d)", s)
}

// Form is how an adder is written in code.
type Form uint8

const (
	// Method: recv.name(...), the receiver being the registration's target.
	Method Form = iota + 1
	// Function: name(...), also reached through a global object or a
	// module (window.setInterval, timers.setTimeout).
	Function
	// Constructor: new Name(...).
	Constructor
	// Call: either name(...) or recv.name(...) (fs.open and an imported open).
	Call
)

// Returns says what an adder's call gives back, which decides how its
// registration can be undone and whether calls chain.
type Returns uint8

const (
	// Nothing useful (addEventListener returns undefined).
	Nothing Returns = iota + 1
	// Receiver: the target itself, so registrations chain
	// (emitter.on("a", f).on("b", g)).
	Receiver
	// ReceiverOrDisposer: the receiver in Node and jQuery, an unsubscribe
	// function in some libraries (nanoevents, many app event buses).
	ReceiverOrDisposer
	// Disposer: a function or object that undoes the registration
	// (Renderer2.listen's function, addAbortListener's Disposable, an
	// RxJS Subscription).
	Disposer
	// ID: an id the undo function takes (setInterval).
	ID
	// Handle: an object whose methods start and undo the registration
	// (new ResizeObserver(...), fs.createReadStream(...)).
	Handle
)

// ReturnsDisposer reports whether the adder's result can undo it.
func (r Returns) ReturnsDisposer() bool { return r == Disposer || r == ReceiverOrDisposer }

// Chains reports whether the adder returns its receiver.
func (r Returns) Chains() bool { return r == Receiver || r == ReceiverOrDisposer }

// None marks an argument position an API does not have.
const None = -1

// Args gives the argument positions of an adder's call, None for absent.
type Args struct {
	// Target is the argument registered on when the target is not the
	// receiver (addAbortListener(signal, ...), Renderer2.listen(el, ...)).
	Target int
	Event  int
	// Handler is the callback kept alive by the registration.
	Handler int
	// Options is the options object or capture flag (addEventListener's
	// third argument).
	Options int
}

// API is one registration API.
type API struct {
	Family Family
	Style  Style
	Form   Form
	// Adders are the names that register; Undos the names that undo such
	// a registration (methods or functions, by Form).
	Adders []string
	Undos  []string
	// Starts are methods of the object an adder returns that start the
	// registration (an observer's observe).
	Starts []string
	Args   Args
	// IDArg is the position of the id in an undo call (clearInterval(id)),
	// None when the undo is a method of the registration's handle.
	IDArg   int
	Returns Returns
	// Once: the registration removes itself after its first event.
	Once bool
	// Repeats: a timer that fires again and again until cleared.
	Repeats bool
	// EventMap: the first argument may also be an object mapping events to
	// handlers (jQuery, Leaflet: on({ click: f, keyup: g })).
	EventMap bool
	// ElementTargets: an observer whose observe() takes an element (which
	// may be local to the function) rather than only options.
	ElementTargets bool
	// Configured marks a pair from owners.listenerPairs: its adder is
	// undone by its own undo name only.
	Configured bool
	// Modules are packages that export the same API under another roof:
	// polyfills and wrappers (resize-observer-polyfill's ResizeObserver,
	// rc-util's raf). Each maps to the adder its export stands for; the
	// import's local name does not matter (`import raf from "raf"`).
	Modules map[string]string
	// ModuleUndo is the method of a wrapper's export that undoes what it
	// registered (raf.cancel(id)), where the wrapper's ids mean nothing
	// to the host's own undo.
	ModuleUndo string
	// Note says where the API comes from, for readers of the table.
	Note string
}

// Table is a set of APIs; the built-in one is Builtin(), a configured one
// comes from Extend. A Table is never modified once built.
type Table struct {
	apis []*API
	// adders and undos index the APIs by family and name.
	adders map[Family]map[string]*API
	undos  map[Family]map[string][]*API
}

// New builds a table and checks it (see Check).
func New(list []API) (*Table, error) {
	t := &Table{adders: map[Family]map[string]*API{}, undos: map[Family]map[string][]*API{}}
	for i := range list {
		a := list[i]
		a.Adders = append([]string(nil), a.Adders...)
		a.Undos = append([]string(nil), a.Undos...)
		t.apis = append(t.apis, &a)
	}
	if err := t.index(); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *Table) index() error {
	for _, a := range t.apis {
		if err := a.check(); err != nil {
			return err
		}
		if t.adders[a.Family] == nil {
			t.adders[a.Family] = map[string]*API{}
			t.undos[a.Family] = map[string][]*API{}
		}
		for _, name := range a.Adders {
			if prev := t.adders[a.Family][name]; prev != nil {
				return fmt.Errorf("%s adder %q is listed twice (%s and %s styles): an adder must mean one thing", a.Family, name, prev.Style, a.Style)
			}
			t.adders[a.Family][name] = a
		}
		for _, name := range a.Undos {
			t.undos[a.Family][name] = append(t.undos[a.Family][name], a)
		}
	}
	for f, undos := range t.undos {
		for name := range undos {
			if add := t.adders[f][name]; add != nil {
				return fmt.Errorf("%s name %q both registers (%s) and undoes", f, name, add.Style)
			}
		}
	}
	return nil
}

// check says what is wrong with one entry, or nil.
func (a *API) check() error {
	if a.Family == 0 || int(a.Family) >= len(familyNames) {
		return fmt.Errorf("API %v: unknown family %d", a.Adders, a.Family)
	}
	if a.Style == 0 || a.Form == 0 || a.Returns == 0 {
		return fmt.Errorf("%s API %v: style, form and returns must be set", a.Family, a.Adders)
	}
	if len(a.Adders) == 0 {
		return fmt.Errorf("%s API of style %s has no adder", a.Family, a.Style)
	}
	for _, n := range append(append([]string(nil), a.Adders...), a.Undos...) {
		if !identifier(n) {
			return fmt.Errorf("%s API %v: %q is not a name", a.Family, a.Adders, n)
		}
	}
	// Something must be able to undo every registration.
	if len(a.Undos) == 0 && !a.Returns.ReturnsDisposer() {
		return fmt.Errorf("%s API %v has no undo and returns no disposer: nothing could undo it", a.Family, a.Adders)
	}
	seen := map[int]string{}
	for _, p := range []struct {
		name string
		at   int
	}{{"target", a.Args.Target}, {"event", a.Args.Event}, {"handler", a.Args.Handler}, {"options", a.Args.Options}} {
		if p.at == None {
			continue
		}
		if p.at < 0 || p.at > 8 {
			return fmt.Errorf("%s API %v: %s argument position %d out of range", a.Family, a.Adders, p.name, p.at)
		}
		if prev, ok := seen[p.at]; ok {
			return fmt.Errorf("%s API %v: %s and %s are both argument %d", a.Family, a.Adders, prev, p.name, p.at)
		}
		seen[p.at] = p.name
	}
	return nil
}

func identifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		case i > 0 && r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return true
}

// APIs returns every entry, in table order.
func (t *Table) APIs() []*API { return t.apis }

// Adder returns the API that name registers in family f.
func (t *Table) Adder(f Family, name string) (*API, bool) {
	a, ok := t.adders[f][name]
	return a, ok
}

// FromModule returns the adder of family f that module's export stands
// for (a polyfill or wrapper listed in Modules), or false.
func (t *Table) FromModule(f Family, module string) (string, bool) {
	for _, a := range t.apis {
		if a.Family != f {
			continue
		}
		if adder, ok := a.Modules[module]; ok {
			return adder, true
		}
	}
	return "", false
}

// Undo returns the APIs whose registrations name undoes in family f.
func (t *Table) Undo(f Family, name string) []*API { return t.undos[f][name] }

// Use selects the part of the table a rule follows.
type Use struct {
	Family Family
	// Styles limits the selection; empty selects every style.
	Styles []Style
	// Once also selects registrations that remove themselves.
	Once bool
	// Undos makes the rule start from undo calls (a removal that matches
	// nothing), so its needles are the undo names.
	Undos bool
}

// Zero reports an empty selection (a rule that follows no API).
func (u Use) Zero() bool { return u.Family == 0 }

// Selects reports whether a is part of the selection.
func (u Use) Selects(a *API) bool {
	if u.Family == 0 || a.Family != u.Family || a.Once && !u.Once {
		return false
	}
	if len(u.Styles) == 0 {
		return true
	}
	for _, s := range u.Styles {
		if s == a.Style {
			return true
		}
	}
	return false
}

// Select returns the APIs u selects, in table order.
func (t *Table) Select(u Use) []*API {
	var out []*API
	for _, a := range t.apis {
		if u.Selects(a) {
			out = append(out, a)
		}
	}
	return out
}

// Names returns the names u's rule starts from: the adders, or the undos
// for a rule that starts from removals. Each appears once, in table order.
func (t *Table) Names(u Use) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range t.Select(u) {
		names := a.Adders
		if u.Undos {
			names = a.Undos
		}
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// Needles returns the prefilter needles of the names u selects: text one of
// which every file where such a call is written contains.
func (t *Table) Needles(u Use) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range t.Select(u) {
		names := a.Adders
		if u.Undos {
			names = a.Undos
		}
		for _, n := range names {
			nd := Needle(a.Form, n)
			if !seen[nd] {
				seen[nd] = true
				out = append(out, nd)
			}
		}
		if !u.Undos {
			// A wrapper's import names its module, not the adder.
			for _, m := range sortedKeys(a.Modules) {
				if !seen[m] {
					seen[m] = true
					out = append(out, m)
				}
			}
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// shortName is the longest method name whose bare text would match too
// much unrelated code ("on" is in every "function"): such names are looked
// for in their call form.
const shortName = 4

// Needle returns the text every call of name written in form contains: the
// name itself, or ".name(" for a short method name.
func Needle(form Form, name string) string {
	if form == Method && len(name) <= shortName {
		return "." + name + "("
	}
	return name
}

// Covered reports whether a file containing want always contains one of
// needles, so a rule with those needles runs wherever want is written.
func Covered(want string, needles []string) bool {
	for _, n := range needles {
		if strings.Contains(want, n) {
			return true
		}
	}
	return false
}

// Extend returns t with configured listener pairs, adder to undo
// (owners.listenerPairs: {"listen": "unlisten"}), as emitter-style
// listener APIs. A pair replaces a built-in API of the same adder; that
// built-in keeps its other adders. Without pairs it returns t.
func (t *Table) Extend(pairs map[string]string) (*Table, error) {
	if len(pairs) == 0 {
		return t, nil
	}
	adds := make([]string, 0, len(pairs))
	for add, undo := range pairs {
		if !identifier(add) || !identifier(undo) {
			return nil, fmt.Errorf("listenerPairs: %q: %q is not a pair of method names", add, undo)
		}
		if add == undo {
			return nil, fmt.Errorf("listenerPairs: %q cannot undo itself", add)
		}
		if _, ok := pairs[undo]; ok {
			return nil, fmt.Errorf("listenerPairs: %q is both an adder and the undo of %q", undo, add)
		}
		if a, ok := t.Adder(Listener, undo); ok {
			return nil, fmt.Errorf("listenerPairs: %q undoes %q, but %q is a built-in %s listener adder", undo, add, undo, a.Style)
		}
		if len(t.Undo(Listener, add)) > 0 {
			return nil, fmt.Errorf("listenerPairs: %q registers, but it is a built-in listener undo", add)
		}
		adds = append(adds, add)
	}
	sort.Strings(adds)
	var list []API
	for _, a := range t.apis {
		c := *a
		if c.Family == Listener {
			c.Adders = nil
			for _, n := range a.Adders {
				if _, replaced := pairs[n]; !replaced {
					c.Adders = append(c.Adders, n)
				}
			}
			if len(c.Adders) == 0 {
				continue
			}
		}
		list = append(list, c)
	}
	for _, add := range adds {
		list = append(list, API{Family: Listener, Style: Emitter, Form: Method, Adders: []string{add}, Undos: []string{pairs[add]},
			Args: Args{Target: None, Event: 0, Handler: 1, Options: None}, IDArg: None, Returns: Receiver, Configured: true,
			Note: "owners.listenerPairs"})
	}
	return New(list)
}
