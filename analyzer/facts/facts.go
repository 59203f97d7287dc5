// Package facts computes what one file tells the files that import it, and
// answers the lifecycle model's questions about imports from those facts.
//
// A file's facts come from one parse of it and are plain, serialisable
// data (Module): the classes it declares (their base and where it comes
// from, their teardown methods, the hooks and fields those teardowns
// touch), the helper functions that register or undo a listener or
// dispose what they are given, and the values that live as long as the
// program. A Program resolves import specifiers to project files
// (resolve.go), computes facts only for the modules a question needs, and
// keys them by content hash so a cache can keep them between runs.
//
// Facts never guess: an import that does not resolve to a file of the
// project (a package in node_modules, a missing file, a pattern matching
// nothing) has no facts, and the question gets no answer.
package facts

// Version identifies the layout and meaning of Module; a cache holding
// facts of another version must not use them.
const Version = 6

// Module is what one file exports that other files' verdicts depend on.
type Module struct {
	// Imports maps local names to where they come from.
	Imports map[string]Ref `json:",omitempty"`
	// Exports maps exported names to local names ("default" for the
	// default export). A local name may be an import (re-export).
	Exports map[string]string `json:",omitempty"`
	// ReexportAll lists the specifiers of `export * from "..."`.
	ReexportAll []string `json:",omitempty"`
	// Reexports maps names of `export { a as b } from "..."` to their
	// origin.
	Reexports map[string]Ref `json:",omitempty"`
	// Classes are the file's classes (and mixins) by local name.
	Classes map[string]Class `json:",omitempty"`
	// Functions are the file's helper functions that register, undo or
	// dispose, by local name.
	Functions map[string]Function `json:",omitempty"`
	// LongLived names the file's module-level values that live as long as
	// the program (emitters, stores, singletons).
	LongLived map[string]bool `json:",omitempty"`
	// Mounts names the imports the module mounts as an application's root
	// at its top level (createApp(App), new App({ target }), ...).
	Mounts []string `json:",omitempty"`
}

// Ref is an imported name: the specifier as written and the exported name
// ("default", or "*" for a namespace import).
type Ref struct {
	Spec string
	Name string
}

// Class is what a class (or the class a mixin makes) contributes to its
// subclasses.
type Class struct {
	// Base is where the extended class comes from: a local class of the
	// same file (Local), an import (Ref), or a framework class known by
	// convention (Framework). All empty for a class that extends nothing
	// or something we cannot follow.
	BaseLocal string `json:",omitempty"`
	BaseRef   *Ref   `json:",omitempty"`
	Framework string `json:",omitempty"`
	// BaseOpen: the class extends something facts cannot follow (a call
	// other than a mixin of ours, a member of a member, a global).
	BaseOpen bool `json:",omitempty"`
	// Teardowns are the class's own teardown methods.
	Teardowns []string `json:",omitempty"`
	// Hooks are the methods its teardowns call on `this`.
	Hooks []string `json:",omitempty"`
	// Cleaned are the fields its teardowns mention.
	Cleaned []string `json:",omitempty"`
	// Collectors are methods that store their argument in a field.
	Collectors []string `json:",omitempty"`
	// Requests are methods that only return one Angular HttpClient
	// request of the class's own client (`return this.http.get(url)`):
	// a stream that completes after its one response.
	Requests []string `json:",omitempty"`
	// Singleton: one instance for the program's life (providedIn root,
	// bound in singleton scope in this file).
	Singleton bool `json:",omitempty"`
	// Mixin: the entry is a function returning a class that extends its
	// argument; its teardowns run in whatever it is mixed into.
	Mixin bool `json:",omitempty"`
	// VueMixin: the entry is a Vue options object with teardown hooks
	// (Teardowns); Hooks are the methods they call on `this`, which a
	// component mixing it in may declare.
	VueMixin bool `json:",omitempty"`
}

// Function is what a helper does with its arguments (positions 0-based,
// -1 for none).
type Function struct {
	Registers   bool `json:",omitempty"`
	ReturnsUndo bool `json:",omitempty"`
	// ReturnsDisposable: what it returns is an object whose dispose()
	// removes the listener (`return { dispose: () => t.removeEventListener(...) }`).
	ReturnsDisposable bool `json:",omitempty"`
	Undoes            bool `json:",omitempty"`
	DOM               bool `json:",omitempty"`
	Target            int
	Event             int
	Handler           int
	Disposes          int
}
