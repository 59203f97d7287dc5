// Shape: undo-typo, cleaned: dispose() calls the remover.
export class SeekBar {
  constructor(player) {
    this.player = player;
    this.update = this.update.bind(this);
    this.player.liveTracker.on("liveedgechange", this.update);
  }
  update() {}
  dispose() {
    this.player.liveTracker.off("liveedgechange", this.update);
    this.player = null;
  }
}
