import { View } from "./view";

// Widget ends with the dispose() it inherits, which knows nothing of this
// listener.
export class Widget extends View {
  constructor() {
    super();
    window.addEventListener("resize", this.onResize); // want "listener-not-removed"
  }

  onResize = () => {
    this.el.style.width = `${window.innerWidth}px`;
  };
}
