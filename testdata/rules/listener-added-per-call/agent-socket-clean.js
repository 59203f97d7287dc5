const https = require("node:https");

const agent = new https.Agent({ keepAlive: true });

// Removed when the request is done with the socket.
function getJSON(url) {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { agent }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve(JSON.parse(body)));
    });
    req.on("socket", (socket) => {
      const onTimeout = () => req.destroy(new Error("timeout"));
      socket.setTimeout(5000);
      socket.on("timeout", onTimeout);
      req.on("close", () => socket.removeListener("timeout", onTimeout));
    });
    req.on("error", reject);
  });
}

// No agent: each request gets a socket of its own, which ends with it.
function ping(url) {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { agent: false }, resolve);
    req.on("socket", (socket) => {
      socket.on("timeout", () => req.destroy());
    });
    req.on("error", reject);
  });
}

module.exports = { getJSON, ping };
