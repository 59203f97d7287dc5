// A small web-component library: sticky headers via IntersectionObserver,
// auto-resizing text areas via ResizeObserver, and a lazy image loader that
// lets go of each image once loaded.
class StickyHeader extends HTMLElement {
  connectedCallback() {
    this.sentinel = document.createElement("div");
    this.before(this.sentinel);
    this.io = new IntersectionObserver(([e]) => this.toggleAttribute("stuck", !e.isIntersecting));
    this.io.observe(this.sentinel);
  }

  disconnectedCallback() {
    this.io.disconnect();
    this.sentinel.remove();
  }
}
customElements.define("sticky-header", StickyHeader);

class AutoTextarea extends HTMLElement {
  #ro = new ResizeObserver(() => this.#fit());

  connectedCallback() {
    this.#ro.observe(this.querySelector("textarea"));
  }

  disconnectedCallback() {
    this.#ro.disconnect();
  }

  #fit() {
    const ta = this.querySelector("textarea");
    ta.style.height = "auto";
    ta.style.height = `${ta.scrollHeight}px`;
  }
}
customElements.define("auto-textarea", AutoTextarea);

class LazyGallery extends HTMLElement {
  connectedCallback() {
    const io = new IntersectionObserver((entries, observer) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        entry.target.src = entry.target.dataset.src;
        observer.unobserve(entry.target);
      }
    });
    this.querySelectorAll("img[data-src]").forEach((img) => io.observe(img));
  }

  disconnectedCallback() {}
}
customElements.define("lazy-gallery", LazyGallery);

// Page-level instrumentation lives as long as the page.
const longTasks = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) console.debug("long task", entry.duration);
});
longTasks.observe({ type: "longtask", buffered: true });
