// Shape: cleanup-not-at-teardown (custom element). The document listener is
// added when the popup opens and removed when it closes; an element removed
// while open keeps it. leakwatch should report listener-not-removed at "<- leak".
class HintPopup extends HTMLElement {
  static get observedAttributes() {
    return ["open"];
  }

  onDocKey = (e) => {
    if (e.key === "Escape") this.removeAttribute("open");
  };

  attributeChangedCallback(name, _old, value) {
    if (value !== null) {
      document.addEventListener("keydown", this.onDocKey); // <- leak
    } else {
      document.removeEventListener("keydown", this.onDocKey);
    }
  }

  disconnectedCallback() {
    this.textContent = "";
  }
}

customElements.define("hint-popup", HintPopup);
