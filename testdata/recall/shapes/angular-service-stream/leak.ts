// Shape: angular-service-stream. Streams reached through injected objects are
// long-lived; these subscribe without any teardown. leakwatch should report
// subscription-not-disposed on each line marked "<- leak".
import { FocusMonitor } from "@angular/cdk/a11y";
import { Component, ElementRef, Injectable, OnInit, Optional, SkipSelf } from "@angular/core";
import { Observable, Subject } from "rxjs";
import { mergeMap, take } from "rxjs/operators";

@Injectable({ providedIn: "root" })
export class SettingsHub {
  private changes = new Subject<string>();
  settingChanges(section: string): Observable<string> {
    return this.changes.asObservable();
  }
}

// A root service with no ngOnDestroy that listens to another service.
@Injectable({ providedIn: "root" })
export class ThemeKeeper {
  theme = "light";
  constructor(hub: SettingsHub) {
    hub.settingChanges("theme").subscribe((t) => (this.theme = t)); // <- leak
  }
}

// FocusMonitor.monitor(...) emits until stopMonitoring: a stream, not a request.
@Component({ selector: "app-chip", template: "<span>chip</span>" })
export class ChipComponent implements OnInit {
  focused = false;
  constructor(private focus: FocusMonitor, private host: ElementRef<HTMLElement>) {}
  ngOnInit(): void {
    this.focus.monitor(this.host, true).subscribe((origin) => (this.focused = !!origin)); // <- leak
  }
}

// A plain class with a dispose() that subscribes to a component's output:
// take(1) does not end it when the popup is closed another way.
export class PopupHandle {
  constructor(popup: { closeClick: Observable<void> }, private done: () => void) {
    popup.closeClick.pipe(take(1)).subscribe(() => this.close()); // <- leak
  }
  close(): void {
    this.dispose();
  }
  private dispose(): void {
    this.done();
  }
}

// A service a component provides (it asks for its parent instance, so
// there is one per nested menu): Angular destroys it with the component,
// but its subscription to the menu's mode$ (reached through mergeMap) stays.
@Injectable()
export class NestedMenuState {
  open = false;
  private click$ = new Subject<void>();
  constructor(@SkipSelf() @Optional() private parent: NestedMenuState, private hub: SettingsHub) {
    this.click$.pipe(mergeMap(() => this.hub.settingChanges("mode"))).subscribe((m) => (this.open = m === "inline")); // <- leak
  }
}
