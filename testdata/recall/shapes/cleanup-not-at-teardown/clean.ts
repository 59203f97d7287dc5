// Shape: cleanup-not-at-teardown (Angular), cleaned: the notifier that
// takeUntil waits for is the one ngOnDestroy fires.
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
  value?: Date;
  constructor(private state: PickerState) {}

  ngOnInit(): void {
    this.state.valueChange$.pipe(takeUntil(this.destroy$)).subscribe((v) => (this.value = v));
  }

  ngOnDestroy(): void {
    this.destroy$.next();
    this.destroy$.complete();
  }
}
