// Shape: subscription-stored-never-disposed. The Subscription is kept in a
// field (here through NgZone.runOutsideAngular's return value) but nothing
// ever unsubscribes it. leakwatch should report subscription-not-disposed at "<- leak".
import { AfterContentInit, Component, NgZone } from "@angular/core";
import { fromEvent, merge, Subscription } from "rxjs";

@Component({ selector: "app-tabs-nav", template: "<div></div>" })
export class TabsNavComponent implements AfterContentInit {
  private realign: Subscription | null = null;
  constructor(private zone: NgZone) {}

  ngAfterContentInit(): void {
    this.realign = this.zone.runOutsideAngular(() =>
      merge(fromEvent(window, "resize"), fromEvent(window, "orientationchange")).subscribe(() => this.measure()) // <- leak
    );
  }

  private measure(): void {}
}
