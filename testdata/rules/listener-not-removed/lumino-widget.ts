// Hiding is not part of a Lumino widget's disposal: a listener taken off
// only in onBeforeHide stays when an open widget is disposed, and one
// added in the constructor with no removal stays on the window.
import { Message } from "@lumino/messaging";
import { Widget } from "@lumino/widgets";

export class Palette extends Widget {
  private items: string[] | null = [];

  constructor() {
    super();
    window.addEventListener("resize", this.onResize); // want "listener-not-removed: .resize. listener added to window is never removed; call removeEventListener in onBeforeDetach, or in dispose \(an override of the inherited one that calls super.dispose\(\)\)"
  }

  dispose(): void {
    this.items = null;
    super.dispose();
  }

  protected onAfterShow(msg: Message): void {
    document.addEventListener("blur", this.onBlur, true); // want "listener-not-removed: .blur. listener added to document is removed in Palette.onBeforeHide \(line 25\), but not when Palette ends; also call removeEventListener in onBeforeDetach"
  }

  protected onBeforeHide(msg: Message): void {
    document.removeEventListener("blur", this.onBlur, true);
  }

  private onResize = (): void => {
    this.update();
  };

  private onBlur = (): void => {
    this.hide();
  };
}
