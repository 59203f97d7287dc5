// A class that writes accessibility modifiers gets its hoisted handler as
// a private field, as its linter would ask.
export class Panel {
  private width = 0;

  public attach(): void {
    window.addEventListener("resize", () => { // want "listener-not-removed: .resize. listener added to window is never removed; call removeEventListener in dispose"
      this.width = window.innerWidth;
    });
  }

  public dispose(): void {}
}
