package lifecycle

import (
	"strings"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Owners made by a library's factory from an object literal, whose
// library says what outlives them.

// leafletLayer: Leaflet's layers, controls and handlers, made with
// L.Layer.extend({...}) (or Layer.extend in Leaflet's own modules). A map
// hands itself to onAdd(map), and the layer keeps it as this._map and the
// map's shared renderer as this._renderer; onRemove(map) runs when the
// layer leaves the map, which goes on living with every other layer. What
// onAdd registers on the map, its renderer, or anything else it was
// handed, onRemove must take off again.
var leafletLayer = &Convention{
	Name: "leaflet-layer", Kind: Disposable,
	Factories:          []string{"extend", "include"},
	FactoryReceivers:   []string{"Layer", "Control", "Handler", "Path", "Polyline", "Polygon", "Rectangle", "Circle", "CircleMarker", "Marker", "GridLayer", "TileLayer", "ImageOverlay", "VideoOverlay", "SVGOverlay", "DivOverlay", "Popup", "Tooltip", "FeatureGroup", "LayerGroup", "GeoJSON", "Renderer", "SVG", "Canvas"},
	FactoryModules:     []string{"leaflet"},
	SetupMethods:       []string{"onAdd", "beforeAdd"},
	TeardownMethods:    []string{"onRemove"},
	NeedsTeardown:      true,
	LifetimeUnknown:    true,
	Shared:             []string{"_map", "_renderer"},
	SharedEnds:         true,
	SetupParamsOutlive: true,
}

// tiptapExtension: Tiptap's extensions, nodes and marks, made with
// Extension.create({...}). An extension lives as long as its editor, and
// onDestroy runs when the editor is destroyed; what the user configured it
// with (this.options: a collaboration provider, a shared awareness) is
// often shared by several editors and outlives each. The editor itself
// (this.editor) ends with the extension.
var tiptapExtension = &Convention{
	Name: "tiptap-extension", Kind: Disposable,
	Factories:        []string{"create"},
	FactoryReceivers: []string{"Extension", "Node", "Mark"},
	FactoryModules:   []string{"@tiptap/core"},
	FactoryImported:  true,
	SetupMethods:     []string{"onCreate", "onBeforeCreate", "addProseMirrorPlugins"},
	TeardownMethods:  []string{"onDestroy"},
	LifetimeUnknown:  true,
	Shared:           []string{"options"},
	SharedEnds:       true,
	Cleanup:          Cleanup{Create: "onDestroy"},
}

// tiptapNodeView: a Tiptap node view, a class extending @tiptap/core's
// NodeView (the Vue and React renderers' and apps' own). The editor makes
// one per node it shows and calls destroy() when the node leaves the view,
// while the editor (this.editor, set by the base class) goes on: what a
// node view registers on its editor, destroy() must take off again.
var tiptapNodeView = &Convention{
	Name: "tiptap-node-view", Kind: Disposable,
	Bases:           []Base{{Name: "NodeView", From: []string{"@tiptap/core"}}},
	TeardownMethods: []string{"destroy"},
	LifetimeUnknown: true,
	Shared:          []string{"editor"},
	SharedEnds:      true,
	Cleanup:         Cleanup{Create: "destroy"},
}

// madeBy reports a factory call (`L.Control.extend(...)`) that makes
// owners of convention c: its callee is one of c's factories, and when c
// names receivers, it is called on one of them, imported from one of c's
// modules (or, unless c.FactoryImported, a page global, or a module of the
// library's own: a relative import).
func (m *Model) madeBy(c *Convention, call syntax.Node) bool {
	if !contains(c.Factories, CalleeName(call)) {
		return false
	}
	if len(c.FactoryReceivers) == 0 {
		return true
	}
	fn := scope.Unwrap(call.Get("function"))
	if fn.Kind() != "member_expression" {
		return false
	}
	recv := scope.Unwrap(fn.Get("object")).Text()
	if !contains(c.FactoryReceivers, lastSegment(recv)) {
		return false
	}
	src := m.ImportedFrom(rootName(recv))
	switch {
	case src == "":
		return !c.FactoryImported && m.scope.Module.Lookup(rootName(recv)) == nil
	case strings.HasPrefix(src, "."):
		return !c.FactoryImported
	}
	for _, mod := range c.FactoryModules {
		if src == mod || strings.HasPrefix(src, mod+"/") {
			return true
		}
	}
	return false
}

// setupParam reports a parameter of one of the owner's setup methods
// (Leaflet's onAdd(map)).
func (m *Model) setupParam(o *Owner, b *scope.Binding) bool {
	methods := objectMethods(o.Class)
	if o.Class.Kind() != "object" {
		methods = Methods(o.Class)
	}
	for _, name := range o.Follows().SetupMethods {
		if fn, ok := methods[name]; ok && b.Decl.Valid() && fn.Get("parameters").Contains(b.Decl) {
			return true
		}
	}
	return false
}
