// Angular directive: emits when the user clicks anywhere outside the host element.
import { Directive, ElementRef, EventEmitter, OnInit, Output } from "@angular/core";

@Directive({ selector: "[appClickOutside]" })
export class ClickOutsideDirective implements OnInit {
  @Output() appClickOutside = new EventEmitter<MouseEvent>();

  constructor(private host: ElementRef<HTMLElement>) {}

  ngOnInit(): void {
    // Leak: there is no ngOnDestroy, so the capture listener stays on
    // document (holding the host element) after the directive is destroyed.
    document.addEventListener("click", this.onDocumentClick, true);
  }

  private onDocumentClick = (event: MouseEvent) => {
    if (!this.host.nativeElement.contains(event.target as Node)) {
      this.appClickOutside.emit(event);
    }
  };
}
