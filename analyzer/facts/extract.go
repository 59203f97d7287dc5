package facts

import (
	"regexp"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// teardownNames are the methods that end an instance: the plain-class
// teardowns and the framework ones.
var teardownNames = func() map[string]bool {
	m := map[string]bool{"componentWillUnmount": true, "ngOnDestroy": true, "disconnectedCallback": true}
	for _, t := range lifecycle.DefaultTeardownMethods {
		m[t] = true
	}
	return m
}()

var (
	elementBase = regexp.MustCompile(`^HTML\w*Element$`)
)

// storeFactories make program-long shared objects when called at module
// level.
var storeFactories = map[string]bool{
	"createStore": true, "configureStore": true, "writable": true, "readable": true, "derived": true,
	"mitt": true, "createNanoEvents": true, "createEventBus": true, "defineStore": true,
}

// disposerMethods end what they are called on.
var disposerMethods = map[string]bool{
	"dispose": true, "unsubscribe": true, "close": true, "destroy": true, "disconnect": true,
	"abort": true, "terminate": true, "stop": true, "cancel": true, "remove": true,
}

// Extract computes the facts of one parsed file.
func Extract(t *syntax.Tree) *Module {
	m := &Module{}
	x := &extractor{m: m, singletonBound: map[string]bool{}}
	root := t.Root()
	for _, st := range root.Children() {
		x.statement(st, false)
	}
	// Component.registerComponent("Button", Button): a framework's own
	// component, whatever it extends.
	for _, st := range root.Children() {
		call := scope.Unwrap(st.Child(0))
		if st.Kind() != "expression_statement" || call.Kind() != "call_expression" {
			continue
		}
		fn := scope.Unwrap(call.Get("function"))
		if fn.Kind() != "member_expression" {
			continue
		}
		fw := lifecycle.RegisteringCall(fn.Get("property").Text())
		if fw == "" {
			continue
		}
		for _, a := range call.Get("arguments").Children() {
			if c, ok := m.Classes[scope.Unwrap(a).Text()]; ok && c.Framework == "" && !c.Mixin {
				c.Framework = fw
				m.Classes[scope.Unwrap(a).Text()] = c
			}
		}
	}
	if text := root.Text(); containsAny(text, mountNeedles) {
		m.Mounts = x.mounts(root)
	}
	for name := range x.singletonBound {
		if c, ok := m.Classes[name]; ok {
			c.Singleton = true
			m.Classes[name] = c
		}
	}
	return m
}

type extractor struct {
	m              *Module
	singletonBound map[string]bool
}

func (x *extractor) statement(st syntax.Node, exported bool) {
	m := x.m
	switch st.Kind() {
	case "import_statement":
		x.imports(st)
	case "export_statement":
		x.export(st)
	case "class_declaration", "abstract_class_declaration":
		x.class(st.Get("name").Text(), st)
	case "function_declaration":
		name := st.Get("name").Text()
		if f, ok := function(st); ok {
			x.function(name, f)
		} else if c := mixinClass(st); c.Valid() {
			x.mixin(name, c)
		}
	case "lexical_declaration", "variable_declaration":
		for _, d := range st.Children() {
			if d.Kind() != "variable_declarator" {
				continue
			}
			name := d.Get("name")
			if name.Kind() != "identifier" {
				continue
			}
			x.value(name.Text(), d.Get("value"), st.Get("kind").Text() == "const" || st.Kind() == "lexical_declaration" && !st.HasToken("let"))
		}
	case "expression_statement":
		// container.bind(Service).toSelf().inSingletonScope()
		if strings.Contains(st.Text(), "inSingletonScope") {
			st.Walk(func(n syntax.Node) bool {
				if n.Kind() == "call_expression" {
					fn := scope.Unwrap(n.Get("function"))
					if fn.Kind() == "member_expression" && fn.Get("property").Text() == "bind" {
						if a := scope.Unwrap(n.Get("arguments").Child(0)); a.Kind() == "identifier" {
							x.singletonBound[a.Text()] = true
						}
					}
				}
				return true
			})
		}
	}
	_ = m
}

func (x *extractor) imports(st syntax.Node) {
	for _, b := range scope.Imports(st) {
		x.addImport(b.Local, Ref{Spec: b.Source, Name: b.Name})
	}
}

func (x *extractor) addImport(local string, r Ref) {
	if x.m.Imports == nil {
		x.m.Imports = map[string]Ref{}
	}
	x.m.Imports[local] = r
}

func (x *extractor) addExport(exported, local string) {
	if x.m.Exports == nil {
		x.m.Exports = map[string]string{}
	}
	x.m.Exports[exported] = local
}

func (x *extractor) export(st syntax.Node) {
	src, hasSource := stringValue(st.Get("source"))
	if hasSource {
		clause := syntax.Node{}
		nsAlias := ""
		for _, c := range st.Children() {
			switch c.Kind() {
			case "export_clause":
				clause = c
			case "namespace_export":
				for _, id := range c.Children() {
					if id.Kind() == "identifier" || id.Kind() == "string" {
						nsAlias = unquote(id.Text())
					}
				}
			}
		}
		switch {
		case clause.Valid():
			for _, sp := range clause.Children() {
				if sp.Kind() != "export_specifier" {
					continue
				}
				name := unquote(sp.Get("name").Text())
				alias := name
				if a := sp.Get("alias"); a.Valid() {
					alias = unquote(a.Text())
				}
				if x.m.Reexports == nil {
					x.m.Reexports = map[string]Ref{}
				}
				x.m.Reexports[alias] = Ref{Spec: src, Name: name}
			}
		case nsAlias != "":
			if x.m.Reexports == nil {
				x.m.Reexports = map[string]Ref{}
			}
			x.m.Reexports[nsAlias] = Ref{Spec: src, Name: "*"}
		default:
			x.m.ReexportAll = append(x.m.ReexportAll, src)
		}
		return
	}
	if d := st.Get("declaration"); d.Valid() {
		x.statement(d, true)
		switch d.Kind() {
		case "class_declaration", "abstract_class_declaration", "function_declaration":
			name := d.Get("name").Text()
			if st.HasToken("default") {
				x.addExport("default", name)
			} else {
				x.addExport(name, name)
			}
		case "lexical_declaration", "variable_declaration":
			for _, v := range d.Children() {
				if v.Kind() == "variable_declarator" && v.Get("name").Kind() == "identifier" {
					n := v.Get("name").Text()
					x.addExport(n, n)
				}
			}
		}
		return
	}
	for _, c := range st.Children() {
		if c.Kind() == "export_clause" {
			for _, sp := range c.Children() {
				if sp.Kind() != "export_specifier" {
					continue
				}
				name := unquote(sp.Get("name").Text())
				alias := name
				if a := sp.Get("alias"); a.Valid() {
					alias = unquote(a.Text())
				}
				x.addExport(alias, name)
			}
			return
		}
	}
	// export default <expression>
	if v := scope.Unwrap(st.Get("value")); v.Valid() {
		switch v.Kind() {
		case "identifier":
			x.addExport("default", v.Text())
		case "class":
			x.class("default", v)
			x.addExport("default", "default")
		case "arrow_function", "function_expression", "function":
			x.value("default", v, true)
			x.addExport("default", "default")
		default:
			x.value("default", v, true)
			x.addExport("default", "default")
		}
	}
}

// value records a module-level variable: a helper function, a mixin, or
// a long-lived value.
func (x *extractor) value(name string, v syntax.Node, constant bool) {
	v = scope.Unwrap(v)
	if !v.Valid() {
		return
	}
	switch v.Kind() {
	case "arrow_function", "function_expression", "function":
		if f, ok := function(v); ok {
			x.function(name, f)
		} else if c := mixinClass(v); c.Valid() {
			x.mixin(name, c)
		}
		return
	case "class":
		x.class(name, v)
		return
	case "object":
		if c, ok := vueMixinFact(v); ok {
			x.addClass(name, c)
		}
		return
	}
	if !constant {
		return
	}
	switch v.Kind() {
	case "new_expression":
		x.longLived(name)
	case "call_expression":
		fn := scope.Unwrap(v.Get("function"))
		callee := fn.Text()
		if fn.Kind() == "member_expression" {
			callee = fn.Get("property").Text()
		}
		if storeFactories[callee] {
			x.longLived(name)
		}
	}
}

func (x *extractor) longLived(name string) {
	if x.m.LongLived == nil {
		x.m.LongLived = map[string]bool{}
	}
	x.m.LongLived[name] = true
}

func (x *extractor) function(name string, f Function) {
	if x.m.Functions == nil {
		x.m.Functions = map[string]Function{}
	}
	x.m.Functions[name] = f
}

func (x *extractor) mixin(name string, class syntax.Node) {
	c := x.classFact(class)
	c.Mixin = true
	c.BaseLocal, c.BaseRef = "", nil
	x.addClass(name, c)
}

func (x *extractor) class(name string, class syntax.Node) {
	if name == "" {
		return
	}
	x.addClass(name, x.classFact(class))
}

func (x *extractor) addClass(name string, c Class) {
	if x.m.Classes == nil {
		x.m.Classes = map[string]Class{}
	}
	x.m.Classes[name] = c
}

// classFact reads what a class contributes to subclasses.
func (x *extractor) classFact(class syntax.Node) Class {
	var c Class
	x.base(&c, lifecycle.ClassBase(class))
	c.Singleton = lifecycle.RootProvided(class)
	methods := lifecycle.Methods(class)
	seen := map[string]bool{}
	var queue []string
	for name := range methods {
		if teardownNames[name] {
			c.Teardowns = append(c.Teardowns, name)
			queue = append(queue, name)
			seen[name] = true
		}
	}
	hooks, cleaned := map[string]bool{}, map[string]bool{}
	for len(queue) > 0 && len(seen) < 64 {
		name := queue[0]
		queue = queue[1:]
		methods[name].Walk(func(n syntax.Node) bool {
			if n.Kind() != "member_expression" || scope.Unwrap(n.Get("object")).Kind() != "this" {
				return true
			}
			prop := n.Get("property").Text()
			if p := n.Parent(); p.Kind() == "call_expression" && p.Get("function").Index() == n.Index() {
				hooks[prop] = true
				if _, own := methods[prop]; own && !seen[prop] {
					seen[prop] = true
					queue = append(queue, prop)
				}
				if _, own := methods[prop]; own {
					return true
				}
				// Not a method here: an abstract hook, or a field holding
				// a disposer (`this.unsubscribe()`); either way mentioned.
			}
			cleaned[prop] = true
			return true
		})
	}
	c.Hooks = sortedKeys(hooks)
	c.Cleaned = sortedKeys(cleaned)
	sortStrings(c.Teardowns)
	// Collectors: methods that put their first parameter into a cleaned
	// field (`_register(d) { this._store.add(d); return d }`).
	for name, meth := range methods {
		params := paramNames(meth)
		if len(params) == 0 {
			continue
		}
		collects := false
		meth.Walk(func(n syntax.Node) bool {
			if collects || n.Kind() != "call_expression" {
				return !collects
			}
			fn := scope.Unwrap(n.Get("function"))
			if fn.Kind() != "member_expression" {
				return true
			}
			switch fn.Get("property").Text() {
			case "push", "add", "set", "unshift":
			default:
				return true
			}
			field := scope.Unwrap(fn.Get("object"))
			if field.Kind() != "member_expression" || scope.Unwrap(field.Get("object")).Kind() != "this" || !cleaned[field.Get("property").Text()] {
				return true
			}
			for _, a := range n.Get("arguments").Children() {
				if a = scope.Unwrap(a); a.Kind() == "identifier" && a.Text() == params[0] {
					collects = true
				}
			}
			return true
		})
		if collects {
			c.Collectors = append(c.Collectors, name)
		}
	}
	sortStrings(c.Collectors)
	c.Requests = x.requests(class, methods)
	return c
}

// requests returns the methods whose body is one return of a request of
// the class's own HttpClient, possibly piped through operators that keep
// it one request. Anything else (a switchMap onto another stream, a
// branch, a second statement) is not a request.
func (x *extractor) requests(class syntax.Node, methods map[string]syntax.Node) []string {
	clients := x.httpClients(class)
	if len(clients) == 0 {
		return nil
	}
	var out []string
	for name, meth := range methods {
		body := meth.Get("body")
		if body.Kind() != "statement_block" || body.ChildCount() != 1 || body.Child(0).Kind() != "return_statement" {
			continue
		}
		if x.isRequest(body.Child(0).Child(0), clients) {
			out = append(out, name)
		}
	}
	sortStrings(out)
	return out
}

// isRequest reports this.<client>.get(...) with an HttpClient field,
// under .pipe(...) of request operators.
func (x *extractor) isRequest(e syntax.Node, clients map[string]bool) bool {
	e = scope.Unwrap(e)
	for e.Kind() == "call_expression" {
		fn := scope.Unwrap(e.Get("function"))
		if fn.Kind() != "member_expression" {
			return false
		}
		recv, method := scope.Unwrap(fn.Get("object")), fn.Get("property").Text()
		if method != "pipe" {
			return apis.HTTPRequestMethod(method) && recv.Kind() == "member_expression" &&
				scope.Unwrap(recv.Get("object")).Kind() == "this" && clients[recv.Get("property").Text()]
		}
		for _, op := range e.Get("arguments").Children() {
			op = scope.Unwrap(op)
			if op.Kind() != "call_expression" || !apis.SingleRequestOperator(scope.Unwrap(op.Get("function")).Text()) {
				return false
			}
		}
		e = recv
	}
	return false
}

// httpClients returns the class's fields that hold Angular's HttpClient:
// `http = inject(HttpClient)` or a constructor parameter property typed
// HttpClient, with HttpClient imported from @angular/common/http.
func (x *extractor) httpClients(class syntax.Node) map[string]bool {
	if r, ok := x.m.Imports["HttpClient"]; !ok || r.Spec != "@angular/common/http" || r.Name != "HttpClient" {
		return nil
	}
	out := map[string]bool{}
	for _, c := range class.Get("body").Children() {
		switch c.Kind() {
		case "public_field_definition", "field_definition":
			v := scope.Unwrap(c.Get("value"))
			if v.Kind() == "call_expression" && v.Get("function").Text() == "inject" && scope.Unwrap(v.Get("arguments").Child(0)).Text() == "HttpClient" {
				out[c.Get("name").Text()] = true
			}
		case "method_definition":
			if c.Get("name").Text() != "constructor" {
				continue
			}
			for _, prm := range c.Get("parameters").Children() {
				if prm.Kind() != "required_parameter" || !parameterProperty(prm) {
					continue
				}
				if t := prm.Get("type"); t.Valid() && strings.TrimSpace(strings.TrimPrefix(t.Text(), ":")) == "HttpClient" {
					out[prm.Get("pattern").Text()] = true
				}
			}
		}
	}
	return out
}

// parameterProperty reports a constructor parameter that declares a field
// (`private http: HttpClient`).
func parameterProperty(prm syntax.Node) bool {
	for c := prm.FirstChild(); c.Valid(); c = c.NextSibling() {
		switch c.Kind() {
		case "accessibility_modifier", "readonly", "override_modifier":
			return true
		}
	}
	return false
}

// base records where a class's base comes from.
func (x *extractor) base(c *Class, base string) {
	if base == "" {
		return
	}
	head, arg := base, ""
	if i := strings.IndexByte(head, '('); i >= 0 {
		head, arg = strings.TrimSpace(head[:i]), strings.Trim(strings.TrimSpace(head[i+1:]), ") ")
	}
	if i := strings.IndexByte(head, '<'); i >= 0 {
		head = head[:i]
	}
	if fw := x.framework(head); fw != "" {
		c.Framework = fw
		return
	}
	if arg != "" {
		// Mixin(LitElement): the framework comes from the argument.
		c.Framework = x.framework(arg)
	}
	local, member := head, ""
	if i := strings.IndexByte(head, '.'); i >= 0 {
		local, member = head[:i], head[i+1:]
	}
	if r, ok := x.m.Imports[local]; ok {
		switch {
		case member == "" && r.Name != "*":
			c.BaseRef = &Ref{Spec: r.Spec, Name: r.Name}
		case member != "" && r.Name == "*" && !strings.Contains(member, "."):
			c.BaseRef = &Ref{Spec: r.Spec, Name: member}
		default:
			c.BaseOpen = true
		}
		return
	}
	if member == "" && lifecycle.IsIdentifier(local) {
		c.BaseLocal = local
		return
	}
	c.BaseOpen = true
}

// framework names a framework base class by convention, when the file
// imports it from the framework (or it is a DOM global).
func (x *extractor) framework(head string) string {
	local, member := head, ""
	if i := strings.IndexByte(head, '.'); i >= 0 {
		local, member = head[:i], head[i+1:]
	}
	r, imported := x.m.Imports[local]
	from := func(pkgs ...string) bool {
		for _, p := range pkgs {
			if r.Spec == p || strings.HasPrefix(r.Spec, p+"/") {
				return true
			}
		}
		return false
	}
	switch {
	case imported && from("react", "preact") && (member == "Component" || member == "PureComponent" || member == "" && (r.Name == "Component" || r.Name == "PureComponent")):
		return "React.Component"
	case imported && from("lit", "lit-element", "@lit/reactive-element") && member == "" && (r.Name == "LitElement" || r.Name == "ReactiveElement"):
		return "LitElement"
	case !imported && member == "" && elementBase.MatchString(local):
		return "HTMLElement"
	}
	return ""
}

// function reads what a helper does with its parameters. ok=false for a
// function that neither registers, undoes nor disposes.
func function(fn syntax.Node) (Function, bool) {
	params := paramNames(fn)
	if len(params) == 0 {
		return Function{}, false
	}
	index := func(n syntax.Node) int {
		n = scope.Unwrap(n)
		if n.Kind() != "identifier" {
			return -1
		}
		for i, p := range params {
			if p == n.Text() {
				return i
			}
		}
		return -1
	}
	f := Function{Target: -1, Event: -1, Handler: -1, Disposes: -1}
	body := fn.Get("body")
	body.Walk(func(n syntax.Node) bool {
		switch n.Kind() {
		case "call_expression":
		case "for_in_statement":
			// for (const d of list) d.dispose()
			if i := index(n.Get("right")); i >= 0 && callsDisposer(n.Get("body")) {
				f.Disposes = i
			}
			return true
		default:
			return true
		}
		callee := scope.Unwrap(n.Get("function"))
		if callee.Kind() != "member_expression" {
			return true
		}
		method := callee.Get("property").Text()
		recv := index(callee.Get("object"))
		args := n.Get("arguments").Children()
		if recv < 0 {
			return true
		}
		switch method {
		case "addEventListener", "on", "addListener", "removeEventListener", "off", "removeListener":
			if len(args) < 2 {
				return true
			}
			ev, h := index(args[0]), index(args[1])
			if h < 0 {
				return true
			}
			adds := method == "addEventListener" || method == "on" || method == "addListener"
			nested := insideNestedFunction(n, fn)
			switch {
			case adds && !nested:
				f.Registers, f.Target, f.Event, f.Handler = true, recv, ev, h
				f.DOM = method == "addEventListener"
			case !adds && nested && returnedFunction(n, fn):
				f.ReturnsUndo = true
			case !adds && nested && returnedDisposable(n, fn):
				f.ReturnsDisposable = true
			case !adds && !nested:
				f.Undoes, f.Target, f.Event, f.Handler = true, recv, ev, h
				f.DOM = method == "removeEventListener"
			}
		case "forEach":
			if len(args) > 0 && callsDisposer(args[0]) {
				f.Disposes = recv
			}
		default:
			if disposerMethods[method] && !insideNestedFunction(n, fn) {
				f.Disposes = recv
			}
		}
		return true
	})
	if f.Registers && f.Undoes {
		// A toggle (`on ? add : remove`): neither a plain registration
		// nor a plain undo.
		return Function{}, false
	}
	if !f.Registers {
		f.ReturnsUndo, f.ReturnsDisposable = false, false
	}
	return f, f.Registers || f.Undoes || f.Disposes >= 0
}

func callsDisposer(n syntax.Node) bool {
	found := false
	n.Walk(func(c syntax.Node) bool {
		if c.Kind() == "call_expression" {
			if callee := scope.Unwrap(c.Get("function")); callee.Kind() == "member_expression" && disposerMethods[callee.Get("property").Text()] {
				found = true
			}
		}
		return !found
	})
	return found
}

// insideNestedFunction reports whether n is in a function nested in fn.
func insideNestedFunction(n, fn syntax.Node) bool {
	for p := n.Parent(); p.Valid() && p.Index() != fn.Index(); p = p.Parent() {
		if scope.IsFunction(p) {
			return true
		}
	}
	return false
}

// outerFunctionWithin returns the outermost function around n inside fn
// (fn's own nested function that holds n), or the zero Node.
func outerFunctionWithin(n, fn syntax.Node) syntax.Node {
	var inner syntax.Node
	for p := n.Parent(); p.Valid() && p.Index() != fn.Index(); p = p.Parent() {
		if scope.IsFunction(p) {
			inner = p
		}
	}
	return inner
}

// returnedFunction reports whether the nested function around n is what
// fn returns.
func returnedFunction(n, fn syntax.Node) bool {
	inner := outerFunctionWithin(n, fn)
	if !inner.Valid() {
		return false
	}
	p := inner.Parent()
	for p.Kind() == "parenthesized_expression" {
		p = p.Parent()
	}
	return p.Kind() == "return_statement" || p.Index() == fn.Index() && inner.Field() == "body"
}

// returnedDisposable reports whether the nested function around n is the
// dispose method of an object literal fn returns: `return { dispose() {...} }`
// or `{ dispose: () => {...} }`, VS Code's IDisposable.
func returnedDisposable(n, fn syntax.Node) bool {
	inner := outerFunctionWithin(n, fn)
	if !inner.Valid() {
		return false
	}
	var key, obj syntax.Node
	switch p := inner.Parent(); {
	case inner.Kind() == "method_definition" && p.Kind() == "object":
		key, obj = inner.Get("name"), p
	case p.Kind() == "pair" && p.Parent().Kind() == "object":
		key, obj = p.Get("key"), p.Parent()
	default:
		return false
	}
	if unquote(key.Text()) != "dispose" {
		return false
	}
	p := obj.Parent()
	for p.Kind() == "parenthesized_expression" || p.Kind() == "as_expression" || p.Kind() == "satisfies_expression" {
		p = p.Parent()
	}
	return p.Kind() == "return_statement" || p.Index() == fn.Index() && obj.Field() == "body"
}

// mixinClass returns the class a mixin function makes (`(Base) => class
// extends Base {...}`), or the zero Node.
func mixinClass(fn syntax.Node) syntax.Node {
	params := paramNames(fn)
	if len(params) == 0 {
		return syntax.Node{}
	}
	var found syntax.Node
	fn.Get("body").Walk(func(n syntax.Node) bool {
		if found.Valid() {
			return false
		}
		if n.Kind() == "class" || n.Kind() == "class_declaration" {
			base := lifecycle.ClassBase(n)
			if base == params[0] || strings.HasSuffix(base, "("+params[0]+")") {
				found = n
			}
			return false
		}
		return true
	})
	return found
}

func paramNames(fn syntax.Node) []string {
	ps := fn.Get("parameters")
	if !ps.Valid() {
		if p := fn.Get("parameter"); p.Kind() == "identifier" {
			return []string{p.Text()}
		}
		return nil
	}
	var out []string
	for _, p := range ps.Children() {
		switch p.Kind() {
		case "identifier":
			out = append(out, p.Text())
		case "required_parameter", "optional_parameter":
			if pat := p.Get("pattern"); pat.Kind() == "identifier" {
				out = append(out, pat.Text())
			} else {
				out = append(out, "")
			}
		case "assignment_pattern":
			out = append(out, p.Get("left").Text())
		default:
			if p.IsNamed() && p.Kind() != "comment" {
				out = append(out, "")
			}
		}
	}
	return out
}

func stringValue(n syntax.Node) (string, bool) {
	if n.Kind() != "string" {
		return "", false
	}
	return unquote(n.Text()), true
}

func unquote(s string) string { return strings.Trim(s, "'\"`") }

func containsAny(s string, needles [][]byte) bool {
	for _, n := range needles {
		if strings.Contains(s, string(n)) {
			return true
		}
	}
	return false
}
