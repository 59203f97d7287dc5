export class RelativeTime extends HTMLElement {
  connectedCallback() {
    this.render();
    setInterval(() => this.render(), 60000); // want "timer-not-cleared"
  }

  render() {
    this.textContent = formatRelative(this.getAttribute("datetime"));
  }
}
customElements.define("relative-time", RelativeTime);

export class ScrollingText extends HTMLElement {
  connectedCallback() {
    this.offset = 0;
    this.frame = requestAnimationFrame(this.scroll);
  }

  disconnectedCallback() {
    this.frame = undefined;
  }

  scroll = () => {
    this.offset = (this.offset + 1) % this.scrollWidth;
    this.scrollLeft = this.offset;
    requestAnimationFrame(this.scroll); // want "timer-not-cleared"
  };
}
customElements.define("scrolling-text", ScrollingText);

// Clean shapes.

export class CleanRelativeTime extends HTMLElement {
  connectedCallback() {
    this.render();
    this._timer = window.setInterval(() => this.render(), 60000);
  }

  disconnectedCallback() {
    window.clearInterval(this._timer);
    this._timer = undefined;
  }

  render() {}
}
customElements.define("clean-relative-time", CleanRelativeTime);

export class CleanScrollingText extends HTMLElement {
  #frame = 0;

  connectedCallback() {
    this.#frame = requestAnimationFrame(this.#scroll);
  }

  disconnectedCallback() {
    cancelAnimationFrame(this.#frame);
  }

  #scroll = () => {
    this.scrollLeft += 1;
    this.#frame = requestAnimationFrame(this.#scroll);
  };
}
customElements.define("clean-scrolling-text", CleanScrollingText);

function formatRelative(d) {
  return d;
}

export class WorkerClock {
  constructor(post) {
    this.post = post;
    globalThis.setInterval(() => this.post(Date.now()), 1000); // want "timer-not-cleared"
    this.frame = self.requestAnimationFrame(this.paint);
  }

  paint = () => {
    this.frame = self.requestAnimationFrame(this.paint);
  };

  terminate() {}

  dispose() {
    self.cancelAnimationFrame(this.frame);
  }
}
