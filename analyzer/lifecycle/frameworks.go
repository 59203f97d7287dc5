package lifecycle

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// ClassBase returns the text of a class's extends clause ("React.Component",
// "LitElement"), without type arguments, or "".
func ClassBase(class syntax.Node) string {
	for _, c := range class.Children() {
		if c.Kind() != "class_heritage" {
			continue
		}
		for _, h := range c.Children() {
			if h.Kind() == "extends_clause" {
				return h.Get("value").Text()
			}
			if h.Kind() != "implements_clause" {
				return h.Text() // JavaScript: the expression itself
			}
		}
	}
	return ""
}

// ClassImplements reports whether a TypeScript class implements iface.
func ClassImplements(class syntax.Node, iface string) bool {
	found := false
	for _, c := range class.Children() {
		if c.Kind() != "class_heritage" {
			continue
		}
		c.Walk(func(n syntax.Node) bool {
			if n.Kind() == "implements_clause" {
				for _, t := range n.Children() {
					if t.Text() == iface {
						found = true
					}
				}
			}
			return true
		})
	}
	return found
}

// providedInRoot: an Angular service made once for the whole application
// (the root or platform injector), destroyed only with it.
var providedInRoot = regexp.MustCompile(`providedIn\s*:\s*['"](root|platform)['"]`)

// RootProvided reports an @Injectable class provided in the root (or
// platform) injector: one instance, for the application's life.
func RootProvided(class syntax.Node) bool {
	d := class
	if p := class.Parent(); p.Kind() == "export_statement" {
		d = p
	}
	for _, n := range []syntax.Node{class, d} {
		for c := n.FirstChild(); c.Valid(); c = c.NextSibling() {
			if c.Kind() == "decorator" && strings.Contains(c.Text(), "Injectable") && providedInRoot.MatchString(c.Text()) {
				return true
			}
		}
	}
	return false
}

// Decorators returns the names of a class's decorators (`@Component(...)`
// gives "Component"), including those written before `export`.
func Decorators(class syntax.Node) []string {
	var names []string
	add := func(n syntax.Node) {
		for c := n.FirstChild(); c.Valid(); c = c.NextSibling() {
			if c.Kind() != "decorator" {
				continue
			}
			d := c.Child(0)
			if d.Kind() == "call_expression" {
				d = d.Get("function")
			}
			if d.Kind() == "member_expression" {
				d = d.Get("property")
			}
			names = append(names, d.Text())
		}
	}
	add(class)
	if p := class.Parent(); p.Kind() == "export_statement" {
		add(p)
	}
	return names
}

// FieldNames returns the names of a class's fields, whatever their value.
func FieldNames(class syntax.Node) map[string]bool {
	out := make(map[string]bool)
	for _, m := range class.Get("body").Children() {
		if m.Kind() == "public_field_definition" || m.Kind() == "field_definition" {
			key := m.Get("name")
			if !key.Valid() {
				key = m.Get("property")
			}
			out[propertyName(key)] = true
		}
	}
	return out
}

// ClassName returns a class's name, or "" for an anonymous class.
func ClassName(class syntax.Node) string { return class.Get("name").Text() }

// Methods returns a class's methods and function-valued fields by name.
func Methods(class syntax.Node) map[string]syntax.Node {
	out := make(map[string]syntax.Node)
	body := class.Get("body")
	for _, m := range body.Children() {
		switch m.Kind() {
		case "method_definition":
			out[propertyName(m.Get("name"))] = m
		case "public_field_definition", "field_definition":
			key := m.Get("name")
			if !key.Valid() {
				key = m.Get("property")
			}
			if v := scope.Unwrap(m.Get("value")); scope.IsFunction(v) {
				out[propertyName(key)] = v
			}
		}
	}
	return out
}

func (m *Model) classOwner(class, fn syntax.Node) (*Owner, bool) {
	key := class.Index()
	if cached, ok := m.owners[-key-1]; ok {
		return cached, false
	}
	var o *Owner
	if !m.isMixin(class) && !m.livesWithApp(class) {
		o = m.applyImported(m.conventionOwner(class), class)
	}
	m.owners[-key-1] = o
	return o, false
}

