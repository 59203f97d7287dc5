import { Component } from "@angular/core";
import { fromEvent, Subscription } from "rxjs";

// The twin of angular-drag-clean.ts: the method the callback calls ends
// another subscription, not this one, so each grab leaves a document
// listener that keeps the component.
@Component({ selector: "app-handle", template: "<div (pointerdown)='grab()'></div>" })
export class HandleComponent {
  drag?: Subscription;
  hover?: Subscription;

  grab(): void {
    this.drag = fromEvent(document, "pointerup").subscribe(() => this.release()); // want "subscription-not-disposed: subscription to fromEvent\(document, .pointerup.\) is kept in this.drag but never unsubscribed"
  }

  release(): void {
    this.hover?.unsubscribe();
  }
}
