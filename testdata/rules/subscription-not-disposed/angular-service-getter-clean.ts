// The getter's stream ended with the node; and a stream of an object a
// service makes per call (a toast's onClose) ends with that object.
import { ChangeDetectorRef, Component, inject, Injectable, OnDestroy, OnInit } from "@angular/core";
import { Observable, Subject } from "rxjs";
import { takeUntil } from "rxjs/operators";

interface Selection {
  changed: Observable<unknown>;
}

interface ToastRef {
  onClose: Observable<void>;
}

@Injectable()
export class OutlineTree {
  private selection!: Selection;

  getSelection(): Selection {
    return this.selection;
  }
}

@Injectable({ providedIn: "root" })
export class Toasts {
  show(text: string): ToastRef {
    return { onClose: new Subject<void>() };
  }
}

@Component({ selector: "app-outline-node", template: "<li></li>" })
export class OutlineNodeComponent implements OnInit, OnDestroy {
  private tree = inject(OutlineTree);
  private toasts = inject(Toasts);
  private cdr = inject(ChangeDetectorRef);
  private destroyed = new Subject<void>();

  ngOnInit(): void {
    this.tree
      .getSelection()
      .changed.pipe(takeUntil(this.destroyed))
      .subscribe(() => this.cdr.markForCheck());
  }

  notify(): void {
    this.toasts.show("Saved").onClose.subscribe(() => console.log("closed"));
  }

  ngOnDestroy(): void {
    this.destroyed.next();
    this.destroyed.complete();
  }
}
