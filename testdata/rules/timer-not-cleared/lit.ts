import { LitElement, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";

@customElement("live-clock")
export class LiveClock extends LitElement {
  @state() private now = new Date();

  override connectedCallback(): void {
    super.connectedCallback();
    setInterval(() => (this.now = new Date()), 1000); // want "timer-not-cleared"
  }

  override render() {
    return html`<time>${this.now.toLocaleTimeString()}</time>`;
  }
}

@customElement("status-dot")
export class StatusDot extends LitElement {
  @property() url = "/health";
  @state() private ok = true;
  private retry?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.check();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
  }

  private check(): void {
    fetch(this.url).then((r) => (this.ok = r.ok));
    this.retry = setTimeout(() => this.check(), 10_000); // want "timer-not-cleared"
  }

  override render() {
    return html`<span class=${this.ok ? "ok" : "down"}></span>`;
  }
}

// Clean shapes.

@customElement("clean-clock")
export class CleanClock extends LitElement {
  @state() private now = new Date();
  private timer?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => (this.now = new Date()), 1000);
  }

  override disconnectedCallback(): void {
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  override render() {
    return html`<time>${this.now.toLocaleTimeString()}</time>`;
  }
}
