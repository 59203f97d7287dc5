const https = require("node:https");

const agent = new https.Agent({ keepAlive: true });

// The keep-alive agent hands the same socket to request after request:
// every call adds one more "timeout" listener to it, holding its request.
function getJSON(url) {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { agent }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve(JSON.parse(body)));
    });
    req.on("socket", (socket) => {
      socket.setTimeout(5000);
      socket.on("timeout", () => req.destroy(new Error("timeout"))); // want "listener-added-per-call: .timeout. listener on socket is added on each call of getJSON"
    });
    req.on("error", reject);
  });
}

module.exports = { getJSON };
