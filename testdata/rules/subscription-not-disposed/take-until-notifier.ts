// takeUntil(notifier) ends a subscription only if the notifier fires when
// the owner ends.
import { Component, Injectable, OnDestroy, OnInit } from "@angular/core";
import { Subject } from "rxjs";
import { takeUntil } from "rxjs/operators";

@Injectable({ providedIn: "root" })
export class Clock {
  readonly ticks$ = new Subject<number>();
}

@Component({ selector: "app-never-fired", template: "" })
export class NeverFiredComponent implements OnInit, OnDestroy {
  private destroy$ = new Subject<void>();
  private destroyed$ = new Subject<void>();
  now = 0;
  constructor(private clock: Clock) {}

  ngOnInit(): void {
    this.clock.ticks$.pipe(takeUntil(this.destroy$)).subscribe((t) => (this.now = t)); // want "subscription-not-disposed"
  }

  ngOnDestroy(): void {
    // Fires a different subject: destroy$ never emits.
    this.destroyed$.next();
    this.destroyed$.complete();
  }
}

@Component({ selector: "app-fired", template: "" })
export class FiredComponent implements OnInit, OnDestroy {
  private destroy$ = new Subject<void>();
  now = 0;
  constructor(private clock: Clock) {}

  ngOnInit(): void {
    this.clock.ticks$.pipe(takeUntil(this.destroy$)).subscribe((t) => (this.now = t));
  }

  ngOnDestroy(): void {
    this.destroy$.next();
    this.destroy$.complete();
  }
}
