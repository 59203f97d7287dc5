import { View } from "./view";
import { store } from "./store";

export class Widget extends View {
  constructor() {
    super();
    window.addEventListener("resize", this.onResize);
    this.subscriptions.push(store.subscribe(() => this.render()));
  }

  protected onDispose(): void {
    window.removeEventListener("resize", this.onResize);
  }

  // A teardown of its own that the base class's dispose() does not call.
  destroy(): void {
    this.render();
  }

  render() {}

  onResize = () => this.render();
}
