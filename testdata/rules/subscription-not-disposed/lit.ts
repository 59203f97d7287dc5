import { LitElement, html } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { Subscription } from "rxjs";

import { store } from "../store";
import { connection$ } from "../connection";

@customElement("cart-count")
export class CartCount extends LitElement {
  @state() private count = 0;

  connectedCallback(): void {
    super.connectedCallback();
    store.subscribe(() => (this.count = store.getState().cart.length)); // want "subscription-not-disposed"
  }

  render() {
    return html`<span>${this.count}</span>`;
  }
}

@customElement("status-dot")
export class StatusDot extends LitElement {
  @state() private online = false;
  private connectionSub?: Subscription;

  connectedCallback(): void {
    super.connectedCallback();
    this.connectionSub = connection$.subscribe((c) => (this.online = c.online)); // want "subscription-not-disposed"
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
  }

  render() {
    return html`<i class=${this.online ? "on" : "off"}></i>`;
  }
}
