import { dom, Observable } from "grainjs";
import { dom as pageEvents } from "./page-events";
import { bus } from "./bus";

// Not builder bindings: a module-level emitter's on(), and an emitter
// that another module exports under the name dom, keep every handler
// each call adds.
export function watchSelection(selected: Observable<string>) {
  bus.on("select", (id: string) => selected.set(id)); // want "listener-added-per-call: .select. listener on bus is added on each call of the exported watchSelection"
  pageEvents.on("resize", () => selected.set("")); // want "listener-added-per-call: .resize. listener on pageEvents is added"
  return dom("div", dom.text(selected));
}

// Handed to another builder's call, an emitter's on() is still an
// emitter's: only a call of the receiver itself builds with it.
export function panel(title: string) {
  return dom("div", title, bus.on("close", () => console.log(title))); // want "listener-added-per-call: .close. listener on bus"
}
