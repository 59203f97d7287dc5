// Angular component: the unread-message count, refreshed every 30 seconds,
// with "r" as a keyboard shortcut to mark everything read.
import { Component, OnDestroy, OnInit } from "@angular/core";
import { Subscription, interval, switchMap } from "rxjs";
import { NotificationService } from "./notification.service";

@Component({
  selector: "app-inbox",
  template: `<span class="unread">{{ unread }}</span>`,
})
export class InboxComponent implements OnInit, OnDestroy {
  unread = 0;
  private refresh?: Subscription;

  constructor(private notifications: NotificationService) {}

  ngOnInit(): void {
    this.refresh = interval(30_000)
      .pipe(switchMap(() => this.notifications.reload()))
      .subscribe();
    // Leak: unread$ lives in a root service and never completes; this
    // subscription is not kept, so ngOnDestroy cannot end it.
    this.notifications.unread$.subscribe((count) => (this.unread = count));
    // Leak: ngOnDestroy never removes this listener from document.
    document.addEventListener("keydown", this.onKeydown);
  }

  ngOnDestroy(): void {
    this.refresh?.unsubscribe();
  }

  private onKeydown = (event: KeyboardEvent) => {
    if (event.key === "r" && !event.ctrlKey) this.notifications.markAllRead();
  };
}
