import { Observable, Subscription } from "rxjs";
import type { RedisClientType } from "redis";

import { EventBus } from "./bus";
import { settingsStore } from "./settings";

interface Doc {
  id: string;
  body: string;
}

/** Saves a document a second after each change, until disposed. */
export class AutoSaver {
  private pending?: Doc;

  constructor(private readonly doc$: Observable<Doc>, private readonly storage: Storage) {
    doc$.subscribe((doc) => (this.pending = doc)); // want "subscription-not-disposed"
    settingsStore.subscribe((s) => this.configure(s)); // want "subscription-not-disposed"
  }

  configure(settings: unknown): void {}

  dispose(): void {
    this.flush();
  }

  private flush(): void {
    if (this.pending) {
      this.storage.setItem(this.pending.id, this.pending.body);
    }
  }
}

export class PresenceTracker {
  private readonly subs: Subscription[] = [];

  constructor(private readonly bus: EventBus) {}

  start(): void {
    this.subs.push(this.bus.presence$.subscribe((p) => console.log(p))); // want "subscription-not-disposed"
  }

  destroy(): void {
    console.log("presence tracker destroyed");
  }
}

export class Notifier {
  constructor(private readonly redis: RedisClientType) {}

  async listen(): Promise<void> {
    await this.redis.subscribe("notifications", (message) => console.log(message)); // want "subscription-not-disposed"
  }

  async close(): Promise<void> {
    console.log("closing notifier");
  }
}
