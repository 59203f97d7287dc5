// Shape: undo-typo. The undo path calls the adder again instead of the
// remover, so the listener is never removed (and a second one is added).
// leakwatch reports the registration today ("<- leak", listener-not-removed);
// what it should add is the typo itself: the undo method that calls on()
// where off() was meant ("<- typo"), as its own finding or a related location.
export class SeekBar {
  constructor(player) {
    this.player = player;
    this.update = this.update.bind(this);
    this.player.liveTracker.on("liveedgechange", this.update); // <- leak
  }
  update() {}
  dispose() {
    this.player.liveTracker.on("liveedgechange", this.update); // <- typo
    this.player = null;
  }
}
