package listeners

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// A listener on an object a library made for the owner dies with it: the
// zoom behaviour, force simulation or detached <svg> a component builds
// with d3 (d3.zoom(), d3.forceSimulation(nodes).on("tick", fn),
// d3.create("svg")), and the elements it appends to them
// (group.append("circle").on("click", fn)). What d3 only finds is not
// made: d3.select(window), d3.selectAll(".row") and elements appended to
// the body stay reported. The library's factories are knowledge
// (apis.MakesNew).

// libraryDepth bounds how many locals, refs and members libraryMade
// follows back to their values.
const libraryDepth = 6

// madeByLibrary reports a target a library factory made in owner o's
// code, reached through the library's fluent calls (selection.attr(...),
// simulation.force(...)), locals, Vue refs and members the owner assigns.
func madeByLibrary(p *analyzer.Pass, o *lifecycle.Owner, target syntax.Node) bool {
	if !importsD3(p) {
		return false
	}
	return libraryMade(p, o, target, false, 0)
}

type importsD3Key struct{}

// importsD3 reports a file that imports d3 or one of its modules, once
// per file (a .vue or .svelte file is parsed as its scripts, whose imports
// are at the root too).
func importsD3(p *analyzer.Pass) bool {
	return p.Memo(importsD3Key{}, func() any {
		for _, st := range p.Tree.Root().Children() {
			if st.Kind() != "import_statement" {
				continue
			}
			if src, _ := astutil.StringValue(st.Get("source")); apis.D3Module(src) {
				return true
			}
		}
		return false
	}).(bool)
}

// libraryMade walks the chain n down to its root. appended says a step
// above made new elements under the nodes below (selection.append("g")):
// then what those nodes are only matters if they outlive everything.
func libraryMade(p *analyzer.Pass, o *lifecycle.Owner, n syntax.Node, appended bool, depth int) bool {
	if depth > libraryDepth {
		return false
	}
	for {
		n = scope.Unwrap(n)
		switch n.Kind() {
		case "call_expression":
			fn := scope.Unwrap(n.Get("function"))
			if module, export, ok := d3Function(p, fn); ok {
				if apis.MakesNew(module, export) {
					return true
				}
				if apis.D3Finder(export) && appended {
					// New elements under found ones: the owner's unless
					// they join the document for good (window, the
					// body, a selector searched across the page).
					arg := scope.Unwrap(astutil.Arg(n, 0))
					return arg.Valid() && arg.Kind() != "string" && arg.Kind() != "template_string" &&
						!p.Scope.LifetimeOf(arg).LongLived() && !leadsOutOf(arg)
				}
				return false
			}
			if fn.Kind() != "member_expression" {
				return false
			}
			name := fn.Get("property").Text()
			if apis.D3LeadsOut(name) || leadsOutCall[name] {
				return false
			}
			if apis.D3ChildMaker(name) {
				appended = true
			}
			n = fn.Get("object")
		case "member_expression":
			obj := scope.Unwrap(n.Get("object"))
			if obj.Kind() == "this" {
				return memberMade(p, o, n, appended, depth)
			}
			if obj.Kind() == "identifier" && n.Get("property").Text() == "value" {
				if values, ok := refValues(p, obj); ok {
					return allMade(p, o, values, appended, depth)
				}
			}
			if leadsOut(n.Get("property").Text()) {
				return false
			}
			n = obj
		case "identifier":
			return bindingMade(p, o, n, appended, depth)
		default:
			return false
		}
	}
}

// leadsOutOf reports an element expression that reaches the document's
// long-lived parts (el.ownerDocument.body, document.body).
func leadsOutOf(n syntax.Node) bool {
	for n = scope.Unwrap(n); n.Kind() == "member_expression"; n = scope.Unwrap(n.Get("object")) {
		if leadsOut(n.Get("property").Text()) {
			return true
		}
	}
	return false
}

