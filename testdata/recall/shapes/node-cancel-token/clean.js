// Shape: node-cancel-token, fixed: the adapter subscribes to the token and
// unsubscribes when the request closes.
const https = require("node:https");

function send(config) {
  return new Promise((resolve, reject) => {
    const req = https.request(config.url, { method: config.method }, resolve);
    req.on("error", reject);
    if (config.cancelToken) {
      const onCanceled = (reason) => {
        req.destroy();
        reject(reason);
      };
      config.cancelToken.subscribe(onCanceled);
      req.on("close", () => config.cancelToken.unsubscribe(onCanceled));
    }
    req.end(config.data);
  });
}

module.exports = { send };
