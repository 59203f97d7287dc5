import { listenDisposable, IDisposable } from "./dom";

export class Ruler implements IDisposable {
  private width = 0;

  constructor(private readonly host: HTMLElement) {
    // The IDisposable is dropped: nothing can take the listener off window.
    listenDisposable(window, "resize", () => this.measure()); // want "listener-not-removed: .resize. listener added to window with listenDisposable is never removed: the IDisposable it returns is dropped; keep it and dispose it in dispose"
  }

  private measure(): void {
    this.width = this.host.clientWidth;
  }

  dispose(): void {
    this.width = 0;
  }
}
