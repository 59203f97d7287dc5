import { AfterViewInit, Component, DestroyRef, ElementRef, Injectable, Input, OnDestroy, OnInit, QueryList, ViewChild, ViewChildren, inject } from "@angular/core";
import { MatPaginator } from "@angular/material/paginator";
import { MatSort } from "@angular/material/sort";
import { takeUntilDestroyed, toObservable } from "@angular/core/rxjs-interop";
import { HttpClient } from "@angular/common/http";
import { FormBuilder, Validators } from "@angular/forms";
import { ActivatedRoute, Router } from "@angular/router";
import { Store } from "@ngrx/store";
import { UntilDestroy, untilDestroyed } from "@ngneat/until-destroy";
import { BehaviorSubject, from, fromEvent, Observable, of, Subject, Subscription, timer } from "rxjs";
import { debounceTime, filter, first, map, switchMap, take, takeUntil, takeWhile } from "rxjs/operators";

import { ApiService } from "../api.service";
import { HeroRowComponent } from "../hero-row.component";
import { autoUnsubscribe } from "../util/subscriptions";
import { selectUser, selectSettings } from "../state";

@Component({ selector: "app-profile", templateUrl: "./profile.component.html" })
export class ProfileComponent implements OnInit, OnDestroy {
  @Input() refresh$!: Observable<void>;
  private readonly destroy$ = new Subject<void>();
  private readonly subscriptions = new Subscription();
  private subs: Subscription[] = [];
  private userSub?: Subscription;
  private settingsSub: Subscription | undefined;
  private readonly search$ = new Subject<string>();
  private readonly selected = new BehaviorSubject<string | null>(null);

  form = this.fb.group({
    email: ["", Validators.required],
    name: [""],
  });

  constructor(
    private readonly http: HttpClient,
    private readonly route: ActivatedRoute,
    private readonly router: Router,
    private readonly store: Store,
    private readonly fb: FormBuilder,
    private readonly api: ApiService,
  ) {}

  ngOnInit(): void {
    // Completing pipes.
    this.store.select(selectUser).pipe(take(1)).subscribe((u) => console.log(u));
    this.store.select(selectUser).pipe(first()).subscribe();
    this.store.select(selectSettings).pipe(takeUntil(this.destroy$), map((s) => s.theme)).subscribe();
    this.store.select(selectSettings).pipe(map((s) => s.theme), takeUntil(this.destroy$)).subscribe();
    this.refresh$.pipe(takeWhile(() => !this.form.invalid)).subscribe(() => this.reload());

    // A parent Subscription, an array the teardown iterates, stored handles.
    this.subscriptions.add(this.store.select(selectUser).subscribe((u) => console.log(u)));
    this.subs.push(this.refresh$.subscribe(() => this.reload()));
    this.userSub = this.store.select(selectUser).subscribe((u) => console.log(u));
    this.settingsSub = this.store.select(selectSettings).subscribe();
    const child = this.refresh$.subscribe();
    this.subscriptions.add(child);

    // Sources that complete or that the component owns.
    this.http.get<string[]>("/api/tags").subscribe((tags) => console.log(tags));
    this.http.post("/api/visits", {}).pipe(map(() => true)).subscribe();
    this.route.paramMap.subscribe((params) => this.load(params.get("id")));
    this.route.queryParams.subscribe((q) => console.log(q));
    this.route.data.subscribe((d) => console.log(d));
    this.route.parent?.params.subscribe((p) => console.log(p));
    of(1, 2, 3).subscribe((n) => console.log(n));
    from(["a", "b"]).subscribe();
    timer(500).subscribe(() => this.form.markAsPristine());
    this.search$.pipe(debounceTime(300), switchMap((q) => this.api.search(q))).subscribe();
    this.selected.subscribe((id) => console.log(id));
    this.form.valueChanges.subscribe((v) => console.log(v));
    this.form.get("email")!.valueChanges.subscribe((v) => console.log(v));

    // Other objects' methods: usually one-shot HTTP requests.
    this.api.loadProfile().subscribe((p) => console.log(p));

    // Handed on, or ended by its own callback.
    autoUnsubscribe(this, this.store.select(selectUser).subscribe());
    const once = this.store.select(selectUser).subscribe((u) => {
      if (u) {
        once.unsubscribe();
      }
    });
  }

