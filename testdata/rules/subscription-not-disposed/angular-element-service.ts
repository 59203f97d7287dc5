// A service that a component provides (`providers: [SubmenuService]`) is
// destroyed with that component. What it injects says so: its own class
// from a parent injector (@SkipSelf), or what only an element injector
// provides (ElementRef, ChangeDetectorRef...). What it subscribes to on
// services that outlive it must end in its ngOnDestroy.
import { ChangeDetectorRef, ElementRef, Injectable, Optional, SkipSelf, inject } from "@angular/core";
import { BehaviorSubject, Subject, combineLatest, merge } from "rxjs";
import { auditTime, map, mergeMap } from "rxjs/operators";
import { MenuService } from "./menu.service";
import { ThemeService } from "./theme.service";

@Injectable()
export class SubmenuService {
  mode$ = this.menu.mode$.pipe(map((mode) => (this.parent ? "vertical" : mode)));
  level = 1;
  open$ = new BehaviorSubject<boolean>(false);
  private childOpen$ = new BehaviorSubject<boolean>(false);
  private hover$ = new Subject<boolean>();
  private itemClick$ = new Subject<void>();

  constructor(@SkipSelf() @Optional() private parent: SubmenuService, private menu: MenuService) {
    if (this.parent) {
      this.level = this.parent.level + 1;
    }
    // Only the service's own subjects, until an item click switches to
    // the menu's mode$, which outlives every submenu.
    const closedByClick$ = this.itemClick$.pipe(mergeMap(() => this.mode$), map(() => false));
    const open$ = combineLatest([this.childOpen$, merge(this.hover$, closedByClick$)]).pipe(
      map(([child, self]) => child || self),
      auditTime(150),
    );
    open$.subscribe((open) => this.open$.next(open)); // want "subscription to open\$ is never unsubscribed; end it with takeUntilDestroyed\(\) or keep it and unsubscribe in ngOnDestroy"
  }
}

@Injectable()
export class TooltipPositionService {
  placement = "top";

  constructor(private host: ElementRef<HTMLElement>, private theme: ThemeService) {
    this.theme.changes$.subscribe((t) => (this.placement = t.rtl ? "left" : "right")); // want "subscription-not-disposed"
  }
}

@Injectable()
export class BadgeStateService {
  private cdr = inject(ChangeDetectorRef);
  private theme = inject(ThemeService);
  dark = false;

  constructor() {
    this.theme.changes$.subscribe((t) => { // want "subscription-not-disposed"
      this.dark = t.dark;
      this.cdr.markForCheck();
    });
  }
}

// Nothing says where these are provided: an @Injectable() listed in a
// module's providers, or a root service, lives as long as the app.
@Injectable()
export class SessionService {
  dark = false;
  constructor(private theme: ThemeService) {
    this.theme.changes$.subscribe((t) => (this.dark = t.dark));
  }
}

@Injectable({ providedIn: "root" })
export class ThemeFollower {
  dark = false;
  constructor(private theme: ThemeService) {
    this.theme.changes$.subscribe((t) => (this.dark = t.dark));
  }
}
