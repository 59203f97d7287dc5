import { Disposable } from "@core/index";

// close() (inherited through a path-mapped import) calls onClose().
export class Poller extends Disposable {
  start() {
    window.addEventListener("online", this.poll);
  }

  protected onClose(): void {
    window.removeEventListener("online", this.poll);
  }

  poll = () => {};
}
