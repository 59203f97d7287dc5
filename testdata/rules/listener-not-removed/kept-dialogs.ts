// Home Assistant's dialog manager creates a legacy dialog (one with
// showDialog(params) and closeDialog()) once, appends it, and keeps it for
// the session: it is hidden, never removed. Window listeners added while it
// is open and removed when it closes are no leak. A dialogNext dialog is
// dropped on close and created again, so its listeners must go in
// disconnectedCallback like any element's.
import { LitElement, html } from "lit";

interface Hass {
  user: string;
}

export class EntityDialog extends LitElement {
  hass!: Hass;
  private open = false;

  public showDialog(params: { entity: string }): void {
    this.open = params.entity !== "";
  }

  public closeDialog(): void {
    this.open = false;
  }

  private opened(): void {
    window.addEventListener("keydown", this.onKey);
  }

  private closed(): void {
    window.removeEventListener("keydown", this.onKey);
  }

  private onKey = (e: KeyboardEvent): void => {
    if (e.key === "Escape") this.closeDialog();
  };

  render() {
    return html`<ha-dialog .open=${this.open} @opened=${this.opened} @closed=${this.closed}></ha-dialog>`;
  }
}

export class NextDialog extends LitElement {
  hass!: Hass;
  dialogNext = true;
  private open = false;

  public showDialog(params: { entity: string }): void {
    this.open = params.entity !== "";
  }

  public closeDialog(): void {
    this.open = false;
  }

  private opened(): void {
    window.addEventListener("keydown", this.onKey); // want "listener-not-removed: .keydown. listener added to window is removed in NextDialog\.closed \(line 60\), but not when NextDialog ends; also call removeEventListener in disconnectedCallback \(NextDialog has none\)"
  }

  private closed(): void {
    window.removeEventListener("keydown", this.onKey);
  }

  private onKey = (e: KeyboardEvent): void => {
    if (e.key === "Escape") this.closeDialog();
  };

  render() {
    return html`<ha-dialog .open=${this.open} @opened=${this.opened} @closed=${this.closed}></ha-dialog>`;
  }
}

// A dialog-like element outside the manager (no hass) is removed by whoever
// added it, so the same open/close pair still needs a teardown.
export class Popover extends LitElement {
  public showDialog(): void {
    window.addEventListener("resize", this.place); // want "listener-not-removed: .resize. listener added to window is removed in Popover\.closeDialog \(line 80\), but not when Popover ends; also call removeEventListener in disconnectedCallback \(Popover has none\)"
  }

  public closeDialog(): void {
    window.removeEventListener("resize", this.place);
  }

  private place = (): void => undefined;
}

// A kept dialog that writes its own teardown expects to be disconnected:
// what connectedCallback adds must be removed there.
export class NotificationDrawer extends LitElement {
  hass!: Hass;

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("popstate", this.closeDialog); // want "listener-not-removed: .popstate. listener added to window is never removed"
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
  }

  public showDialog(): void {
    this.hidden = false;
  }

  public closeDialog = (): void => {
    this.hidden = true;
  };
}
