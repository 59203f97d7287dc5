// An undo method that calls the adder again instead of the remover.
export class SeekBar {
  constructor(tracker) {
    this.tracker = tracker;
    this.update = this.update.bind(this);
    this.tracker.on("liveedgechange", this.update);
    window.addEventListener("resize", this.update);
  }

  update() {}

  removeListeners() {
    this.tracker.on("liveedgechange", this.update); // want "adds the .liveedgechange. listener again instead of removing it; off was meant"
    window.removeEventListener("resize", this.update);
  }
}
