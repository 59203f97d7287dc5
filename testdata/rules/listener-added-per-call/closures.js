const net = require("node:net");
const { Worker } = require("node:worker_threads");
const { EventEmitter } = require("node:events");

// The socket outlives every request() call made on the client.
function createClient(port) {
  const socket = net.connect(port);
  return {
    request(payload) {
      return new Promise((resolve) => {
        socket.on("data", (data) => resolve(JSON.parse(data))); // want "listener-added-per-call"
        socket.write(JSON.stringify(payload));
      });
    },
    close() {
      socket.end();
    },
  };
}

// One worker for the whole batch: each iteration adds a "message" listener.
async function convertAll(files) {
  const worker = new Worker("./convert.js");
  const results = [];
  for (const file of files) {
    worker.postMessage(file);
    results.push(await new Promise((resolve) => worker.on("message", resolve))); // want "listener-added-per-call"
  }
  return results;
}

// this.events is the same emitter on every iteration.
class Crawler {
  constructor() {
    this.events = new EventEmitter();
  }

  crawl(urls) {
    urls.forEach((url) => {
      this.events.on("page", this.onPage); // want "listener-added-per-call"
      fetchPage(url);
    });
  }

  onPage(page) {
    console.log(page.url);
  }
}

// Clean: a new worker per file, ended after use.
async function convertEach(files) {
  for (const file of files) {
    const worker = new Worker("./convert.js");
    worker.on("error", (err) => console.error(file, err));
    worker.postMessage(file);
    await new Promise((resolve) => worker.once("message", resolve));
    await worker.terminate();
  }
}

// Clean: a fresh connection on every retry.
class Reconnector {
  connect(attempts) {
    for (let i = 0; i < attempts; i++) {
      this.socket = net.connect(4000);
      this.socket.on("error", this.onError);
    }
  }

  onError() {}
}

function fetchPage() {}

module.exports = { createClient, convertAll, convertEach, Crawler, Reconnector };
