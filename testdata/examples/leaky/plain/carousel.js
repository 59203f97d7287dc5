// Plain class: a slide carousel that re-lays itself out when the window resizes.
export class Carousel {
  constructor(root) {
    this.root = root;
    this.slides = [...root.querySelectorAll(".slide")];
    this.index = 0;
    window.addEventListener("resize", this.layout.bind(this));
    this.layout();
  }

  next() {
    this.index = (this.index + 1) % this.slides.length;
    this.layout();
  }

  layout() {
    const width = this.root.clientWidth;
    this.slides.forEach((slide, i) => {
      slide.style.transform = `translateX(${(i - this.index) * width}px)`;
    });
  }

  destroy() {
    // Leak: bind() makes a new function each time, so this removes nothing;
    // the listener added in the constructor stays on window.
    window.removeEventListener("resize", this.layout.bind(this));
    this.slides = [];
  }
}
