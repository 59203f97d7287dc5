"use strict";
const { setInterval: every } = require("timers");
const timers = require("node:timers");

class Cache {
  constructor(ttl) {
    this.entries = new Map();
    every(() => this.prune(), ttl); // want "timer-not-cleared"
    this.sweeper = timers.setInterval(() => this.prune(), ttl * 10);
  }

  prune() {}

  close() {
    timers.clearInterval(this.sweeper);
  }
}

class Watchdog {
  constructor(timeoutMs, onStall) {
    this.timeoutMs = timeoutMs;
    this.onStall = onStall;
    this.arm();
  }

  arm() {
    this.timer = setTimeout(() => {
      this.onStall();
      this.arm();
    }, this.timeoutMs);
  }

  dispose() {
    clearTimeout(this.timer);
  }
}

module.exports = { Cache, Watchdog };
