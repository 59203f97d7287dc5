// Connections opened each time something runs again and again, and never
// ended: the message says what repeats them.
import net from "node:net";
import http from "node:http";
import express from "express";

const app = express();
const hosts = ["a.internal", "b.internal"];

http.createServer((req, res) => {
  net.connect(514, "audit.internal"); // want "resource-not-closed: .* on every request and never ended"
  res.end("ok");
});

app.get("/users/:id", (rq, rs) => {
  net.connect(514, "audit.internal"); // want "resource-not-closed: .* on every request and"
  rs.send("ok");
});

app.handle("/x", () => {
  net.connect(514, "relay.internal"); // want "resource-not-closed: .* on every request and"
});

process.stdin.on("data", (chunk) => {
  net.connect(514, "audit.internal"); // want "resource-not-closed: .* on every .data. event and"
});

// Any event counts, not only those known to repeat: a connection opened
// on "connection" leaks one per client.
server.on("connection", (client) => {
  net.connect(514, "relay.internal"); // want "resource-not-closed: .* on every .connection. event and"
});

bus.addListener(eventName, () => {
  net.connect(514, "audit.internal"); // want "resource-not-closed: .* on every event and"
});

setInterval(() => {
  net.connect(514, "metrics.internal"); // want "resource-not-closed: .* on every timer tick and"
}, 1000);

net.createServer((socket) => {
  net.connect(514, "relay.internal"); // want "resource-not-closed: .* on every request and"
});

export function middleware(ctx, next) {
  net.connect(514, "audit.internal"); // want "resource-not-closed: .* on every request and"
  return next();
}

export function handler(request, reply) {
  net.connect(514, "audit.internal"); // want "resource-not-closed: .* on every request and"
  reply.send("ok");
}

// Error middleware runs per failing request.
export function errors(err, req, res, next) {
  net.connect(514, "audit.internal"); // want "resource-not-closed: .* on every request and"
}

export function connectAll(list) {
  for (let i = 0; i < list.length; i++) {
    net.connect(514, list[i]); // want "resource-not-closed: .* on every loop iteration and"
  }
}

// Not per call: once, an iteration callback at load, a helper whose
// callers are another question, an IIFE, a router whose first argument is
// no path.
process.once("ready", () => {
  net.connect(514, "once.internal");
});

hosts.forEach((host) => {
  net.connect(514, host);
});

export function connectAudit() {
  net.connect(514, "audit.internal");
}

(function () {
  net.connect(514, "iife.internal");
})();

app.use(cors(), () => {
  net.connect(514, "audit.internal");
});
