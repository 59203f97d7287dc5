package caches

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/rules/internal/repeats"

	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// Unbounded is unbounded-cache.
var Unbounded = &analyzer.Rule{
	ID:       "unbounded-cache",
	Severity: analyzer.SeverityWarning,
	Kinds:    []string{"program"},
	Needles:  []string{".set(", ".add(", ".push(", ".unshift(", "] =", "]=", "] ??=", "] ||="},
	New: func(p *analyzer.Pass) analyzer.Visitor {
		return analyzer.VisitFunc(func(syntax.Node) { check(p) })
	},
	Doc: analyzer.Doc{
		Title: "Module-level cache that only grows",
		Text: `A Map, Set, array or plain object that lives as long as the program (declared at
module level, a static field, or a field of an object the module creates once, even
of an exported class whose other instances come and go) keeps
every entry it is given. When functions that run per request, per call or per event
add entries under keys they were handed (an id, a URL, a user, an element) and
nothing ever removes them, memory grows with the number of distinct keys the process
has ever seen, until it runs out.

Bound the collection (evict the oldest entry past a size limit, or use an LRU
cache), delete entries when they are no longer needed, or, when the keys are objects
or DOM nodes, use a WeakMap or WeakSet so an entry goes away with its key.

Caches keyed by a small fixed set of values (literal keys, a TypeScript union or
enum, a locale or theme), registries filled while the module loads, and queues
drained elsewhere in the file are not reported.

One removal is not enough in a component: a Map or Set entry added in a watcher
when the watched value turns on and removed only in the same watcher when it turns
off (a registry of open overlays) stays behind when the component ends while on,
unless the teardown (or any other path) removes it too.`,
		Accepts: []string{
			"any removal anywhere in the file: delete(), clear(), splice(), shift(), pop(), `delete obj[key]`, assigning `length` (for a component's watcher that adds and removes in its two branches, a removal on another path too)",
			"reassigning the collection (`cache = new Map()`, `this.items = this.items.filter(...)`), for example in a reset function",
			"a size check that evicts: `if (cache.size > MAX) cache.delete(cache.keys().next().value)`",
			"WeakMap, WeakSet and WeakRef, and caches from LRU libraries (they are not plain collections)",
			"collections and functions that make sure something happens once (warnedX, printed, deprecationWarning, warnOnce): their keys are messages the code defines",
			"version fences: a collection named for generations, epochs, revisions or versions whose entry for a key is set to that key's previous value plus a number (`gens.set(id, (gens.get(id) ?? 0) + 1)`, also through a constant or a getter in the file); work in flight compares against the number, so it must outlive that work and cannot be evicted",
			"additions at module top level, in a function run once at load (an IIFE, a function only called at top level, the constructor of a singleton), or in a register*/define*/install*/init*/setup* function",
			"keys that are literals, module constants, enum members, parameters typed as a union of literals or an enum, classes (parameters typed as a constructor type or `typeof X`: bounded by the classes the program defines), or named like a small fixed set (locale, lang, theme, mode, level, type, kind, format, ...) or like something the program itself defines (name, tag, attribute, property, event, feature, ...), features included however they are keyed (`featureId`, `featureKey`, `featureFlag`: a plan's limits or a flag, added by a release or an operator)",
			"collections exported or handed to other code (returned, passed to a function, aliased): whoever receives them may prune them",
			"removing from what an entry holds (`uploads.get(folder)?.delete(file)`, `records.get(id).instances.delete(x)`, also through a constant holding the entry): the file manages each key's contents, and only an emptied holder per key stays",
			"keys that are parameters of functions private to the file (not exported, only called, never passed around) when every call in the file passes a bounded value (a literal, a constant, the default, or such a parameter in turn)",
			"keys made only of configuration: values read from an object named or typed as configuration (cfg, config, settings, credentials, `CaldavCfg`), not under a request or message; and keys named for providers (`issueProviderId`), a handful per installation",
			"in UI code (a .vue, .svelte, .jsx or .tsx file, or one importing react, vue, svelte, @angular/core, ...), keys naming one of the signed-in user's workspaces, teams or organisations (`workspaceId`, `currentTeam.id`, the id of a parameter typed `WorkspaceMetadata`): a client belongs to a handful. A document id beside it still counts, and on a server the same key is reported",
			"caches named for assets the program ships and names by id (icons, glyphs, emoji, sprites)",
			"fields of a class whose one instance is made in an instance field initialiser of another class (`adapter = new Adapter(this.workspace)`): it lives as long as that object, so it is a singleton only when that class is one",
			"additions in private methods (TypeScript `private` or `#name`) of a singleton that only its field initialisers, its constructor or other such methods call: they run once, while the instance is built",
			"arrays pushed to only while shorter than a bounded value (`if (samples.length < MAX) samples.push(s)`, a memo filled up to an index: `for (let i = strings.length; i <= level; i++) strings.push(...)`)",
			"a most-recent list per key, stored as the key's own previous list cut to a fixed length (`recent.set(view, [row, ...(recent.get(view) ?? [])].slice(0, 20))`)",
			"additions only while the program is not ready yet (in the else branch of `if (isReady())`, under `if (!started)`, also a flag named for what became ready: `else if (app.ipcReadyWorker)`, `if (!isReadyForInput)`): a queue of what arrived during start-up",
		},
		Bad: analyzer.Example{Path: "users.js", Code: `const userCache = new Map();

export async function getUser(id) {
  if (userCache.has(id)) return userCache.get(id);
  const user = await db.users.findById(id);
  userCache.set(id, user);
  return user;
}
`},
		Good: analyzer.Example{Path: "users.js", Code: `const MAX_USER_CACHE_ENTRIES = 1000;
const userCache = new Map();

export async function getUser(id) {
  if (userCache.has(id)) return userCache.get(id);
  const user = await db.users.findById(id);
  if (userCache.size >= MAX_USER_CACHE_ENTRIES) userCache.delete(userCache.keys().next().value);
  userCache.set(id, user);
  return user;
}
`},
	},
}

