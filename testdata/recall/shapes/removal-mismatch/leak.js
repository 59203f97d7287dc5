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
