import { EventEmitter } from "events";

// The refresh loop through the loader's own "stale" event, with the latest
// timeout cleared in dispose().
export class FeedLoader extends EventEmitter {
  constructor(url) {
    super();
    this.url = url;
    this.on("stale", () => {
      this.refresh();
    });
  }

  refresh() {
    this.staleTimer = setTimeout(() => {
      this.emit("stale");
    }, 30000);
  }

  dispose() {
    clearTimeout(this.staleTimer);
  }
}

// dispose() takes the loader's handlers off: the pending timeout fires once
// more into no handler, and the loop ends.
export class Poller extends EventEmitter {
  constructor() {
    super();
    this.on("due", () => this.poll());
  }

  poll() {
    setTimeout(() => this.emit("due"), 5000);
  }

  dispose() {
    this.removeAllListeners();
  }
}

// A handler added with once() runs on one firing only: no loop.
export class Warmup extends EventEmitter {
  constructor() {
    super();
    this.once("ready", () => this.start());
  }

  start() {
    setTimeout(() => this.emit("ready"), 100);
  }

  dispose() {
    this.stopped = true;
  }
}

// The event goes to another object's handlers, which this class cannot see.
export class Relay extends EventEmitter {
  constructor(bus) {
    super();
    this.bus = bus;
    this.on("ping", () => this.ping());
  }

  ping() {
    setTimeout(() => this.bus.emit("ping"), 1000);
  }

  dispose() {
    this.bus = null;
  }
}

// The handler of the fired event does not call back: a one-shot timeout.
export class Notifier extends EventEmitter {
  constructor() {
    super();
    this.on("expired", () => this.report());
  }

  arm() {
    this.timer = setTimeout(() => this.emit("expired"), 60000);
  }

  report() {
    console.log("expired");
  }

  dispose() {
    this.closed = true;
  }
}
