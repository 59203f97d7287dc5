// A removal through `const { onResize } = this` passes this.onResize, the
// function that was added.
export class Panel {
  onResize = () => {};
  onKey = () => {};
  attach() {
    window.addEventListener("resize", this.onResize);
    document.addEventListener("keydown", this.onKey, true);
  }
  dispose() {
    const { onResize, onKey: key } = this;
    window.removeEventListener("resize", onResize);
    document.removeEventListener("keydown", key, true);
  }
}
