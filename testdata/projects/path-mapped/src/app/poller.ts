import { Disposable } from "@core/index";

// Inherits close() through a path-mapped import and a re-export, and its
// onClose() forgets the listener.
export class Poller extends Disposable {
  start() {
    window.addEventListener("online", this.poll); // want "listener-not-removed"
  }

  protected onClose(): void {}

  poll = () => {};
}
