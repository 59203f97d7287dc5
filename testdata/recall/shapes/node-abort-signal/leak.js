// Shape: node-abort-signal (issue 13, item 6). A function that returns a
// promise listens for "abort" on the AbortSignal its caller passes and never
// removes the listener when the call settles. One controller often serves a
// whole job of many calls, so the listeners (and the sockets they close
// over) pile up on it. leakwatch reports listener-added-per-call at
// "<- leak".
const net = require("node:net");

async function query(host, payload, { signal }) {
  const socket = net.connect(6379, host);
  signal.addEventListener("abort", () => socket.destroy()); // <- leak
  socket.write(payload);
  const [reply] = await require("node:events").once(socket, "data");
  socket.end();
  return reply;
}

module.exports = { query };
