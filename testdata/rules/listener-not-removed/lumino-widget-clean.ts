// A Lumino widget adds its document listeners when it is attached and
// takes them off before it is detached; disposing an attached widget
// detaches it first, so they are removed when it ends.
import { Message } from "@lumino/messaging";
import { Widget } from "@lumino/widgets";

export class Completer extends Widget {
  private items: string[] | null = [];

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.items = null;
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    document.addEventListener("keydown", this, true);
    document.addEventListener("pointerdown", this.onPointerDown);
    super.onAfterAttach(msg);
  }

  protected onBeforeDetach(msg: Message): void {
    document.removeEventListener("keydown", this, true);
    super.onBeforeDetach(msg);
  }

  protected onAfterDetach(msg: Message): void {
    document.removeEventListener("pointerdown", this.onPointerDown);
    super.onAfterDetach(msg);
  }

  handleEvent(event: Event): void {
    console.log(event.type);
  }

  private onPointerDown = (): void => {
    this.hide();
  };
}
