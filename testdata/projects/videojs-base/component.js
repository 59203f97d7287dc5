// A video.js-like Component: its dispose() announces the end with a
// "dispose" event on the component, then drops the player.
export default class Component {
  constructor(player, options) {
    this.player_ = player;
    this.options_ = options;
  }

  on(type, fn) {}

  off(type, fn) {}

  trigger(type) {}

  dispose() {
    this.trigger("dispose");
    this.player_ = null;
  }

  static registerComponent(name, comp) {
    return comp;
  }
}

Component.registerComponent("Component", Component);
