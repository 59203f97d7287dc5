import { EventEmitter } from "events";

// refresh() arms a timeout that fires the feed's own "stale" event, and the
// constructor's "stale" handler calls refresh() again: a loop through an
// event, which dispose() never stops.
export class FeedLoader extends EventEmitter {
  constructor(url) {
    super();
    this.url = url;
    this.on("stale", () => {
      this.refresh();
    });
  }

  refresh() {
    this.load();
    this.staleTimer = setTimeout(() => { // want "timer-not-cleared: setTimeout re-arms refresh\(\) on every run, so the loop keeps running after FeedLoader ends; this.staleTimer holds the latest timeout id: call clearTimeout\(this.staleTimer\) in dispose"
      this.emit("stale");
    }, 30000);
  }

  load() {
    return fetch(this.url);
  }

  dispose() {
    this.request = null;
  }
}

// The same loop through a DOM event the element dispatches at itself, with
// a named handler.
export class Ticker extends EventTarget {
  constructor() {
    super();
    this.ticks = 0;
    this.addEventListener("tick", this.onTick);
  }

  onTick = () => {
    this.ticks += 1;
    this.schedule();
  };

  schedule() {
    setTimeout(() => this.dispatchEvent(new Event("tick")), 1000); // want "timer-not-cleared: setTimeout re-arms onTick\(\)"
  }

  destroy() {
    this.closed = true;
  }
}