// addition is a place where a collection gains an entry.
type addition struct {
	node   syntax.Node // the call, or the assignment obj[key] = v
	recv   syntax.Node // the expression denoting the collection
	method string      // set, add, push, unshift, or "" for obj[key] = v
	keys   []syntax.Node
	// source says where the keys come from, for the message ("`requestId`").
	source string
}

// keyedValue returns the value a keyed addition stores under its one key:
// the second argument of set(key, value), or the right side of
// obj[key] = value. ok is false for additions of another kind (push, add)
// and for several keys.
func keyedValue(c *collection, a addition) (value syntax.Node, ok bool) {
	if len(a.keys) != 1 {
		return syntax.Node{}, false
	}
	switch {
	case a.method == "set":
		return astutil.Arg(a.node, 1), true
	case a.method == "" && c.kind == objectKind:
		return a.node.Get("right"), true
	}
	return syntax.Node{}, false
}

// summary is what the file does with one collection.
type summary struct {
	adds    []addition
	removed bool
	// removals are the uses that remove entries (delete, clear, ...).
	removals  []syntax.Node
	escapes   bool
	enumerate bool // iterated, sized or spread: rules out WeakMap
	// entriesPruned: the file removes from a collection held in an entry
	// (`uploads.get(view)?.delete(file)`), so what each key keeps is
	// managed; only an emptied holder per key stays.
	entriesPruned bool
}

