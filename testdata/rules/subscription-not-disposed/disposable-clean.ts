import { Observable, Subject, Subscription } from "rxjs";
import type { RedisClientType } from "redis";

import { EventBus } from "./bus";
import { settingsStore } from "./settings";

// Module top level: lives as long as the program.
settingsStore.subscribe((s) => console.log("settings", s));

export function watchSettings(): void {
  // Outside any component or disposable class.
  settingsStore.subscribe((s) => console.log(s));
}

export class AutoSaver {
  private readonly subscription: Subscription;
  private readonly unsubscribeSettings: () => void;

  constructor(doc$: Observable<unknown>) {
    this.subscription = doc$.subscribe((doc) => console.log(doc));
    this.unsubscribeSettings = settingsStore.subscribe((s) => console.log(s));
  }

  dispose(): void {
    this.subscription.unsubscribe();
    this.unsubscribeSettings();
  }
}

export class PresenceTracker {
  private subs: Subscription[] = [];
  private readonly children = new Set<Subscription>();

  constructor(private readonly bus: EventBus) {}

  start(): void {
    this.subs.push(this.bus.presence$.subscribe((p) => console.log(p)));
    this.children.add(this.bus.typing$.subscribe((t) => console.log(t)));
  }

  destroy(): void {
    for (const s of this.subs) {
      s.unsubscribe();
    }
    this.children.forEach((s) => s.unsubscribe());
  }
}

export class Notifier {
  constructor(private readonly redis: RedisClientType, private readonly pubsub: RedisClientType) {}

  async listen(): Promise<void> {
    await this.redis.subscribe("notifications", (message) => console.log(message));
    await this.pubsub.subscribe("alerts", (message) => console.log(message));
  }

  async close(): Promise<void> {
    await this.redis.quit();
    await this.pubsub.unsubscribe("alerts");
  }
}

// No teardown method: not an owner.
export class Logger {
  constructor(bus: EventBus) {
    bus.log$.subscribe((line) => console.log(line));
  }
}

// Replaying what an old queue buffered into its replacement: the old queue
// is let go of right here, so nothing outlives anything.
export class BufferedChannel {
  private readonly sink = new Subscription();

  constructor(private destination: Subject<string>, private readonly socket: { send(x: string): void }) {}

  open(): void {
    const queue = this.destination;
    this.destination = new Subject<string>();
    this.sink.add(this.destination.subscribe((x) => this.socket.send(x)));
    queue.subscribe(this.destination);
  }

  close(): void {
    this.sink.unsubscribe();
  }
}
