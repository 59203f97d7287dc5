// Plain class: a slide carousel that re-lays itself out when the window resizes.
export class Carousel {
  constructor(root) {
    this.root = root;
    this.slides = [...root.querySelectorAll(".slide")];
    this.index = 0;
    this.layout = this.layout.bind(this);
    window.addEventListener("resize", this.layout);
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
    window.removeEventListener("resize", this.layout);
    this.slides = [];
  }
}
