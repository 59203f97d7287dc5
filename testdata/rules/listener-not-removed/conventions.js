// Owners recognised from conventions held as data (analyzer/lifecycle/conventions.go).

// Leaflet-style classes made from an object literal: onRemove is the teardown.
export const Legend = L.Control.extend({
  onAdd(map) {
    window.addEventListener("resize", this.fit); // want "listener-not-removed"
    return L.DomUtil.create("div");
  },
  onRemove(map) {
    this.map = null;
  },
  fit() {},
});

export const Scale = L.Control.extend({
  onAdd(map) {
    window.addEventListener("resize", this.fit);
    return L.DomUtil.create("div");
  },
  onRemove(map) {
    window.removeEventListener("resize", this.fit);
  },
  fit() {},
});

// A teardown inherited from a base class declared in the same file.
class View {
  destroy() {
    window.removeEventListener("resize", this.onResize);
  }
  onResize() {}
}

export class Panel extends View {
  show() {
    window.addEventListener("resize", this.onResize);
  }
}

export class Ticker extends View {
  show() {
    window.addEventListener("scroll", this.onScroll); // want "listener-not-removed"
  }
  onScroll() {}
}
