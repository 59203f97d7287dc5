// The end method removes what it is given, but the drag hands it another
// function than the one it added: the mousemove listener stays.
import { Component } from "@angular/core";

@Component({ selector: "app-resizable", template: "<div (mousedown)='start($event)'></div>" })
export class ResizableComponent {
  height = 100;

  start(): void {
    const move = (ev: MouseEvent) => this.resize(ev);
    const up = () => this.onResizeEnd(this.resize, up);
    document.addEventListener("mousemove", move); // want "listener-not-removed: .mousemove. listener added to document is never removed; call removeEventListener in ngOnDestroy"
    document.addEventListener("mouseup", up);
  }

  resize = (ev: MouseEvent): void => {
    this.height += ev.movementY;
  };

  private onResizeEnd(move: (ev: MouseEvent) => void, up: () => void): void {
    document.removeEventListener("mousemove", move);
    document.removeEventListener("mouseup", up);
  }
}
