// The variable the removal reads is set to another function than the one
// added: the listener stays.
let current: ((e: Event) => void) | null = null;

export class Resizer {
  private onResize = (e: Event) => console.log(e.type);
  private onScroll = (e: Event) => console.log(e.type);

  start(): void {
    current = this.onScroll;
    window.addEventListener("resize", this.onResize); // want "listener-removal-mismatch: .resize. listener added here is never removed: removeEventListener at line 15 can never match \(it removes current\)"
  }

  dispose(): void {
    if (current) window.removeEventListener("resize", current); // want "listener-removal-mismatch: removeEventListener removes current, which is never added for this event; the listener added here is this.onResize"
  }
}
