// Projected content (@ContentChild, @ContentChildren) comes from the
// parent's template: the streams of those directives are not this
// component's. Its own QueryList's changes are.
import { AfterContentInit, Component, ContentChild, ContentChildren, Directive, OnDestroy, QueryList } from "@angular/core";
import { BehaviorSubject, Subject, takeUntil } from "rxjs";

@Directive({ selector: "[appSuffix]" })
export class SuffixDirective {
  width$ = new BehaviorSubject(0);
}

@Component({ selector: "app-overflow", template: "<ng-content></ng-content>" })
export class OverflowComponent implements AfterContentInit, OnDestroy {
  @ContentChild(SuffixDirective) suffix?: SuffixDirective;
  @ContentChildren(SuffixDirective) items?: QueryList<SuffixDirective>;
  private width$ = new BehaviorSubject(0);
  private destroy$ = new Subject<void>();

  ngAfterContentInit(): void {
    this.suffix?.width$.subscribe(this.width$); // want "subscription-not-disposed"
    this.items?.changes.subscribe(() => this.measure());
    this.suffix?.width$.pipe(takeUntil(this.destroy$)).subscribe((w) => this.width$.next(w));
  }

  ngOnDestroy(): void {
    this.destroy$.next();
    this.destroy$.complete();
  }

  private measure(): void {}
}
