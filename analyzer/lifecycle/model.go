package lifecycle

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Model is the lifecycle model of one file. Owners are found on demand and
// cached, so files with no registrations pay nothing.
type Model struct {
	tree      *syntax.Tree
	scope     *scope.Info
	effects   map[string]bool
	teardowns map[string]bool
	// owners caches OwnerOf by function node index (nil = not an owner).
	owners map[int]*Owner
	// imports maps local names to the module they come from.
	imports map[string]string
	// component is set for .vue and .svelte files.
	component Component
	// instanceOwners caches the component owner of each instance script.
	instanceOwners map[int]*Owner
	// singletons caches moduleSingletons.
	singletons map[string]bool
	// loadCalls holds the names of functions called as the module loads
	// (madeAtLoad).
	loadCalls map[string]bool
	// conventions are the class-like owner conventions in force.
	conventions []*Convention
	// appRoot is set for files that hold the application's root, which is
	// never torn down.
	appRoot bool
	// path is the file's path (Config.Path).
	path string
	// mounted caches what of the file an entry module mounts as the
	// application's root (approot.go; nil: not asked yet).
	mounted *mountedRoot
	// packages are the project's dependencies (Config.Packages).
	packages map[string]string
	// vueMajor caches VueMajor (-1: not computed yet).
	vueMajor int
	// facts answers questions about other files (nil: this file alone).
	facts Imports
	// helpers remembers facts' answers about imported functions (Helper).
	helpers map[[2]string]helperAnswer
	// protos indexes the file's prototype methods (constructors.go; nil:
	// not asked yet).
	protos *protoIndex
	// guards caches the init-once guard places of each function
	// (onceguard.go), by the function's node index.
	guards map[int][]string
}

// Build prepares the model. It does no walk of its own beyond reading the
// file's imports.
func Build(t *syntax.Tree, sc *scope.Info, cfg Config) *Model {
	m := &Model{
		tree:           t,
		scope:          sc,
		effects:        make(map[string]bool),
		teardowns:      make(map[string]bool),
		owners:         make(map[int]*Owner),
		imports:        make(map[string]string),
		component:      cfg.Component,
		instanceOwners: make(map[int]*Owner),
		appRoot:        appRootFile(cfg.Path),
		path:           cfg.Path,
		packages:       cfg.Packages,
		vueMajor:       -1,
		conventions:    Conventions,
		facts:          cfg.Imports,
	}
	for _, h := range DefaultEffectHooks {
		m.effects[h] = true
	}
	for _, h := range cfg.EffectHooks {
		m.effects[h] = true
	}
	for _, t := range DefaultTeardownMethods {
		m.teardowns[t] = true
	}
	for _, t := range cfg.TeardownMethods {
		m.teardowns[t] = true
	}
	for _, st := range t.Root().Children() {
		if st.Kind() != "import_statement" {
			continue
		}
		for _, b := range scope.Imports(st) {
			m.imports[b.Local] = b.Source + "#" + b.Name
		}
	}
	return m
}

// ImportedFrom returns the module a local name is imported from ("react"),
// or "" when it is not imported.
func (m *Model) ImportedFrom(name string) string {
	v := m.imports[name]
	if i := strings.IndexByte(v, '#'); i >= 0 {
		return v[:i]
	}
	return ""
}

// ImportedAs returns the module and the exported name a local name is
// imported as ("electron", "ipcMain"; "default" or "*" for a default or
// namespace import), or "", "".
func (m *Model) ImportedAs(name string) (module, export string) {
	module, export, _ = strings.Cut(m.imports[name], "#")
	return module, export
}

// importsFrom reports whether the file imports anything from a module whose
// name is pkg or starts with pkg + "/".
func (m *Model) importsFrom(pkgs ...string) bool {
	for _, v := range m.imports {
		src := v[:strings.IndexByte(v, '#')]
		for _, p := range pkgs {
			if src == p || strings.HasPrefix(src, p+"/") {
				return true
			}
		}
	}
	return false
}

