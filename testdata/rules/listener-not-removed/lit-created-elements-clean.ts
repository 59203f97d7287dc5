// Elements a component creates for its own render belong to it: listeners
// on them go away with them.
import { LitElement, html } from "lit";

export class TilePanel extends LitElement {
  private tiles: HTMLElement[] = [];

  private makeTile(name: string): HTMLElement {
    const tile = document.createElement("x-tile");
    tile.title = name;
    tile.addEventListener("tile-changed", () => this.requestUpdate());
    return tile;
  }

  render() {
    this.tiles = ["a", "b"].map((n) => this.makeTile(n));
    return html`<div>${this.tiles}</div>`;
  }
}
