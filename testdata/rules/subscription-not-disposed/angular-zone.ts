// NgZone.runOutsideAngular (and run) call the function at once and return
// what it returns: a Subscription returned from it is kept where the zone
// call's value goes.
import { AfterContentInit, Component, NgZone, OnDestroy } from "@angular/core";
import { fromEvent, merge, of, Subscription } from "rxjs";

@Component({ selector: "app-ink-bar", template: "<div></div>" })
export class InkBarComponent implements AfterContentInit {
  private realign: Subscription | null = null;

  constructor(private ngZone: NgZone) {}

  ngAfterContentInit(): void {
    this.realign = this.ngZone.runOutsideAngular(() => {
      // A conditional source counts by its longest-lived branch.
      const resize = typeof window !== "undefined" ? fromEvent(window, "resize") : of(null);
      return merge(resize, fromEvent(window, "orientationchange")).subscribe(() => this.align()); // want "subscription-not-disposed"
    });
  }

  private align(): void {}
}

@Component({ selector: "app-scroller", template: "<div></div>" })
export class ScrollerComponent implements AfterContentInit {
  constructor(private zone: NgZone) {}

  ngAfterContentInit(): void {
    this.zone.runOutsideAngular(() => fromEvent(document, "scroll").subscribe(() => this.check())); // want "subscription-not-disposed"
  }

  private check(): void {}
}

@Component({ selector: "app-ink-bar-clean", template: "<div></div>" })
export class InkBarCleanComponent implements AfterContentInit, OnDestroy {
  private realign?: Subscription;

  constructor(private ngZone: NgZone) {}

  ngAfterContentInit(): void {
    this.realign = this.ngZone.runOutsideAngular(() =>
      fromEvent(window, "resize").subscribe(() => this.align()),
    );
  }

  ngOnDestroy(): void {
    this.realign?.unsubscribe();
  }

  private align(): void {}
}

@Component({ selector: "app-ticks", template: "<div></div>" })
export class TicksComponent implements AfterContentInit {
  constructor(private zone: NgZone) {}

  ngAfterContentInit(): void {
    // Both branches complete by themselves: nothing to unsubscribe.
    const once = typeof window !== "undefined" ? of(1) : of(0);
    this.zone.runOutsideAngular(() => once.subscribe(() => this.check()));
  }

  private check(): void {}
}
