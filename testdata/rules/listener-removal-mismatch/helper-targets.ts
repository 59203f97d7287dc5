// Listeners added and removed through two helpers that take the target:
// setup passes one global object, teardown another, so the removal never
// undoes the addition.
export class Backend {
  constructor(private options: { window: Window; document: Document }) {}

  get window(): Window {
    return this.options.window;
  }

  get document(): Document {
    return this.options.document;
  }

  setup(): void {
    this.addEventListeners(this.document as Node); // want "listener-removal-mismatch"
  }

  teardown(): void {
    this.removeEventListeners(this.window as unknown as Node);
  }

  private addEventListeners(target: Node) {
    target.addEventListener("dragstart", this.onDragStart);
    target.addEventListener("drop", this.onDrop, true);
  }

  private removeEventListeners(target: Node) {
    target.removeEventListener("dragstart", this.onDragStart);
    target.removeEventListener("drop", this.onDrop, true);
  }

  private onDragStart = () => {};
  private onDrop = () => {};
}

// Clean: both helpers are given the same object.
export class CleanBackend {
  setup(): void {
    this.listen(window);
  }

  teardown(): void {
    this.unlisten(window);
  }

  private listen(target: Window) {
    target.addEventListener("resize", this.onResize);
  }

  private unlisten(target: Window) {
    target.removeEventListener("resize", this.onResize);
  }

  private onResize = () => {};
}