// d3Function names the d3 function a callee denotes (d3.zoom with
// `import * as d3 from "d3"`, or zoom imported from d3-zoom).
func d3Function(p *analyzer.Pass, fn syntax.Node) (module, export string, ok bool) {
	switch fn.Kind() {
	case "identifier":
		module, export = p.Life.ImportedAs(fn.Text())
		return module, export, apis.D3Module(module)
	case "member_expression":
		obj := scope.Unwrap(fn.Get("object"))
		if obj.Kind() != "identifier" {
			return "", "", false
		}
		module, whole := p.Life.ImportedAs(obj.Text())
		if !apis.D3Module(module) || whole != "*" && whole != "default" {
			return "", "", false
		}
		return module, fn.Get("property").Text(), true
	}
	return "", "", false
}

// bindingMade decides for a name: a parameter is what a caller passes,
// owned only for new elements appended under it (d3's join hands the
// enter selection of the owner's chart); a local, or a variable of a
// component's instance script, by every value it is given.
func bindingMade(p *analyzer.Pass, o *lifecycle.Owner, id syntax.Node, appended bool, depth int) bool {
	b := p.Scope.Resolve(id)
	if b == nil || b.Kind == scope.Import {
		return false
	}
	if b.Kind == scope.Param {
		return appended && !p.Scope.LifetimeOf(id).LongLived()
	}
	if b.ModuleLevel() && !inInstanceScript(p, b.Decl) {
		return false
	}
	return allMade(p, o, bindingValues(p, b), appended, depth)
}

// refValues returns the values a Vue ref made empty (ref(null),
// shallowRef()) is given through ref.value = v, with ok false for any
// other binding.
func refValues(p *analyzer.Pass, id syntax.Node) (values []syntax.Node, ok bool) {
	b := p.Scope.Resolve(id)
	if b == nil || b.Kind != scope.Const || b.ModuleLevel() && !inInstanceScript(p, b.Decl) {
		return nil, false
	}
	init := scope.Unwrap(b.Init)
	fn := scope.Unwrap(init.Get("function"))
	if init.Kind() != "call_expression" || fn.Kind() != "identifier" ||
		fn.Text() != "ref" && fn.Text() != "shallowRef" || !fromModules(p, fn.Text(), []string{"vue", "@vue/reactivity", "@vue/runtime-core"}) {
		return nil, false
	}
	for _, a := range astutil.Args(init) {
		if a = scope.Unwrap(a); a.Kind() != "null" && a.Kind() != "undefined" {
			return nil, false
		}
	}
	for _, ref := range p.Scope.References(b) {
		mem := ref.Parent()
		if mem.Kind() != "member_expression" || ref.Field() != "object" || mem.Get("property").Text() != "value" {
			continue
		}
		if asg := mem.Parent(); asg.Kind() == "assignment_expression" && mem.Field() == "left" {
			values = append(values, asg.Get("right"))
		}
	}
	return values, true
}

// memberMade decides for this.x by every value owner o's class or options
// object assigns to it.
func memberMade(p *analyzer.Pass, o *lifecycle.Owner, n syntax.Node, appended bool, depth int) bool {
	key := p.Scope.Key(n)
	if key == "" || !o.Class.Valid() {
		return false
	}
	return allMade(p, o, p.Scope.AssignedIn(o.Class, key), appended, depth)
}

// allMade reports values that are all made, ignoring the empty values a
// holder starts with (null, undefined); at least one must be.
func allMade(p *analyzer.Pass, o *lifecycle.Owner, values []syntax.Node, appended bool, depth int) bool {
	made := false
	for _, v := range values {
		v = scope.Unwrap(v)
		if !v.Valid() || v.Kind() == "null" || v.Kind() == "undefined" {
			continue
		}
		if !libraryMade(p, o, v, appended, depth+1) {
			return false
		}
		made = true
	}
	return made
}

