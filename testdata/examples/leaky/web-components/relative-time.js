// Web Component: <relative-time datetime="..."> shows "5 minutes ago" and keeps it current.
const formatter = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export class RelativeTime extends HTMLElement {
  connectedCallback() {
    this.render();
    // Leak: there is no disconnectedCallback, so the interval keeps
    // re-rendering the removed element forever.
    this.timer = setInterval(() => this.render(), 60_000);
    // Leak: document keeps this listener, and through it the element.
    document.addEventListener("visibilitychange", this.onVisibilityChange);
  }

  onVisibilityChange = () => {
    if (!document.hidden) this.render();
  };

  render() {
    const minutes = Math.round((Date.parse(this.getAttribute("datetime")) - Date.now()) / 60_000);
    this.textContent = formatter.format(minutes, "minute");
  }
}

customElements.define("relative-time", RelativeTime);
