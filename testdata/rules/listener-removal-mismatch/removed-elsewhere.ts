// The drop handler takes the drag's listeners off document.body, where
// they were added; only the teardown names the wrong target. The removal
// in dispose() is the mistake (a dispose mid-drag leaves them), but the
// additions are removed by onDrop, so they are not reported as never
// removed.
export class DragSource {
  constructor(private el: HTMLElement) {
    el.addEventListener("dragstart", this.onDragStart);
  }

  private onDragStart = () => {
    document.body.addEventListener("dragover", this.onDragOver);
    document.body.addEventListener("drop", this.onDrop);
  };

  private onDragOver = (e: DragEvent) => e.preventDefault();

  private onDrop = () => {
    document.body.removeEventListener("dragover", this.onDragOver);
    document.body.removeEventListener("drop", this.onDrop);
  };

  dispose(): void {
    this.el.removeEventListener("dragstart", this.onDragStart);
    window.removeEventListener("dragover", this.onDragOver); // want "removeEventListener removes the listener from window, but it was added to document.body"
    window.removeEventListener("drop", this.onDrop); // want "removeEventListener removes the listener from window, but it was added to document.body"
  }
}
