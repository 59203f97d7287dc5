"use strict";

const express = require("express");
const fs = require("node:fs");
const { EventEmitter } = require("node:events");
const db = require("./db");
const metrics = require("./metrics");

const app = express();
const router = express.Router();
const jobs = new EventEmitter();
const auditLog = fs.createWriteStream("audit.log", { flags: "a" });

app.use(express.json());

// Middleware runs for every request.
app.use((req, res, next) => {
  db.on("error", handleDbError); // want "listener-added-per-call"
  req.startedAt = Date.now();
  next();
});

app.get("/jobs/:id/wait", (req, res) => {
  jobs.on("done", (job) => { // want "listener-added-per-call"
    if (job.id === req.params.id) {
      res.json(job);
    }
  });
});

router.post("/uploads", async (req, res) => {
  const id = await startUpload(req.body);
  metrics.on("progress", reportProgress); // want "listener-added-per-call"
  res.status(202).json({ id });
});

router.get("/audit", function (req, res) {
  process.on("exit", () => auditLog.end()); // want "listener-added-per-call"
  res.sendStatus(204);
});

app.get("/orders/:id", (req, res) => {
  trackRequest(req);
  db.query("select * from orders where id = $1", [req.params.id], (err, rows) => {
    if (err) return res.status(500).end();
    jobs.addListener("cancel", cancelOrder); // want "listener-added-per-call"
    res.json(rows[0]);
  });
});

// Error-handling middleware.
app.use((err, req, res, next) => {
  process.on("beforeExit", flushErrors); // want "listener-added-per-call"
  res.status(500).json({ error: err.message });
});

// A helper called from a route handler runs per request too.
function trackRequest(req) {
  process.on("exit", () => console.log("last request", req.url)); // want "listener-added-per-call"
}

// Waits for a job: every call adds two listeners, and only one of them ever
// fires.
function waitForJob(id) {
  return new Promise((resolve, reject) => {
    jobs.on("done", resolve); // want "listener-added-per-call"
    jobs.on("failed", (err) => reject(err)); // want "listener-added-per-call"
  });
}

function waitForDrain() {
  return new Promise((resolve) => auditLog.on("drain", resolve)); // want "listener-added-per-call"
}

app.post("/jobs", async (req, res) => {
  const job = await db.insertJob(req.body);
  await waitForJob(job.id);
  if (!auditLog.write(JSON.stringify(job) + "\n")) {
    await waitForDrain();
  }
  res.json(job);
});

// app.locals is set up once; its emitter lives as long as the app.
app.locals.status = new EventEmitter();
app.get("/status", (req, res) => {
  app.locals.status.on("change", (status) => res.write(JSON.stringify(status))); // want "listener-added-per-call"
});

app.use("/api", router);

function handleDbError(err) {
  console.error(err);
}
function reportProgress() {}
function cancelOrder() {}
function flushErrors() {}
async function startUpload(body) {
  return body.id;
}

app.listen(3000);
