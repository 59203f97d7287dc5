// Shape: subscription-stored-never-disposed, cleaned: the stored subscription
// is unsubscribed in ngOnDestroy.
import { AfterContentInit, Component, NgZone, OnDestroy } from "@angular/core";
import { fromEvent, merge, Subscription } from "rxjs";

@Component({ selector: "app-tabs-nav", template: "<div></div>" })
export class TabsNavComponent implements AfterContentInit, OnDestroy {
  private realign: Subscription | null = null;
  constructor(private zone: NgZone) {}

  ngAfterContentInit(): void {
    this.realign = this.zone.runOutsideAngular(() =>
      merge(fromEvent(window, "resize"), fromEvent(window, "orientationchange")).subscribe(() => this.measure())
    );
  }

  ngOnDestroy(): void {
    this.realign?.unsubscribe();
  }

  private measure(): void {}
}
