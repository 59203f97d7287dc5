package caches

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// keys decides whether the keys a collection is given can take unboundedly
// many values, and whether they are objects.
type keys struct {
	p *analyzer.Pass
	// typeDecls maps type alias and enum names to their declarations.
	typeDecls map[string]syntax.Node
	// visiting holds the parameters whose callers are being followed, so
	// that recursion ends; closed remembers the answers (closedParam).
	visiting map[*scope.Binding]bool
	closed   map[*scope.Binding]bool
	// client: the file is UI code, so a workspace id is one of the
	// signed-in user's few (userSpace).
	client bool
}

// uiFile reports a file of a user interface: a .vue, .svelte, .jsx or .tsx
// file, or one importing a UI framework.
func uiFile(path string, root syntax.Node) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".vue", ".svelte", ".jsx", ".tsx":
		return true
	}
	for _, st := range root.Children() {
		if st.Kind() != "import_statement" {
			continue
		}
		if src, _ := astutil.StringValue(st.Get("source")); apis.UIModule(src) {
			return true
		}
	}
	return false
}

// userSpace reports a key that names one of the signed-in user's
// workspaces, teams or organisations in UI code: workspaceId,
// currentTeam.id, or the id of a value declared as a WorkspaceMetadata.
// A client belongs to a handful; per-document keys beside it still count.
func (k *keys) userSpace(n syntax.Node) bool {
	if !k.client {
		return false
	}
	switch n.Kind() {
	case "identifier", "shorthand_property_identifier":
		return apis.UserSpaceName(n.Text())
	case "member_expression":
		prop := n.Get("property").Text()
		if apis.UserSpaceName(prop) {
			return true
		}
		if prop != "id" {
			return false
		}
		obj := scope.Unwrap(n.Get("object"))
		switch obj.Kind() {
		case "member_expression":
			return apis.UserSpaceName(obj.Get("property").Text())
		case "identifier":
			if apis.UserSpaceName(obj.Text()) {
				return true
			}
			b := k.p.Scope.Resolve(obj)
			return b != nil && b.Kind == scope.Param && apis.UserSpaceType(declaredTypeName(b))
		}
	}
	return false
}

// declaredTypeName returns the name of the type written for a parameter,
// also for one destructured from an annotated object (`{ meta }: { meta:
// WorkspaceMetadata } & Props`), or "".
func declaredTypeName(b *scope.Binding) string {
	if t := paramType(b.Decl); t.Valid() {
		return typeName(t)
	}
	pattern := b.Decl.Parent()
	if pattern.Kind() != "object_pattern" {
		return ""
	}
	param := pattern.Parent()
	if param.Kind() != "required_parameter" && param.Kind() != "optional_parameter" {
		return ""
	}
	var name string
	param.Get("type").Walk(func(n syntax.Node) bool {
		if name != "" {
			return false
		}
		if n.Kind() == "property_signature" && n.Get("name").Text() == b.Name {
			name = typeName(n.Get("type").Child(0))
			return false
		}
		return true
	})
	return name
}

// typeName returns the name of a named type (Foo, Foo<T>), or "".
func typeName(t syntax.Node) string {
	switch t.Kind() {
	case "type_identifier":
		return t.Text()
	case "generic_type":
		return t.Get("name").Text()
	}
	return ""
}

func typeDeclarations(root syntax.Node) map[string]syntax.Node {
	out := map[string]syntax.Node{}
	for _, st := range root.Children() {
		if st.Kind() == "export_statement" {
			st = st.Get("declaration")
		}
		if st.Is("type_alias_declaration", "enum_declaration") {
			out[st.Get("name").Text()] = st
		}
	}
	return out
}

