// Shape: angular-service-stream, cleaned: each subscription ends with its owner.
import { FocusMonitor } from "@angular/cdk/a11y";
import { Component, ElementRef, Injectable, OnDestroy, OnInit, Optional, SkipSelf } from "@angular/core";
import { Observable, Subject, Subscription } from "rxjs";
import { mergeMap, takeUntil } from "rxjs/operators";

@Injectable({ providedIn: "root" })
export class SettingsHub {
  private changes = new Subject<string>();
  settingChanges(section: string): Observable<string> {
    return this.changes.asObservable();
  }
}

@Injectable({ providedIn: "root" })
export class ThemeKeeper implements OnDestroy {
  theme = "light";
  private sub: Subscription;
  constructor(hub: SettingsHub) {
    this.sub = hub.settingChanges("theme").subscribe((t) => (this.theme = t));
  }
  ngOnDestroy(): void {
    this.sub.unsubscribe();
  }
}

@Component({ selector: "app-chip", template: "<span>chip</span>" })
export class ChipComponent implements OnInit, OnDestroy {
  focused = false;
  constructor(private focus: FocusMonitor, private host: ElementRef<HTMLElement>) {}
  ngOnInit(): void {
    this.focus.monitor(this.host, true).subscribe((origin) => (this.focused = !!origin));
  }
  ngOnDestroy(): void {
    this.focus.stopMonitoring(this.host);
  }
}

export class PopupHandle {
  private closed$ = new Subject<void>();
  constructor(popup: { closeClick: Observable<void> }, private done: () => void) {
    popup.closeClick.pipe(takeUntil(this.closed$)).subscribe(() => this.close());
  }
  close(): void {
    this.dispose();
  }
  private dispose(): void {
    this.closed$.next();
    this.closed$.complete();
    this.done();
  }
}

@Injectable()
export class NestedMenuState implements OnDestroy {
  open = false;
  private click$ = new Subject<void>();
  private destroy$ = new Subject<void>();
  constructor(@SkipSelf() @Optional() private parent: NestedMenuState, private hub: SettingsHub) {
    this.click$
      .pipe(
        mergeMap(() => this.hub.settingChanges("mode")),
        takeUntil(this.destroy$),
      )
      .subscribe((m) => (this.open = m === "inline"));
  }
  ngOnDestroy(): void {
    this.destroy$.next();
    this.destroy$.complete();
  }
}
