// Shape: undo-typo. The undo path calls the adder again instead of the
// remover (here video.js-style component helpers: this.on(target, type, fn)
// and this.off(target, type, fn)), so the listener is never removed and is
// doubled. leakwatch should report at the registration ("<- leak",
// listener-not-removed or listener-removal-mismatch) and name the typo line.
import Component from "./component.js";

export class SeekBar extends Component {
  constructor(player, options) {
    super(player, options);
    this.update = this.update.bind(this);
    this.on(this.player_.liveTracker, "liveedgechange", this.update); // <- leak
  }
  update() {}
  dispose() {
    this.on(this.player_.liveTracker, "liveedgechange", this.update); // <- typo
    super.dispose();
  }
}
