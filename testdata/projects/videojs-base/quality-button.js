// Registered by the plugin's entry file, not here: that its base is a
// video.js component comes from the facts of menu-button.js.
import MenuButton from "./menu-button.js";

export default class QualityButton extends MenuButton {
  constructor(player, options) {
    super(player, options);
    const levels = options.levels;
    const update = () => this.update();

    levels.addEventListener("change", update); // want "listener-not-removed"
    // The player's dispose is not the button's.
    this.player_.on("dispose", () => levels.removeEventListener("change", update));
  }

  update() {}
}
