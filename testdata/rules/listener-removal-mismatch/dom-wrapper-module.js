// An application's target-first wrapper of the listener methods
// (dom.addEventListener(el, type, fn, options)): its removal with a fresh
// .bind() removes nothing, as the built-in method's would, and is reported on
// the element it was given.
import dom from "../utils/dom";

export class Picker {
  constructor(element) {
    this.element = element;
    dom.addEventListener(this.element, "click", this.onClick.bind(this), { passive: true }); // want "listener-removal-mismatch: .click. listener added here is never removed"
  }

  destroy() {
    dom.removeEventListener(this.element, "click", this.onClick.bind(this), { passive: true }); // want "listener-removal-mismatch: removeEventListener with a fresh .bind\(\) result removes nothing"
  }

  onClick() {}
}
