// Shape: angular-contentchild-stream, cleaned with takeUntil on the destroy subject.
import { AfterContentInit, Component, ContentChild, Directive, OnDestroy } from "@angular/core";
import { BehaviorSubject, Subject } from "rxjs";
import { takeUntil } from "rxjs/operators";

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
    this.badge?.width$.pipe(takeUntil(this.destroy$)).subscribe(this.badgeWidth$);
  }

  ngOnDestroy(): void {
    this.destroy$.next();
    this.destroy$.complete();
  }
}
