package lifecycle_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// A Leaflet layer's map (given to onAdd, kept as this._map) and the map's
// renderer outlive the layer; what it makes itself does not. The factory
// is Leaflet's only when called on one of its classes.
func TestLeafletLayerOutlives(t *testing.T) {
	src := `import L from "leaflet";
export const Badge = L.Control.extend({
  onAdd(map) {
    const el = L.DomUtil.create("div");
    reg(map, this._map, this._renderer, el, this._el);
    return el;
  },
  onRemove(map) {},
});
`
	o, m, call := ownerAt(t, syntax.JavaScript, src, "reg", lifecycle.Config{})
	if o == nil || o.Follows().Name != "leaflet-layer" {
		t.Fatalf("owner %+v, want a leaflet-layer", o)
	}
	want := []bool{true, true, true, false, false}
	for i, a := range namedArgs(call) {
		if got := m.Outlives(o, a); got != want[i] {
			t.Errorf("Outlives(%s) = %v, want %v", a.Text(), got, want[i])
		}
	}
	for _, src := range []string{
		`const V = Backbone.View.extend({ render() { reg(this._map) }, remove() {} });`,
		`import { Control } from "./my-controls"; const V = Control.extend({ onAdd(map) { reg(map) }, destroy() {} });`,
	} {
		o, _, _ := ownerAt(t, syntax.JavaScript, src, "reg", lifecycle.Config{})
		if o != nil && o.Follows().Name == "leaflet-layer" {
			t.Errorf("%s: a leaflet-layer", src)
		}
	}
}

// A Tiptap extension's options (a provider several editors share) outlive
// it; its editor does not. Extension must come from Tiptap.
func TestTiptapExtensionOutlives(t *testing.T) {
	src := `import { Extension } from "@tiptap/core";
export const Presence = Extension.create({
  onCreate() {
    reg(this.options.provider.awareness, this.editor, this.storage);
  },
});
`
	o, m, call := ownerAt(t, syntax.TypeScript, src, "reg", lifecycle.Config{})
	if o == nil || o.Follows().Name != "tiptap-extension" {
		t.Fatalf("owner %+v, want a tiptap-extension", o)
	}
	want := []bool{true, false, false}
	for i, a := range namedArgs(call) {
		if got := m.Outlives(o, a); got != want[i] {
			t.Errorf("Outlives(%s) = %v, want %v", a.Text(), got, want[i])
		}
	}
	o, _, _ = ownerAt(t, syntax.TypeScript, `import { Extension } from "./local"; export const P = Extension.create({ onCreate() { reg() } });`, "reg", lifecycle.Config{})
	if o != nil && o.Follows().Name == "tiptap-extension" {
		t.Error("Extension from another module: a tiptap-extension")
	}
}

// A Tiptap node view's editor outlives it; its own element does not.
// NodeView must come from Tiptap.
func TestTiptapNodeViewOutlives(t *testing.T) {
	src := `import { NodeView } from "@tiptap/core";
export class MentionView extends NodeView {
  mount() {
    reg(this.editor, this.dom, this.node);
  }
  destroy() {}
}
`
	o, m, call := ownerAt(t, syntax.TypeScript, src, "reg", lifecycle.Config{})
	if o == nil || o.Follows().Name != "tiptap-node-view" {
		t.Fatalf("owner %+v, want a tiptap-node-view", o)
	}
	want := []bool{true, false, false}
	for i, a := range namedArgs(call) {
		if got := m.Outlives(o, a); got != want[i] {
			t.Errorf("Outlives(%s) = %v, want %v", a.Text(), got, want[i])
		}
	}
	o, _, _ = ownerAt(t, syntax.TypeScript, `import { NodeView } from "./views"; export class V extends NodeView { mount() { reg() } destroy() {} }`, "reg", lifecycle.Config{})
	if o != nil && o.Follows().Name == "tiptap-node-view" {
		t.Error("NodeView from another module: a tiptap-node-view")
	}
}

func namedArgs(call syntax.Node) []syntax.Node {
	var out []syntax.Node
	for _, a := range call.Get("arguments").Children() {
		if a.IsNamed() {
			out = append(out, a)
		}
	}
	return out
}
