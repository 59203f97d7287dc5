// A widget class that builds its own element from template markup and
// observes it (or a part of it): nothing but the observed elements holds
// the observer, so observer, callback and widget go with the element when
// the widget is dropped.
import $ from "jquery";

const TPL = `<div class="map-widget"><div class="map-container"></div></div>`;

class BaseWidget {
  cleanup() {}
}

export class MapWidget extends BaseWidget {
  doRender() {
    this.$widget = $(TPL);
    this.$container = this.$widget.find(".map-container");

    new ResizeObserver(() => this.resize()).observe(this.$container[0]);

    const visible = new IntersectionObserver((entries) => {
      this.visible = entries[0].isIntersecting;
    });
    setTimeout(() => visible.observe(this.$widget[0]), 10);
  }

  resize() {}
}

export class CanvasPanel extends BaseWidget {
  render() {
    this.canvas = document.createElement("canvas");
    new ResizeObserver(() => this.draw()).observe(this.canvas);
  }

  draw() {}
}
