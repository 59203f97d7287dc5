// jQuery's bind and unbind are its older on and off. Function's own bind
// shares the name, so only calls on a jQuery wrapper written in place count.
import $, { default as jQuery } from "jquery";
function Calendar(element, options) {
  var t = this;
  t.destroy = destroy;
  $(window).bind("resize", windowResize);
  if (options.droppable) {
    $(document)
      .bind("dragstart", function (ev) { t.dragging = ev.target; }) // want "listener-not-removed: .dragstart. listener added to .\(document\) is never removed; call unbind in destroy"
      .bind("dragstop", function () { t.dragging = null; }); // want "listener-not-removed: .dragstop. listener added to .\(document\) is never removed"
  }
  function windowResize() {}
  function destroy() {
    $(window).unbind("resize", windowResize);
  }
}

class Picker {
  constructor(el) {
    this.el = el;
    this.onKey = this.onKey.bind(this);
    jQuery(document).bind("keydown", this.onKey); // want "listener-not-removed"
  }
  onKey() {}
  destroy() {
    this.el = null;
  }
}
