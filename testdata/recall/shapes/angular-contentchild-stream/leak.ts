// Shape: angular-contentchild-stream. A @ContentChild is projected content
// that can outlive this component's view; subscribing to its stream needs a
// teardown. leakwatch should report subscription-not-disposed at "<- leak".
import { AfterContentInit, Component, ContentChild, Directive, OnDestroy } from "@angular/core";
import { BehaviorSubject, Subject } from "rxjs";

@Directive({ selector: "[appBadge]" })
export class BadgeDirective {
  readonly width$ = new BehaviorSubject<number>(0);
}

@Component({ selector: "app-strip", template: "<ng-content></ng-content>" })
export class StripComponent implements AfterContentInit, OnDestroy {
  @ContentChild(BadgeDirective) badge?: BadgeDirective;
  readonly badgeWidth$ = new BehaviorSubject<number>(0);
  private destroy$ = new Subject<void>();

  ngAfterContentInit(): void {
    this.badge?.width$.subscribe(this.badgeWidth$); // <- leak
  }

  ngOnDestroy(): void {
    this.destroy$.next();
    this.destroy$.complete();
  }
}
