import { LitElement, html } from "lit";
import { customElement, state } from "lit/decorators.js";
import { Subscription } from "rxjs";

import { store } from "../store";
import { connection$, latency$ } from "../connection";

@customElement("cart-count")
export class CartCount extends LitElement {
  @state() private count = 0;
  private unsubscribe?: () => void;
  private readonly subscriptions = new Subscription();

  connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = store.subscribe(() => (this.count = store.getState().cart.length));
    this.subscriptions.add(connection$.subscribe(() => this.requestUpdate()));
    this.subscriptions.add(latency$.subscribe(() => this.requestUpdate()));
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.subscriptions.unsubscribe();
    super.disconnectedCallback();
  }

  render() {
    return html`<span>${this.count}</span>`;
  }
}
