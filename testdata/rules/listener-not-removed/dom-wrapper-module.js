// The same target-first wrapper module (see dom-wrapper-module-clean.js):
// a listener it adds and never removes is reported on the element it was
// given, not on the module. (No fix is offered: the wrapper is not the
// built-in method, so its removal is the module's to name.)
import dom from "../utils/dom";

export class EdgeSwipe {
  constructor(edge) {
    this.edge = edge;
    this.onStart = () => {};
    dom.addEventListener(document, "touchstart", this.onStart, { passive: true }); // want "listener-not-removed: .touchstart. listener added to document is never removed; call removeEventListener in destroy"
    dom.addEventListener(window, "resize", this.onStart); // want "listener-not-removed: .resize. listener added to window is never removed; call removeEventListener in destroy"
  }

  destroy() {
    this.edge = null;
  }
}
