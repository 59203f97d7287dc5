import { Component, Directive, DestroyRef, ElementRef, Injectable, OnDestroy, OnInit, inject } from "@angular/core";

@Component({ selector: "app-chart", template: "" })
export class ChartComponent implements OnInit {
  ngOnInit(): void {
    window.addEventListener("resize", this.onResize); // want "listener-not-removed"
  }

  onResize = () => {};
}

@Directive({ selector: "[appHover]" })
export class HoverDirective implements OnDestroy {
  constructor(private host: ElementRef) {
    document.addEventListener("mousemove", this.track); // want "listener-not-removed"
  }

  ngOnDestroy(): void {
    console.log("bye");
  }

  track = () => {};
}

@Component({ selector: "app-clean", template: "" })
export class CleanComponent implements OnInit, OnDestroy {
  private destroyRef = inject(DestroyRef);

  ngOnInit(): void {
    window.addEventListener("resize", this.onResize);
    document.addEventListener("keyup", this.onKey);
    this.destroyRef.onDestroy(() => document.removeEventListener("keyup", this.onKey));
  }

  ngOnDestroy(): void {
    window.removeEventListener("resize", this.onResize);
  }

  onResize = () => {};
  onKey = () => {};
}

// A root service without a teardown lives as long as the app.
@Injectable({ providedIn: "root" })
export class ViewportService {
  constructor() {
    window.addEventListener("resize", () => this.measure());
  }

  measure() {}
}
