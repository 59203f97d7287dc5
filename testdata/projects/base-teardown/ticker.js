import { WithCleanup } from "./cleanup-mixin.js";

// The mixin calls cleanup() on disconnect, but cleanup forgets the
// listener.
class TickerElement extends WithCleanup(HTMLElement) {
  connectedCallback() {
    document.addEventListener("visibilitychange", this.onVisibility); // want "listener-not-removed"
  }

  cleanup() {
    this.textContent = "";
  }

  onVisibility = () => {};
}

customElements.define("x-ticker", TickerElement);
