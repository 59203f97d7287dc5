import { Component, OnDestroy, OnInit } from '@angular/core';
import { Subject, takeUntil } from 'rxjs';
import { map } from 'rxjs/operators';

import { SessionService } from './session.service';

@Component({ selector: 'app-session-timer', template: '{{ left }}' })
export class SessionTimerComponent implements OnInit, OnDestroy {
  private unsubscribe$ = new Subject<void>();
  left = 0;

  constructor(private session: SessionService) {}

  ngOnInit() {
    this.session.expiresAt$.pipe(takeUntil(this.unsubscribe$)).subscribe((t) => (this.left = t - Date.now()));
    this.session.user$.pipe(map((u) => u.name)).subscribe((name) => console.log(name)); // want "subscription-not-disposed"
  }

  ngOnDestroy() {
    this.unsubscribe$.next();
    this.unsubscribe$.complete();
  }
}

@Component({ selector: 'app-idle', template: '' })
export class IdleComponent implements OnInit, OnDestroy {
  private readonly stop$ = new Subject<void>();

  constructor(private session: SessionService) {}

  ngOnInit() {
    this.session.idle$.subscribe(() => this.session.logout()); // want "subscription-not-disposed"
    this.session.active$.pipe(takeUntil(this.stop$)).subscribe();
  }

  ngOnDestroy() {
    this.stop$.next();
  }
}
