const http = require("node:http");
const axios = require("axios");
const express = require("express");

const app = express();
const shutdownToken = axios.CancelToken.source().token;

// One token for the whole server: each request adds a callback that keeps
// its response until shutdown.
app.get("/report", (req, res) => {
  shutdownToken.promise.then(() => res.status(503).end()); // want "listener-added-per-call: shutdownToken.promise.then callback is added on each request"
  buildReport().then((r) => res.json(r));
});

// A caller's token, shared by many calls of the adapter.
function adapter(config) {
  return new Promise((resolve, reject) => {
    const req = http.request(config.url, resolve);
    if (config.cancelToken) {
      config.cancelToken.promise.then((reason) => { // want "listener-added-per-call: config.cancelToken.promise.then callback is added on each call of adapter"
        req.destroy();
        reject(reason);
      });
    }
    req.end();
  });
}

function buildReport() {
  return Promise.resolve({});
}

module.exports = { adapter };
