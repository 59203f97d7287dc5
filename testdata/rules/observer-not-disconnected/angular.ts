import { AfterViewInit, Component, DestroyRef, Directive, ElementRef, EventEmitter, OnDestroy, OnInit, Output, inject } from "@angular/core";

@Component({ selector: "app-chart", template: "<canvas #c></canvas>" })
export class ChartComponent implements AfterViewInit {
  constructor(private host: ElementRef<HTMLElement>) {}

  ngAfterViewInit(): void {
    const ro = new ResizeObserver(() => this.redraw());
    ro.observe(this.host.nativeElement); // want "observer-not-disconnected"
  }

  redraw(): void {}
}

@Directive({ selector: "[appInView]" })
export class InViewDirective implements OnInit, OnDestroy {
  @Output() inView = new EventEmitter<boolean>();
  private observer?: IntersectionObserver;

  constructor(private el: ElementRef<Element>) {}

  ngOnInit(): void {
    this.observer = new IntersectionObserver(([e]) => this.inView.emit(e.isIntersecting));
    this.observer.observe(this.el.nativeElement); // want "observer-not-disconnected"
  }

  ngOnDestroy(): void {
    this.inView.complete();
  }
}

@Directive({ selector: "[appAutoGrow]" })
export class AutoGrowDirective implements OnInit {
  constructor(private el: ElementRef<HTMLTextAreaElement>) {}

  ngOnInit(): void {
    new MutationObserver(() => this.grow()).observe(this.el.nativeElement, { characterData: true }); // want "observer-not-disconnected"
  }

  grow(): void {}
}

// Clean shapes.

@Component({ selector: "app-clean-chart", template: "" })
export class CleanChartComponent implements AfterViewInit, OnDestroy {
  private ro = new ResizeObserver(() => this.redraw());

  constructor(private host: ElementRef<HTMLElement>) {}

  ngAfterViewInit(): void {
    this.ro.observe(this.host.nativeElement);
  }

  ngOnDestroy(): void {
    this.ro.disconnect();
  }

  redraw(): void {}
}

@Directive({ selector: "[appCleanInView]" })
export class CleanInViewDirective implements OnInit {
  private destroyRef = inject(DestroyRef);

  constructor(private el: ElementRef<Element>) {}

  ngOnInit(): void {
    const observer = new IntersectionObserver(() => {});
    observer.observe(this.el.nativeElement);
    this.destroyRef.onDestroy(() => observer.disconnect());
  }
}
