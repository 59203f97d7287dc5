// Listeners on the element Angular gives a directive or component (its
// host, or an element of its own view) go with it.
import { Component, Directive, ElementRef, OnDestroy, ViewChild, inject, viewChild } from "@angular/core";

@Directive({ selector: "[appPress]" })
export class PressDirective implements OnDestroy {
  private timer = 0;

  constructor(private el: ElementRef<HTMLElement>) {
    el.nativeElement.addEventListener("pointerdown", () => this.arm());
    this.el.nativeElement.addEventListener("pointerup", () => this.disarm());
  }

  arm(): void {
    this.timer = window.setTimeout(() => {}, 500);
  }

  disarm(): void {
    clearTimeout(this.timer);
  }

  ngOnDestroy(): void {
    this.disarm();
  }
}

@Directive({ selector: "[appLongTap]" })
export class LongTapDirective implements OnDestroy {
  private host = inject(ElementRef);
  readonly node: HTMLElement;

  constructor() {
    const ref = inject(ElementRef);
    const el: HTMLElement = ref.nativeElement;
    el.addEventListener("touchstart", () => this.start());
    this.node = this.host.nativeElement;
    this.node.addEventListener("touchend", () => this.stop());
  }

  start(): void {}
  stop(): void {}
  ngOnDestroy(): void {}
}

@Component({ selector: "app-slider", template: "<div #track></div><span #thumb></span>" })
export class SliderComponent implements OnDestroy {
  @ViewChild("track") track!: ElementRef<HTMLDivElement>;
  readonly thumb = viewChild.required<ElementRef<HTMLSpanElement>>("thumb");

  ngAfterViewInit(): void {
    this.track.nativeElement.addEventListener("click", (e) => this.jump(e));
    this.thumb().nativeElement.addEventListener("keydown", (e) => this.nudge(e));
  }

  jump(e: MouseEvent): void {}
  nudge(e: KeyboardEvent): void {}
  ngOnDestroy(): void {}
}
