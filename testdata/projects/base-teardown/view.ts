// A base class whose dispose() every view inherits.
export abstract class View {
  protected el: HTMLElement = document.createElement("div");

  dispose(): void {
    this.el.remove();
  }
}
