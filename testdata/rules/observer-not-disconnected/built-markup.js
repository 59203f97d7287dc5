// Observers of elements the widget does not build: a page element found by
// selector, and the scrolling container around the widget (closest() leads
// out of its own markup). Both outlive the widget and keep it alive.
import $ from "jquery";

const TPL = `<div class="padding-widget"></div>`;

class BaseWidget {
  cleanup() {}
}

export class PaddingWidget extends BaseWidget {
  doRender() {
    this.$widget = $(TPL);
    this.$page = $(".page-body");
    new ResizeObserver(() => this.refresh()).observe(this.$page[0]); // want "observer-not-disconnected: ResizeObserver observing this.\$page\[0\] is never disconnected"
  }

  refresh() {}
}

export class ScrollPaddingWidget extends BaseWidget {
  doRender() {
    this.$widget = $(TPL);
  }

  initialRenderCompleteEvent() {
    this.$scroller = this.$widget.closest(".scrolling-container");
    new ResizeObserver(() => this.refresh()).observe(this.$scroller[0]); // want "observer-not-disconnected: ResizeObserver observing this.\$scroller\[0\] is never disconnected"
  }

  refresh() {}
}
