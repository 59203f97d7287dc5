// Services of the root injector are made once and destroyed only with the
// application, ngOnDestroy or not: what they set up once is no leak.
import { Injectable, OnDestroy } from "@angular/core";

@Injectable({ providedIn: "root" })
export class FocusService implements OnDestroy {
  private focused = true;

  constructor() {
    window.addEventListener("focus", () => (this.focused = true));
    window.addEventListener("blur", () => (this.focused = false));
  }

  ngOnDestroy(): void {
    this.focused = false;
  }
}

@Injectable({
  providedIn: "platform",
})
export class OnlineService implements OnDestroy {
  constructor() {
    window.addEventListener("online", this.update);
  }

  update = () => {};

  ngOnDestroy(): void {}
}
