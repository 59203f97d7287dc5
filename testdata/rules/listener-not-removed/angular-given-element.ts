// An element a parent hands in, or the page around the host, outlives the
// directive: its listeners must go in ngOnDestroy.
import { Directive, ElementRef, Input, OnDestroy, inject } from "@angular/core";

@Directive({ selector: "[appTooltip]" })
export class TooltipDirective implements OnDestroy {
  @Input() anchor!: ElementRef<HTMLElement>;
  private host = inject(ElementRef);

  ngOnInit(): void {
    this.anchor.nativeElement.addEventListener("mouseenter", this.show); // want "listener-not-removed: .mouseenter. listener added to this.anchor.nativeElement is never removed; call removeEventListener in ngOnDestroy"
    this.host.nativeElement.ownerDocument.addEventListener("scroll", this.hide); // want "listener-not-removed: .scroll. listener added to this.host.nativeElement.ownerDocument is never removed; call removeEventListener in ngOnDestroy"
  }

  show = () => {};
  hide = () => {};

  ngOnDestroy(): void {}
}