// appRootFile reports files that hold an application's root, which lives
// as long as the page: a SvelteKit app's root layout, and the root
// component the Vue and Svelte scaffolds put at src/App.vue or
// src/App.svelte, which the entry file mounts once (nextcloud/mail's
// App.vue polls its mailboxes for the whole session by design). A
// component file holds one component, so the file is the root. A root of
// another name is known from the entry that mounts it (approot.go).
func appRootFile(path string) bool {
	p := filepath.ToSlash(path)
	return strings.HasSuffix(p, "src/routes/+layout.svelte") ||
		strings.HasSuffix(p, "src/App.vue") || strings.HasSuffix(p, "src/App.svelte")
}

// keptElement describes custom elements that a framework creates once and
// keeps for the session: it hides them instead of removing them, so they
// are never torn down and what they register while shown is removed when
// they hide, not when they disconnect.
type keptElement struct {
	// Framework names who keeps them, for docs and tests.
	Framework string
	// Methods the class has (its own or inherited in the file).
	Methods []string
	// Fields the class declares.
	Fields []string
	// Unless names members (fields or methods) that opt the class out.
	Unless []string
}

// keptElements: Home Assistant's dialog manager (make-dialog-manager.ts)
// creates a legacy dialog's element on first show, appends it once and
// keeps it, calling showDialog(params)/closeDialog() on it; dialogs marked
// dialogNext are dropped on close and created again. A dialog that writes
// its own disconnectedCallback expects to be disconnected (it is appended
// to a shadow root that can go), so its teardown is checked as usual.
var keptElements = []keptElement{
	{
		Framework: "Home Assistant dialog manager",
		Methods:   []string{"showDialog", "closeDialog"},
		Fields:    []string{"hass"},
		Unless:    []string{"dialogNext", "disconnectedCallback"},
	},
}

// keptByFramework reports a class whose instances a framework keeps for
// the session (keptElements).
func (m *Model) keptByFramework(class syntax.Node, methods map[string]syntax.Node) bool {
	fields := FieldNames(class)
	for _, k := range keptElements {
		ok := true
		for _, name := range k.Unless {
			ok = ok && !fields[name] && !methods[name].Valid()
		}
		for _, name := range k.Methods {
			ok = ok && methods[name].Valid()
		}
		for _, name := range k.Fields {
			ok = ok && fields[name]
		}
		if ok {
			return true
		}
	}
	return false
}

// inAppShell reports a component the application's root template renders
// unconditionally (a header or sidebar around the router outlet): Angular
// destroys it only with the application. The template is another file,
// so the project's facts say.
func (m *Model) inAppShell(class syntax.Node) bool {
	if m.facts == nil {
		return false
	}
	sel := componentSelector(class)
	return sel != "" && m.facts.InAppShell(sel)
}

// componentSelector returns the element selector of a component
// (`selector: 'app-header'`), or "" for attribute or compound selectors.
func componentSelector(class syntax.Node) string {
	sel := ""
	visit := func(n syntax.Node) {
		n.Walk(func(c syntax.Node) bool {
			if sel == "" && c.Kind() == "pair" && propertyName(c.Get("key")) == "selector" {
				sel = strings.ToLower(strings.Trim(c.Get("value").Text(), "'\"`"))
			}
			return sel == ""
		})
	}
	for _, d := range classDecorators(class) {
		visit(d)
	}
	if strings.ContainsAny(sel, "[.,: #") {
		return ""
	}
	return sel
}

// angularRoot reports the bootstrapped root component (selector app-root,
// gf-root, ...): Angular never destroys it while the app runs.
func angularRoot(class syntax.Node) bool {
	sel := componentSelector(class)
	return ClassName(class) == "AppComponent" || strings.HasSuffix(sel, "-root")
}

// classDecorators returns the decorators written on a class, including
// those before `export`.
func classDecorators(class syntax.Node) []syntax.Node {
	var out []syntax.Node
	for c := class.FirstChild(); c.Valid(); c = c.NextSibling() {
		if c.Kind() == "decorator" {
			out = append(out, c)
		}
	}
	if p := class.Parent(); p.Kind() == "export_statement" {
		for c := p.FirstChild(); c.Valid(); c = c.NextSibling() {
			if c.Kind() == "decorator" {
				out = append(out, c)
			}
		}
	}
	return out
}

