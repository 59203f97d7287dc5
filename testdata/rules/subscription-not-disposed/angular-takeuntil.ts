import { Component, OnDestroy, OnInit } from "@angular/core";
import { FormBuilder } from "@angular/forms";
import { Store } from "@ngrx/store";
import { Subject } from "rxjs";
import { debounceTime, distinctUntilChanged, takeUntil } from "rxjs/operators";

import { NotificationService } from "../notifications/notification.service";
import { selectFilters, selectOrders } from "./orders.selectors";

@Component({
  selector: "app-orders",
  templateUrl: "./orders.component.html",
})
export class OrdersComponent implements OnInit, OnDestroy {
  private readonly destroy$ = new Subject<void>();
  orders: Order[] = [];

  constructor(
    private readonly store: Store,
    private readonly notifications: NotificationService,
  ) {}

  ngOnInit(): void {
    this.store
      .select(selectOrders)
      .pipe(takeUntil(this.destroy$))
      .subscribe((orders) => (this.orders = orders));

    this.store
      .select(selectFilters)
      .pipe(
        debounceTime(200),
        distinctUntilChanged(),
      )
      .subscribe((filters) => this.reload(filters)); // want "subscription-not-disposed"

    this.notifications.unread$.pipe(debounceTime(50)).subscribe((n) => (document.title = `(${n}) Orders`)); // want "subscription-not-disposed"

    this.notifications.messages$
      .subscribe((m) => console.info(m)); // want "subscription-not-disposed"
  }

  reload(filters: unknown): void {}

  ngOnDestroy(): void {
    this.destroy$.next();
    this.destroy$.complete();
  }
}

interface Order {
  id: string;
}
