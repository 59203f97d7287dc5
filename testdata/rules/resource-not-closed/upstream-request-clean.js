const http = require("node:http");
const https = require("node:https");
const { pipeline } = require("node:stream");
const express = require("express");

const app = express();

// Destroyed when the client goes away.
app.get("/events", (req, res) => {
  const upstream = https.request("https://backend.internal/events", (up) => up.pipe(res));
  req.on("close", () => upstream.destroy());
  upstream.end();
});

// Aborted through a signal the close aborts.
app.get("/report", (req, res) => {
  const ac = new AbortController();
  req.on("close", () => ac.abort());
  https.get("https://backend.internal/report", { signal: ac.signal }, (up) => up.pipe(res));
});

// pipeline() destroys every stream when one closes.
app.post("/upload", (req, res) => {
  const upstream = http.request("http://storage.internal/put", { method: "PUT" }, (up) => up.pipe(res));
  pipeline(req, upstream, () => {});
});

// Not in a request handler: a start-up check.
function checkBackend() {
  return new Promise((resolve) => http.get("http://backend.internal/health", resolve));
}

module.exports = { checkBackend };