// isMixin reports a class that extends a parameter of the function that
// makes it (`(Base) => class extends Base {...}`): the classes it is mixed
// into decide its lifetime, so it is not judged as an owner of its own.
func (m *Model) isMixin(class syntax.Node) bool {
	for _, c := range class.Children() {
		if c.Kind() != "class_heritage" {
			continue
		}
		var base syntax.Node
		c.Walk(func(n syntax.Node) bool {
			if base.Valid() {
				return false
			}
			if n.Kind() == "identifier" {
				base = n
				return false
			}
			return n.Kind() != "implements_clause"
		})
		b := m.scope.Resolve(base)
		return b != nil && b.Kind == scope.Param && b.Scope.Node.Contains(class)
	}
	return false
}

func lastSegment(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	// Mixins: class X extends SomeMixin(LitElement)
	if i := strings.LastIndexByte(s, '('); i >= 0 {
		return strings.TrimRight(s[i+1:], ") ")
	}
	return s
}

func hasAny(methods map[string]syntax.Node, names ...string) bool {
	for _, n := range names {
		if _, ok := methods[n]; ok {
			return true
		}
	}
	return false
}

// Vue.

var vueOptionKeys = map[string]bool{
	"mounted": true, "created": true, "beforeMount": true, "beforeCreate": true, "setup": true,
	"beforeUnmount": true, "unmounted": true, "beforeDestroy": true, "destroyed": true,
	"activated": true, "deactivated": true, "methods": true, "data": true, "computed": true, "watch": true,
}

// vueModules are the modules whose import makes a file's useX functions
// Vue composables.
var vueModules = []string{"vue", "@vue", "vue-demi", "@vueuse", "nuxt", "#app", "#imports"}

var vueDefiners = map[string]bool{
	"defineComponent": true, "defineNuxtComponent": true, "extend": true, "component": true,
	"createApp": true, "Vue": true, "mixin": true, "genericComponent": true, "createComponent": true,
}

// InstanceDataEntry reports an entry of the object o's instance-data
// option returns (Convention.InstanceData: Vue's `data() { return { ... }
// }`, `data: () => ({ ... })`, `data: function () { ... }`): each instance
// gets a new one, so what the entry creates, the instance creates.
func (o *Owner) InstanceDataEntry(entry syntax.Node) bool {
	name, obj := o.Follows().InstanceData, entry.Parent()
	if name == "" || !o.Class.Valid() || obj.Kind() != "object" {
		return false
	}
	up := obj.Parent()
	for up.Kind() == "parenthesized_expression" {
		up = up.Parent()
	}
	var fn syntax.Node
	switch {
	case up.Kind() == "return_statement":
		fn = enclosingFunction(up)
	case up.Kind() == "arrow_function" && scope.Unwrap(up.Get("body")).Index() == obj.Index():
		fn = up
	default:
		return false
	}
	if options := enclosingObject(fn); !options.Valid() || options.Index() != o.Class.Index() {
		return false
	}
	key := fn.Get("name") // data() { ... }
	if fn.Kind() != "method_definition" {
		key = fn.Parent().Get("key") // data: () => ...
	}
	return propertyName(key) == name
}

// enclosingVueOptions returns the Vue options object fn is a method of
// (directly, or through its methods/watch/computed sections).
func (m *Model) enclosingVueOptions(fn syntax.Node) syntax.Node {
	var obj syntax.Node
	switch p := fn.Parent(); {
	case fn.Kind() == "method_definition" && p.Kind() == "object":
		obj = p
	case p.Kind() == "pair" && p.Parent().Kind() == "object":
		obj = p.Parent()
	default:
		return syntax.Node{}
	}
	if pair := obj.Parent(); pair.Kind() == "pair" {
		switch propertyName(pair.Get("key")) {
		case "methods", "watch", "computed":
			obj = pair.Parent()
		}
	}
	if m.isVueOptions(obj) {
		return obj
	}
	return syntax.Node{}
}

