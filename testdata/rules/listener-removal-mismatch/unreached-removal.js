// A removal nothing calls strands nothing: the class below writes
// detachHandlers() with fresh .bind() results but never calls it, so the
// mismatch has no run in which it fails to remove.
export class DragHandle {
  constructor(node, settings) {
    this.node = node;
    this.settings = settings;
    this.attachHandlers.bind(this)(node);
  }

  attachHandlers(node) {
    node.addEventListener("dragstart", this.handleStart.bind(this));
    node.addEventListener("dragend", this.handleEnd.bind(this));
  }

  detachHandlers(node) {
    node.removeEventListener("dragstart", this.handleStart);
    node.removeEventListener("dragend", this.handleEnd);
  }

  handleStart(event) {
    event.dataTransfer.effectAllowed = this.settings.effect;
  }

  handleEnd() {}
}

// A helper declared and never called is as unreachable.
function unusedDetach(target, onMove) {
  target.removeEventListener("pointermove", onMove.bind(null));
}