  watchUser(): Subscription {
    return this.store.select(selectUser).subscribe((u) => console.log(u));
  }

  reload(): void {}

  load(id: string | null): void {}

  ngOnDestroy(): void {
    this.destroy$.next();
    this.destroy$.complete();
    this.subscriptions.unsubscribe();
    this.subs.forEach((s) => s.unsubscribe());
    this.userSub?.unsubscribe();
    this.stopSettings();
  }

  private stopSettings(): void {
    if (this.settingsSub) {
      this.settingsSub.unsubscribe();
    }
  }
}

@Component({ selector: "app-feed", template: "" })
export class FeedComponent implements OnInit {
  private readonly destroyRef = inject(DestroyRef);
  private readonly store = inject(Store);
  readonly user$ = this.store.select(selectUser);
  readonly query = toObservable(this.store.selectSignal(selectUser));

  constructor() {
    this.store.select(selectUser).pipe(takeUntilDestroyed()).subscribe();
    const sub = this.store.select(selectSettings).subscribe();
    this.destroyRef.onDestroy(() => sub.unsubscribe());
  }

  ngOnInit(): void {
    this.user$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe();
    this.query.subscribe((q) => console.log(q));
    const parent = new Subscription();
    parent.add(this.user$.subscribe());
    this.destroyRef.onDestroy(() => parent.unsubscribe());
  }
}

@UntilDestroy()
@Component({ selector: "app-legacy", template: "" })
export class LegacyComponent implements OnInit {
  constructor(private store: Store, private router: Router) {}

  ngOnInit() {
    this.store.select(selectUser).pipe(untilDestroyed(this)).subscribe();
    this.router.events.pipe(filter(Boolean), untilDestroyed(this)).subscribe();
  }
}

// A root service without a teardown lives as long as the app.
@Injectable({ providedIn: "root" })
export class SessionService {
  constructor(private store: Store, router: Router) {
    this.store.select(selectUser).subscribe((u) => console.log(u));
    router.events.subscribe((e) => console.log(e));
  }
}

export function logUser(store: Store): void {
  store.select(selectUser).subscribe((u) => console.log(u));
}

// Parts of the component's own view die with it: child components'
// outputs, QueryList changes, its own elements' DOM events.
@Component({ selector: "app-heroes-table", templateUrl: "./heroes-table.component.html" })
export class HeroesTableComponent implements AfterViewInit {
  @ViewChild(MatSort) sort!: MatSort;
  @ViewChild(MatPaginator, { static: true }) paginator!: MatPaginator;
  @ViewChild("filter") filterInput!: ElementRef<HTMLInputElement>;
  @ViewChildren(HeroRowComponent) rows!: QueryList<HeroRowComponent>;

  constructor(private readonly host: ElementRef<HTMLElement>) {}

  ngAfterViewInit(): void {
    this.sort.sortChange.subscribe(() => (this.paginator.pageIndex = 0));
    this.paginator.page.subscribe((e) => console.log(e.pageIndex));
    this.rows.changes.subscribe((rows) => console.log(rows.length));
    fromEvent(this.filterInput.nativeElement, "keyup").pipe(debounceTime(150)).subscribe(() => this.applyFilter());
    fromEvent<MouseEvent>(this.host.nativeElement, "dblclick").subscribe(() => this.sort.sort({ id: "name", start: "asc", disableClear: false }));
  }

  applyFilter(): void {}
}

// The bootstrap component lives as long as the application.
@Component({ selector: "app-root", templateUrl: "./app.component.html" })
export class RootComponent implements OnInit {
  constructor(private readonly router: Router, private readonly store: Store) {}

  ngOnInit(): void {
    this.router.events.subscribe((e) => console.debug(e));
    this.store.select(selectSettings).subscribe((s) => document.documentElement.classList.toggle("dark", s.dark));
  }
}
