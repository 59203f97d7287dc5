import { Component, Directive, ElementRef, EventEmitter, Injectable, Input, OnDestroy, OnInit, Output } from "@angular/core";
import { FormControl } from "@angular/forms";
import { NavigationEnd, Router } from "@angular/router";
import { Store } from "@ngrx/store";
import { TranslateService } from "@ngx-translate/core";
import { fromEvent, Observable, Subscription } from "rxjs";
import { filter, map } from "rxjs/operators";

import { AppState, selectCart, selectUser, User } from "../state";
import { ThemeService } from "../theme.service";

@Component({
  selector: "app-header",
  templateUrl: "./header.component.html",
})
export class HeaderComponent implements OnInit {
  user?: User;
  title = "";

  constructor(
    private store: Store<AppState>,
    private router: Router,
    private translate: TranslateService,
  ) {}

  ngOnInit(): void {
    this.store.select(selectUser).subscribe((user) => { // want "subscription-not-disposed"
      this.user = user;
    });

    this.router.events
      .pipe(filter((e) => e instanceof NavigationEnd))
      .subscribe(() => window.scrollTo(0, 0)); // want "subscription-not-disposed"

    this.translate.onLangChange.subscribe((e) => (this.title = e.translations.title)); // want "subscription-not-disposed"

    fromEvent<KeyboardEvent>(document, "keydown") // want +2 "subscription-not-disposed"
      .pipe(filter((e) => e.key === "/"))
      .subscribe(() => this.focusSearch());
  }

  focusSearch(): void {}
}

@Component({ selector: "app-cart-badge", template: "{{ count }}" })
export class CartBadgeComponent implements OnInit, OnDestroy {
  @Input() count$!: Observable<number>;
  count = 0;
  private cartSub?: Subscription;
  private subs: Subscription[] = [];

  constructor(private store: Store<AppState>, private theme: ThemeService) {}

  ngOnInit(): void {
    this.cartSub = this.store.select(selectCart).subscribe((cart) => (this.count = cart.items.length)); // want "subscription-not-disposed"
    this.subs.push(this.theme.theme$.subscribe((t) => document.body.classList.add(t))); // want "subscription-not-disposed"
    this.count$.pipe(map((n) => n * 2)).subscribe((n) => (this.count = n)); // want "subscription-not-disposed"
  }

  ngOnDestroy(): void {
    console.log("cart badge destroyed");
  }
}

@Component({ selector: "app-search", template: "" })
export class SearchComponent implements OnInit, OnDestroy {
  private readonly subscriptions = new Subscription();

  constructor(private theme: ThemeService) {}

  ngOnInit(): void {
    this.subscriptions.add(this.theme.theme$.subscribe((t) => console.log(t)));
    this.theme.density$.subscribe((d) => console.log(d)); // want "subscription-not-disposed"
  }

  ngOnDestroy(): void {
    this.subscriptions.unsubscribe();
  }
}

@Directive({ selector: "[appAutofocus]" })
export class AutofocusDirective implements OnDestroy {
  @Input() focusOn!: EventEmitter<void>;

  constructor(private el: ElementRef<HTMLInputElement>) {}

  ngAfterViewInit(): void {
    // An EventEmitter input is the parent's own event source (a field of
    // the parent): not judged, since the child usually goes with it.
    this.focusOn.subscribe(() => this.el.nativeElement.focus());
  }

  ngOnDestroy(): void {}
}

@Injectable()
export class ThemeTracker implements OnDestroy {
  constructor(private theme: ThemeService) {
    theme.theme$.subscribe((t) => localStorage.setItem("theme", t)); // want "subscription-not-disposed"
  }

  ngOnDestroy(): void {
    console.log("tracker gone");
  }
}

@Component({ selector: "app-filter", template: "" })
export class FilterComponent {
  @Input() control!: FormControl<string>;
  @Output() changed = new EventEmitter<string>();

  ngOnInit() {
    this.control.valueChanges.subscribe((v) => this.changed.emit(v)); // want "subscription-not-disposed"
  }
}
