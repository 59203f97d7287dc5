const { once } = require("node:events");
const net = require("node:net");
const worker = require("./worker");

// The winner removes the loser.
function waitReady() {
  return new Promise((resolve, reject) => {
    const onReady = () => {
      worker.off("error", onError);
      resolve();
    };
    const onError = (err) => {
      worker.off("ready", onReady);
      reject(err);
    };
    worker.once("ready", onReady);
    worker.once("error", onError);
  });
}

// events.once with a signal that is aborted when the race is decided.
async function nextMessage() {
  const ac = new AbortController();
  try {
    const [msg] = await Promise.race([
      once(worker, "message", { signal: ac.signal }),
      once(worker, "exit", { signal: ac.signal }),
    ]);
    return msg;
  } finally {
    ac.abort();
  }
}

// A socket the call makes itself: the loser goes with it.
function connect(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port);
    socket.once("connect", () => resolve(socket));
    socket.once("error", reject);
  });
}

// Run once at start-up.
function startServer(server) {
  return new Promise((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
}

module.exports = { waitReady, nextMessage, connect, startServer };
