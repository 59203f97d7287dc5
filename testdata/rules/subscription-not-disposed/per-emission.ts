// A subscription opened inside a callback that runs on every emission of
// another stream piles up: one more each time the outer stream emits, even
// in a component that lives as long as the application. takeUntilDestroyed
// on the inner one would only end them all at the end; switchMap ends the
// previous one when the next begins.
import { Component, DestroyRef, OnInit, inject } from "@angular/core";
import { takeUntilDestroyed } from "@angular/core/rxjs-interop";
import { Router } from "@angular/router";
import { Observable, fromEvent } from "rxjs";
import { first, switchMap, take, tap } from "rxjs/operators";

interface ScrollService {
  container$: Observable<HTMLElement>;
}

@Component({ selector: "app-root", template: "<main></main>" })
export class AppComponent implements OnInit {
  private readonly destroyRef = inject(DestroyRef);

  constructor(private router: Router, private scroll: ScrollService) {}

  ngOnInit(): void {
    // Once for the application's life: no leak.
    this.router.events.subscribe(() => this.track());

    // Again on every navigation: they pile up.
    this.router.events.subscribe(() => {
      fromEvent(window, "resize").subscribe(() => this.track()); // want "subscription-not-disposed: a new subscription to fromEvent\(window, .resize.\) is opened on every emission of this\.router\.events and never ended, so they pile up; switch to it with switchMap"
    });

    // The same through an operator of the outer pipe.
    this.scroll.container$.pipe(takeUntilDestroyed(this.destroyRef), tap((el) => {
      fromEvent(el, "scroll").subscribe(() => this.track()); // want "subscription-not-disposed: a new subscription to fromEvent\(el, .scroll.\) is opened on every emission of this\.scroll\.container\$"
    })).subscribe();

    // Clean: the inner stream completes after one value.
    this.router.events.subscribe(() => {
      fromEvent(window, "resize").pipe(take(1)).subscribe(() => this.track());
    });

    // Clean: the outer stream emits once.
    this.scroll.container$.pipe(first()).subscribe((el) => {
      fromEvent(el, "scroll").subscribe(() => this.track());
    });

    // Clean: switchMap ends the previous inner subscription.
    this.scroll.container$
      .pipe(switchMap((el) => fromEvent(el, "scroll")), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.track());
  }

  private track(): void {
    document.title = String(window.scrollY);
  }
}

// In a component that can end, the pile-up is reported the same way (its
// own teardown would not stop it growing while it lives).
@Component({ selector: "app-panel", template: "<div></div>" })
export class PanelComponent implements OnInit {
  constructor(private router: Router) {}

  ngOnInit(): void {
    this.router.events.pipe(takeUntilDestroyed()).subscribe(() => {
      fromEvent(document, "keydown").subscribe(() => undefined); // want "subscription-not-disposed: a new subscription to fromEvent\(document, .keydown.\) is opened on every emission of this\.router\.events"
    });
  }
}
