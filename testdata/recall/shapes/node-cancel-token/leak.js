// Shape: node-cancel-token (issue 13, item 6). An HTTP adapter hooks the
// caller's cancel token with promise.then on every request. The callback
// cannot be removed, and a token a page shares between its requests keeps
// every callback and the request it holds until it is cancelled.
// leakwatch reports listener-added-per-call at "<- leak".
const https = require("node:https");

function send(config) {
  return new Promise((resolve, reject) => {
    const req = https.request(config.url, { method: config.method }, resolve);
    req.on("error", reject);
    if (config.cancelToken) {
      config.cancelToken.promise.then((reason) => { // <- leak
        req.destroy();
        reject(reason);
      });
    }
    req.end(config.data);
  });
}

module.exports = { send };
