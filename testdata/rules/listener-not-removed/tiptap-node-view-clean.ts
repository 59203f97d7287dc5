// Tiptap node views that take their editor listeners off in destroy().
import { NodeView } from "@tiptap/core";

export class MentionView extends NodeView<HTMLElement> {
  mount() {
    this.onSelection = this.onSelection.bind(this);
    this.editor.on("selectionUpdate", this.onSelection);
  }

  onSelection() {
    this.selected = this.editor.isActive("mention");
  }

  destroy() {
    this.editor.off("selectionUpdate", this.onSelection);
    this.dom.remove();
  }
}

// Listeners on the node view's own element go with it.
export class ToggleView extends NodeView<HTMLElement> {
  mount() {
    this.dom.addEventListener("click", () => this.toggle());
  }

  toggle() {
    this.updateAttributes({ open: !this.node.attrs.open });
  }

  destroy() {
    this.dom.remove();
  }
}

// A class named NodeView of another library is no Tiptap node view.
import { NodeView as OtherView } from "./views";

export class Panel extends OtherView {
  mount() {
    this.editor.on("update", () => this.refresh());
  }

  refresh() {}

  destroy() {}
}
