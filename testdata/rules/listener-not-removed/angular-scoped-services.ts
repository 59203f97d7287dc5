// A service a component provides is made and destroyed with it: what it
// adds to window in its constructor must go in ngOnDestroy.
import { Component, Injectable, OnDestroy } from "@angular/core";

@Injectable()
export class PanelFocusService implements OnDestroy {
  focused = true;

  constructor() {
    window.addEventListener("blur", this.onBlur); // want "listener-not-removed: .blur. listener added to window is never removed; call removeEventListener in ngOnDestroy"
  }

  onBlur = () => {
    this.focused = false;
  };

  ngOnDestroy(): void {}
}

@Component({ selector: "app-panel", template: "", providers: [PanelFocusService] })
export class PanelComponent {}
