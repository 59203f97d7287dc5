// Every accepted shape: nothing in this file is reported.
const express = require("express");
const { EventEmitter, once } = require("node:events");
const fs = require("node:fs");
const db = require("./db");

const app = express();
const jobs = new EventEmitter();
const auditLog = fs.createWriteStream("audit.log", { flags: "a" });

// Registrations at module top level live as long as the program.
process.on("SIGTERM", shutdown);
jobs.on("error", (err) => console.error(err));

// once() and prependOnceListener() remove themselves.
app.get("/jobs/:id/next", (req, res) => {
  jobs.once("done", (job) => res.json(job));
  jobs.prependOnceListener("failed", () => res.sendStatus(500));
});

// Removed when the response closes.
app.get("/jobs/:id/stream", (req, res) => {
  const onDone = (job) => res.write(`data: ${JSON.stringify(job)}\n\n`);
  jobs.on("done", onDone);
  res.on("close", () => jobs.off("done", onDone));
});

// Removed when the response finishes, through a local helper.
app.get("/jobs/:id/progress", (req, res) => {
  const onProgress = (p) => res.write(String(p));
  function stop() {
    jobs.removeListener("progress", onProgress);
  }
  jobs.on("progress", onProgress);
  res.on("finish", stop);
});

// Removed in finally.
app.post("/import", async (req, res) => {
  const onRow = () => res.write(".");
  db.on("row", onRow);
  try {
    await db.import(req.body);
    res.end("done");
  } finally {
    db.off("row", onRow);
  }
});

// Removed in the same function after use.
app.post("/flush", async (req, res) => {
  const onDrain = () => console.log("drained");
  auditLog.on("drain", onDrain);
  await flushPending();
  auditLog.removeListener("drain", onDrain);
  res.sendStatus(204);
});

// removeAllListeners for the event before adding again.
app.post("/reload", (req, res) => {
  jobs.removeAllListeners("reload");
  jobs.on("reload", reloadConfig);
  res.sendStatus(204);
});

// Listeners on per-call objects die with the request.
app.post("/upload", (req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => res.json({ size: Buffer.concat(chunks).length }));
  res.on("error", (err) => console.error(err));
  const local = new EventEmitter();
  local.on("tick", () => {});
});

// mitt-style emitters return a disposer: kept and called, or handed back.
const mitt = require("mitt");
const notifications = mitt();

app.get("/notifications", (req, res) => {
  const off = notifications.on("new", (n) => res.write(JSON.stringify(n)));
  res.on("close", off);
});

function subscribe(handler) {
  return notifications.on("new", handler);
}

app.get("/notifications/count", (req, res) => {
  let count = 0;
  const unsubscribe = subscribe(() => count++);
  setTimeout(() => {
    unsubscribe();
    res.json({ count });
  }, 1000);
});

// A guard makes the registration happen once.
let exitHooked = false;
app.use((req, res, next) => {
  if (!exitHooked) {
    process.on("exit", flushAudit);
    exitHooked = true;
  }
  next();
});

app.use((req, res, next) => {
  if (jobs.listenerCount("done") === 0) {
    jobs.on("done", logJob);
  }
  next();
});

// A memoized promise waits once.
let ready;
function whenReady() {
  if (!ready) {
    ready = new Promise((resolve) => db.on("ready", resolve));
  }
  return ready;
}

let connected;
function whenConnected() {
  return (connected ??= new Promise((resolve) => db.on("connect", resolve)));
}

// Promise helpers that remove their listeners on every path.
function waitForJob(id) {
  return new Promise((resolve, reject) => {
    const onDone = (job) => {
      if (job.id !== id) return;
      cleanup();
      resolve(job);
    };
    const onFailed = (err) => {
      cleanup();
      reject(err);
    };
    function cleanup() {
      jobs.off("done", onDone);
      jobs.off("failed", onFailed);
    }
    jobs.on("done", onDone);
    jobs.on("failed", onFailed);
  });
}

// events.once() is the idiomatic wait.
async function waitForDrain() {
  await once(auditLog, "drain");
}

// An AbortSignal removes a DOM-style listener.
app.get("/events", (req, res) => {
  const controller = new AbortController();
  globalThis.addEventListener("message", (e) => res.write(e.data), { signal: controller.signal });
  res.on("close", () => controller.abort());
});

// A startup function that waits once.
async function main() {
  await new Promise((resolve) => db.on("ready", resolve));
  const server = app.listen(3000);
  await new Promise((resolve) => server.on("listening", resolve));
  server.on("close", () => console.log("closed"));
}

function connectDatabase() {
  return new Promise((resolve, reject) => {
    db.on("connect", resolve);
    db.on("error", reject);
  });
}

// One-shot callbacks run once.
app.listen(3001, () => {
  process.on("SIGINT", shutdown);
});

// One listener per signal: the event differs on each iteration.
["SIGINT", "SIGTERM", "SIGHUP"].forEach((signal) => process.on(signal, shutdown));
for (const signal of ["SIGUSR1", "SIGUSR2"]) {
  process.on(signal, () => dumpState(signal));
}

// One listener per item: the handler closes over the item.
const plugins = [require("./plugin-a"), require("./plugin-b")];
for (const plugin of plugins) {
  process.on("exit", () => plugin.close());
}
plugins.forEach((plugin) => jobs.on("done", (job) => plugin.onJob(job)));

// An IIFE runs once.
(async () => {
  await whenReady();
  await whenConnected();
  await connectDatabase();
  await waitForDrain();
  await waitForJob(1);
})();

// A plain exported function: nothing shows it runs more than once.
module.exports.install = function install() {
  process.on("warning", (w) => console.warn(w));
};

function shutdown() {}
function reloadConfig() {}
function flushAudit() {}
function logJob() {}
function dumpState() {}
async function flushPending() {}

main();
