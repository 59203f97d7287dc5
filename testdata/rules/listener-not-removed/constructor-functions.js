// Classes written as ES5 constructor functions: the constructor is the
// setup, methods live on the prototype or are closures the constructor
// puts on the instance, and a teardown method among them makes the
// function an owner like a class with one.

// Prototype methods, one assignment each.
function FullScreenButton(map) {
  this.map = map;
  document.addEventListener("fullscreenchange", function () { map.updateSize(); }); // want "listener-not-removed: .fullscreenchange. listener added to document is never removed; call removeEventListener in dispose"
  window.addEventListener("resize", this.onResize);
}
FullScreenButton.prototype.onResize = function () {
  this.map.updateSize();
};
FullScreenButton.prototype.dispose = function () {
  window.removeEventListener("resize", this.onResize);
};

// A namespaced constructor whose prototype is an object literal; a method
// other than the constructor registers too.
var ui = {};
ui.Ruler = function (el) {
  this.el = el;
};
ui.Ruler.prototype = {
  show: function () {
    window.addEventListener("scroll", this.onScroll); // want "listener-not-removed"
  },
  onScroll: function () {},
  destroy: function () {
    this.el = null;
  },
};

// Closures put on the instance through an alias of this.
function Calendar(element) {
  var t = this;
  t.render = render;
  t.destroy = destroy;
  window.addEventListener("resize", windowResize);
  document.addEventListener("dragstart", function (ev) { t.drag = ev.target; }); // want "listener-not-removed"

  function render() {}
  function windowResize() { render(); }
  function destroy() {
    window.removeEventListener("resize", windowResize);
  }
}
