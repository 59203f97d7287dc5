import { EventBus } from "./event-bus";

export class PriceFeed {
  constructor(private bus: EventBus) {
    this.bus.on("price", this.onPrice);
  }

  onPrice = (value: unknown) => {};

  dispose() {
    this.bus.off("price", this.onPrice);
  }
}
