// Lit element: a navigation menu that highlights the link for the current #hash.
import { LitElement, html } from "lit";
import { customElement, property, state } from "lit/decorators.js";

@customElement("nav-menu")
export class NavMenu extends LitElement {
  @property({ type: Array }) links: { href: string; label: string }[] = [];
  @state() private current = location.hash;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("hashchange", this.onHashChange);
  }

  disconnectedCallback(): void {
    window.removeEventListener("hashchange", this.onHashChange);
    super.disconnectedCallback();
  }

  private onHashChange = () => {
    this.current = location.hash;
  };

  render() {
    return html`<nav>
      ${this.links.map(
        (link) => html`<a href=${link.href} aria-current=${link.href === this.current ? "page" : "false"}>${link.label}</a>`,
      )}
    </nav>`;
  }
}
