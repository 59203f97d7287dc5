// An observer the component keeps on itself, watching an element of its own
// view: observer, element and component go away together.
import { Component, ElementRef, ViewChild, AfterViewInit } from "@angular/core";

@Component({ selector: "app-feed", template: "<div #end></div>" })
export class FeedComponent implements AfterViewInit {
  @ViewChild("end") end!: ElementRef<HTMLElement>;
  private bottom = new IntersectionObserver(() => this.loadMore());

  ngAfterViewInit(): void {
    this.bottom.observe(this.end.nativeElement);
  }

  private loadMore(): void {}
}
