// jQuery bind registrations undone with unbind (or off), and calls named
// bind that are no listener.
import $, { default as jQuery } from "jquery";
function Calendar(element, options) {
  var t = this;
  t.destroy = destroy;
  $(window).bind("resize", windowResize);
  $(document).bind("dragstart", onDragStart).bind("dragstop", onDragStop);
  function windowResize() {}
  function onDragStart() {}
  function onDragStop() {}
  function destroy() {
    $(window).unbind("resize", windowResize);
    $(document).unbind("dragstart", onDragStart).unbind("dragstop", onDragStop);
  }
}

class Picker {
  constructor(el, model) {
    this.el = el;
    // Function.prototype.bind, with arguments: no listener.
    this.onKey = this.onKey.bind(this, "picker");
    this.render = model.render.bind(model, el);
    jQuery(document).bind("keydown", this.onKey);
    // A bind on something that is no jQuery wrapper: not read.
    model.bind("change", () => this.render());
  }
  onKey() {}
  destroy() {
    jQuery(document).off("keydown", this.onKey);
  }
}
