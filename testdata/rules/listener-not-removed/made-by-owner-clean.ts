// Targets the component gets from its own objects: layers its map made,
// parts of them, nodes of its own render root, children it built.
import { LitElement } from "lit";

declare function createEditor(kind: string): Promise<HTMLElement>;

export class ZoneMap extends LitElement {
  private map!: { circle(at: number[]): { on(e: string, f: () => void): void; editing: { marker: HTMLElement } } };

  update(changed: Map<string, unknown>) {
    super.update(changed);
    const circle = this.map.circle([0, 0]);
    circle.on("add", () => this.requestUpdate());
    const marker = circle.editing.marker;
    marker.addEventListener("dragend", () => this.requestUpdate());
    for (const img of Array.from(this.renderRoot.querySelectorAll("img"))) {
      img.addEventListener("load", () => this.requestUpdate());
    }
  }

  async showEditor() {
    const editor = await createEditor("zone");
    editor.addEventListener("config-changed", () => this.requestUpdate());
  }
}

export class CardEditor extends LitElement {
  private async loadEditor(): Promise<HTMLElement | undefined> {
    return undefined;
  }

  async rebuild() {
    // Reassigned, but every value is one the component made.
    let editor = await this.loadEditor();
    if (!editor) {
      editor = document.createElement("form-editor");
    }
    editor.addEventListener("config-changed", () => this.requestUpdate());
    // Nodes of its own tree, reached through a tree walker it created.
    const walker = document.createTreeWalker(this.renderRoot);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      node.addEventListener("load", () => this.requestUpdate());
    }
    const handles = this.querySelectorAll("x-handle");
    handles[0].addEventListener("drag", () => this.requestUpdate());
  }
}

export class MarkerLayer extends LitElement {
  private map!: { marker(at: number[]): { on(e: string, f: () => void): ReturnType<MarkerLayer["map"]["marker"]> } };

  update(changed: Map<string, unknown>) {
    super.update(changed);
    // Leaflet layers return themselves: the chain is on the marker it made.
    const marker = this.map.marker([0, 0]);
    marker.on("dragend", () => this.requestUpdate()).on("click", () => this.requestUpdate());
  }
}
