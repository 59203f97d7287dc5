// ES5 constructor functions that take off what they add, in the places
// their teardown can be.

function FullScreenButton(map) {
  this.map = map;
  this.onChange = this.onChange.bind(this);
  document.addEventListener("fullscreenchange", this.onChange);
}
FullScreenButton.prototype.onChange = function () {
  this.map.updateSize();
};
FullScreenButton.prototype.dispose = function () {
  document.removeEventListener("fullscreenchange", this.onChange);
};

var ui = {};
ui.Ruler = function (el) {
  this.el = el;
};
ui.Ruler.prototype = {
  show: function () {
    window.addEventListener("scroll", this.onScroll);
  },
  onScroll: function () {},
  destroy: function () {
    window.removeEventListener("scroll", this.onScroll);
  },
};

function Calendar(element) {
  var t = this;
  t.destroy = destroy;
  window.addEventListener("resize", windowResize);
  function windowResize() {}
  function destroy() {
    window.removeEventListener("resize", windowResize);
  }
}

// A teardown written in the constructor on this.
function Tooltip(el) {
  function onKey() {}
  document.addEventListener("keydown", onKey);
  this.destroy = function () {
    document.removeEventListener("keydown", onKey);
  };
}

// Without a teardown, nothing says when an instance ends.
function Widget(el) {
  window.addEventListener("resize", function () { el.focus(); });
}
Widget.prototype.render = function () {};

// Not named like a constructor: a plain function.
function setup(el) {
  window.addEventListener("resize", function () { el.focus(); });
}
setup.prototype = { dispose: function () {} };
