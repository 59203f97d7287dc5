import { LitElement, html } from "lit";
import { SignalWatcher } from "@lit-labs/signals";

// A class that marks its overrides (noImplicitOverride) needs the teardown
// a fix creates marked too; one that marks none keeps a plain method.
export class PresenceBadge extends SignalWatcher(LitElement) {
  private online = false;

  override connectedCallback(): void {
    super.connectedCallback();
    setInterval(() => this.poll(), 15_000); // want "timer-not-cleared"
  }

  private poll(): void {
    this.online = navigator.onLine;
  }

  override render() {
    return html`<span>${this.online ? "online" : "away"}</span>`;
  }
}

export class UptimeLabel extends LitElement {
  private seconds = 0;

  connectedCallback(): void {
    super.connectedCallback();
    setInterval(() => (this.seconds += 1), 1000); // want "timer-not-cleared"
  }

  render() {
    return html`<span>${this.seconds}s</span>`;
  }
}