// IsTeardownName reports whether a method name is a teardown of plain
// classes (built in or configured).
func (m *Model) IsTeardownName(name string) bool { return m.teardowns[name] }

// CalleeName returns the name a call is made through: `useEffect(...)` and
// `React.useEffect(...)` both give "useEffect" (and the facts layer reads
// `createApp(App)` and `Vue.createApp(App)` alike with it).
func CalleeName(call syntax.Node) string {
	fn := scope.Unwrap(call.Get("function"))
	switch fn.Kind() {
	case "identifier":
		return fn.Text()
	case "member_expression":
		return fn.Get("property").Text()
	}
	return ""
}

// OwnerOf returns the innermost owner whose setup makes the registration at
// n, or nil when n is not inside one (module top level, a plain function, a
// class without a teardown). A node inside a teardown has no owner: undoing
// code is not a registration.
func (m *Model) OwnerOf(n syntax.Node) *Owner {
	if m.appRoot || m.inMountedRoot(n) {
		return nil // the application's root is never torn down
	}
	if m.onceGuarded(n) {
		return nil // it runs once per page, whoever calls it
	}
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if isInstanceField(p) {
			// `ws = new WebSocket(url)` in a class body runs per instance,
			// like the constructor.
			if o, _ := m.classOwner(p.Parent().Parent(), p); o != nil {
				return o
			}
			return nil
		}
		if !scope.IsFunction(p) {
			continue
		}
		o, stop := m.ownerOfFunction(p)
		if o != nil {
			if m.inTeardown(o, n) {
				return nil
			}
			return o
		}
		if stop {
			return nil
		}
	}
	if o := m.instanceOwner(n); o != nil && !m.inTeardown(o, n) {
		return o
	}
	return nil
}

// RunsAtLoad reports whether n runs once when the module loads: it is in no
// function, and not in the instance script of a single-file component (whose
// top level runs once per component instance). Registrations there live as
// long as the program.
func (m *Model) RunsAtLoad(n syntax.Node) bool {
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if scope.IsFunction(p) {
			return false
		}
	}
	return m.instanceRange(n) < 0
}

func (m *Model) instanceRange(n syntax.Node) int {
	for i, r := range m.component.Instance {
		if n.Start() >= r.Start && n.End() <= r.End {
			return i
		}
	}
	return -1
}

// instanceOwner returns the component owner when n is in an instance
// script: Vue <script setup> behaves like a setup function, a Svelte
// instance script like a component whose teardown is onDestroy.
func (m *Model) instanceOwner(n syntax.Node) *Owner {
	i := m.instanceRange(n)
	if i < 0 {
		return nil
	}
	if o, ok := m.instanceOwners[i]; ok {
		return o
	}
	r := m.component.Instance[i]
	root := m.tree.Root()
	var o *Owner
	c, name := vueSetup, "<script setup>"
	if m.component.Framework == "svelte" {
		c, name = svelteInstance, "this component"
	}
	o = &Owner{Kind: c.Kind, Node: root, Setup: root, Name: name, TeardownName: c.Cleanup.Create, Convention: c}
	o.Teardowns = m.callbacksInRange(root, r, c.TeardownCallbacks...)
	m.instanceOwners[i] = o
	return o
}

func (m *Model) callbacksInRange(root syntax.Node, r Range, names ...string) []syntax.Node {
	var out []syntax.Node
	for _, cb := range m.callbacksOf(root, names...) {
		if cb.Start() >= r.Start && cb.End() <= r.End {
			out = append(out, cb)
		}
	}
	return out
}

// ownerOfFunction decides whether function fn is the setup of an owner.
// stop=true means fn cannot be inside an owner's setup either (for example
// a teardown method).
func (m *Model) ownerOfFunction(fn syntax.Node) (o *Owner, stop bool) {
	if cached, ok := m.owners[fn.Index()]; ok {
		return cached, false
	}
	o, stop = m.findOwner(fn)
	if !stop {
		m.owners[fn.Index()] = o
	}
	return o, stop
}

