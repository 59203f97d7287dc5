// Shape: cleanup-not-at-teardown (Angular). takeUntil(notifier) only ends the
// subscription if the notifier emits; here ngOnDestroy never calls next() on
// it (or completes a different subject). leakwatch should report
// subscription-not-disposed at each "<- leak".
import { Component, Injectable, OnDestroy, OnInit } from "@angular/core";
import { Subject } from "rxjs";
import { takeUntil } from "rxjs/operators";

@Injectable({ providedIn: "root" })
export class PickerState {
  readonly valueChange$ = new Subject<Date>();
}

@Component({ selector: "app-date-field", template: "<input />" })
export class DateFieldComponent implements OnInit, OnDestroy {
  private destroy$ = new Subject<void>();
  private destroyed$ = new Subject<void>();
  value?: Date;
  constructor(private state: PickerState) {}

  ngOnInit(): void {
    this.state.valueChange$.pipe(takeUntil(this.destroy$)).subscribe((v) => (this.value = v)); // <- leak
  }

  ngOnDestroy(): void {
    this.destroyed$.next();
    this.destroyed$.complete();
  }
}
