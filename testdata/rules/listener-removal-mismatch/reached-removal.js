// The leaking twins of unreached-removal.js: each removal here runs.

// Leaks: the same pair, and the removal runs when dragging is switched off,
// leaving both listeners (and the handle) on the node.
export class ToggledDragHandle {
  constructor(node) {
    this.node = node;
    this.bindDrag(node);
  }

  setEnabled(on) {
    if (!on) this.unbindDrag(this.node);
  }

  bindDrag(node) {
    node.addEventListener("dragstart", this.onStart.bind(this)); // want ".dragstart. listener added here is never removed: removeEventListener at line \d+ can never match \(it removes this.onStart\)"
    node.addEventListener("dragend", this.onEnd.bind(this)); // want "listener added here is never removed"
  }

  unbindDrag(node) {
    node.removeEventListener("dragstart", this.onStart); // want "removeEventListener removes this.onStart, which is never added for this event; the listener added here is this.onStart.bind\(this\)"
    node.removeEventListener("dragend", this.onEnd); // want "listener-removal-mismatch"
  }

  onStart() {}
  onEnd() {}
}

// Leaks: a helper the module exports runs whenever an importer calls it.
export function detachMove(target, onMove) {
  target.addEventListener("pointermove", onMove.bind(null)); // want "listener added here is never removed"
  target.removeEventListener("pointermove", onMove.bind(null)); // want "removes nothing: it is a new function"
}
