import { EventEmitter } from "node:events";

const bus = new EventEmitter();

export class Watcher {
  private timerBus: EventEmitter;

  constructor(private source: EventEmitter) {
    this.timerBus = bus;
    process.on("SIGTERM", this.onSignal); // want "listener-not-removed"
    source.on("data", this.onData); // want "listener-not-removed"
    bus.prependListener("tick", this.onData); // want "listener-not-removed"
  }

  dispose(): void {
    console.log("disposed");
  }

  onSignal = () => {};
  onData = () => {};
}

export class CleanWatcher {
  private off: () => void;

  constructor(private source: EventEmitter) {
    process.on("SIGTERM", this.onSignal);
    source.addListener("data", this.onData);
    this.off = subscribe(bus, this.onData);
    $(window).on("resize", this.onData);
  }

  close(): void {
    process.removeListener("SIGTERM", this.onSignal);
    this.source.removeAllListeners();
    this.off();
    $(window).off("resize", this.onData);
  }

  onSignal = () => {};
  onData = () => {};
}

export class SelfEmitter extends EventEmitter {
  start() {
    this.on("data", () => {});
  }
  stop() {}
}

// No teardown method: not an owner, so not reported here.
export class Plain {
  constructor() {
    process.on("exit", () => {});
  }
}

function subscribe(e: EventEmitter, fn: () => void) {
  e.on("x", fn);
  return () => e.off("x", fn);
}
declare const $: any;