func check(p *analyzer.Pass) {
	k := &keys{p: p, typeDecls: typeDeclarations(p.Tree.Root()), client: uiFile(p.Path, p.Tree.Root())}
	for _, c := range findCollections(p) {
		if warnOnce.MatchString(c.short) || apis.CatalogueName(c.short) {
			continue
		}
		s := summarize(p, c)
		if s.escapes {
			continue
		}
		if s.removed {
			checkOwnerEnd(p, c, s)
			continue
		}
		if s.entriesPruned {
			continue
		}
		var growing []addition
		for _, a := range s.adds {
			if startup(p, c, a.node) || !k.anyDynamic(a.keys) || warnOnce.MatchString(astutil.FunctionName(astutil.EnclosingFunction(a.node))) {
				continue
			}
			if versionBump(p, c, a) {
				continue // a version fence: one number per key, kept on purpose
			}
			if bound, ok := lengthBound(p, a); ok && !k.dynamic(bound, 0) {
				continue // filled up to a bounded length, not once per call
			}
			if cappedRecent(p, c, a) {
				continue // a most-recent list per key, capped where it is written
			}
			if beforeReady(a) {
				continue // queued only while the program starts
			}
			// A key that varies is not enough: caches keyed by time zones,
			// icon names, storage names or configured URLs are bounded by
			// the program or its configuration. Report keys that come from
			// per-call or outside input (ids, requests, messages, objects
			// handed in, fresh values) and say which. An array has no keys:
			// every push outside startup grows it.
			if a.source = k.externalSource(c.kind, a.keys); a.source != "" {
				growing = append(growing, a)
			}
		}
		if len(growing) == 0 {
			continue
		}
		report(p, k, c, s, growing)
	}
}

// warnOnce matches the names of collections and functions that make sure a
// message is shown once: their keys are messages or API names the code
// itself defines, a bounded set.
var warnOnce = regexp.MustCompile(`(?i)warn|deprecat|once|logged|printed|reported|notified`)

// summarize classifies every use of c.
func summarize(p *analyzer.Pass, c *collection) summary {
	var s summary
	for _, u := range uses(p, c) {
		classify(p, c, u, &s)
	}
	sort.Slice(s.adds, func(i, j int) bool { return s.adds[i].node.Start() < s.adds[j].node.Start() })
	return s
}

var (
	addMethods = map[kind][]string{mapKind: {"set"}, setKind: {"add"}, arrayKind: {"push", "unshift"}}
	// Removing methods by kind; clear() removes from anything that has it.
	removeMethods = map[kind][]string{mapKind: {"delete", "clear"}, setKind: {"delete", "clear"},
		arrayKind: {"splice", "shift", "pop"}}
	enumerating = map[string]bool{"forEach": true, "keys": true, "values": true, "entries": true, "size": true, "length": true}
)

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// classify records what use u of collection c does.
func classify(p *analyzer.Pass, c *collection, u syntax.Node, s *summary) {
	child, parent := u, u.Parent()
	for parent.Is("parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression") {
		child, parent = parent, parent.Parent()
	}
	switch parent.Kind() {
	case "member_expression":
		prop := parent.Get("property").Text()
		gp := parent.Parent()
		if gp.Kind() == "call_expression" && parent.Field() == "function" {
			switch {
			case has(addMethods[c.kind], prop):
				s.adds = append(s.adds, addition{node: gp, recv: child, method: prop, keys: addedKeys(gp, prop)})
			case has(removeMethods[c.kind], prop) || prop == "clear":
				s.removed = true
				s.removals = append(s.removals, gp)
			case enumerating[prop]:
				s.enumerate = true
			case prop == "get" && prunes(p, gp, 0):
				s.entriesPruned = true
			}
			return
		}
		if gp.Is("assignment_expression", "augmented_assignment_expression", "update_expression") && parent.Field() != "right" && (prop == "length" || c.kind == objectKind) {
			if prop == "length" {
				s.removed = true // arr.length = 0 truncates
			}
			return
		}
		if gp.Kind() == "unary_expression" && gp.Get("operator").Text() == "delete" {
			s.removed = true
			s.removals = append(s.removals, gp)
			return
		}
		if enumerating[prop] {
			s.enumerate = true
		}
	case "subscript_expression":
		if child.Field() != "object" {
			return
		}
		gp := parent.Parent()
		switch {
		case gp.Is("assignment_expression", "augmented_assignment_expression") && parent.Field() == "left":
			if c.kind == objectKind {
				if op := gp.Get("operator").Text(); gp.Kind() == "assignment_expression" || op == "??=" || op == "||=" {
					s.adds = append(s.adds, addition{node: gp, recv: child, keys: []syntax.Node{parent.Get("index")}})
				}
			}
		case gp.Kind() == "unary_expression" && gp.Get("operator").Text() == "delete":
			s.removed = true
			s.removals = append(s.removals, gp)
		case prunes(p, parent, 0):
			s.entriesPruned = true
		}
	case "assignment_expression", "augmented_assignment_expression":
		if child.Field() == "left" {
			if parent.Index() != c.init.Index() {
				s.removed = true // reassigned: reset
			}
			return
		}
		s.escapes = true
	case "update_expression":
		s.removed = true
	case "arguments":
		if readOnly(parent.Parent(), child) {
			s.enumerate = true
			return
		}
		s.escapes = true
	case "for_in_statement":
		if child.Field() == "right" {
			s.enumerate = true
			return
		}
		s.escapes = true
	case "spread_element":
		if parent.Parent().Kind() == "arguments" && !readOnly(parent.Parent().Parent(), parent) {
			s.escapes = true
		}
		s.enumerate = true
	case "binary_expression", "unary_expression", "if_statement", "while_statement", "do_statement",
		"ternary_expression", "type_query", "expression_statement", "await_expression", "switch_statement",
		"for_statement":
		if parent.Kind() == "ternary_expression" && child.Field() != "condition" {
			s.escapes = true
		}
	default:
		// Returned, aliased, stored in an object, exported: someone else
		// may prune it.
		s.escapes = true
	}
}

