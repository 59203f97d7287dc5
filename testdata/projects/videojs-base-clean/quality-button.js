// Registered by the plugin's entry file, not here: that its base is a
// video.js component, which hears of its end by its own "dispose" event,
// comes from the facts of menu-button.js.
import MenuButton from "./menu-button.js";

export default class QualityButton extends MenuButton {
  constructor(player, options) {
    super(player, options);
    const levels = options.levels;
    const update = () => this.update();

    levels.addEventListener("change", update);
    window.addEventListener("resize", update);
    this.on("dispose", () => {
      levels.removeEventListener("change", update);
      window.removeEventListener("resize", update);
    });
  }

  update() {}

  dispose() {
    super.dispose();
  }
}
