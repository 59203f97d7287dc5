// Angular component: the unread-message count, refreshed every 30 seconds,
// with "r" as a keyboard shortcut to mark everything read.
import { Component, OnDestroy, OnInit } from "@angular/core";
import { Subject, Subscription, interval, switchMap, takeUntil } from "rxjs";
import { NotificationService } from "./notification.service";

@Component({
  selector: "app-inbox",
  template: `<span class="unread">{{ unread }}</span>`,
})
export class InboxComponent implements OnInit, OnDestroy {
  unread = 0;
  private refresh?: Subscription;
  private destroy$ = new Subject<void>();

  constructor(private notifications: NotificationService) {}

  ngOnInit(): void {
    this.refresh = interval(30_000)
      .pipe(switchMap(() => this.notifications.reload()))
      .subscribe();
    this.notifications.unread$
      .pipe(takeUntil(this.destroy$))
      .subscribe((count) => (this.unread = count));
    document.addEventListener("keydown", this.onKeydown);
  }

  ngOnDestroy(): void {
    this.refresh?.unsubscribe();
    this.destroy$.next();
    this.destroy$.complete();
    document.removeEventListener("keydown", this.onKeydown);
  }

  private onKeydown = (event: KeyboardEvent) => {
    if (event.key === "r" && !event.ctrlKey) this.notifications.markAllRead();
  };
}
