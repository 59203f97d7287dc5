const { EventEmitter } = require("node:events");
const { Pool } = require("pg");

// One instance for the whole process.
class JobQueue extends EventEmitter {
  constructor() {
    super();
    this.pool = new Pool();
    this.results = new EventEmitter();
  }

  waitFor(jobId) {
    return new Promise((resolve) => {
      this.results.on(jobId, resolve); // want "listener-added-per-call"
    });
  }

  waitForIdle() {
    return new Promise((resolve) => this.on("idle", () => resolve())); // want "listener-added-per-call"
  }

  // Cleans up after itself: fine.
  waitForDone(jobId) {
    return new Promise((resolve) => {
      const onDone = (id) => {
        if (id !== jobId) return;
        this.off("done", onDone);
        resolve(id);
      };
      this.on("done", onDone);
    });
  }

  // Waits once per call with once(): fine.
  waitForStart() {
    return new Promise((resolve) => this.once("start", resolve));
  }
}

module.exports = new JobQueue();

// Many instances: each has its own emitter, so this is not this rule's
// business.
class Connection {
  constructor(socket) {
    this.socket = socket;
  }

  ready() {
    return new Promise((resolve) => this.socket.on("ready", resolve));
  }
}

const settings = {
  events: new EventEmitter(),
  whenLoaded() {
    return new Promise((resolve) => this.events.on("loaded", resolve)); // want "listener-added-per-call"
  },
};

module.exports.Connection = Connection;
module.exports.settings = settings;