func (m *Model) isVueOptions(obj syntax.Node) bool {
	if obj.Kind() != "object" {
		return false
	}
	keys := 0
	for _, c := range obj.Children() {
		var k string
		switch c.Kind() {
		case "method_definition":
			k = propertyName(c.Get("name"))
		case "pair":
			k = propertyName(c.Get("key"))
		}
		if vueOptionKeys[k] {
			keys++
		}
	}
	if keys == 0 {
		return false
	}
	p := obj.Parent()
	if p.Kind() == "arguments" {
		call := p.Parent()
		name := CalleeName(call)
		if inner := scope.Unwrap(call.Get("function")); inner.Kind() == "call_expression" {
			// Curried definers: Vuetify's genericComponent<Slots>()({...}).
			name = CalleeName(inner)
		}
		if vueDefiners[name] {
			return true
		}
	}
	if p.Kind() == "export_statement" {
		// `export default { ... }` in a .vue file's script is the
		// component, whether or not it declares a lifecycle hook. The same
		// object in a .js or .ts file is a mixin (or a plugin's options):
		// whoever mixes it in decides how long it lives, often the app
		// root, which never unmounts. Not an owner we can judge.
		return m.component.Framework == "vue"
	}
	return false
}

func (m *Model) vueOptionsOwner(obj, fn syntax.Node) (*Owner, bool) {
	key := -obj.Index() - 1
	if cached, ok := m.owners[key]; ok {
		return cached, false
	}
	o := &Owner{Kind: VueOptions, Node: obj, Name: "this component", Class: obj, TeardownName: vueOptions.Cleanup.Create, Convention: vueOptions}
	// Hook events (`this.$once("hook:beforeDestroy", fn)`) are Vue 2's,
	// and Vue 2 calls only its own teardown hooks.
	hooks := vueHookCallbacks(obj)
	vue2 := len(hooks) > 0 || m.VueMajor() == 2
	names := vueOptionsTeardowns
	if vue2 {
		names = vue2Teardowns
	}
	for _, c := range obj.Children() {
		var k string
		var f syntax.Node
		switch c.Kind() {
		case "method_definition":
			k, f = propertyName(c.Get("name")), c
		case "pair":
			k, f = propertyName(c.Get("key")), scope.Unwrap(c.Get("value"))
		}
		if contains(names, k) && scope.IsFunction(f) {
			o.Teardowns = append(o.Teardowns, f)
		}
	}
	if len(o.Teardowns) > 0 {
		o.TeardownName = methodName(o.Teardowns[0])
	}
	if vue2 {
		o.Convention = vue2Component
		if len(o.Teardowns) == 0 {
			o.TeardownName = vue2Component.Cleanup.Create
		}
	}
	o.Teardowns = append(o.Teardowns, hooks...)
	m.addMixinTeardowns(o, obj)
	m.owners[key] = o
	return o, false
}

// vueHookCallbacks returns the functions an options component hands to
// `this.$once("hook:beforeDestroy", fn)` (or $on): they run when it ends.
func vueHookCallbacks(obj syntax.Node) []syntax.Node {
	if !strings.Contains(obj.Text(), "hook:") {
		return nil
	}
	var out []syntax.Node
	obj.Walk(func(n syntax.Node) bool {
		if n.Kind() != "call_expression" {
			return true
		}
		fn := scope.Unwrap(n.Get("function"))
		if fn.Kind() != "member_expression" || scope.Unwrap(fn.Get("object")).Kind() != "this" {
			return true
		}
		if name := fn.Get("property").Text(); name != "$once" && name != "$on" {
			return true
		}
		args := n.Get("arguments")
		if ev := args.Child(0); ev.Kind() == "string" && vueHookEvents[strings.Trim(ev.Text(), "'\"`")] {
			if cb := scope.Unwrap(args.Child(1)); scope.IsFunction(cb) {
				out = append(out, cb)
			}
		}
		return true
	})
	return out
}

// isSvelteHook reports a module-level function of a Svelte module
// (`x.svelte.ts`, `x.svelte.js`, where runes work outside components) that
// is named as a hook (`useX`) or calls onDestroy or $effect in its own body.
// Only the compiler treats such a file specially, so its name is what says
// that components call these functions during their initialisation.
func (m *Model) isSvelteHook(fn syntax.Node) bool {
	if !strings.HasSuffix(m.path, ".svelte.ts") && !strings.HasSuffix(m.path, ".svelte.js") {
		return false
	}
	for p := fn.Parent(); p.Valid(); p = p.Parent() {
		if scope.IsFunction(p) || p.Kind() == "class_body" {
			return false
		}
	}
	if hookDeclaration(fn) {
		return true
	}
	found := false
	fn.Get("body").Walk(func(n syntax.Node) bool {
		if found || scope.IsFunction(n) {
			return false
		}
		if n.Kind() == "call_expression" {
			found = isEffectRune(n) || CalleeName(n) == "onDestroy" && m.fromOrUnimported("onDestroy", "svelte")
		}
		return !found
	})
	return found
}