// smallDomains are key names that denote a small fixed set of values.
var smallDomains = map[string]bool{
	"locale": true, "lang": true, "language": true, "theme": true, "mode": true, "level": true,
	"loglevel": true, "env": true, "environment": true, "variant": true, "format": true, "kind": true,
	"type": true, "method": true, "dir": true, "direction": true, "currency": true, "region": true,
	"country": true, "status": true, "role": true, "scheme": true, "encoding": true, "charset": true,
	"unit": true, "severity": true, "platform": true, "size": true, "breakpoint": true,
	// Names of things the code itself defines: bounded by the program.
	"tag": true, "tagname": true, "stylename": true, "attr": true, "attrname": true, "attribute": true,
	"attributename": true, "prop": true, "propname": true, "property": true, "propertyname": true,
	"eventname": true, "methodname": true, "functionname": true, "fieldname": true,
	"typename": true, "classname": true, "componentname": true, "hookname": true, "featurename": true,
	"feature": true, "optionname": true, "modulename": true, "pluginname": true,
	// Features (a plan's limits, a beta switch, a flag) are defined by the
	// program or its operators, however they are keyed.
	"featureid": true, "featurekey": true, "featureflag": true,
	"directivename": true, "elementname": true, "rawname": true, "name": true,
	// Integrations the user or the program configures (issue trackers,
	// sign-in and storage providers): a handful per installation.
	"provider": true, "providerid": true, "providerkey": true, "providername": true,
}

var smallSuffixes = []string{"type", "kind", "locale", "mode", "level", "format", "status", "lang", "theme",
	"provider", "providerid", "providerkey"}

func smallDomain(name string) bool {
	l := strings.ToLower(strings.TrimPrefix(name, "#"))
	if smallDomains[l] {
		return true
	}
	for _, s := range smallSuffixes {
		if strings.HasSuffix(l, s) && len(l) > len(s) {
			return true
		}
	}
	return false
}

// freshValues are functions that return a new value every time.
var freshValues = map[string]bool{
	"now": true, "random": true, "randomUUID": true, "randomBytes": true, "randomInt": true,
	"uuid": true, "uuidv4": true, "v4": true, "nanoid": true, "cuid": true, "ulid": true,
	"generateId": true, "Symbol": true, "getRandomValues": true,
}

func (k *keys) anyDynamic(ns []syntax.Node) bool {
	for _, n := range ns {
		if k.dynamic(n, 0) {
			return true
		}
	}
	return false
}

// dynamic reports whether an expression can take a new value each time the
// code runs: it depends on a parameter, a request, a fresh object, the
// clock. Literals, module constants and small enumerations are not.
func (k *keys) dynamic(n syntax.Node, depth int) bool {
	n = scope.Unwrap(n)
	if depth > 6 || k.userSpace(n) {
		return false
	}
	switch n.Kind() {
	case "identifier", "shorthand_property_identifier":
		return k.dynamicName(n, depth)
	case "this":
		return !astutil.LongLivedThis(k.p.Scope, n)
	case "member_expression":
		if smallDomain(n.Get("property").Text()) {
			return false
		}
		return k.dynamic(n.Get("object"), depth+1)
	case "subscript_expression":
		return k.dynamic(n.Get("object"), depth+1) || k.dynamic(n.Get("index"), depth+1)
	case "call_expression":
		if freshValues[astutil.MethodName(n)] {
			return true
		}
		if recv, _ := astutil.Method(n); recv.Valid() && k.dynamic(recv, depth+1) {
			return true
		}
		return k.anyChild(n.Get("arguments"), depth)
	case "new_expression", "arrow_function", "function_expression", "function", "class":
		return true
	case "pair":
		return k.dynamic(n.Get("value"), depth+1)
	case "object", "array", "template_string", "template_substitution", "binary_expression", "unary_expression",
		"ternary_expression", "await_expression", "sequence_expression", "spread_element":
		return k.anyChild(n, depth)
	}
	return false
}

func (k *keys) anyChild(n syntax.Node, depth int) bool {
	for _, c := range n.Children() {
		if k.dynamic(c, depth+1) {
			return true
		}
	}
	return false
}

func (k *keys) dynamicName(id syntax.Node, depth int) bool {
	b := k.p.Scope.Resolve(id)
	if b == nil || smallDomain(b.Name) {
		return false
	}
	switch b.Kind {
	case scope.Param:
		t := paramType(b.Decl)
		return !k.smallType(t) && !k.classType(t, b.Decl, 0) && !k.closedParam(b, depth)
	case scope.CatchParam:
		return true
	case scope.FunctionDecl, scope.ClassDecl, scope.Import, scope.EnumDecl:
		return false
	}
	if b.ModuleLevel() {
		return b.Reassigned
	}
	if loop := b.Decl.Parent(); loop.Kind() == "for_in_statement" {
		return k.dynamic(loop.Get("right"), depth+1)
	}
	if b.Reassigned || !b.Init.Valid() {
		return true
	}
	return k.dynamic(b.Init, depth+1)
}

