package scope

import (
	"iter"
	"maps"
	"slices"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Info is the scope model of one file.
type Info struct {
	Tree   *syntax.Tree
	Module *Scope
	// IsModule is true for ES modules (an import or export statement) and
	// TypeScript files; it decides strict-mode questions such as whether an
	// assignment to an undeclared name creates a global.
	IsModule bool

	// scopeList lists the scopes in source order of their nodes (the
	// order Build opens them), for ScopeOf's binary search: a map by node
	// index cost a map insertion per function and block, most of opening
	// a scope.
	scopeList []*Scope
	// scopeSlab and bindingSlab hand out Scopes and Bindings from blocks,
	// not one allocation each: a large file has tens of thousands of
	// each, and they live exactly as long as the model.
	scopeSlab   []Scope
	bindingSlab []Binding
	// bindingOf answers Resolve by node index, filled by Build: 1 + the
	// index in bindings of the binding a node declares, minus that for an
	// identifier that refers to one, 0 for neither (or a global). A slice,
	// not maps of declarations and memoized lookups: rules resolve in hot
	// loops, and the maps were a seventh of an edit in the editor.
	bindingOf []int32
	bindings  []*Binding
	// Each binding's references (Binding.refs) are resolved by Build. The
	// model is complete once Build returns: nothing is filled lazily
	// except memos of answers (keys, resolved references) that do not
	// depend on who asks first, so no rule's verdict depends on which
	// other rules asked first.
	// keyOf memoizes Key by node index (a slice, not a map: rules ask for
	// keys in hot loops): 0 not asked yet, else 1 + the key's index in
	// keys. Indices rather than strings keep the slice a quarter the size
	// and free of pointers for the collector to scan.
	keyOf []int32
	keys  []string
	// functions lists the functions' node indices in source order, for
	// FunctionsIn: finding them by walking a region reads every record of
	// it, and helpers ask for the functions of a whole component.
	functions []int32
	// LongLived names values configured to live as long as the program
	// (an identifier, or a member name such as this.bus): LifetimeOf calls
	// them Global.
	LongLived map[string]bool
	// LongLivedType, when set, reports declared types whose values are
	// program-long singletons (facts about the file declaring the type:
	// an Angular service provided in root). Members and parameters
	// declared with such a type are long-lived.
	LongLivedType func(typeName string) bool
}

// Fork returns an Info that shares in's model, which nothing changes once
// Build returns, with memos and settings of its own (keys, LongLived,
// LongLivedType): for rules that run on another goroutine beside in's.
func (in *Info) Fork() *Info {
	c := *in
	c.keyOf, c.keys = nil, nil
	c.LongLived = maps.Clone(in.LongLived)
	return &c
}

// Build walks the tree once, creating scopes and declaring names and noting
// every identifier with the scope it appears in; it then resolves those
// identifiers (declarations are hoisted, so resolution waits for the walk)
// into references and marks reassigned bindings. The Info is immutable from
// then on.
func Build(t *syntax.Tree) *Info {
	in := &Info{
		Tree:      t,
		bindingOf: make([]int32, t.Len()),
	}
	root := t.Root()
	in.Module = in.push(nil, root, ModuleScope)
	in.IsModule = t.Lang.IsTypeScript()

	// Pre-order walk with an explicit stack of open scopes; a scope closes
	// when the walk leaves its node's subtree.
	type open struct {
		s   *Scope
		id  int32 // its index in scopes
		end int
	}
	stack := []open{{in.Module, 0, t.Len()}}
	// scopes lists the scopes in the order the walk opens them, for
	// identUse to name them by index.
	scopes := []*Scope{in.Module}
	enter := func(s *Scope, end int) {
		stack = append(stack, open{s, int32(len(scopes)), end})
		scopes = append(scopes, s)
	}
	// About one node in six is an identifier, up to one in four in
	// minified code; growing the list from nothing was a fifth of the
	// build on a large file.
	idents := make([]identUse, 0, t.Len()/4)
	actions := buildActions(t.Lang)
	for i := 1; i < t.Len(); i++ {
		for len(stack) > 1 && i >= stack[len(stack)-1].end {
			stack = stack[:len(stack)-1]
		}
		top := stack[len(stack)-1]
		cur := top.s
		n := t.At(i)
		if !n.IsNamed() {
			continue
		}
		switch actions[n.Symbol()] {
		case actIdent:
			idents = append(idents, identUse{int32(i), top.id})
		case actFunctionDecl:
			if name := n.Get("name"); name.Valid() {
				in.declare(cur, name, FunctionDecl, n)
			}
			s := in.push(cur, n, FunctionScope)
			in.declareParams(s, n)
			enter(s, n.SubtreeEnd())
			in.functions = append(in.functions, int32(i))
		case actFunction:
			in.functions = append(in.functions, int32(i))
			s := in.push(cur, n, FunctionScope)
			if name := n.Get("name"); name.Valid() && n.Kind() != "method_definition" {
				// A named function expression sees its own name.
				in.declare(s, name, FunctionDecl, n)
			}
			in.declareParams(s, n)
			enter(s, n.SubtreeEnd())
		case actClassDecl:
			if name := n.Get("name"); name.Valid() {
				in.declare(cur, name, ClassDecl, n)
			}
			s := in.push(cur, n, ClassScope)
			enter(s, n.SubtreeEnd())
		case actClass:
			s := in.push(cur, n, ClassScope)
			if name := n.Get("name"); name.Valid() {
				in.declare(s, name, ClassDecl, n)
			}
			enter(s, n.SubtreeEnd())
		case actBlock:
			// A function's body shares the function's scope.
			if p := n.Parent(); n.Field() == "body" && isFunction(p) {
				continue
			}
			s := in.push(cur, n, BlockScope)
			enter(s, n.SubtreeEnd())
		case actBlockScope:
			s := in.push(cur, n, BlockScope)
			enter(s, n.SubtreeEnd())
			if n.Kind() == "for_in_statement" {
				if left := n.Get("left"); left.Valid() && n.Get("kind").Valid() {
					kind := declKind(n.Get("kind").Text())
					for _, id := range patternNames(left) {
						b := in.declare(s, id, kind, syntax.Node{})
						if kind == Var {
							in.move(b, cur.Function())
						}
					}
				}
			}
		case actCatch:
			s := in.push(cur, n, BlockScope)
			enter(s, n.SubtreeEnd())
			if p := n.Get("parameter"); p.Valid() {
				for _, id := range patternNames(p) {
					in.declare(s, id, CatchParam, syntax.Node{})
				}
			}
		case actDeclaration:
			kind := Var
			if n.Kind() == "lexical_declaration" {
				kind = declKind(n.Get("kind").Text())
			}
			target := cur
			if kind == Var {
				target = cur.Function()
			}
			for _, d := range n.Children() {
				if d.Kind() != "variable_declarator" {
					continue
				}
				name := d.Get("name")
				if name.Kind() == "identifier" {
					in.declare(target, name, kind, d.Get("value"))
					continue
				}
				for _, id := range patternNames(name) {
					in.declare(target, id, kind, syntax.Node{})
				}
			}
		case actImport:
			in.IsModule = true
			src := n.Get("source")
			n.Walk(func(c syntax.Node) bool {
				switch c.Kind() {
				case "import_specifier":
					id := c.Get("alias")
					if !id.Valid() {
						id = c.Get("name")
					}
					if id.Kind() == "identifier" {
						in.declare(in.Module, id, Import, src)
					}
					return false
				case "namespace_import":
					if id := c.Child(0); id.Valid() {
						in.declare(in.Module, id, Import, src)
					}
					return false
				case "import_clause":
					if id := c.Child(0); id.Kind() == "identifier" {
						in.declare(in.Module, id, Import, src)
					}
				case "import_require_clause":
					if id := c.Child(0); id.Kind() == "identifier" {
						in.declare(in.Module, id, Import, src)
					}
				}
				return true
			})
		case actExport:
			in.IsModule = true
		case actEnum:
			if name := n.Get("name"); name.Kind() == "identifier" {
				in.declare(cur, name, EnumDecl, n)
			}
		}
	}
	in.resolveReferences(idents, scopes)
	return in
}

// buildAction is what the build walk does at a node of some kind.
type buildAction uint8

const (
	actNone buildAction = iota
	actIdent
	actFunctionDecl
	actFunction
	actClassDecl
	actClass
	actBlock
	actBlockScope
	actCatch
	actDeclaration
	actImport
	actExport
	actEnum
	actWrapper // an expression Unwrap looks through; the build walk passes it
)

// actionOf gives the node kinds the build walk acts on their action.
var actionOf = map[string]buildAction{
	"identifier": actIdent, "shorthand_property_identifier": actIdent,
	"function_declaration": actFunctionDecl, "generator_function_declaration": actFunctionDecl,
	"function_expression": actFunction, "function": actFunction, "generator_function": actFunction,
	"arrow_function": actFunction, "method_definition": actFunction,
	"class_declaration": actClassDecl, "abstract_class_declaration": actClassDecl,
	"class":           actClass,
	"statement_block": actBlock,
	"for_statement":   actBlockScope, "for_in_statement": actBlockScope, "switch_body": actBlockScope, "class_static_block": actBlockScope,
	"catch_clause":         actCatch,
	"variable_declaration": actDeclaration, "lexical_declaration": actDeclaration,
	"import_statement": actImport,
	"export_statement": actExport,
	"enum_declaration": actEnum, "internal_module": actEnum, "module": actEnum,
	// Not the build's, but asked about by symbol for the same reason
	// (Unwrap and IsFunction run in every rule's hot loops).
	"parenthesized_expression": actWrapper, "non_null_expression": actWrapper, "as_expression": actWrapper,
	"satisfies_expression": actWrapper, "type_assertion": actWrapper,
}

// actionTables holds, per grammar, the action of each symbol id: the walk
// looks its action up by the node's symbol rather than comparing its kind
// name with some thirty strings, which was a third of the build. They are
// made when the package loads, so that Unwrap and IsFunction, called in
// every rule's hot loops, read them without a sync.Once.
var actionTables = func() (t [3][]buildAction) {
	for _, l := range []syntax.Lang{syntax.JavaScript, syntax.TypeScript, syntax.TSX} {
		t[l] = make([]buildAction, len(syntax.SymbolNames(l)))
		for name, act := range actionOf {
			for _, sym := range syntax.SymbolsOf(l, name) {
				t[l][sym] = act
			}
		}
	}
	return t
}()

func buildActions(l syntax.Lang) []buildAction { return actionTables[l] }

// identUse is an identifier seen by the build walk, by node index, and
// the scope it appears in, by its index in the walk's list of scopes.
// Indices, not a Node and a *Scope: 8 bytes instead of 24 and no pointers
// for the collector to scan. The list was the largest allocation of the
// build (110 of 320 MB over the bench corpus in BenchmarkAnalyzeAll).
// BenchmarkBuild: 31.7 to 25.4 MB allocated per build, and about a fifth
// less CPU.
type identUse struct {
	node, scope int32
}

// resolveReferences turns the identifiers that are not declarations into
// references of the bindings they name, and marks a binding Reassigned when
// one of them writes it. It counts each binding's references first and
// gives them all one backing array: appending to each binding's list
// (growing it from nothing) was a sixth of the build.
func (in *Info) resolveReferences(idents []identUse, scopes []*Scope) {
	t := in.Tree
	counts := make([]int32, len(in.bindings))
	total := 0
	for _, u := range idents {
		if in.bindingOf[u.node] > 0 {
			continue // a declaration
		}
		// The scope open at u is the one ScopeOf(u.n) finds: the walk
		// pushes exactly the nodes that have a scope, and pops each when
		// it leaves the node's subtree.
		n := t.At(int(u.node))
		if b := scopes[u.scope].Lookup(n.Text()); b != nil {
			in.bindingOf[u.node] = -b.id
			counts[b.id-1]++
			total++
			if isWrite(n) {
				b.Reassigned = true
			}
		}
	}
	if total == 0 {
		return
	}
	refs := make([]syntax.Node, total)
	off := int32(0)
	for i, b := range in.bindings {
		if counts[i] > 0 {
			b.refs = refs[off:off:(off + counts[i])]
			off += counts[i]
		}
	}
	for _, u := range idents {
		if id := in.bindingOf[u.node]; id < 0 {
			b := in.bindings[-id-1]
			b.refs = append(b.refs, t.At(int(u.node)))
		}
	}
}

func declKind(kw string) BindingKind {
	switch kw {
	case "let":
		return Let
	case "const", "using", "await using":
		return Const
	}
	return Var
}

// push opens the scope of n, which must come after every node a scope was
// opened for (Build walks in source order).
func (in *Info) push(parent *Scope, n syntax.Node, kind ScopeKind) *Scope {
	if len(in.scopeSlab) == 0 {
		in.scopeSlab = make([]Scope, nextSlab(len(in.scopeList)))
	}
	s := &in.scopeSlab[0]
	in.scopeSlab = in.scopeSlab[1:]
	*s = Scope{Kind: kind, Node: n, Parent: parent}
	in.scopeList = append(in.scopeList, s)
	return s
}

// nextSlab is the size of the next block of Scopes or Bindings when made
// already: as many again, from 8 up to 256, so a small file's model is no
// larger than it was with one allocation each.
func nextSlab(made int) int { return min(max(made, 8), 256) }

func (in *Info) newBinding() *Binding {
	if len(in.bindingSlab) == 0 {
		in.bindingSlab = make([]Binding, nextSlab(len(in.bindings)))
	}
	b := &in.bindingSlab[0]
	in.bindingSlab = in.bindingSlab[1:]
	return b
}

func (in *Info) declare(s *Scope, id syntax.Node, kind BindingKind, init syntax.Node) *Binding {
	name := id.Text()
	// A redeclaration (var twice, a function overload in TS) keeps the
	// first binding so references agree on one identity.
	if old := s.names.get(name); old != nil {
		in.bindingOf[id.Index()] = old.id
		return old
	}
	b := in.newBinding()
	*b = Binding{Name: name, Kind: kind, Scope: s, Decl: id, Init: init}
	s.names.put(b)
	in.bindings = append(in.bindings, b)
	b.id = int32(len(in.bindings))
	in.bindingOf[id.Index()] = b.id
	return b
}

func (in *Info) move(b *Binding, to *Scope) {
	if to == nil || to == b.Scope {
		return
	}
	b.Scope.names.remove(b.Name)
	b.Scope = to
	if to.names.get(b.Name) == nil {
		to.names.put(b)
	}
}

func (in *Info) declareParams(s *Scope, fn syntax.Node) {
	if p := fn.Get("parameter"); p.Valid() { // x => ...
		for _, id := range patternNames(p) {
			in.declare(s, id, Param, syntax.Node{})
		}
	}
	params := fn.Get("parameters")
	for _, p := range params.Children() {
		switch p.Kind() {
		case "required_parameter", "optional_parameter":
			for _, id := range patternNames(p.Get("pattern")) {
				in.declare(s, id, Param, syntax.Node{})
			}
		default:
			for _, id := range patternNames(p) {
				in.declare(s, id, Param, syntax.Node{})
			}
		}
	}
}

// patternNames returns the identifiers a binding pattern declares.
func patternNames(p syntax.Node) []syntax.Node { return PatternNames(p) }

// PatternNames returns the plain names a binding or assignment pattern
// writes (`{a, b: [c = 1], ...d}` gives a, c, d), not members.
func PatternNames(p syntax.Node) []syntax.Node {
	var out []syntax.Node
	var walk func(n syntax.Node)
	walk = func(n syntax.Node) {
		n = Unwrap(n)
		switch n.Kind() {
		case "identifier", "shorthand_property_identifier_pattern":
			out = append(out, n)
		case "object_pattern", "array_pattern", "rest_pattern":
			for _, c := range n.Children() {
				walk(c)
			}
		case "pair_pattern":
			walk(n.Get("value"))
		case "assignment_pattern", "object_assignment_pattern":
			walk(n.Get("left"))
		}
	}
	walk(p)
	return out
}

func isFunction(n syntax.Node) bool {
	// The anonymous `function` keyword token shares its kind name with
	// the old name of function expressions; only named nodes count.
	if !n.IsNamed() {
		return false
	}
	switch buildActions(n.Tree().Lang)[n.Symbol()] {
	case actFunctionDecl, actFunction:
		return true
	}
	return false
}

// IsFunction reports whether n is any kind of function (declaration,
// expression, arrow or method).
func IsFunction(n syntax.Node) bool { return isFunction(n) }

// FunctionsIn yields the functions (IsFunction) in n's subtree, n included,
// in source order, without reading the rest of the subtree.
func (in *Info) FunctionsIn(n syntax.Node) iter.Seq[syntax.Node] {
	return func(yield func(syntax.Node) bool) {
		if !n.Valid() || n.Tree() != in.Tree {
			return
		}
		lo, end := int32(n.Index()), int32(n.SubtreeEnd())
		i, _ := slices.BinarySearch(in.functions, lo)
		for ; i < len(in.functions) && in.functions[i] < end; i++ {
			if !yield(in.Tree.At(int(in.functions[i]))) {
				return
			}
		}
	}
}
