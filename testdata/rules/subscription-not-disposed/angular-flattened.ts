// A pipe over the component's own subject that switches to a service's
// stream holds a subscription on that stream: mergeMap, switchMap and
// friends keep the inner subscription until the inner stream completes,
// and withLatestFrom subscribes to what it is given.
import { Component, OnDestroy } from "@angular/core";
import { Store } from "@ngrx/store";
import { HttpClient } from "@angular/common/http";
import { EMPTY, Observable, Subject } from "rxjs";
import { switchMap, takeUntil, withLatestFrom } from "rxjs/operators";
import { selectUser } from "./user.selectors";
import { PresenceService } from "./presence.service";

@Component({ selector: "app-contact", template: "" })
export class ContactComponent {
  private select$ = new Subject<string>();
  private rows$ = new Subject<{ changes$: Observable<string> } | null>();
  online = false;
  name = "";

  constructor(private presence: PresenceService, private store: Store, private http: HttpClient) {
    this.select$.pipe(switchMap((id) => this.presence.watchStatus(id))).subscribe((s) => (this.online = s)); // want "subscription to this.select\$ is never unsubscribed"
    this.select$
      .pipe(withLatestFrom(this.store.select(selectUser)))
      .subscribe(([id, user]) => (this.name = user.name + id)); // want "subscription-not-disposed"
    this.select$
      .pipe(
        switchMap((id) => {
          if (!id) {
            return this.store.select(selectUser);
          }
          return this.http.get<{ name: string }>("/contacts/" + id);
        }),
      )
      .subscribe((c) => (this.name = c.name)); // want "subscription-not-disposed"
    this.select$.pipe(switchMap((id) => (id ? this.presence.watchStatus(id) : EMPTY))).subscribe((s) => (this.online = s)); // want "subscription-not-disposed"
    // Each inner stream is a request that completes, a value's own stream
    // or EMPTY: nothing outlives the component's own subject.
    this.select$.pipe(switchMap((id) => this.http.get<{ name: string }>("/contacts/" + id))).subscribe((c) => (this.name = c.name));
    this.rows$.pipe(switchMap((row) => (row ? row.changes$ : EMPTY))).subscribe((c) => (this.name = c));
  }

  select(id: string): void {
    this.select$.next(id);
  }
}

@Component({ selector: "app-contact-ended", template: "" })
export class EndedContactComponent implements OnDestroy {
  private select$ = new Subject<string>();
  private destroy$ = new Subject<void>();
  online = false;

  constructor(private presence: PresenceService) {
    this.select$
      .pipe(
        switchMap((id) => this.presence.watchStatus(id)),
        takeUntil(this.destroy$),
      )
      .subscribe((s) => (this.online = s));
  }

  ngOnDestroy(): void {
    this.destroy$.next();
    this.destroy$.complete();
  }
}
