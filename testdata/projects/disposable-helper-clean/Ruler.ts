import { listenDisposable, IDisposable } from "./dom";

// Every way of keeping the IDisposable that the teardown disposes.
export class Ruler implements IDisposable {
  private width = 0;
  private readonly disposables: IDisposable[] = [];
  private scrollListener: IDisposable;

  constructor(private readonly host: HTMLElement) {
    this.disposables.push(listenDisposable(window, "resize", () => this.measure()));
    this.scrollListener = listenDisposable(document, "scroll", () => this.measure(), true);
  }

  private measure(): void {
    this.width = this.host.clientWidth;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.scrollListener.dispose();
  }
}

// A listener on the element the owner made itself goes with the element.
export class Badge implements IDisposable {
  private readonly el = document.createElement("span");

  constructor() {
    listenDisposable(this.el, "click", () => this.el.remove());
  }

  dispose(): void {
    this.el.remove();
  }
}
