// Shape: listener-component (Lit). window.matchMedia(...) lists live as long
// as the window even when the handle is kept in a local; listeners added to
// them from an element are never removed. leakwatch should report
// listener-not-removed at "<- leak".
import { LitElement, html } from "lit";

export class ColumnView extends LitElement {
  private columns = 1;
  private queries?: MediaQueryList[];

  connectedCallback(): void {
    super.connectedCallback();
    this.queries = [400, 800, 1200].map((width) => {
      const mql = window.matchMedia(`(min-width: ${width}px)`);
      mql.addListener(() => this.relayout()); // <- leak
      return mql;
    });
  }

  private relayout(): void {
    this.columns = (this.queries ?? []).filter((q) => q.matches).length + 1;
    this.requestUpdate();
  }

  render() {
    return html`<div style="columns: ${this.columns}"><slot></slot></div>`;
  }
}
customElements.define("column-view", ColumnView);
