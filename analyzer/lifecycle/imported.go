package lifecycle

import (
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Imports answers questions about what a file imports from other files of
// the project, from facts computed there (package analyzer/facts). Every
// answer is about one import: spec is the module as written in the import
// (`./base`, `@app/events`), name the exported name (`default` for a
// default import). An import that cannot be resolved to a project file has
// no answer (ok=false): it is unknown, never guessed.
type Imports interface {
	// Class describes an exported class, or a mixin (a function that
	// returns a class extending its argument).
	Class(spec, name string) (ImportedClass, bool)
	// Function describes an exported function that registers or undoes a
	// listener, or disposes what it is given.
	Function(spec, name string) (ImportedFunction, bool)
	// LongLived reports an exported value that lives as long as the
	// program: a module-level emitter or store, `export const x = new X()`,
	// a class provided in the root injector or bound in singleton scope.
	LongLived(spec, name string) bool
	// InAppShell reports an Angular component selector that the
	// application's root component renders unconditionally: the
	// component lives as long as the application.
	InAppShell(selector string) bool
	// MountedRoot returns the names under which an entry module of the
	// project mounts this file as the application's root, once at its top
	// level ("default" for the default export), or nil.
	MountedRoot() []string
}

// ImportedClass is what a class declared in another file contributes to a
// class that extends it.
type ImportedClass struct {
	// Framework is the framework base the class chain ends in, written as
	// this package's conventions know it ("React.Component", "LitElement",
	// "HTMLElement"), or "".
	Framework string
	// Teardowns are the teardown methods declared along the chain
	// (dispose, ngOnDestroy, disconnectedCallback, ...).
	Teardowns []string
	// Hooks are methods the inherited teardowns call on `this`: a
	// subclass that overrides one runs it when the instance ends.
	Hooks []string
	// Cleaned are the fields (`this.<name>`) the inherited teardowns
	// dispose, unsubscribe, clear or iterate.
	Cleaned []string
	// Collectors are methods that store their argument in a cleaned field
	// (`this._register(d)` pushing into `this._store`).
	Collectors []string
	// Singleton: the class has one instance for the program's life.
	Singleton bool
	// Requests are the class's own methods that only return one request
	// of its Angular HttpClient, which completes after one response.
	Requests []string
	// VueMixin: the export is a Vue options object (a mixin) with
	// teardown hooks; Hooks are then the methods they call on `this`,
	// through the mixin's own methods, which a component mixing it in
	// may declare.
	VueMixin bool
	// Open: the chain leaves what facts know (a base from node_modules or
	// an unresolved import), so bases further up are unknown.
	Open bool
}

// ImportedFunction is what an exported helper function does with its
// arguments. Argument positions are 0-based; -1 means none.
type ImportedFunction struct {
	// Registers: calls addEventListener / on on its Target argument with
	// its Event and Handler arguments. ReturnsUndo: and returns a function
	// that removes it.
	Registers   bool
	ReturnsUndo bool
	// ReturnsDisposable: it returns an object whose dispose() removes the
	// listener (VS Code's addDisposableListener).
	ReturnsDisposable bool
	// Undoes: calls removeEventListener / off on its Target argument.
	Undoes bool
	// DOM is true for addEventListener-style calls, false for emitters.
	DOM                    bool
	Target, Event, Handler int
	// Disposes is the position of an argument the function disposes
	// (calls dispose/unsubscribe/close on it or on each of its elements).
	Disposes int
}

// importOf splits the model's import entry of a local name.
func (m *Model) importOf(local string) (spec, name string, ok bool) {
	v, found := m.imports[local]
	if !found {
		return "", "", false
	}
	i := strings.LastIndexByte(v, '#')
	return v[:i], v[i+1:], true
}

// importedClass looks up the base class of class (or the mixin it is built
// with) in the facts of another file. ok=false when the base is not
// imported from a project file we know.
func (m *Model) importedClass(class syntax.Node) (ImportedClass, bool) {
	if m.facts == nil {
		return ImportedClass{}, false
	}
	base := ClassBase(class)
	if base == "" {
		return ImportedClass{}, false
	}
	// `extends Mixin(Base)` names the mixin first; `extends ns.Base`
	// names a namespace import.
	head := base
	if i := strings.IndexByte(head, '('); i >= 0 {
		head = strings.TrimSpace(head[:i])
	}
	if i := strings.IndexByte(head, '<'); i >= 0 {
		head = head[:i]
	}
	local, member := head, ""
	if i := strings.IndexByte(head, '.'); i >= 0 {
		local, member = head[:i], head[i+1:]
	}
	spec, name, ok := m.importOf(local)
	if !ok {
		return ImportedClass{}, false
	}
	if name == "*" {
		if member == "" || strings.Contains(member, ".") {
			return ImportedClass{}, false
		}
		name = member
	} else if member != "" {
		return ImportedClass{}, false
	}
	return m.facts.Class(spec, name)
}

// inheritTeardowns adds to o the methods of class that run when it ends
// because a base class in another file calls them from its teardown, and
// gives a class with no teardown of its own the one it inherits.
func (m *Model) inheritTeardowns(o *Owner, class syntax.Node, ic ImportedClass) *Owner {
	methods := Methods(class)
	if o == nil {
		if len(ic.Teardowns) == 0 {
			return nil
		}
		name := ClassName(class)
		if name == "" {
			name = "this class"
		}
		o = &Owner{Kind: Disposable, Node: class, Name: name, Class: class, TeardownName: ic.Teardowns[0], Convention: plainClass}
	}
	o.Inherited = &ic
	for _, h := range append(append([]string(nil), ic.Teardowns...), ic.Hooks...) {
		meth, ok := methods[h]
		if !ok {
			continue
		}
		o.addTeardown(meth)
	}
	return o
}

// applyImported refines the classification of a class whose base (or
// mixin) is declared in another file: a framework base reached through a
// project class, teardowns inherited from it, and hooks it calls. Mixins
// and classes that live with the application never get here (classOwner).
func (m *Model) applyImported(o *Owner, class syntax.Node) *Owner {
	ic, ok := m.importedClass(class)
	if !ok {
		return o
	}
	if o != nil && o.Kind == ReactClass && ic.Framework == "" && !ic.Open {
		// `extends Component` names a project class (a video player's
		// Component, say) whose whole chain is known and is not React's.
		o = m.classifyByTeardowns(class)
	}
	if ic.Framework == VideojsFramework && (o == nil || o.Convention == plainClass) {
		o = m.videojsOwner(class)
	}
	upgraded := false
	before := o
	if o == nil || o.Kind == Disposable {
		if kind, ok := frameworkKinds[ic.Framework]; ok {
			upgraded = true
			name := ClassName(class)
			if name == "" {
				name = "this class"
			}
			c := m.conventionOfKind(kind)
			teardowns := c.TeardownMethods
			fo := &Owner{Kind: kind, Node: class, Name: name, Class: class, TeardownName: teardowns[0], Convention: c}
			methods := Methods(class)
			for _, t := range teardowns {
				if meth, ok := methods[t]; ok {
					fo.Teardowns = append(fo.Teardowns, meth)
				}
			}
			if len(fo.Teardowns) > 0 {
				fo.TeardownName = methodName(fo.Teardowns[0])
			}
			o = fo
		}
	}
	o = m.inheritTeardowns(o, class, ic)
	if upgraded && o != nil && len(o.Teardowns) == 0 {
		// A framework base reached through classes of other files, and no
		// teardown anywhere in the chain we can see: often the app's own
		// shell element, created once by the page. Precision first: the
		// class is judged as it was without facts.
		return before
	}
	return o
}

// classifyByTeardowns makes a class an owner by its own teardown methods
// only, as a plain class.
func (m *Model) classifyByTeardowns(class syntax.Node) *Owner {
	methods := Methods(class)
	var names []string
	for n := range methods {
		if m.teardowns[n] {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	name := ClassName(class)
	if name == "" {
		name = "this class"
	}
	o := &Owner{Kind: Disposable, Node: class, Name: name, Class: class, TeardownName: names[0], Convention: plainClass}
	for _, n := range names {
		o.Teardowns = append(o.Teardowns, methods[n])
	}
	return o
}

// frameworkKinds maps the framework bases facts report to owner kinds.
var frameworkKinds = map[string]Kind{
	"React.Component": ReactClass,
	"HTMLElement":     WebComponent,
	"LitElement":      WebComponent,
}

// CleanedByBase reports whether holder (`this.subs`, `this._register(...)`)
// keeps a registration's handle where a teardown inherited from another
// file disposes it.
func (m *Model) CleanedByBase(o *Owner, holder syntax.Node) bool {
	if o == nil || o.Inherited == nil {
		return false
	}
	holder = scope.Unwrap(holder)
	switch holder.Kind() {
	case "member_expression":
		obj := scope.Unwrap(holder.Get("object"))
		if obj.Kind() != "this" {
			return false
		}
		return contains(o.Inherited.Cleaned, holder.Get("property").Text())
	case "call_expression":
		fn := scope.Unwrap(holder.Get("function"))
		if fn.Kind() != "member_expression" || scope.Unwrap(fn.Get("object")).Kind() != "this" {
			return false
		}
		return contains(o.Inherited.Collectors, fn.Get("property").Text())
	}
	return false
}

// Helper describes the imported function a call is made to (`unlisten(el,
// "x", h)`, `events.listen(...)` through a namespace import).
//
// Without facts about the module (one file checked alone, an import facts
// cannot resolve), a helper the API table knows by name is described by
// the table: VS Code's dom.addDisposableListener and its copies.
func (m *Model) Helper(call syntax.Node) (ImportedFunction, bool) {
	if call.Kind() != "call_expression" {
		return ImportedFunction{}, false
	}
	if m.facts == nil && !apis.DisposableListenerHelper(CalleeName(call)) {
		// Rules ask about every call: without facts only the names the
		// table knows can be answered, so nothing else is looked up.
		return ImportedFunction{}, false
	}
	fn := scope.Unwrap(call.Get("function"))
	var spec, name string
	switch fn.Kind() {
	case "identifier":
		// Rules ask about every call several times; the name's import is
		// a map lookup, its binding a walk up the scopes, so the binding is
		// looked up only for imported names.
		s, n, ok := m.importOf(fn.Text())
		if !ok || n == "*" {
			return ImportedFunction{}, false
		}
		if b := m.scope.Resolve(fn); b == nil || b.Kind != scope.Import {
			return ImportedFunction{}, false
		}
		spec, name = s, n
	case "member_expression":
		obj := scope.Unwrap(fn.Get("object"))
		if obj.Kind() != "identifier" {
			return ImportedFunction{}, false
		}
		s, n, ok := m.importOf(obj.Text())
		if !ok || n != "*" {
			return ImportedFunction{}, false
		}
		spec, name = s, fn.Get("property").Text()
	default:
		return ImportedFunction{}, false
	}
	// Rules ask about every call to a hook or helper (useEffect, listen),
	// each time following the import to the module that declares it.
	k := [2]string{spec, name}
	if a, ok := m.helpers[k]; ok {
		return a.f, a.ok
	}
	var f ImportedFunction
	ok := false
	if m.facts != nil {
		f, ok = m.facts.Function(spec, name)
	}
	if !ok && apis.DisposableListenerHelper(name) {
		f, ok = ImportedFunction{Registers: true, ReturnsDisposable: true, DOM: true, Target: 0, Event: 1, Handler: 2, Disposes: -1}, true
	}
	if m.helpers == nil {
		m.helpers = make(map[[2]string]helperAnswer)
	}
	m.helpers[k] = helperAnswer{f, ok}
	return f, ok
}

type helperAnswer struct {
	f  ImportedFunction
	ok bool
}

// LongLivedType reports whether values of the named type are program-long
// singletons according to the facts of the file that declares it (an
// Angular service provided in root, injected as `private bus: EventBus`).
func (m *Model) LongLivedType(typeName string) bool {
	if m.facts == nil || typeName == "" {
		return false
	}
	spec, name, ok := m.importOf(typeName)
	if !ok || name == "*" {
		return false
	}
	return m.facts.LongLived(spec, name)
}

// RequestMethod reports whether method, on a value of the named type,
// only returns one HttpClient request, according to the facts of the file
// that declares the type (an Angular service injected as
// `inject(VersionService)` whose check() is `return this.http.get(url)`).
func (m *Model) RequestMethod(typeName, method string) bool {
	if m.facts == nil || typeName == "" {
		return false
	}
	spec, name, ok := m.importOf(typeName)
	if !ok || name == "*" {
		return false
	}
	c, ok := m.facts.Class(spec, name)
	if !ok {
		return false
	}
	for _, r := range c.Requests {
		if r == method {
			return true
		}
	}
	return false
}

// ImportsFacts reports whether the model has facts about other files.
func (m *Model) ImportsFacts() bool { return m.facts != nil }

// addTeardown adds fn to o's teardowns unless it is one already.
func (o *Owner) addTeardown(fn syntax.Node) {
	for _, t := range o.Teardowns {
		if t.Index() == fn.Index() {
			return
		}
	}
	o.Teardowns = append(o.Teardowns, fn)
}
