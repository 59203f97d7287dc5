// Shape: listener-component (Lit), cleaned: one bound handler, removed from
// every query list on disconnect.
import { LitElement, html } from "lit";

export class ColumnView extends LitElement {
  private columns = 1;
  private queries?: MediaQueryList[];
  private onChange = () => this.relayout();

  connectedCallback(): void {
    super.connectedCallback();
    this.queries = [400, 800, 1200].map((width) => {
      const mql = window.matchMedia(`(min-width: ${width}px)`);
      mql.addListener(this.onChange);
      return mql;
    });
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.queries?.forEach((q) => q.removeListener(this.onChange));
    this.queries = undefined;
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
