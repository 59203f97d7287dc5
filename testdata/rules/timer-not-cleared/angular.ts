import { Component, DestroyRef, Directive, ElementRef, Injectable, NgZone, OnDestroy, OnInit, inject } from "@angular/core";
import { HttpClient } from "@angular/common/http";

@Component({ selector: "app-clock", template: "{{ now | date: 'mediumTime' }}" })
export class ClockComponent implements OnInit {
  now = new Date();

  ngOnInit(): void {
    setInterval(() => (this.now = new Date()), 1000); // want "timer-not-cleared"
  }
}

@Component({ selector: "app-notifications", template: "" })
export class NotificationsComponent implements OnInit, OnDestroy {
  private pollHandle?: ReturnType<typeof setInterval>;
  unread = 0;

  constructor(private http: HttpClient) {}

  ngOnInit(): void {
    this.pollHandle = setInterval(() => this.check(), 30_000); // want "timer-not-cleared"
  }

  ngOnDestroy(): void {
    console.log("notifications destroyed");
  }

  private check(): void {
    this.http.get<number>("/api/unread").subscribe((n) => (this.unread = n));
  }
}

@Directive({ selector: "[appAutoScroll]" })
export class AutoScrollDirective {
  constructor(private host: ElementRef<HTMLElement>, private zone: NgZone) {
    this.zone.runOutsideAngular(() => this.scroll());
  }

  private scroll(): void {
    this.host.nativeElement.scrollTop += 1;
    requestAnimationFrame(() => this.scroll()); // want "timer-not-cleared"
  }
}

@Directive({ selector: "[appBlink]" })
export class BlinkDirective implements OnDestroy {
  constructor(private host: ElementRef<HTMLElement>) {
    window.setInterval(() => this.host.nativeElement.classList.toggle("on"), 500); // want "timer-not-cleared"
  }

  ngOnDestroy(): void {}
}

// Clean shapes.

@Component({ selector: "app-clean-clock", template: "" })
export class CleanClockComponent implements OnInit, OnDestroy {
  private timer?: ReturnType<typeof setInterval>;

  ngOnInit(): void {
    this.timer = setInterval(() => this.tick(), 1000);
  }

  ngOnDestroy(): void {
    if (this.timer) {
      clearInterval(this.timer);
    }
  }

  tick(): void {}
}

@Component({ selector: "app-destroy-ref", template: "" })
export class DestroyRefComponent {
  private destroyRef = inject(DestroyRef);

  constructor() {
    const id = setInterval(() => this.refresh(), 5000);
    this.destroyRef.onDestroy(() => clearInterval(id));
  }

  refresh(): void {}
}

@Directive({ selector: "[appCleanScroll]" })
export class CleanScrollDirective implements OnDestroy {
  private frame = 0;

  constructor(private host: ElementRef<HTMLElement>) {
    this.scroll();
  }

  ngOnDestroy(): void {
    this.stop();
  }

  private stop(): void {
    cancelAnimationFrame(this.frame);
  }

  private scroll(): void {
    this.host.nativeElement.scrollTop += 1;
    this.frame = requestAnimationFrame(() => this.scroll());
  }
}

// A root service without a teardown lives as long as the app.
@Injectable({ providedIn: "root" })
export class HeartbeatService {
  constructor(private http: HttpClient) {
    setInterval(() => this.http.post("/api/heartbeat", {}).subscribe(), 60_000);
  }
}

@Injectable()
export class SessionService implements OnDestroy {
  private keepAlive = setInterval(() => this.ping(), 120_000);

  ngOnDestroy(): void {
    clearInterval(this.keepAlive);
  }

  ping(): void {}
}
