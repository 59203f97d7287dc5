// Shape: removal-mismatch. Each removal can never match its addition (a fresh
// bind, an inline arrow, another capture flag, another target). The leak
// should be reported at the addition, where a reader looks: leakwatch should
// report listener-removal-mismatch (or listener-not-removed) at each "<- leak".
export const hintDirective = {
  mounted(el, binding) {
    el.addEventListener("keydown", (e) => showHint(e, binding.value)); // <- leak
    el.addEventListener("blur", this.onBlur.bind(this)); // <- leak
  },
  unmounted(el) {
    el.removeEventListener("keydown", showHint);
    el.removeEventListener("blur", this.onBlur.bind(this));
  },
  onBlur() {},
};

function showHint(e, text) {
  e.target.title = text;
}

export class Presence {
  constructor() {
    this.onMove = () => this.seen();
    document.addEventListener("pointermove", this.onMove); // <- leak
    window.addEventListener("pointerdown", this.onMove, { capture: true }); // <- leak
  }
  seen() {}
  dispose() {
    window.removeEventListener("pointermove", this.onMove);
    window.removeEventListener("pointerdown", this.onMove);
  }
}

// Through helpers that take the target: setup() passes document, teardown()
// passes window, so nothing is removed. Map the helper's parameter to the
// call-site argument and report at the call in setup().
export class DragBackend {
  constructor(win) {
    this.window = win;
    this.document = win.document;
    this.onDragStart = () => {};
  }
  setup() {
    this.addListeners(this.document); // <- leak
  }
  teardown() {
    this.removeListeners(this.window);
  }
  addListeners(target) {
    target.addEventListener("dragstart", this.onDragStart, true);
  }
  removeListeners(target) {
    target.removeEventListener("dragstart", this.onDragStart, true);
  }
}
