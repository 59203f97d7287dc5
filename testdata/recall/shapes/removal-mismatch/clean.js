// Shape: removal-mismatch, cleaned: the same function object, target and
// capture flag on both sides.
export const hintDirective = {
  mounted(el, binding) {
    el._hintKey = (e) => showHint(e, binding.value);
    el._hintBlur = () => {};
    el.addEventListener("keydown", el._hintKey);
    el.addEventListener("blur", el._hintBlur);
  },
  unmounted(el) {
    el.removeEventListener("keydown", el._hintKey);
    el.removeEventListener("blur", el._hintBlur);
  },
};

function showHint(e, text) {
  e.target.title = text;
}

export class Presence {
  constructor() {
    this.onMove = () => this.seen();
    document.addEventListener("pointermove", this.onMove);
    window.addEventListener("pointerdown", this.onMove, { capture: true });
  }
  seen() {}
  dispose() {
    document.removeEventListener("pointermove", this.onMove);
    window.removeEventListener("pointerdown", this.onMove, { capture: true });
  }
}

export class DragBackend {
  constructor(win) {
    this.window = win;
    this.document = win.document;
    this.onDragStart = () => {};
  }
  setup() {
    this.addListeners(this.document);
  }
  teardown() {
    this.removeListeners(this.document);
  }
  addListeners(target) {
    target.addEventListener("dragstart", this.onDragStart, true);
  }
  removeListeners(target) {
    target.removeEventListener("dragstart", this.onDragStart, true);
  }
}
