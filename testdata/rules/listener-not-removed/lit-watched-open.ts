// A Lit element whose document listeners follow an `open` property: a
// watcher adds them when it opens and removes them when it closes. When
// disconnectedCallback closes it (this.hide() sets open = false), the
// watcher's closing branch runs after disconnection too, so the listeners
// are removed at teardown.
import { LitElement, html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { watch } from "../internal/watch";

@customElement("x-menu")
export class Menu extends LitElement {
  @property({ type: Boolean }) open = false;

  disconnectedCallback() {
    super.disconnectedCallback();
    this.hide();
  }

  hide() {
    if (!this.open) return;
    this.open = false;
  }

  @watch("placement")
  @watch("open")
  handleOpenChange() {
    if (this.open) {
      document.addEventListener("keydown", this.onKeyDown);
      document.addEventListener("mousedown", this.onMouseDown);
    } else {
      document.removeEventListener("keydown", this.onKeyDown);
      document.removeEventListener("mousedown", this.onMouseDown);
    }
  }

  onKeyDown = () => {};
  onMouseDown = () => {};

  render() {
    return html`<slot></slot>`;
  }
}

// The closing branch adds instead of removing (a typo): keydown is never
// removed, even though teardown runs that branch.
@customElement("x-typo-menu")
export class TypoMenu extends LitElement {
  @property({ type: Boolean }) open = false;

  disconnectedCallback() {
    super.disconnectedCallback();
    this.open = false;
  }

  @watch("open")
  handleOpenChange() {
    if (this.open) {
      document.addEventListener("keydown", this.onKeyDown); // want "listener-not-removed: .keydown. listener added to document is never removed; call removeEventListener in disconnectedCallback"
    } else {
      document.addEventListener("keydown", this.onKeyDown); // want "listener-not-removed: .keydown. listener added to document is never removed; call removeEventListener in disconnectedCallback"
    }
  }

  onKeyDown = () => {};
}

// Teardown never closes it: the closing branch runs only if the user
// closes the menu before the element goes away.
@customElement("x-open-menu")
export class OpenMenu extends LitElement {
  @property({ type: Boolean }) open = false;

  disconnectedCallback() {
    super.disconnectedCallback();
  }

  @watch("open")
  handleOpenChange() {
    if (this.open) {
      document.addEventListener("keydown", this.onKeyDown); // want "listener-not-removed: .keydown. listener added to document is removed in OpenMenu\.handleOpenChange \(line 82\), but not when OpenMenu ends; also call removeEventListener in disconnectedCallback"
    } else {
      document.removeEventListener("keydown", this.onKeyDown);
    }
  }

  onKeyDown = () => {};
}

// Teardown sets a different property than the one the watcher follows.
@customElement("x-other-menu")
export class OtherMenu extends LitElement {
  @property({ type: Boolean }) open = false;
  @property({ type: Boolean }) active = false;

  disconnectedCallback() {
    super.disconnectedCallback();
    this.active = false;
  }

  @watch("open")
  handleOpenChange() {
    if (this.open) {
      document.addEventListener("keydown", this.onKeyDown); // want "listener-not-removed: .keydown. listener added to document is removed in OtherMenu\.handleOpenChange \(line 105\), but not when OtherMenu ends; also call removeEventListener in disconnectedCallback"
    } else {
      document.removeEventListener("keydown", this.onKeyDown);
    }
  }

  onKeyDown = () => {};
}

// The watcher removes only when the property turns on again (to re-add):
// setting it falsy at teardown does not take that branch.
@customElement("x-readd-menu")
export class ReaddMenu extends LitElement {
  @property() target = "";

  disconnectedCallback() {
    super.disconnectedCallback();
    this.target = "";
  }

  @watch("target")
  handleTargetChange() {
    if (this.target) {
      window.removeEventListener("resize", this.onResize);
      window.addEventListener("resize", this.onResize); // want "listener-not-removed: .resize. listener added to window is removed in ReaddMenu\.handleTargetChange \(line 126\), but not when ReaddMenu ends; also call removeEventListener in disconnectedCallback"
    }
  }

  onResize = () => {};
}
