// A service the program starts once: start() returns early when the
// instance exists, keeps the new one in a local, then stores it in a static
// field. That one instance lives as long as the process, so its heartbeat
// needs no clearing (the static stop() clears it through the instance
// anyway, a path no per-instance teardown shows).
import { sendHeartbeat } from "./beacon";

export class Beacon {
  private static instance: Beacon | null = null;

  private timer: ReturnType<typeof setInterval> | null = null;

  static async start(): Promise<void> {
    if (Beacon.instance) {
      return;
    }
    const instance = new Beacon();
    Beacon.instance = instance;
    await instance.init();
  }

  static stop(): void {
    const instance = Beacon.instance;
    if (instance?.timer) {
      clearInterval(instance.timer);
    }
    Beacon.instance = null;
  }

  private async init(): Promise<void> {
    this.timer = setInterval(() => sendHeartbeat(), 60_000);
  }
}

// The same guard written as a one-line early return before a direct store.
export class Ticker {
  static current?: Ticker;

  private id?: ReturnType<typeof setInterval>;

  static get(): Ticker {
    if (Ticker.current != null) return Ticker.current;
    Ticker.current = new Ticker();
    return Ticker.current;
  }

  constructor() {
    this.id = setInterval(() => this.tick(), 1000);
  }

  close(): void {
    this.tick = () => undefined;
  }

  tick(): void {}
}
