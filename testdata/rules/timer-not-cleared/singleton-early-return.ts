// Not singletons: start() makes a new instance on every call (no early
// return when one exists), and spawn() returns early on something other
// than the place it stores the instance in. Each instance's interval runs
// on after its stop().
import { sendHeartbeat } from "./beacon";

export class Beacon {
  private static instance: Beacon | null = null;

  private timer: ReturnType<typeof setInterval> | null = null;

  static start(): void {
    const instance = new Beacon();
    Beacon.instance = instance;
    instance.init();
  }

  stop(): void {
    Beacon.instance = null;
  }

  private init(): void {
    this.timer = setInterval(() => sendHeartbeat(), 60_000); // want "timer-not-cleared: setInterval stored in this.timer keeps running after Beacon ends; call clearInterval\(this.timer\) in stop"
  }
}

export class Worker {
  static last?: Worker;

  private id?: ReturnType<typeof setInterval>;

  static spawn(disabled: boolean): Worker | undefined {
    if (disabled) {
      return undefined;
    }
    const worker = new Worker();
    Worker.last = worker;
    return worker;
  }

  constructor() {
    this.id = setInterval(() => this.tick(), 1000); // want "timer-not-cleared: setInterval stored in this.id keeps running after Worker ends"
  }

  dispose(): void {
    this.tick = () => undefined;
  }

  tick(): void {}
}

// Replaced, not kept: when an instance exists it is stopped and a new one
// takes its place, so instances come and go and each must clear its own.
export class Sampler {
  static active?: Sampler;

  private handle?: ReturnType<typeof setInterval>;

  static restart(): Sampler {
    if (Sampler.active) {
      Sampler.active.stop();
    }
    const sampler = new Sampler();
    Sampler.active = sampler;
    return sampler;
  }

  constructor() {
    this.handle = setInterval(() => this.sample(), 250); // want "timer-not-cleared: setInterval stored in this.handle keeps running after Sampler ends; call clearInterval\(this.handle\) in stop"
  }

  stop(): void {
    this.sample = () => undefined;
  }

  sample(): void {}
}
