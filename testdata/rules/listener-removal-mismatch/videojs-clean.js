// video.js: a once-listener (one) taken off at dispose in case it never
// fired, and a component's listener for its own "dispose", which goes
// with it however its removal is written.
import Component from "../component.js";

class FullscreenProxy extends Component {
  proxy_() {
    const endFn = function() {
      this.trigger("fullscreenchange", { isFullscreen: false });
    };
    const beginFn = function() {
      this.one("webkitendfullscreen", endFn);
    };

    this.on("webkitbeginfullscreen", beginFn);
    this.on("webkitendfullscreen", () => this.trigger("ended"));
    this.on("dispose", () => {
      this.off("webkitbeginfullscreen", beginFn);
      this.off("webkitendfullscreen", endFn);
    });
  }

  setTimeout(fn, wait) {
    const id = window.setTimeout(fn, wait);
    const disposeFn = () => this.clearTimeout(id);

    disposeFn.guid = `timeout-${id}`;
    this.on("dispose", disposeFn);
    return id;
  }

  clearTimeout(id) {
    window.clearTimeout(id);
    const disposeFn = function() {};

    disposeFn.guid = `timeout-${id}`;
    this.off("dispose", disposeFn);
    return id;
  }

  dispose() {
    super.dispose();
  }
}

Component.registerComponent("FullscreenProxy", FullscreenProxy);
