import { LitElement, html } from "lit";
import { customElement, query, state } from "lit/decorators.js";

@customElement("responsive-grid")
export class ResponsiveGrid extends LitElement {
  @state() private columns = 1;

  override firstUpdated(): void {
    new ResizeObserver(([e]) => (this.columns = Math.floor(e.contentRect.width / 240))).observe(this); // want "observer-not-disconnected"
  }

  override render() {
    return html`<div style="--cols: ${this.columns}"><slot></slot></div>`;
  }
}

@customElement("visibility-tracker")
export class VisibilityTracker extends LitElement {
  @query("#target") private target!: HTMLElement;
  private io = new IntersectionObserver((entries) => this.report(entries));

  override firstUpdated(): void {
    this.io.observe(this.target); // want "observer-not-disconnected"
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
  }

  private report(entries: IntersectionObserverEntry[]): void {}

  override render() {
    return html`<div id="target"></div>`;
  }
}

// Clean shapes.

@customElement("clean-grid")
export class CleanGrid extends LitElement {
  private ro?: ResizeObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ro = new ResizeObserver(() => this.requestUpdate());
    this.ro.observe(this);
  }

  override disconnectedCallback(): void {
    this.ro?.disconnect();
    super.disconnectedCallback();
  }
}
