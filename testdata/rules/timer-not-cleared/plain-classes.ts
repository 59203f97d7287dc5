import { EventEmitter } from "node:events";
import { setInterval as every, clearInterval as stopEvery } from "node:timers";
import * as timers from "timers";

export class MetricsReporter {
  private samples: number[] = [];

  constructor(private sink: (batch: number[]) => void) {
    every(() => this.flush(), 10_000); // want "timer-not-cleared"
  }

  record(v: number): void {
    this.samples.push(v);
  }

  flush(): void {
    this.sink(this.samples.splice(0));
  }

  dispose(): void {
    this.flush();
  }
}

export class ConnectionPool extends EventEmitter {
  private reaper: NodeJS.Timeout;

  constructor() {
    super();
    this.reaper = timers.setInterval(() => this.reapIdle(), 30_000); // want "timer-not-cleared"
    setInterval(() => this.emit("stats"), 5_000).unref(); // want "timer-not-cleared"
  }

  reapIdle(): void {}

  async close(): Promise<void> {
    this.removeAllListeners();
  }
}

export class JobQueue {
  private stopped = false;

  start(): void {
    this.next();
  }

  private next(): void {
    const job = this.take();
    if (job) job();
    setTimeout(() => this.next(), 100); // want "timer-not-cleared"
  }

  private take(): (() => void) | undefined {
    return undefined;
  }

  stop(): void {
    console.log("stopping; stopped was", this.stopped);
  }
}

export class Heartbeat {
  private handle?: NodeJS.Timeout;

  constructor(private send: () => void) {}

  start(): void {
    this.handle = setInterval(this.send, 15_000); // want "timer-not-cleared"
  }

  destroy(): void {
    this.handle = undefined;
  }
}

// Clean shapes.

export class CleanReporter {
  private timer = every(() => this.flush(), 10_000);

  flush(): void {}

  dispose(): void {
    stopEvery(this.timer);
  }
}

export class CleanPool {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  watch(id: string): void {
    this.timers[id] = setInterval(() => this.check(id), 1_000);
  }

  check(id: string): void {}

  close(): void {
    for (const t of Object.values(this.timers)) clearInterval(t);
  }
}

export class CleanQueue {
  private running = false;

  start(): void {
    this.running = true;
    this.next();
  }

  private next(): void {
    if (!this.running) return;
    setTimeout(() => this.next(), 100);
  }

  stop(): void {
    this.running = false;
  }
}

export class CleanHeartbeat {
  private handle?: NodeJS.Timeout;

  start(): NodeJS.Timeout {
    // The caller gets the id and owns it.
    return setInterval(() => this.beat(), 15_000);
  }

  beat(): void {}

  destroy(): void {
    if (this.handle) timers.clearInterval(this.handle);
  }
}

export class Backoff {
  private attempt = 0;

  connect(): void {
    this.attempt += 1;
    if (this.attempt < 5) {
      setTimeout(() => this.connect(), 2 ** this.attempt * 100);
    }
  }

  close(): void {}
}

// No teardown method: not an owner.
export class Plain {
  constructor() {
    setInterval(() => {}, 1000);
  }
}

export class Spinner {
  private frames = ["|", "/", "-", "\\"];
  private i = 0;

  start(out: NodeJS.WriteStream): void {
    const ticker = setInterval(() => { // want "timer-not-cleared"
      out.write(`\r${this.frames[this.i++ % this.frames.length]}`);
    }, 80);
    out.once("close", () => console.debug("closed", ticker));
  }

  stop(): void {}
}
