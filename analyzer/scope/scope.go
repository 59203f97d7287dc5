// Package scope answers what a name or a `this.x` member refers to in one
// file: declarations and references for module, function, block and class
// scopes, and where the value behind an expression lives (a global, a
// module-level variable, a class member, a parameter, or something created
// locally). Rules use it to decide whether a registration outlives the code
// that made it and whether a removal names the same target and handler as
// the addition.
package scope

import (
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// ScopeKind says what introduced a scope.
type ScopeKind uint8

const (
	ModuleScope ScopeKind = iota
	FunctionScope
	BlockScope
	ClassScope
)

// Scope is a region where names are declared.
type Scope struct {
	Kind   ScopeKind
	Node   syntax.Node
	Parent *Scope
	names  nameTable
}

// Lookup finds name in s or its ancestors.
func (s *Scope) Lookup(name string) *Binding {
	for ; s != nil; s = s.Parent {
		if b := s.names.get(name); b != nil {
			return b
		}
	}
	return nil
}

// nameTable maps a scope's names to their bindings. Most scopes declare
// a handful of names (a function's parameters and locals): up to
// fewNames are kept in a slice and compared one by one, as Go's small
// maps do too, without a map's allocation per scope (a map of 4 was
// 37 of the 820 MB BenchmarkAnalyzeAll allocates); more go to a map.
type nameTable struct {
	few  []*Binding
	many map[string]*Binding
}

const fewNames = 8

func (t *nameTable) get(name string) *Binding {
	if t.many != nil {
		return t.many[name]
	}
	for _, b := range t.few {
		if b.Name == name {
			return b
		}
	}
	return nil
}

// put adds b under its name, which must not be in the table.
func (t *nameTable) put(b *Binding) {
	if t.many != nil {
		t.many[b.Name] = b
		return
	}
	if len(t.few) < fewNames {
		t.few = append(t.few, b)
		return
	}
	t.many = make(map[string]*Binding, 2*fewNames)
	for _, x := range t.few {
		t.many[x.Name] = x
	}
	t.many[b.Name] = b
	t.few = nil
}

func (t *nameTable) remove(name string) {
	if t.many != nil {
		delete(t.many, name)
		return
	}
	for i, b := range t.few {
		if b.Name == name {
			t.few = append(t.few[:i], t.few[i+1:]...)
			return
		}
	}
}

// Function returns the nearest enclosing function or module scope: where
// `var` declarations land and what "runs each time a function is called"
// means.
func (s *Scope) Function() *Scope {
	for ; s != nil; s = s.Parent {
		if s.Kind == FunctionScope || s.Kind == ModuleScope {
			return s
		}
	}
	return nil
}

// BindingKind says how a name was declared.
type BindingKind uint8

const (
	Var BindingKind = iota
	Let
	Const
	FunctionDecl
	ClassDecl
	Param
	Import
	CatchParam
	EnumDecl
)

// Binding is one declared name.
type Binding struct {
	Name  string
	Kind  BindingKind
	Scope *Scope
	// Decl is the identifier at the declaration.
	Decl syntax.Node
	// Init is the value the name starts with when the declaration gives it
	// directly (`const x = <Init>`, a function declaration's own node, an
	// import's source string); otherwise the zero Node. For a name taken
	// apart from a pattern (`const {a} = obj`) Init is zero.
	Init syntax.Node
	// Reassigned is true when the name is assigned after its declaration
	// (set by Build, like everything in the model).
	Reassigned bool
	// refs are the identifiers that refer to it, in source order (set by
	// Build; kept here rather than in a map by binding, which was a fifth
	// of resolving a large file's references).
	refs []syntax.Node
	// id is 1 + the binding's index in Info.bindings.
	id int32
}

// ModuleLevel reports whether the binding lives as long as the module.
func (b *Binding) ModuleLevel() bool {
	return b != nil && b.Scope.Kind == ModuleScope
}
