import { EventBus } from "./event-bus";

// A plain class with a teardown; the bus it is handed outlives it.
export class PriceFeed {
  constructor(private bus: EventBus) {
    this.bus.on("price", this.onPrice); // want "listener-not-removed"
  }

  onPrice = (value: unknown) => {};

  dispose() {}
}
