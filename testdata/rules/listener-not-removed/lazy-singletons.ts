// Classes this file creates once, lazily, live as long as the page: their
// listeners are no leak. The same classes created per call still report.

export class ShortcutHub {
  constructor() {
    document.addEventListener("keydown", this.onKey);
  }

  close(): void {
    this.onKey = () => undefined;
  }

  onKey = (e: KeyboardEvent): void => {
    console.log(e.key);
  };
}

let hub: ShortcutHub | undefined;

export function shortcutHub(): ShortcutHub {
  if (!hub) {
    hub = new ShortcutHub();
  }
  return hub;
}

export class ThemeWatcher {
  static instance?: ThemeWatcher;

  static get(): ThemeWatcher {
    return (this.instance ??= new ThemeWatcher());
  }

  constructor() {
    window.addEventListener("storage", this.onStorage);
  }

  dispose(): void {
    this.onStorage = () => undefined;
  }

  onStorage = (): void => undefined;
}

// A custom element the page holds at most one of: created only when the
// document has none yet.
class PressRipple extends HTMLElement {
  connectedCallback() {
    ["mouseup", "touchend"].forEach((ev) => {
      document.addEventListener(ev, () => this.removeAttribute("active"), { passive: true });
    });
  }
}

customElements.define("press-ripple", PressRipple);

export const pressRipple = (): PressRipple => {
  const existing = document.body.querySelector("press-ripple");
  if (existing) {
    return existing as PressRipple;
  }
  const ripple = document.createElement("press-ripple") as PressRipple;
  document.body.appendChild(ripple);
  return ripple;
};

// Created per call: every instance adds a listener nobody removes.
class ToastHost extends HTMLElement {
  connectedCallback() {
    window.addEventListener("resize", this.place); // want "listener-not-removed: .resize. listener added to window is never removed; call removeEventListener in disconnectedCallback \(ToastHost has none\)"
  }

  place = (): void => undefined;
}

customElements.define("toast-host", ToastHost);

export function showToast(text: string): void {
  const host = document.createElement("toast-host");
  host.textContent = text;
  document.body.appendChild(host);
}

export class Poller {
  constructor() {
    window.addEventListener("online", this.poll); // want "listener-not-removed: .online. listener added to window is never removed; call removeEventListener in dispose$"
  }

  dispose(): void {
    this.poll = () => undefined;
  }

  poll = (): void => undefined;
}

let poller: Poller | undefined;

export function restartPolling(): Poller {
  poller = new Poller();
  return poller;
}

// The decorator form names the tag too.
function customElement(tag: string) {
  return (cls: CustomElementConstructor) => customElements.define(tag, cls);
}

@customElement("hold-marker")
class HoldMarker extends HTMLElement {
  connectedCallback() {
    document.addEventListener("scroll", () => this.remove(), { passive: true });
  }
}

export function holdMarker(): HoldMarker {
  const found = document.querySelector("hold-marker");
  if (found) return found as HoldMarker;
  const marker = document.createElement("hold-marker") as HoldMarker;
  document.body.append(marker);
  return marker;
}
