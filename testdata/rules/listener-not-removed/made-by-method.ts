// A method that hands back an element that already exists (the page's
// overlay root) makes nothing: the listener stays on the shared element.
import { Directive, OnDestroy } from "@angular/core";

const overlayRoot = document.createElement("div");

@Directive({ selector: "[appOverlay]" })
export class OverlayDirective implements OnDestroy {
  private root?: HTMLElement;

  open(): void {
    this.root = this.overlay();
    this.root.addEventListener("keydown", this.onKey); // want "listener-not-removed: .keydown. listener added to this.root is never removed; call removeEventListener in ngOnDestroy"
  }

  onKey = () => {};

  private overlay(): HTMLElement {
    return overlayRoot;
  }

  ngOnDestroy(): void {}
}
