// Shape: undo-typo, cleaned: dispose() calls the remover.
import Component from "./component.js";

export class SeekBar extends Component {
  constructor(player, options) {
    super(player, options);
    this.update = this.update.bind(this);
    this.on(this.player_.liveTracker, "liveedgechange", this.update);
  }
  update() {}
  dispose() {
    this.off(this.player_.liveTracker, "liveedgechange", this.update);
    super.dispose();
  }
}
