// Fixes that must compile in TypeScript.
class Base {
  constructor(protected host: HTMLElement) {}
}

// No constructor and a base class: binding once would need
// constructor(...args) { super(...args) }, which TypeScript rejects, so no
// bind-once fix is offered.
export class Toolbar extends Base {
  attach(): void {
    this.host.addEventListener("click", this.onClick.bind(this)); // want "listener-removal-mismatch"
  }

  detach(): void {
    this.host.removeEventListener("click", this.onClick.bind(this)); // want "listener-removal-mismatch"
  }

  onClick(): void {}
}
