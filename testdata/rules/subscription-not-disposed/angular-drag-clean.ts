import { Component } from "@angular/core";
import { fromEvent, Subscription } from "rxjs";
import { takeUntil } from "rxjs/operators";

// A drag's subscriptions end when the drag does: the pointerup
// subscription's own callback calls release(), which unsubscribes it and
// the pointermove one added to it. They last one gesture.
@Component({ selector: "app-divider", template: "<div (pointerdown)='grab()'></div>" })
export class DividerComponent {
  drag?: Subscription;
  offset = 0;

  grab(): void {
    const up$ = fromEvent(document, "pointerup");
    this.drag = up$.subscribe(() => this.release());
    const move = fromEvent(document, "pointermove")
      .pipe(takeUntil(up$))
      .subscribe((e) => (this.offset = (e as PointerEvent).clientY));
    this.drag.add(move);
  }

  release(): void {
    this.finish();
  }

  private finish(): void {
    this.drag?.unsubscribe();
    this.drag = undefined;
  }
}
