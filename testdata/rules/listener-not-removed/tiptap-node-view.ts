// A Tiptap node view listens to its editor, which goes on after the node
// leaves the document; destroy() never takes the listener off, so the editor
// keeps every node view it ever made.
import { NodeView } from "@tiptap/core";

export class MentionView extends NodeView<HTMLElement> {
  mount() {
    this.onSelection = this.onSelection.bind(this);
    this.editor.on("selectionUpdate", this.onSelection); // want "listener-not-removed: .selectionUpdate. listener added to this.editor is never removed; call off in destroy"
  }

  onSelection() {
    this.selected = this.editor.isActive("mention");
  }

  destroy() {
    this.dom.remove();
  }
}

// One that listens but has no destroy() of its own: the fix adds one.
export class BadgeView extends NodeView<HTMLElement> {
  mount() {
    this.editor.on("update", () => this.render()); // want "listener-not-removed: .update. listener added to this.editor is never removed"
  }

  render() {
    this.dom.textContent = String(this.node.attrs.count);
  }
}
