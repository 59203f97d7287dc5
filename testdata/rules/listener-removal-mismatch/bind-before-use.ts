// The fix binds the method once in the constructor; when the constructor
// itself registers it, the bind must come before that registration, or
// the listener added would still be the unbound method.
import type { Editor } from "@tiptap/core";

export class NodeView {
  private editor: Editor;
  private dom: HTMLElement;

  constructor(editor: Editor) {
    this.editor = editor;
    this.dom = document.createElement("div");
    this.editor.on("update", this.onUpdate.bind(this)); // want "listener-removal-mismatch: .update. listener added here is never removed"
    this.dom.className = "node-view";
  }

  onUpdate(): void {
    this.dom.dataset.updated = "1";
  }

  onUpdateAll(): void {}

  destroy(): void {
    this.editor.off("update", this.onUpdate.bind(this)); // want "listener-removal-mismatch: off with a fresh .bind\(\) result removes nothing"
    this.dom.remove();
  }
}