// paramType returns the type written on a parameter, or the zero Node.
func paramType(id syntax.Node) syntax.Node {
	p := id.Parent()
	if p.Kind() != "required_parameter" && p.Kind() != "optional_parameter" {
		return syntax.Node{}
	}
	return p.Get("type").Child(0)
}

// smallType reports TypeScript types with a few values: literal types and
// their unions, boolean, enums and aliases of those.
func (k *keys) smallType(t syntax.Node) bool {
	switch t.Kind() {
	case "literal_type":
		return true
	case "predefined_type":
		return t.Text() == "boolean"
	case "union_type", "parenthesized_type":
		for _, c := range t.Children() {
			if !k.smallType(c) {
				return false
			}
		}
		return t.ChildCount() > 0
	case "type_identifier":
		d := k.typeDecls[t.Text()]
		if d.Kind() == "enum_declaration" {
			return true
		}
		if d.Kind() == "type_alias_declaration" {
			return k.smallType(d.Get("value"))
		}
	}
	return false
}

// classType reports TypeScript types whose values are classes: a
// constructor type (`new (...args) => T`), `typeof Foo`, an alias of one,
// or a type parameter of the function declaring param constrained by one
// (`<P extends Constructor>(model: P)`). A collection keyed by classes is
// bounded by the classes the program defines.
func (k *keys) classType(t, param syntax.Node, depth int) bool {
	if depth > 4 {
		return false
	}
	switch t.Kind() {
	case "constructor_type", "type_query":
		return true
	case "union_type", "parenthesized_type":
		for _, c := range t.Children() {
			if !k.classType(c, param, depth+1) {
				return false
			}
		}
		return t.ChildCount() > 0
	case "type_identifier":
		if d := k.typeDecls[t.Text()]; d.Kind() == "type_alias_declaration" {
			return k.classType(d.Get("value"), param, depth+1)
		}
		for fn := astutil.EnclosingFunction(param); fn.Valid(); fn = astutil.EnclosingFunction(fn) {
			for _, tp := range fn.Get("type_parameters").Children() {
				if tp.Kind() == "type_parameter" && tp.Get("name").Text() == t.Text() {
					return k.classType(tp.Get("constraint").Child(0), param, depth+1)
				}
			}
		}
	}
	return false
}

// objectKeys reports whether every key is an object, and whether that is
// certain (a written type, `this`, a DOM node) rather than guessed from
// how the value is used.
func (k *keys) objectKeys(ns []syntax.Node) (obj, certain bool) {
	if len(ns) == 0 {
		return false, false
	}
	certain = true
	for _, n := range ns {
		o, c := k.objectKey(n, 0)
		if !o {
			return false, false
		}
		certain = certain && c
	}
	return true, certain
}

var domFactories = map[string]bool{
	"createElement": true, "createElementNS": true, "querySelector": true, "getElementById": true,
	"closest": true, "cloneNode": true, "createDocumentFragment": true, "createTextNode": true,
}

var domLinks = map[string]bool{
	"target": true, "currentTarget": true, "srcElement": true, "relatedTarget": true, "parentNode": true,
	"parentElement": true, "firstChild": true, "lastChild": true, "firstElementChild": true,
	"lastElementChild": true, "nextSibling": true, "previousSibling": true, "nextElementSibling": true,
	"previousElementSibling": true, "documentElement": true, "body": true, "head": true, "activeElement": true,
	"ownerDocument": true, "shadowRoot": true,
}

// objectNames are parameter names that hold objects in practice.
var objectNames = map[string]bool{
	"el": true, "elem": true, "element": true, "node": true, "target": true, "component": true,
	"instance": true, "obj": true, "object": true, "owner": true, "widget": true, "view": true,
	"req": true, "request": true, "res": true, "response": true, "socket": true, "ws": true,
	"connection": true, "conn": true, "client": true, "ctx": true, "context": true, "vnode": true,
}

var objectSuffixes = []string{"Element", "El", "Node", "Component", "Instance", "Socket", "Request", "Ref"}

