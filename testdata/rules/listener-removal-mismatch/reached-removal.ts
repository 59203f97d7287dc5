declare function Component(meta: { selector: string; templateUrl: string }): ClassDecorator;

// A decorated class's methods may run from where this file cannot see: an
// Angular component's template (click)="unhook(host)" calls unhook. The
// mismatch is reported though the file never names unhook.
@Component({ selector: "app-grip", templateUrl: "./grip.html" })
export class GripComponent {
  hook(host: HTMLElement) {
    host.addEventListener("pointerdown", this.onDown.bind(this)); // want "listener added here is never removed"
  }

  unhook(host: HTMLElement) {
    host.removeEventListener("pointerdown", this.onDown.bind(this)); // want "removes nothing: it is a new function"
  }

  onDown() {}
}
