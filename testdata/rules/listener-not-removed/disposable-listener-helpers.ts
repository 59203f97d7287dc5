// VS Code's dom.addDisposableListener (and the copies other editors keep)
// adds a DOM listener and returns the IDisposable that removes it. Read by
// name when the module that declares it is not read: dropping what it
// returns leaves the listener on window for good.
import * as dom from "vs/base/browser/dom";
import { addDisposableListener } from "./utils/dom";

export class Overlay {
  private top = 0;

  constructor(private readonly host: HTMLElement) {
    addDisposableListener(window, "resize", () => this.layout()); // want "listener-not-removed: .resize. listener added to window with addDisposableListener is never removed: the IDisposable it returns is dropped; keep it and dispose it in dispose"
    dom.addStandardDisposableListener(document.body, "keydown", (e) => this.onKey(e)); // want "listener-not-removed"
  }

  private layout(): void {
    this.top = this.host.offsetTop;
  }

  private onKey(e: unknown): void {
    this.top = e ? 0 : this.top;
  }

  dispose(): void {
    this.top = 0;
  }
}
