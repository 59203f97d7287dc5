// Sources that complete by themselves, and the app's root component.
import { Component, Injectable, OnInit } from "@angular/core";
import { Router } from "@angular/router";
import { NgbModal, NgbModalRef } from "@ng-bootstrap/ng-bootstrap";
import { Observable } from "rxjs";

@Injectable({ providedIn: "root" })
export class ShelfService {
  scan(id: number): Observable<void> {
    return new Observable<void>((s) => s.complete());
  }
}

@Component({ selector: "app-shelf", template: "" })
export class ShelfComponent implements OnInit {
  private ref: NgbModalRef | null = null;
  shelf$: Observable<number> | null = null;

  constructor(private shelves: ShelfService, private modal: NgbModal) {}

  ngOnInit(): void {
    this.shelf$ = this.shelves.scan(1).pipe();
  }

  rescan(): void {
    // A service method named like an RxJS operator is still a request.
    this.shelves.scan(2).subscribe(() => console.log("queued"));
  }

  open(): void {
    this.ref = this.modal.open(ShelfComponent);
    this.ref.closed.subscribe(() => (this.ref = null));
    this.ref.dismissed.subscribe(() => (this.ref = null));
  }
}

// The bootstrapped root lives as long as the page.
@Component({ selector: "app-root", template: "<router-outlet />" })
export class AppComponent implements OnInit {
  constructor(private router: Router) {}

  ngOnInit(): void {
    this.router.events.subscribe(() => window.scrollTo(0, 0));
  }
}
