const { once } = require("node:events");
const worker = require("./worker");

// Whichever event wins, the other once-listener stays on the shared
// worker: one more per call.
function waitReady() {
  return new Promise((resolve, reject) => {
    worker.once("ready", resolve);
    worker.once("error", reject); // want "listener-added-per-call: .error. once-listener on worker races the .ready. one"
  });
}

// The same race with events.once.
async function nextMessage() {
  const [msg] = await Promise.race([once(worker, "message"), once(worker, "exit")]); // want "listener-added-per-call: Promise.race of once\(\) on worker"
  return msg;
}

// A caller's emitter outlives the call too.
function connected(client) {
  return new Promise((resolve, reject) => {
    client.once("connect", resolve);
    client.once("close", () => reject(new Error("closed"))); // want "listener-added-per-call"
  });
}

module.exports = { waitReady, nextMessage, connected };
