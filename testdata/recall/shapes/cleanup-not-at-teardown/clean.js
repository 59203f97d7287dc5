// Shape: cleanup-not-at-teardown (custom element), cleaned: disconnectedCallback
// removes the document listener whatever the open state.
class HintPopup extends HTMLElement {
  static get observedAttributes() {
    return ["open"];
  }

  onDocKey = (e) => {
    if (e.key === "Escape") this.removeAttribute("open");
  };

  attributeChangedCallback(name, _old, value) {
    if (value !== null) {
      document.addEventListener("keydown", this.onDocKey);
    } else {
      document.removeEventListener("keydown", this.onDocKey);
    }
  }

  disconnectedCallback() {
    document.removeEventListener("keydown", this.onDocKey);
    this.textContent = "";
  }
}

customElements.define("hint-popup", HintPopup);