func (m *Model) findOwner(fn syntax.Node) (*Owner, bool) {
	// A callback passed to a lifecycle hook.
	if args := fn.Parent(); args.Kind() == "arguments" && args.Child(0).Index() == fn.Index() {
		call := args.Parent()
		if c, name := m.hookOf(call); c != nil {
			o := &Owner{Kind: c.Kind, Node: call, Setup: fn, Name: name,
				TeardownName: strings.ReplaceAll(c.TeardownPhrase, "%s", name), Convention: c}
			if c.ReturnsTeardown {
				m.collectReturns(o, fn)
			}
			if len(c.TeardownCallbacks) > 0 {
				where := fn
				if c.CallbacksAnywhere {
					where = m.tree.Root()
				}
				o.Teardowns = append(o.Teardowns, m.callbacksOf(where, c.TeardownCallbacks...)...)
			}
			return o, false
		}
	}
	// A method (or arrow field) of a class or options object.
	if class := enclosingClass(fn); class.Valid() {
		return m.classOwner(class, fn)
	}
	if obj := m.enclosingVueOptions(fn); obj.Valid() {
		if methodName(fn) == "setup" {
			return m.vueSetupOwner(fn), false
		}
		return m.vueOptionsOwner(obj, fn)
	}
	if obj := enclosingObject(fn); obj.Valid() {
		if o := m.factoryOwner(obj); o != nil {
			return o, false
		}
	}
	if m.isVueComposable(fn) {
		return m.vueSetupOwner(fn), false
	}
	if m.isSvelteHook(fn) {
		return m.svelteHookOwner(fn), false
	}
	if o := m.constructorOwner(fn); o != nil {
		return o, false
	}
	if o := m.instanceFactoryOwner(fn); o != nil {
		return o, false
	}
	return nil, false
}

// hookOf returns the convention whose hook call is (useEffect, onMount,
// $effect), and the name the hook is called by, or nil.
func (m *Model) hookOf(call syntax.Node) (*Convention, string) {
	name := CalleeName(call)
	text := scope.Unwrap(call.Get("function")).Text()
	for _, c := range m.conventions {
		if c.EffectHooks && m.effects[name] {
			return c, name
		}
		for _, h := range c.Hooks {
			if (h == text || h == name) && m.fromOrUnimported(name, c.HookModules...) {
				return c, name
			}
		}
	}
	return nil, ""
}

// collectReturns records what an effect or onMount callback returns.
func (m *Model) collectReturns(o *Owner, fn syntax.Node) {
	add := m.addReturned
	if fn.HasToken("async") {
		// The framework receives a promise: what the callback returns is
		// no cleanup, whatever it is.
		add = func(o *Owner, v syntax.Node) {
			if v = scope.Unwrap(v); v.Valid() {
				o.Lost = append(o.Lost, v)
			}
		}
	}
	body := fn.Get("body")
	if body.Kind() != "statement_block" {
		// `() => expr` returns expr.
		add(o, body)
		return
	}
	body.Walk(func(n syntax.Node) bool {
		if n.Index() != body.Index() && scope.IsFunction(n) {
			return false
		}
		if n.Kind() == "return_statement" {
			if v := n.Child(0); v.Valid() {
				add(o, v)
			}
			return false
		}
		return true
	})
}

func (m *Model) addReturned(o *Owner, v syntax.Node) {
	v = scope.Unwrap(v)
	if !v.Valid() {
		return
	}
	if scope.IsFunction(v) {
		o.Teardowns = append(o.Teardowns, v)
		return
	}
	if v.Kind() == "identifier" {
		if f := m.functionOf(v); f.Valid() {
			o.Teardowns = append(o.Teardowns, f)
			return
		}
	}
	o.Returned = append(o.Returned, v)
}

// FunctionOf resolves an identifier to the function it names in this file
// (a declaration, or a const given a function or a useCallback of one), or
// the zero Node. Rules use it to follow handlers and helpers by name; see
// FunctionDenoted for other expressions and other choices.
func (m *Model) FunctionOf(id syntax.Node) syntax.Node { return m.functionOf(id) }