// svelteHookNeedles are the declarations hookDeclaration accepts, for the
// prefilter (OwnerNeedles).
var svelteHookNeedles = []string{"function use", "const use"}

// hookDeclaration reports a function declared under a hook's name:
// `function useX() {}` or `const useX = () => {}`.
func hookDeclaration(fn syntax.Node) bool {
	var text string
	switch d := fn.Parent(); {
	case fn.Kind() == "function_declaration":
		text = strings.TrimPrefix(fn.Text(), "async ")
		text = strings.TrimPrefix(text, "function ")
	case d.Kind() == "variable_declarator" && d.Parent().Kind() == "lexical_declaration" && strings.HasPrefix(d.Parent().Text(), "const use"):
		text = d.Text()
	default:
		return false
	}
	return strings.HasPrefix(text, "use") && len(text) > 3 && (text[3] >= 'A' && text[3] <= 'Z')
}

// svelteHookOwner makes the owner of a Svelte hook: its teardowns are the
// onDestroy callbacks in it and the functions its own $effect callbacks
// return (Svelte runs those when the calling component is destroyed).
func (m *Model) svelteHookOwner(fn syntax.Node) *Owner {
	c := svelteHook
	name := methodName(fn)
	if name == "" {
		name = "this hook"
	}
	o := &Owner{Kind: c.Kind, Node: fn, Setup: fn, Name: name, TeardownName: c.Cleanup.Create, Convention: c}
	o.Teardowns = m.callbacksOf(fn, c.TeardownCallbacks...)
	effects := &Owner{}
	fn.Get("body").Walk(func(n syntax.Node) bool {
		if n.Kind() == "call_expression" && isEffectRune(n) {
			if cb := scope.Unwrap(n.Get("arguments").Child(0)); scope.IsFunction(cb) {
				m.collectReturns(effects, cb)
			}
		}
		return true
	})
	o.Teardowns = append(o.Teardowns, effects.Teardowns...)
	return o
}

// isEffectRune reports a call of Svelte 5's $effect or $effect.pre.
func isEffectRune(call syntax.Node) bool {
	switch scope.Unwrap(call.Get("function")).Text() {
	case "$effect", "$effect.pre":
		return true
	}
	return false
}

var vueTeardownHooks = []string{"onBeforeUnmount", "onUnmounted", "onScopeDispose", "onDeactivated", "onCleanup", "onInvalidate", "onWatcherCleanup", "tryOnScopeDispose", "tryOnUnmounted"}

func (m *Model) vueSetupOwner(fn syntax.Node) *Owner {
	name := methodName(fn)
	if name == "" {
		name = "setup"
	}
	c := vueSetup
	if strings.HasPrefix(name, "use") {
		c = vueComposable
	}
	o := &Owner{Kind: c.Kind, Node: fn, Setup: fn, Name: name, TeardownName: c.Cleanup.Create, Convention: c}
	o.Teardowns = m.callbacksOf(fn, c.TeardownCallbacks...)
	return o
}

// isVueComposable reports a `useX` function in a file that uses Vue, or a
// function that registers Vue lifecycle hooks itself.
func (m *Model) isVueComposable(fn syntax.Node) bool {
	if !m.importsFrom(vueModules...) {
		return false
	}
	name := methodName(fn)
	if strings.HasPrefix(name, "use") || name == "setup" {
		return true
	}
	found := false
	fn.Walk(func(n syntax.Node) bool {
		if found {
			return false
		}
		if n.Kind() == "call_expression" {
			switch CalleeName(n) {
			case "onMounted", "onBeforeUnmount", "onUnmounted", "onScopeDispose":
				found = m.ImportedFrom(CalleeName(n)) != ""
			}
		}
		return true
	})
	return found
}
