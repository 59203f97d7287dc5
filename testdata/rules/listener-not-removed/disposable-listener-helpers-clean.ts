// addDisposableListener's IDisposable kept where the teardown disposes it.
import { Disposable } from "vs/base/common/lifecycle";
import * as dom from "vs/base/browser/dom";
import { addDisposableListener } from "./utils/dom";

interface IDisposable {
  dispose(): void;
}

export class Overlay {
  private top = 0;
  private readonly disposables: IDisposable[] = [];
  private keyListener: IDisposable;

  constructor(private readonly host: HTMLElement) {
    this.disposables.push(addDisposableListener(window, "resize", () => this.layout()));
    this.keyListener = dom.addStandardDisposableListener(document.body, "keydown", () => this.layout());
  }

  private layout(): void {
    this.top = this.host.offsetTop;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.keyListener.dispose();
  }
}

// Handed to VS Code's Disposable base, which disposes it with the instance.
export class Gutter extends Disposable {
  constructor(private readonly host: HTMLElement) {
    super();
    this._register(dom.addDisposableListener(window, "resize", () => this.host.focus()));
  }
}

// A listener on the owner's own element goes with it.
export class Hint {
  private readonly el = document.createElement("div");

  constructor() {
    addDisposableListener(this.el, "click", () => this.el.remove());
  }

  dispose(): void {
    this.el.remove();
  }
}
