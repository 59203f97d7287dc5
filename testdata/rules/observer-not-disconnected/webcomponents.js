export class AutoFit extends HTMLElement {
  connectedCallback() {
    this._ro = new ResizeObserver(() => this.fit());
    this._ro.observe(this); // want "observer-not-disconnected"
  }

  fit() {}
}
customElements.define("auto-fit", AutoFit);

export class ChildCounter extends HTMLElement {
  connectedCallback() {
    const mo = new MutationObserver(() => this.update());
    mo.observe(this, { childList: true }); // want "observer-not-disconnected"
  }

  disconnectedCallback() {
    this.count = 0;
  }

  update() {}
}
customElements.define("child-counter", ChildCounter);

// Clean shapes.

export class CleanAutoFit extends HTMLElement {
  #ro = new ResizeObserver(() => this.fit());

  connectedCallback() {
    this.#ro.observe(this);
  }

  disconnectedCallback() {
    this.#ro.disconnect();
  }

  fit() {}
}
customElements.define("clean-auto-fit", CleanAutoFit);

// Watches a template clone it built and keeps to itself.
export class Preview extends HTMLElement {
  connectedCallback() {
    const frame = document.createElement("div");
    const mo = new MutationObserver(() => this.render());
    mo.observe(frame, { childList: true });
  }

  disconnectedCallback() {}

  render() {}
}
customElements.define("x-preview", Preview);

export class AutoTextarea extends HTMLElement {
  #ro = new ResizeObserver(() => this.#fit());

  connectedCallback() {
    this.#ro.observe(this.querySelector("textarea")); // want "observer-not-disconnected"
  }

  disconnectedCallback() {
    this.dataset.state = "detached";
  }

  #fit() {}
}
customElements.define("auto-textarea", AutoTextarea);
