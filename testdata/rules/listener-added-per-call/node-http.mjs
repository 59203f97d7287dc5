import http from "node:http";
import net from "node:net";
import { createWriteStream } from "node:fs";
import { EventEmitter } from "node:events";
import { Worker } from "node:worker_threads";

const events = new EventEmitter();
const out = createWriteStream("out.ndjson");
const worker = new Worker(new URL("./resize-worker.js", import.meta.url));

const server = http.createServer((req, res) => {
  events.on("reload", () => res.setHeader("x-reloaded", "1")); // want "listener-added-per-call"
  res.end("ok");
});

server.on("request", (req, res) => {
  process.on("warning", logWarning); // want "listener-added-per-call"
});

// Removed when the response closes: fine.
server.on("request", (req, res) => {
  const onReload = () => res.end("reloaded");
  events.on("reload", onReload);
  res.once("close", () => events.removeListener("reload", onReload));
});

const tcp = net.createServer((socket) => {
  events.on("broadcast", (msg) => socket.write(msg)); // want "listener-added-per-call"
  socket.on("data", (chunk) => socket.write(chunk));
});

// Waiting for "drain" in a loop adds one listener per iteration.
export async function writeAll(rows) {
  for (const row of rows) {
    if (!out.write(JSON.stringify(row) + "\n")) {
      await new Promise((resolve) => out.on("drain", resolve)); // want "listener-added-per-call"
    }
  }
}

// Each call of resize adds a "message" and an "error" listener to the worker.
export function resize(image) {
  return new Promise((resolve, reject) => {
    worker.on("message", (result) => resolve(result)); // want "listener-added-per-call"
    worker.on("error", reject); // want "listener-added-per-call"
    worker.postMessage(image);
  });
}

// The same handler is added again on every iteration.
export function watchAll(files) {
  for (let i = 0; i < files.length; i++) {
    events.on("change", onChange); // want "listener-added-per-call"
    watchFile(files[i]);
  }
}

// A setInterval callback runs on every tick.
setInterval(() => {
  process.on("exit", reportStats); // want "listener-added-per-call"
  events.on("stats", collectStats); // want "listener-added-per-call"
}, 60_000);

// Each "data" event adds another "end" listener to stdin.
process.stdin.on("data", (chunk) => {
  process.stdin.on("end", flush); // want "listener-added-per-call"
  buffer.push(chunk);
});

const buffer = [];
function logWarning() {}
function onChange() {}
function watchFile() {}
function reportStats() {}
function collectStats() {}
function flush() {}

server.listen(8080);
tcp.listen(8081);