// primitiveProps are properties and methods of strings and numbers; using
// them says nothing about a value being an object.
var primitiveProps = map[string]bool{
	"length": true, "toString": true, "toLowerCase": true, "toUpperCase": true, "trim": true,
	"trimStart": true, "trimEnd": true, "split": true, "slice": true, "substring": true, "substr": true,
	"startsWith": true, "endsWith": true, "includes": true, "indexOf": true, "lastIndexOf": true,
	"replace": true, "replaceAll": true, "match": true, "matchAll": true, "charAt": true, "charCodeAt": true,
	"codePointAt": true, "padStart": true, "padEnd": true, "concat": true, "at": true, "toFixed": true,
	"toPrecision": true, "valueOf": true, "localeCompare": true, "normalize": true, "repeat": true,
	"search": true, "toLocaleString": true, "toLocaleLowerCase": true, "toLocaleUpperCase": true,
}

func (k *keys) objectKey(n syntax.Node, depth int) (obj, certain bool) {
	n = scope.Unwrap(n)
	if depth > 4 {
		return false, false
	}
	switch n.Kind() {
	case "this", "new_expression", "object", "array", "arrow_function", "function_expression", "function", "class":
		return true, true
	case "call_expression":
		return domFactories[astutil.MethodName(n)], true
	case "member_expression":
		return domLinks[n.Get("property").Text()], true
	case "await_expression":
		return false, false
	case "identifier":
	default:
		return false, false
	}
	b := k.p.Scope.Resolve(n)
	if b == nil {
		return false, false
	}
	if b.Kind == scope.Param {
		if t := paramType(b.Decl); t.Valid() {
			return k.objectType(t), true
		}
		if objectName(b.Name) {
			return true, false
		}
		return k.usedAsObject(b), false
	}
	if b.Init.Valid() && !b.Reassigned {
		return k.objectKey(b.Init, depth+1)
	}
	if objectName(b.Name) {
		return true, false
	}
	return false, false
}

func objectName(name string) bool {
	if objectNames[name] {
		return true
	}
	for _, s := range objectSuffixes {
		if strings.HasSuffix(name, s) && len(name) > len(s) {
			return true
		}
	}
	return false
}

// objectType reports TypeScript types whose values are objects: named
// types, object types, arrays, functions.
func (k *keys) objectType(t syntax.Node) bool {
	switch t.Kind() {
	case "type_identifier", "generic_type", "nested_type_identifier":
		name := t.Text()
		if t.Kind() == "generic_type" {
			name = t.Get("name").Text()
		}
		if d, ok := k.typeDecls[name]; ok {
			if d.Kind() == "enum_declaration" {
				return false
			}
			return k.objectType(d.Get("value"))
		}
		return true
	case "object_type", "array_type", "function_type", "tuple_type", "constructor_type":
		return true
	case "predefined_type":
		return t.Text() == "object"
	case "union_type", "intersection_type", "parenthesized_type":
		for _, c := range t.Children() {
			if !k.objectType(c) {
				return false
			}
		}
		return t.ChildCount() > 0
	}
	return false
}

// usedAsObject reports a parameter the function reads properties from
// that strings and numbers do not have, and never uses like a string.
func (k *keys) usedAsObject(b *scope.Binding) bool {
	object := false
	for _, r := range k.p.Scope.References(b) {
		p := r.Parent()
		switch p.Kind() {
		case "member_expression":
			if r.Field() == "object" {
				if primitiveProps[p.Get("property").Text()] {
					return false
				}
				object = true
			}
		case "template_substitution", "binary_expression":
			return false
		}
	}
	return object
}

// outsideRoots are names whose values come from outside the program on
// every call: requests, messages, events and their payloads.
var outsideRoots = map[string]bool{
	"req": true, "request": true, "ctx": true, "msg": true, "message": true, "payload": true,
	"params": true, "query": true, "body": true, "headers": true, "socket": true, "client": true,
	"packet": true, "frame": true, "job": true, "task": true,
}

// currentUser names objects that stand for the one signed-in user.
var currentUser = map[string]bool{"user": true, "currentUser": true, "me": true, "account": true, "session": true}

