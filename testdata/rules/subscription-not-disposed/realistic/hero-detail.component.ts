import { Component, DestroyRef, EventEmitter, Input, OnDestroy, OnInit, Output, inject } from "@angular/core";
import { takeUntilDestroyed } from "@angular/core/rxjs-interop";
import { HttpClient, HttpParams } from "@angular/common/http";
import { FormBuilder, Validators } from "@angular/forms";
import { ActivatedRoute, Router } from "@angular/router";
import { MatDialog } from "@angular/material/dialog";
import { BreakpointObserver, Breakpoints } from "@angular/cdk/layout";
import { Store } from "@ngrx/store";
import { Subject, combineLatest, of } from "rxjs";
import { catchError, debounceTime, distinctUntilChanged, filter, map, switchMap, takeUntil } from "rxjs/operators";

import { ConfirmDialogComponent } from "../shared/confirm-dialog.component";
import { HeroService } from "./hero.service";
import { Hero } from "./hero";
import * as HeroActions from "./store/hero.actions";
import { selectSelectedHero, selectPowers } from "./store/hero.selectors";

@Component({
  selector: "app-hero-detail",
  templateUrl: "./hero-detail.component.html",
  styleUrls: ["./hero-detail.component.scss"],
})
export class HeroDetailComponent implements OnInit, OnDestroy {
  @Input() compact = false;
  @Output() saved = new EventEmitter<Hero>();

  hero?: Hero;
  powers: string[] = [];
  suggestions: string[] = [];
  isHandset = false;

  private readonly http = inject(HttpClient);
  private readonly destroyRef = inject(DestroyRef);
  private readonly destroy$ = new Subject<void>();
  private readonly searchTerms = new Subject<string>();

  readonly form = this.fb.group({
    name: ["", [Validators.required, Validators.maxLength(40)]],
    power: [""],
    alterEgo: [""],
  });

  constructor(
    private readonly route: ActivatedRoute,
    private readonly router: Router,
    private readonly heroService: HeroService,
    private readonly store: Store,
    private readonly fb: FormBuilder,
    private readonly dialog: MatDialog,
    private readonly breakpoints: BreakpointObserver,
  ) {}

  ngOnInit(): void {
    this.route.paramMap
      .pipe(
        map((params) => Number(params.get("id"))),
        filter((id) => !Number.isNaN(id)),
        switchMap((id) => this.heroService.getHero(id)),
      )
      .subscribe((hero) => {
        this.hero = hero;
        this.form.patchValue(hero);
      });

    this.store
      .select(selectPowers)
      .pipe(takeUntil(this.destroy$))
      .subscribe((powers) => (this.powers = powers));

    combineLatest([this.store.select(selectSelectedHero), this.route.queryParamMap])
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(([hero, query]) => {
        if (hero && query.get("edit") === "1") {
          this.form.enable();
        }
      });

    this.breakpoints
      .observe([Breakpoints.Handset])
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => (this.isHandset = state.matches));

    this.searchTerms
      .pipe(
        debounceTime(300),
        distinctUntilChanged(),
        switchMap((term) =>
          this.http
            .get<string[]>("/api/powers", { params: new HttpParams().set("q", term) })
            .pipe(catchError(() => of([]))),
        ),
      )
      .subscribe((suggestions) => (this.suggestions = suggestions));

    this.form.controls.name.valueChanges.pipe(debounceTime(200)).subscribe((name) => {
      if (name && this.hero) {
        this.store.dispatch(HeroActions.rename({ id: this.hero.id, name }));
      }
    });
  }

  search(term: string): void {
    this.searchTerms.next(term);
  }

  save(): void {
    if (!this.hero || this.form.invalid) {
      return;
    }
    const hero = { ...this.hero, ...this.form.getRawValue() } as Hero;
    this.heroService.updateHero(hero).subscribe(() => {
      this.saved.emit(hero);
      this.router.navigate(["/heroes"]);
    });
  }

  delete(): void {
    this.dialog
      .open(ConfirmDialogComponent, { data: { title: `Delete ${this.hero?.name}?` } })
      .afterClosed()
      .subscribe((confirmed) => {
        if (confirmed && this.hero) {
          this.http.delete(`/api/heroes/${this.hero.id}`).subscribe(() => this.router.navigate(["/heroes"]));
        }
      });
  }

  ngOnDestroy(): void {
    this.destroy$.next();
    this.destroy$.complete();
  }
}
