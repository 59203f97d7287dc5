// A class instantiated once when its module loads lives as long as the
// program: what it registers is no leak, and its stop() is a playback
// method, not a teardown.
export class Player {
  private playing = false;

  constructor() {
    window.addEventListener("beforeunload", () => this.stop());
  }

  stop(): void {
    this.playing = false;
  }
}

export const player = new Player();

// A mixin: the elements it is mixed into decide how long it lives.
type Ctor<T = HTMLElement> = new (...args: any[]) => T;

export const withShortcuts = <T extends Ctor>(Base: T) =>
  class extends Base {
    connectedCallback() {
      document.addEventListener("keydown", this.onKey);
    }

    disconnectedCallback() {
      this.dataset.bound = "";
    }

    onKey = (e: KeyboardEvent) => e.key;
  };

// The application's shell element is created once by the page and never
// removed: its window listeners live exactly as long as the app.
export class ShopAppElement extends HTMLElement {
  connectedCallback() {
    window.addEventListener("popstate", this.route);
  }

  disconnectedCallback() {
    this.textContent = "";
  }

  route = () => this.setAttribute("page", location.pathname);
}