// d3Value reports a receiver of on(type, fn) that is d3's: a chain that
// starts with a d3 function (d3.select(window), zoom(), a selection
// appended to one), directly or through the locals, empty Vue refs and
// members it is kept in. d3 has no off(): on(type, null) takes the
// listener off again. Other emitters in the same file (ipcRenderer.on)
// keep off().
func d3Value(p *analyzer.Pass, recv syntax.Node) bool {
	return d3Rooted(p, recv, 0)
}

func d3Rooted(p *analyzer.Pass, n syntax.Node, depth int) bool {
	if depth > libraryDepth {
		return false
	}
	for {
		n = scope.Unwrap(n)
		switch n.Kind() {
		case "call_expression":
			fn := scope.Unwrap(n.Get("function"))
			if _, _, ok := d3Function(p, fn); ok {
				return true
			}
			if fn.Kind() != "member_expression" || apis.D3LeadsOut(fn.Get("property").Text()) {
				return false
			}
			n = fn.Get("object")
		case "member_expression":
			obj := scope.Unwrap(n.Get("object"))
			if obj.Kind() == "this" {
				return anyD3(p, assignedTo(p, n), depth)
			}
			if obj.Kind() == "identifier" && n.Get("property").Text() == "value" {
				if values, ok := refValues(p, obj); ok {
					return anyD3(p, values, depth)
				}
			}
			if obj.Kind() == "identifier" && obj.Text() == "d3" && p.Scope.Resolve(obj) == nil {
				return true // d3.event, a global d3's parts
			}
			n = obj
		case "identifier":
			b := p.Scope.Resolve(n)
			if b == nil {
				return n.Text() == "d3"
			}
			if b.Kind == scope.Param || b.Kind == scope.Import {
				return false
			}
			return anyD3(p, bindingValues(p, b), depth)
		default:
			return false
		}
	}
}

// anyD3 reports values of which one or more is a d3 value (the others
// being null, or the same value kept again).
func anyD3(p *analyzer.Pass, values []syntax.Node, depth int) bool {
	for _, v := range values {
		if v.Valid() && d3Rooted(p, v, depth+1) {
			return true
		}
	}
	return false
}

// assignedTo returns the values this.x is given in the class or options
// object that this denotes there.
func assignedTo(p *analyzer.Pass, member syntax.Node) []syntax.Node {
	return p.Scope.AssignedIn(p.Scope.ThisOwner(member), p.Scope.Key(member))
}

// parseNullRemoval reads d3's removal, sel.on("click", null): every
// listener of that type (and name, "click.tip") goes, as off("click")
// would take them off an emitter. In a file that imports d3 the shape is
// enough (a simulation handed in through props is d3's too); elsewhere
// the receiver must lead to a global d3.
func parseNullRemoval(p *analyzer.Pass, n syntax.Node) (call, bool) {
	recv, name := astutil.Method(n)
	if name != "on" || !recv.Valid() {
		return call{}, false // every call of the file comes here: no arguments read
	}
	args := astutil.Args(n)
	if len(args) != 2 || scope.Unwrap(args[1]).Kind() != "null" || !eventLike(args[0]) ||
		!importsD3(p) && !d3Value(p, recv) {
		return call{}, false
	}
	c := call{node: n, style: Emitter, method: name, target: recv, event: args[0]}
	c.eventName, c.eventIsText = astutil.StringValue(c.event)
	return c, true
}

// rereadable reports a d3 target the teardown can write again and reach
// the same nodes: names, members and d3.select(...) lookups. A chain that
// appends or sets attributes would make or change nodes when run again.
func rereadable(p *analyzer.Pass, target syntax.Node) bool {
	for n := scope.Unwrap(target); ; {
		switch n.Kind() {
		case "identifier", "this":
			return true
		case "member_expression":
			n = scope.Unwrap(n.Get("object"))
		case "call_expression":
			_, export, ok := d3Function(p, scope.Unwrap(n.Get("function")))
			return ok && apis.D3Finder(export)
		default:
			return false
		}
	}
}
