// Shape: node-agent-socket (issue 13, item 6). An HTTP client with a
// keep-alive agent listens on each request's socket. The agent reuses
// sockets, so every request adds one more "timeout" listener to a socket
// that outlives it. leakwatch reports listener-added-per-call at "<- leak".
const http = require("node:http");

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function post(path, payload) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "backend", path, method: "POST", agent }, resolve);
    req.on("socket", (socket) => {
      socket.on("timeout", () => req.destroy()); // <- leak
    });
    req.on("error", reject);
    req.end(JSON.stringify(payload));
  });
}

module.exports = { post };
