// Shape: node-abort-signal, fixed: the "abort" listener is removed in
// finally, whichever way the call settles.
const net = require("node:net");

async function query(host, payload, { signal }) {
  const socket = net.connect(6379, host);
  const onAbort = () => socket.destroy();
  signal.addEventListener("abort", onAbort);
  try {
    socket.write(payload);
    const [reply] = await require("node:events").once(socket, "data");
    return reply;
  } finally {
    signal.removeEventListener("abort", onAbort);
    socket.end();
  }
}

module.exports = { query };
