import { WithCleanup } from "./cleanup-mixin.js";

// The mixin runs cleanup() when the element leaves the page.
class TickerElement extends WithCleanup(HTMLElement) {
  connectedCallback() {
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  cleanup() {
    document.removeEventListener("visibilitychange", this.onVisibility);
  }

  onVisibility = () => {};
}

customElements.define("x-ticker", TickerElement);
