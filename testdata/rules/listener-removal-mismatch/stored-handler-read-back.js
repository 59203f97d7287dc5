// The handler is kept on the instance, but the removal reads another field
// back: that field never holds the added function, so nothing is removed.
export class Shortcuts {
  constructor() {
    const keyDownHandler = this.onKeyDown.bind(this);
    this.keyUpHandler = this.onKeyUp.bind(this);
    window.addEventListener("keydown", keyDownHandler); // want "listener-removal-mismatch: .keydown. listener added here is never removed"
    this.keyDownHandler = keyDownHandler;
  }

  destroy() {
    const keyDownHandler = this.keyUpHandler;
    window.removeEventListener("keydown", keyDownHandler); // want "listener-removal-mismatch: removeEventListener removes keyDownHandler, which is never added for this event"
  }

  onKeyDown() {}
  onKeyUp() {}
}
