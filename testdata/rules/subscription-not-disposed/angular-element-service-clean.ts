// Services a component provides, each ending what it subscribes to when
// Angular destroys it with that component.
import { ChangeDetectorRef, DestroyRef, ElementRef, Injectable, OnDestroy, Optional, SkipSelf, inject } from "@angular/core";
import { takeUntilDestroyed } from "@angular/core/rxjs-interop";
import { BehaviorSubject, Observable, Subject, Subscription, combineLatest } from "rxjs";
import { filter, first, map, mergeMap, take, takeUntil } from "rxjs/operators";
import { MenuService } from "./menu.service";
import { ThemeService } from "./theme.service";

@Injectable()
export class UnsubscribedService implements OnDestroy {
  dark = false;
  private sub: Subscription;
  constructor(private host: ElementRef, private theme: ThemeService) {
    this.sub = this.theme.changes$.subscribe((t) => (this.dark = t.dark));
  }
  ngOnDestroy(): void {
    this.sub.unsubscribe();
  }
}

@Injectable()
export class TakeUntilService implements OnDestroy {
  open$ = new BehaviorSubject<boolean>(false);
  private itemClick$ = new Subject<void>();
  private destroy$ = new Subject<void>();
  constructor(@SkipSelf() @Optional() private parent: TakeUntilService, private menu: MenuService) {
    combineLatest([this.open$, this.itemClick$.pipe(mergeMap(() => this.menu.mode$))])
      .pipe(takeUntil(this.destroy$))
      .subscribe(([open]) => this.parent?.open$.next(open));
  }
  ngOnDestroy(): void {
    this.destroy$.next();
    this.destroy$.complete();
  }
}

@Injectable()
export class DestroyedService {
  dark = false;
  constructor(private cdr: ChangeDetectorRef, private theme: ThemeService) {
    this.theme.changes$.pipe(takeUntilDestroyed()).subscribe((t) => (this.dark = t.dark));
  }
}

@Injectable()
export class DestroyRefService {
  private destroyRef = inject(DestroyRef);
  private host = inject(ElementRef);
  dark = false;
  constructor(private theme: ThemeService) {
    const sub = this.theme.changes$.subscribe((t) => (this.dark = t.dark));
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }
}

@Injectable()
export class ParentSubscriptionService implements OnDestroy {
  private subs = new Subscription();
  dark = false;
  rtl = false;
  constructor(private host: ElementRef, private theme: ThemeService) {
    this.subs.add(this.theme.changes$.subscribe((t) => (this.dark = t.dark)));
    this.subs.add(this.theme.direction$.subscribe((d) => (this.rtl = d === "rtl")));
  }
  ngOnDestroy(): void {
    this.subs.unsubscribe();
  }
}

@Injectable()
export class HandingOutService {
  // The template subscribes with the async pipe, which ends with the view.
  readonly dark$: Observable<boolean>;
  constructor(private host: ElementRef, private theme: ThemeService) {
    this.dark$ = this.theme.changes$.pipe(map((t) => t.dark));
  }
  // The caller keeps and ends the subscription.
  watch(fn: (dark: boolean) => void): Subscription {
    return this.theme.changes$.subscribe((t) => fn(t.dark));
  }
}

@Injectable()
export class OneValueService {
  dark = false;
  constructor(private host: ElementRef, private theme: ThemeService) {
    // The current theme is always there: these end at once.
    this.theme.current$.pipe(first()).subscribe((t) => (this.dark = t.dark));
    this.theme.current$.pipe(filter(Boolean), take(1)).subscribe((t) => (this.dark = t.dark));
  }
}
