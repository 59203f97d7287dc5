import { Injectable } from "@angular/core";

type Handler = (value: unknown) => void;

// One bus for the whole app: Angular creates it once, in the root
// injector.
@Injectable({ providedIn: "root" })
export class EventBus {
  private handlers = new Map<string, Set<Handler>>();

  on(event: string, handler: Handler) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
  }

  off(event: string, handler: Handler) {
    this.handlers.get(event)?.delete(handler);
  }
}
