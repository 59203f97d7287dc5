// Shape: node-agent-socket, fixed: the listener is removed when the request
// is done with the pooled socket.
const http = require("node:http");

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function post(path, payload) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "backend", path, method: "POST", agent }, resolve);
    req.on("socket", (socket) => {
      const onTimeout = () => req.destroy();
      socket.on("timeout", onTimeout);
      req.on("close", () => socket.removeListener("timeout", onTimeout));
    });
    req.on("error", reject);
    req.end(JSON.stringify(payload));
  });
}

module.exports = { post };
