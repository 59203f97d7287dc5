import { themeStore } from "./theme-store.js";
import { notifications$ } from "./notifications.js";

class ThemeToggle extends HTMLElement {
  connectedCallback() {
    this.render();
    themeStore.subscribe((theme) => (this.dataset.theme = theme)); // want "subscription-not-disposed"
  }

  render() {
    this.innerHTML = `<button>Toggle theme</button>`;
  }
}

class NotificationBell extends HTMLElement {
  connectedCallback() {
    this.subscription = notifications$.subscribe((n) => (this.textContent = String(n.length))); // want "subscription-not-disposed"
  }

  disconnectedCallback() {
    this.textContent = "";
  }
}

class CleanBell extends HTMLElement {
  connectedCallback() {
    this.unsubscribe = themeStore.subscribe((theme) => (this.dataset.theme = theme));
    this.subscription = notifications$.subscribe((n) => (this.textContent = String(n.length)));
  }

  disconnectedCallback() {
    this.unsubscribe();
    this.subscription.unsubscribe();
  }
}

customElements.define("theme-toggle", ThemeToggle);
customElements.define("notification-bell", NotificationBell);
customElements.define("clean-bell", CleanBell);
