// Angular directive: emits when the user clicks anywhere outside the host element.
import { Directive, ElementRef, EventEmitter, OnDestroy, OnInit, Output } from "@angular/core";

@Directive({ selector: "[appClickOutside]" })
export class ClickOutsideDirective implements OnInit, OnDestroy {
  @Output() appClickOutside = new EventEmitter<MouseEvent>();

  constructor(private host: ElementRef<HTMLElement>) {}

  ngOnInit(): void {
    document.addEventListener("click", this.onDocumentClick, true);
  }

  ngOnDestroy(): void {
    document.removeEventListener("click", this.onDocumentClick, true);
  }

  private onDocumentClick = (event: MouseEvent) => {
    if (!this.host.nativeElement.contains(event.target as Node)) {
      this.appClickOutside.emit(event);
    }
  };
}
