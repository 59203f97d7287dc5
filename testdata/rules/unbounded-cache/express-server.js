// An Express API with the caches real services grow by accident.
const express = require("express");
const crypto = require("crypto");
const db = require("./db");

const app = express();

/** Users by id, filled on first request. */
const userCache = new Map();

// Access log kept for the /debug page.
const requestLog = [];

const sessions = {};

const rateBuckets = new Map();

const knownSockets = new Set();

app.use((req, res, next) => {
  requestLog.push({ method: req.method, url: req.originalUrl, at: Date.now() }); // want "unbounded-cache"
  next();
});

app.use((req, res, next) => {
  const ip = req.ip;
  const bucket = rateBuckets.get(ip) || { count: 0, since: Date.now() };
  bucket.count += 1;
  rateBuckets.set(ip, bucket); // want "unbounded-cache"
  if (bucket.count > 100) {
    res.status(429).end();
    return;
  }
  next();
});

app.get("/users/:id", async (req, res) => {
  const { id } = req.params;
  if (userCache.has(id)) {
    res.json(userCache.get(id));
    return;
  }
  const user = await db.users.findById(id);
  userCache.set(id, user); // want "unbounded-cache"
  res.json(user);
});

app.post("/login", async (req, res) => {
  const user = await db.users.verify(req.body.email, req.body.password);
  const token = crypto.randomBytes(24).toString("hex");
  sessions[token] = { userId: user.id, created: Date.now() }; // want "unbounded-cache"
  res.json({ token });
});

app.get("/debug/log", (req, res) => {
  res.json({ entries: requestLog.length, last: requestLog.slice(-20) });
});

function trackSocket(socket) {
  knownSockets.add(socket); // want "unbounded-cache"
  socket.on("error", (err) => console.error(err));
}

const server = app.listen(3000);
server.on("connection", trackSocket);
