const http = require("node:http");
const https = require("node:https");
const express = require("express");

const app = express();

// A streaming proxy: when the browser goes away the upstream stream keeps
// flowing, with its socket and the dead response.
app.get("/events", (req, res) => {
  const upstream = https.request("https://backend.internal/events", (up) => up.pipe(res)); // want "resource-not-closed: https.request\(\) is made on every request and never aborted"
  upstream.end();
});

// Nothing even keeps the request.
http
  .createServer((req, res) => {
    http.get("http://backend.internal/slow", (up) => up.pipe(res)); // want "resource-not-closed: http.get\(\) is made on every request"
  })
  .listen(8080);