// functionOf resolves an identifier to the function it names, if any.
func (m *Model) functionOf(id syntax.Node) syntax.Node {
	if id.Kind() != "identifier" {
		return syntax.Node{}
	}
	return m.functionNamed(id, FollowMemo)
}

// fromOrUnimported accepts a name imported from one of pkgs (any, when
// none are given), or not imported at all (a .svelte script where the
// compiler provides it, or a global).
func (m *Model) fromOrUnimported(name string, pkgs ...string) bool {
	src := m.ImportedFrom(name)
	if src == "" || len(pkgs) == 0 {
		return true
	}
	for _, pkg := range pkgs {
		if src == pkg || strings.HasPrefix(src, pkg+"/") {
			return true
		}
	}
	return false
}

// callbacksOf returns the function arguments of calls to name inside root.
func (m *Model) callbacksOf(root syntax.Node, names ...string) []syntax.Node {
	var out []syntax.Node
	root.Walk(func(n syntax.Node) bool {
		if n.Kind() != "call_expression" {
			return true
		}
		cn := CalleeName(n)
		for _, want := range names {
			if cn == want {
				for _, a := range n.Get("arguments").Children() {
					if f := scope.Unwrap(a); scope.IsFunction(f) {
						out = append(out, f)
					} else if f.Kind() == "identifier" {
						if fd := m.functionOf(f); fd.Valid() {
							out = append(out, fd)
						} else {
							// onDestroy(unsubscribe): a disposer some
							// registration returned runs at teardown.
							out = append(out, f)
						}
					} else if f.Kind() == "member_expression" {
						// onDestroy(this.cleanup) or onUnmounted(stop)
						out = append(out, f)
					}
				}
			}
		}
		return true
	})
	return out
}

// methodName is the name a method, options-object entry or setup function
// is declared under ("" for an assigned function: `exports.useX = ...` is
// no composable the model can follow).
func methodName(fn syntax.Node) string {
	if p := fn.Parent(); p.Kind() == "assignment_expression" {
		return ""
	}
	return NameOf(fn, CalledAs)
}

func propertyName(n syntax.Node) string {
	if n.Kind() == "string" {
		return strings.Trim(n.Text(), "'\"`")
	}
	return n.Text()
}

// enclosingObject returns the object literal fn is a method of, or the
// zero Node.
func enclosingObject(fn syntax.Node) syntax.Node {
	switch p := fn.Parent(); {
	case fn.Kind() == "method_definition" && p.Kind() == "object":
		return p
	case p.Kind() == "pair" && p.Parent().Kind() == "object":
		return p.Parent()
	}
	return syntax.Node{}
}

// enclosingClass returns the class whose member fn is (a method, or a
// function stored in a field), or the zero Node.
func enclosingClass(fn syntax.Node) syntax.Node {
	var member syntax.Node
	switch fn.Kind() {
	case "method_definition":
		member = fn
	default:
		if p := fn.Parent(); p.Kind() == "public_field_definition" || p.Kind() == "field_definition" {
			member = p
		}
	}
	if !member.Valid() || member.Parent().Kind() != "class_body" {
		return syntax.Node{}
	}
	return member.Parent().Parent()
}

// Component returns the single-file component layout, if any.
func (m *Model) Component() Component { return m.component }

// ScriptStart returns where code may be inserted at the top of the script
// that contains offset off: 0 for plain files, the start of the script
// block's content for components.
func (m *Model) ScriptStart(off int) int {
	for _, r := range m.component.Scripts {
		if off >= r.Start && off <= r.End {
			return r.Start
		}
	}
	if len(m.component.Scripts) > 0 {
		return m.component.Scripts[0].Start
	}
	return 0
}

// isInstanceField reports a non-static class field definition.
func isInstanceField(n syntax.Node) bool {
	if n.Kind() != "public_field_definition" && n.Kind() != "field_definition" {
		return false
	}
	return n.Parent().Kind() == "class_body" && !n.HasToken("static")
}
