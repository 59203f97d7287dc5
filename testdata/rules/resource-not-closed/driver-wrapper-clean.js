// Clients from the project's own database modules that are closed, handed
// out, kept, or not opened at all: nothing here is reported.
"use strict";

const express = require("express");
const redisdb = require("../../database/redis");
const pgdb = require("../lib/postgres");
const connection = require("../database/connection");

const router = express.Router();

// The shared client the module keeps: no new connection per request.
router.get("/admin/status", function (req, res, next) {
  redisdb.info(redisdb.client, function (err, info) {
    if (err) {
      return next(err);
    }
    res.render("admin/status", { redis: info });
  });
});

// Opened per request and quit in finally.
router.get("/admin/keys", async (req, res) => {
  const conn = redisdb.connect();
  try {
    res.json({ keys: await conn.dbsize() });
  } finally {
    conn.quit();
  }
});

// Closed through the module's own helper.
router.get("/admin/ping", (req, res) => {
  const conn = redisdb.connect();
  conn.ping(() => {
    redisdb.disconnect(conn);
    res.sendStatus(204);
  });
});

// Released when the response is over.
router.get("/reports/:id", async (req, res) => {
  const client = await pgdb.createClient();
  res.on("finish", () => client.end());
  const { rows } = await client.query("SELECT * FROM reports WHERE id = $1", [req.params.id]);
  res.json(rows[0]);
});

// Handed to code that takes it over, or returned to the caller.
router.get("/jobs", (req, res) => {
  const conn = redisdb.connect();
  startQueue(conn);
  res.sendStatus(202);
});

function openClient() {
  return redisdb.connect();
}

// Kept for reuse in a module variable.
let shared;
function sharedClient() {
  if (!shared) {
    shared = redisdb.connect();
  }
  return shared;
}

// The data layer's own start-up opens the clients the program keeps.
async function init() {
  const conn = redisdb.connect();
  await conn.ping();
}

// A result nobody keeps: the project's connect() may store the client itself.
router.post("/admin/reconnect", (req, res) => {
  redisdb.connect();
  res.sendStatus(204);
});

// A module not named after a driver: its connect() says nothing about what it returns.
router.get("/health", async (req, res) => {
  const db = await connection.connect();
  res.json({ ok: await db.ping() });
});

// A getter hands out the shared client.
router.get("/admin/memory", (req, res) => {
  const conn = redisdb.getClient();
  conn.info("memory", (err, info) => res.send(info));
});

// Opened once at load.
const cache = redisdb.connect();

function startQueue(conn) {
  conn.on("message", () => {});
}

module.exports = { router, openClient, sharedClient, init, cache };
