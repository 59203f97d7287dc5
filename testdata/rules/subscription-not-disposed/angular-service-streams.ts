// Methods of injected services whose names say stream hand out the service's
// long-lived events; the service's own undo ends them.
import { Component, ElementRef, OnDestroy, AfterViewInit, inject } from "@angular/core";
import { FocusMonitor } from "@angular/cdk/a11y";
import { SettingsService } from "./settings.service";

@Component({ selector: "app-radio", template: "" })
export class RadioComponent implements AfterViewInit {
  focused = false;
  constructor(private focusMonitor: FocusMonitor, private el: ElementRef<HTMLElement>) {}

  ngAfterViewInit(): void {
    this.focusMonitor.monitor(this.el, true).subscribe((o) => (this.focused = !!o)); // want "subscription to this.focusMonitor.monitor"
  }
}

@Component({ selector: "app-switch", template: "" })
export class SwitchComponent implements AfterViewInit, OnDestroy {
  focused = false;
  constructor(private focusMonitor: FocusMonitor, private el: ElementRef<HTMLElement>) {}

  ngAfterViewInit(): void {
    this.focusMonitor.monitor(this.el, true).subscribe((o) => (this.focused = !!o));
  }

  ngOnDestroy(): void {
    this.focusMonitor.stopMonitoring(this.el);
  }
}

@Component({ selector: "app-theme", template: "" })
export class ThemeComponent {
  private settings = inject(SettingsService);
  theme = "light";

  constructor() {
    this.settings.onThemeChange().subscribe((t) => (this.theme = t)); // want "subscription-not-disposed"
    // A request named as one: it completes.
    this.settings.confirmEmailUpdate("a@b.c").subscribe(() => (this.theme = "light"));
  }
}