// idName matches names of identifiers minted per entity: id, requestId,
// session_id, uuid, connectionKey. A bare `key` says nothing.
var idName = regexp.MustCompile(`^(id|uuid|guid|token)$|[a-z0-9](Id|ID|Uuid|UUID|Guid|Key|Token)$|_(id|uuid|key)$`)

// externalSource returns, for keys that come from per-call or outside
// input, the name that shows it (`requestId`, `req.params.user`, `uuid()`);
// "" when nothing says so.
func (k *keys) externalSource(c kind, ns []syntax.Node) string {
	if c == arrayKind {
		return "every call"
	}
	for _, n := range ns {
		if obj, _ := k.objectKey(n, 0); obj {
			return "the objects it is given"
		}
		if k.configured(n, 0) {
			continue
		}
		if s := k.external(n, 0); s != "" {
			return s
		}
	}
	return ""
}

func (k *keys) external(n syntax.Node, depth int) string {
	n = scope.Unwrap(n)
	if depth > 6 || !n.Valid() {
		return ""
	}
	switch n.Kind() {
	case "identifier", "shorthand_property_identifier":
		name := n.Text()
		if smallDomain(name) || k.userSpace(n) {
			return "" // the bounded part of a composite key names nothing
		}
		if idName.MatchString(name) || outsideRoots[name] {
			return "`" + name + "`"
		}
		b := k.p.Scope.Resolve(n)
		if b == nil || b.Kind == scope.Param || b.ModuleLevel() {
			return ""
		}
		if loop := b.Decl.Parent(); loop.Kind() == "for_in_statement" {
			return k.external(loop.Get("right"), depth+1)
		}
		if b.Init.Valid() && !b.Reassigned {
			return k.external(b.Init, depth+1)
		}
	case "member_expression":
		if k.userSpace(n) {
			return ""
		}
		prop := n.Get("property").Text()
		if obj := scope.Unwrap(n.Get("object")); obj.Kind() == "member_expression" && currentUser[obj.Get("property").Text()] && !outsideRoots[rootName(n)] {
			// hass.user.id in a client: the signed-in user, one per
			// session (req.user.id on a server is every user).
			return ""
		}
		if idName.MatchString(prop) {
			return "`" + n.Text() + "`"
		}
		if root := rootName(n); outsideRoots[root] {
			return "`" + n.Text() + "`"
		}
		return ""
	case "call_expression":
		if freshValues[astutil.MethodName(n)] {
			return "`" + n.Text() + "`"
		}
		return ""
	case "new_expression":
		return "a new object on every call"
	case "template_string", "binary_expression", "template_substitution", "array", "pair", "object":
		for _, c := range n.Children() {
			if s := k.external(c, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

// configured reports a key made only of constants and values read from
// configuration (`${cfg.url}|${cfg.username}`, this.settings.endpoint): it
// takes a new value only when someone edits the settings, so the entries
// are bounded by the accounts or endpoints configured in a session. Values
// under a request or message (req.body.config) are not configuration.
func (k *keys) configured(n syntax.Node, depth int) bool {
	n = scope.Unwrap(n)
	if depth > 6 || !n.Valid() {
		return false
	}
	if !k.dynamic(n, 0) {
		return true
	}
	switch n.Kind() {
	case "identifier":
		if apis.ConfigName(n.Text()) {
			return true
		}
		b := k.p.Scope.Resolve(n)
		if b == nil || b.Reassigned {
			return false
		}
		if b.Kind == scope.Param {
			t := paramType(b.Decl)
			if t.Kind() == "generic_type" {
				t = t.Get("name")
			}
			return t.Kind() == "type_identifier" && apis.ConfigName(t.Text())
		}
		return b.Init.Valid() && k.configured(b.Init, depth+1)
	case "member_expression":
		if outsideRoots[rootName(n)] {
			return false
		}
		return apis.ConfigName(n.Get("property").Text()) || k.configured(n.Get("object"), depth+1)
	case "template_string", "template_substitution", "binary_expression":
		for _, c := range n.Children() {
			if !k.configured(c, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// rootName returns the identifier at the root of a member chain.
func rootName(n syntax.Node) string {
	for {
		n = scope.Unwrap(n)
		switch n.Kind() {
		case "member_expression", "subscript_expression":
			n = n.Get("object")
		case "identifier":
			return n.Text()
		default:
			return ""
		}
	}
}
