const http = require("node:http");
const axios = require("axios");
const express = require("express");

const app = express();

// A token made for this request only.
app.get("/report", (req, res) => {
  const source = axios.CancelToken.source();
  source.token.promise.then(() => res.status(499).end());
  req.on("close", () => source.cancel());
});

// The request's own token.
app.get("/export", (req, res) => {
  req.cancelToken.promise.then(() => res.end());
});

// Subscribed and unsubscribed when the call settles.
function adapter(config) {
  return new Promise((resolve, reject) => {
    const req = http.request(config.url, resolve);
    const onCanceled = (reason) => {
      req.destroy();
      reject(reason);
    };
    config.cancelToken.subscribe(onCanceled);
    req.on("close", () => config.cancelToken.unsubscribe(onCanceled));
    req.end();
  });
}

// A promise that is not a cancel token.
function whenReady(service) {
  return new Promise((resolve) => {
    service.ready.promise.then(resolve);
  });
}

module.exports = { adapter, whenReady };
