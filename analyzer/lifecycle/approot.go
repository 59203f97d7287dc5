package lifecycle

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// MayBeMountedRoot reports files an entry module can mount as the
// application's root: Vue and Svelte components, and modules holding JSX
// (a React root). Only those ask the project's facts who mounts them, and
// only their cached results depend on the answer. A dependency's files
// (under node_modules) are a library's, which the application's entry
// imports from its own code, not mounts in place of it: asking for them
// read every module in their folders (a third of a warm run over a
// node_modules corpus).
func MayBeMountedRoot(path string, src string) bool {
	return mayBeMountedRoot(path, func() bool { return strings.Contains(src, "</") || strings.Contains(src, "/>") })
}

// MayBeMountedRootSource is MayBeMountedRoot of a source in bytes, which
// it does not copy.
func MayBeMountedRootSource(path string, src []byte) bool {
	return mayBeMountedRoot(path, func() bool { return bytes.Contains(src, []byte("</")) || bytes.Contains(src, []byte("/>")) })
}

func mayBeMountedRoot(path string, hasJSX func() bool) bool {
	if strings.Contains(filepath.ToSlash(path), "/node_modules/") || strings.HasPrefix(filepath.ToSlash(path), "node_modules/") {
		return false
	}
	switch filepath.Ext(path) {
	case ".vue", ".svelte":
		return true
	case ".jsx", ".tsx", ".js":
		return hasJSX()
	}
	return false
}

// mountedRoot holds what of this file an entry module mounts as the
// application's root at its top level (facts' MountedRoot): the whole
// component for a .vue or .svelte file, the mounted function components
// of a React module. A root is mounted once per page and never torn down,
// like appRootFile's.
type mountedRoot struct {
	file bool
	fns  map[int]bool // function node indices
}

// inMountedRoot reports whether n runs in the setup of the application's
// root mounted by another file, asked of the facts once per file.
func (m *Model) inMountedRoot(n syntax.Node) bool {
	if m.mounted == nil {
		m.mounted = m.findMountedRoot()
	}
	if m.mounted.file {
		return true
	}
	if len(m.mounted.fns) == 0 {
		return false
	}
	for p := n.Parent(); p.Valid(); p = p.Parent() {
		if m.mounted.fns[p.Index()] {
			return true
		}
	}
	return false
}

func (m *Model) findMountedRoot() *mountedRoot {
	r := &mountedRoot{}
	if m.facts == nil || !MayBeMountedRoot(m.path, m.tree.Root().Text()) {
		return r
	}
	names := m.facts.MountedRoot()
	if len(names) == 0 {
		return r
	}
	if ext := filepath.Ext(m.path); ext == ".vue" || ext == ".svelte" {
		for _, name := range names {
			r.file = r.file || name == "default"
		}
		return r
	}
	locals := map[string]bool{}
	exported := exportedLocals(m.tree.Root())
	for _, name := range names {
		if l, ok := exported[name]; ok {
			locals[l] = true
		}
	}
	r.fns = map[int]bool{}
	for _, st := range m.tree.Root().Children() {
		if st.Kind() == "export_statement" && st.Get("declaration").Valid() {
			st = st.Get("declaration")
		}
		switch st.Kind() {
		case "function_declaration":
			if locals[st.Get("name").Text()] {
				r.fns[st.Index()] = true
			}
		case "lexical_declaration", "variable_declaration":
			for _, d := range st.Children() {
				if d.Kind() == "variable_declarator" && locals[d.Get("name").Text()] {
					if v := scope.Unwrap(d.Get("value")); scope.IsFunction(v) {
						r.fns[v.Index()] = true
					}
				}
			}
		}
	}
	return r
}

// exportedLocals maps a module's exported names to the local names of
// the functions and values they export: `export default function App`,
// `export default App`, `export function App`, `export const App = ...`.
func exportedLocals(root syntax.Node) map[string]string {
	out := map[string]string{}
	for _, st := range root.Children() {
		if st.Kind() != "export_statement" {
			continue
		}
		isDefault := st.HasToken("default")
		if d := st.Get("declaration"); d.Valid() {
			switch d.Kind() {
			case "function_declaration":
				name := d.Get("name").Text()
				out[name] = name
				if isDefault {
					out["default"] = name
				}
			case "lexical_declaration", "variable_declaration":
				for _, v := range d.Children() {
					if v.Kind() == "variable_declarator" {
						out[v.Get("name").Text()] = v.Get("name").Text()
					}
				}
			}
			continue
		}
		if v := scope.Unwrap(st.Get("value")); isDefault && v.Kind() == "identifier" {
			out["default"] = v.Text()
		}
	}
	return out
}
