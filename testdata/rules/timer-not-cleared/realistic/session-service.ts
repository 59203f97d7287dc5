// Angular services and a component with the usual timer housekeeping.
import { Component, DestroyRef, Injectable, NgZone, OnDestroy, OnInit, inject } from "@angular/core";

@Injectable({ providedIn: "root" })
export class SessionService implements OnDestroy {
  private keepAlive?: ReturnType<typeof setInterval>;
  private expiry?: ReturnType<typeof setTimeout>;

  constructor(private zone: NgZone) {}

  start(ttlMs: number): void {
    this.stop();
    this.zone.runOutsideAngular(() => {
      this.keepAlive = setInterval(() => this.ping(), 60_000);
    });
    this.expiry = setTimeout(() => this.logout(), ttlMs);
  }

  stop(): void {
    clearInterval(this.keepAlive);
    clearTimeout(this.expiry);
  }

  ngOnDestroy(): void {
    this.stop();
  }

  private ping(): void {}
  private logout(): void {}
}

@Component({ selector: "app-typing", template: "<span>{{ shown }}</span>" })
export class TypingComponent implements OnInit {
  shown = "";
  private readonly destroyRef = inject(DestroyRef);
  private handle?: ReturnType<typeof setTimeout>;

  ngOnInit(): void {
    this.destroyRef.onDestroy(() => clearTimeout(this.handle));
    this.typeNext("Hello, world", 0);
  }

  private typeNext(text: string, i: number): void {
    if (i > text.length) return;
    this.shown = text.slice(0, i);
    this.handle = setTimeout(() => this.typeNext(text, i + 1), 60);
  }
}