// pruneMethods remove from whatever collection an entry holds.
var pruneMethods = map[string]bool{"delete": true, "clear": true, "splice": true, "shift": true, "pop": true}

// prunes reports whether entry, an expression reading one entry of a
// collection (`map.get(k)`, `obj[k]`), is used to remove from a
// collection the entry holds: `map.get(k).delete(x)`,
// `map.get(k)?.items.delete(x)`, or through a constant holding the entry
// (`const record = map.get(k); record.instances.delete(x)`).
func prunes(p *analyzer.Pass, entry syntax.Node, depth int) bool {
	if depth > 2 {
		return false
	}
	n := entry
	for i := 0; i < 3; i++ {
		parent := n.Parent()
		for parent.Is("parenthesized_expression", "non_null_expression", "as_expression") {
			n, parent = parent, parent.Parent()
		}
		switch {
		case parent.Kind() == "member_expression" && n.Field() == "object":
			if call := parent.Parent(); call.Kind() == "call_expression" && parent.Field() == "function" {
				return pruneMethods[parent.Get("property").Text()]
			}
			n = parent
		case parent.Kind() == "variable_declarator" && n.Field() == "value" && parent.Get("name").Kind() == "identifier":
			b := p.Scope.DeclaredAt(parent.Get("name"))
			if b == nil || b.Reassigned {
				return false
			}
			for _, ref := range p.Scope.References(b) {
				if prunes(p, ref, depth+1) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// addedKeys returns what identifies the new entry: the key of set, the
// value of add, the values pushed.
func addedKeys(call syntax.Node, method string) []syntax.Node {
	args := astutil.Args(call)
	if method == "set" {
		if len(args) > 0 {
			return args[:1]
		}
		return nil
	}
	return args
}

// readOnlyCalls only read the collection passed to them.
var readOnlyCalls = map[string]bool{
	"Array.from": true, "Object.keys": true, "Object.values": true, "Object.entries": true,
	"JSON.stringify": true, "console.log": true, "console.info": true, "console.debug": true,
	"console.warn": true, "console.error": true, "console.table": true, "console.dir": true,
	"util.inspect": true, "inspect": true, "String": true, "Boolean": true, "Number": true,
	"structuredClone": true, "Array.isArray": true, "Math.max": true, "Math.min": true,
	"assert": true, "assert.ok": true, "assert.equal": true, "assert.deepEqual": true,
	"assert.deepStrictEqual": true, "assert.strictEqual": true, "expect": true,
}

// readOnly reports calls that only read argument arg.
func readOnly(call, arg syntax.Node) bool {
	if call.Kind() == "new_expression" {
		switch call.Get("constructor").Text() {
		case "Map", "Set", "Array", "WeakMap", "WeakSet":
			return true // a copy
		}
		return false
	}
	callee := call.Get("function").Text()
	if callee == "Object.assign" {
		return astutil.Arg(call, 0).Index() != arg.Index()
	}
	return readOnlyCalls[callee]
}

// startup reports additions that run once, while the module loads: at top
// level (loops there included: they are bounded by the program's own
// data), in an IIFE, in the constructor of a singleton, in a registration
// function, in a promise callback of start-up code, or in a function only
// called at load and not exported.
func startup(p *analyzer.Pass, c *collection, n syntax.Node) bool {
	return repeats.RunsOnce(p, n, repeats.Once{
		ExportedRepeats: true,
		ThenOnce:        true,
		Depth:           4,
		Known: func(fn syntax.Node) bool {
			if fn.Kind() == "method_definition" && fn.Get("name").Text() == "constructor" && c.class.Valid() && !c.static && c.class.Contains(fn) {
				return true
			}
			return registration(astutil.FunctionName(fn)) || constructionOnly(p, c, fn, nil)
		},
	})
}

var registrationPrefixes = []string{"register", "define", "install", "provide", "declare", "configure", "setup", "init", "bootstrap"}

// registrationEvents end the names of handlers that fill a registry as
// plugins, modules or catalogs arrive (onPluginAdded): bounded by what is
// installed.
var registrationEvents = regexp.MustCompile(`^on\w*(Added|Registered|Installed|Loaded)$`)

// registration reports function names that fill a registry at start-up.
func registration(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if registrationEvents.MatchString(name) {
		return true
	}
	for _, pre := range registrationPrefixes {
		if len(name) < len(pre) || !strings.EqualFold(name[:len(pre)], pre) {
			continue
		}
		rest := name[len(pre):]
		if rest == "" || rest[0] >= 'A' && rest[0] <= 'Z' || rest[0] == '_' {
			return true
		}
	}
	return false
}

func keyedBy(k kind) string {
	if k == arrayKind {
		return "growing with"
	}
	return "keyed by"
}

// report words the finding and builds its fixes.
func report(p *analyzer.Pass, k *keys, c *collection, s summary, growing []addition) {
	first := growing[0]
	fn := astutil.DescribeFunction(astutil.EnclosingFunction(first.node))
	objKeys, strong := true, true
	for _, a := range s.adds {
		obj, st := k.objectKeys(a.keys)
		objKeys = objKeys && obj
		strong = strong && st
	}
	// A weak collection cannot be iterated or sized.
	weakable := objKeys && (c.kind == mapKind || c.kind == setKind) && !s.enumerate

	var verb, advice string
	switch c.kind {
	case mapKind, setKind:
		verb = "adds an entry for every new key"
		if len(first.keys) > 0 && objKeys {
			verb = "adds an entry for every object it is given"
		}
		advice = "bound it (evict the oldest entry past a size limit) or use an LRU cache"
		if weakable {
			advice = fmt.Sprintf("its keys are objects, so a Weak%s would let each entry go with its key", c.kind)
		}
	case arrayKind:
		verb = "adds an element on every call"
		advice = "cap its length (drop the oldest elements) or drain it where it is consumed"
	case objectKind:
		verb = "adds a property for every new key"
		advice = "use a Map with a size bound or an LRU cache"
		if objKeys {
			advice = "its keys are objects, which a plain object turns into the same string: use a WeakMap"
		}
	}
	msg := fmt.Sprintf("%s%s `%s`%s only grows: %s %s (%s %s) and nothing in this file removes any; %s",
		c.prefix, c.kind, c.name, c.suffix, fn, verb, keyedBy(c.kind), first.source, advice)
	start := first.node.Start()
	if first.method != "" {
		start = astutil.Callee(first.node).Start()
	}
	d := analyzer.Diagnostic{Start: start, End: first.node.End(), Message: msg,
		Related: []analyzer.Related{{Start: c.decl.Start(), End: c.decl.End(),
			Message: fmt.Sprintf("`%s` is created here", c.name)}}}
	switch {
	case !p.WantsFixes():
	case weakable:
		if f, ok := weakFix(p, c, strong); ok {
			d.Fixes = append(d.Fixes, f)
		}
	case c.kind != objectKind:
		if f, ok := boundFix(p, c, growing); ok {
			d.Fixes = append(d.Fixes, f)
		}
	}
	p.Report(d)
}
