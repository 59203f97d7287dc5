// A resize drag hands the handlers it added to the method that removes
// them when the mouse button comes up: the parameters are those handlers.
import { Component } from "@angular/core";

@Component({ selector: "app-resizable", template: "<div (mousedown)='start($event)'></div>" })
export class ResizableComponent {
  height = 100;
  private startY = 0;

  start(e: MouseEvent): void {
    this.startY = e.clientY;
    const move = (ev: MouseEvent) => this.resize(ev);
    const up = () => this.onResizeEnd(move, up);
    document.addEventListener("mousemove", move);
    document.addEventListener("mouseup", up);
  }

  private resize(ev: MouseEvent): void {
    this.height += ev.clientY - this.startY;
  }

  private onResizeEnd(move: (ev: MouseEvent) => void, up: () => void): void {
    document.removeEventListener("mousemove", move);
    document.removeEventListener("mouseup", up);
  }
}
