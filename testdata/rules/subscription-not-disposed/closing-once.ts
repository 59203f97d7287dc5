// A ref that closes on the first click of a button or of the backdrop:
// take(1) ends each subscription only if its event comes, and the ref is
// closed by the other one, by Escape or by a caller of close(). The
// subscription left behind holds the ref from the preview component.
import { Observable, Subject } from "rxjs";
import { filter, startWith, take, takeUntil } from "rxjs/operators";

interface Preview {
  closeClick: Observable<void>;
  backdropClick: Observable<void>;
  animationDone: Observable<string>;
  leave(): void;
}

interface Overlay {
  keydowns(): Observable<KeyboardEvent>;
  dispose(): void;
}

export class PreviewRef {
  constructor(
    private preview: Preview,
    private overlay: Overlay,
  ) {
    overlay
      .keydowns()
      .pipe(filter((e) => e.key === "Escape"))
      .subscribe(() => this.close());
    preview.backdropClick.pipe(take(1)).subscribe(() => this.close()); // want "subscription to preview.backdropClick ends with take\(1\) only if it emits; it closes PreviewRef, but close\(\) can run without it"
    preview.closeClick.pipe(take(1)).subscribe(() => { // want "subscription-not-disposed"
      this.close();
    });
    // The only way dispose() runs: it ends with the ref.
    preview.animationDone.pipe(filter((s) => s === "leave"), take(1)).subscribe(() => this.dispose());
  }

  close(): void {
    this.preview.leave();
  }

  private dispose(): void {
    this.overlay.dispose();
  }
}

export class EndedPreviewRef {
  private closed$ = new Subject<void>();

  constructor(private preview: Preview) {
    preview.backdropClick.pipe(take(1), takeUntil(this.closed$)).subscribe(() => this.close());
  }

  close(): void {
    this.closed$.next();
    this.closed$.complete();
    this.preview.leave();
  }
}

export class KeptPreviewRef {
  private backdrop = this.preview.backdropClick.pipe(take(1)).subscribe(() => this.close());

  constructor(private preview: Preview) {}

  close(): void {
    this.backdrop.unsubscribe();
    this.preview.leave();
  }
}

// The first value comes as it subscribes: take(1) ends it at once.
export class SessionRef {
  constructor(private store: { select<T>(s: unknown): Observable<T> }, private preview: Preview) {
    this.store.select<boolean>("expired").pipe(take(1)).subscribe(() => this.close());
    preview.closeClick.pipe(startWith(undefined), take(1)).subscribe(() => this.close());
  }

  close(): void {
    this.preview.leave();
  }
}

// Nothing but the click closes it: take(1) ends the subscription.
export class ClickOnlyRef {
  constructor(private preview: Preview) {
    preview.closeClick.pipe(take(1)).subscribe(() => this.close());
  }

  private close(): void {
    this.preview.leave();
  }
}
