// MediaQueryList's legacy one-argument addListener(fn) / removeListener(fn):
// the list from window.matchMedia lives with the window, even when the
// handle is kept in a local.
import { LitElement, html } from "lit";

export class Columns extends LitElement {
  private queries?: MediaQueryList[];

  connectedCallback(): void {
    super.connectedCallback();
    this.queries = [600, 1200].map((width) => {
      const mql = window.matchMedia(`(min-width: ${width}px)`);
      mql.addListener(() => this.requestUpdate()); // want "listener-not-removed"
      return mql;
    });
  }

  render() {
    return html`<slot></slot>`;
  }
}

export class ColumnsClean extends LitElement {
  private queries?: MediaQueryList[];
  private onChange = () => this.requestUpdate();

  connectedCallback(): void {
    super.connectedCallback();
    this.queries = [600, 1200].map((width) => {
      const mql = window.matchMedia(`(min-width: ${width}px)`);
      mql.addListener(this.onChange);
      return mql;
    });
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.queries?.forEach((q) => q.removeListener(this.onChange));
  }

  render() {
    return html`<slot></slot>`;
  }
}

export class DarkModeClean extends LitElement {
  private dark = window.matchMedia("(prefers-color-scheme: dark)");

  connectedCallback(): void {
    super.connectedCallback();
    this.dark.addListener(this.onScheme);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dark.removeListener(this.onScheme);
  }

  private onScheme = () => this.requestUpdate();

  render() {
    return html`<slot></slot>`;
  }
}
