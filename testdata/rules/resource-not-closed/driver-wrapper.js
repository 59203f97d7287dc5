// Clients opened through the project's own database modules (files named after
// the driver they wrap) and never closed: each call holds one more connection.
"use strict";

const express = require("express");
const pgdb = require("../lib/postgres");

const router = express.Router();

// A status page opens a fresh Redis connection on every visit; the module's
// own info() helper only runs a command on it.
router.get("/admin/status", function (req, res, next) {
  const redisdb = require("../../database/redis");
  const conn = redisdb.connect(); // want "resource-not-closed: Redis client from redisdb.connect\(\) is never closed; reuse one client for the process instead of opening one per call, or call conn.quit\(\) in a finally block"
  redisdb.info(conn, function (err, info) {
    if (err) {
      return next(err);
    }
    res.render("admin/status", { redis: info });
  });
});

// Inside a callback of the handler, as an async.parallel task would be.
function collectStats(done) {
  const redisdb = require("../../database/redis");
  const conn = redisdb.connect(); // want "resource-not-closed"
  conn.dbsize(done);
}

// An awaited opener of a Postgres wrapper, default export included.
router.get("/reports/:id", async (req, res) => {
  const client = await pgdb.createClient(); // want "resource-not-closed: Postgres client from pgdb.createClient\(\) is never ended; .* call client.end\(\)"
  const { rows } = await client.query("SELECT * FROM reports WHERE id = $1", [req.params.id]);
  res.json(rows[0]);
});

module.exports = { router, collectStats };
