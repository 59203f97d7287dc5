import { LitElement, html } from "lit";

export class StockTicker extends LitElement {
  static properties = { symbol: { type: String }, price: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.source = new EventSource(`/api/quotes/${this.symbol}`); // want "resource-not-closed"
    this.source.onmessage = (e) => (this.price = Number(e.data));
  }

  render() {
    return html`<span>${this.symbol}: ${this.price}</span>`;
  }
}

export class SyncedCart extends LitElement {
  #channel = new BroadcastChannel("cart"); // want "resource-not-closed"

  firstUpdated() {
    this.#channel.onmessage = (e) => this.requestUpdate("items", e.data);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
  }

  render() {
    return html`<slot></slot>`;
  }
}

class ChatRoom extends HTMLElement {
  connectedCallback() {
    this.ws = new WebSocket(`wss://chat.example.com/${this.getAttribute("room")}`); // want "resource-not-closed"
    this.ws.addEventListener("message", (e) => this.append(e.data));
  }
}
customElements.define("chat-room", ChatRoom);

class CleanRoom extends HTMLElement {
  connectedCallback() {
    this.ws = new WebSocket(`wss://chat.example.com/${this.getAttribute("room")}`);
    this.worker = new Worker("/markdown.worker.js");
  }

  disconnectedCallback() {
    this.ws.close();
    this.worker.terminate();
  }
}
customElements.define("clean-room", CleanRoom);
