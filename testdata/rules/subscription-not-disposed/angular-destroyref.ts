import { Component, DestroyRef, Directive, ElementRef, OnInit, inject, signal } from "@angular/core";
import { BreakpointObserver, Breakpoints } from "@angular/cdk/layout";
import { Store } from "@ngrx/store";
import { interval } from "rxjs";

import { selectTheme } from "./theme.selectors";

@Component({ selector: "app-layout", template: "" })
export class LayoutComponent implements OnInit {
  private readonly breakpoints = inject(BreakpointObserver);
  private readonly destroyRef = inject(DestroyRef);
  readonly handset = signal(false);

  ngOnInit(): void {
    this.breakpoints.observe(Breakpoints.Handset).subscribe((state) => this.handset.set(state.matches)); // want "subscription-not-disposed"
  }
}

@Component({ selector: "app-clock", template: "{{ now() }}" })
export class ClockComponent {
  readonly now = signal(Date.now());

  constructor() {
    interval(1000).subscribe(() => this.now.set(Date.now())); // want "subscription-not-disposed"
  }
}

@Directive({ selector: "[appThemed]" })
export class ThemedDirective implements OnInit {
  private store = inject(Store);
  private el = inject(ElementRef);

  ngOnInit() {
    this.store.select(selectTheme).subscribe((theme) => { // want "subscription-not-disposed"
      this.el.nativeElement.dataset.theme = theme;
    });
  }
}

@Component({ selector: "app-legacy-di", template: "" })
export class LegacyDiComponent implements OnInit {
  constructor(private store: Store, private destroyRef: DestroyRef) {}

  ngOnInit() {
    this.store.select(selectTheme).subscribe(); // want "subscription-not-disposed"
  }
}
