// Every way a pg client or pool is correctly released or kept: nothing here is reported.
const express = require("express");
const { Pool, Client } = require("pg");

// A module-level pool is a singleton for the life of the process.
const pool = new Pool({ max: 20 });
const router = express.Router();

router.get("/users/:id", async (req, res, next) => {
  const client = await pool.connect();
  try {
    const { rows } = await client.query("SELECT * FROM users WHERE id = $1", [req.params.id]);
    res.json(rows[0]);
  } catch (err) {
    next(err);
  } finally {
    client.release();
  }
});

// A transaction that releases on success and on failure.
router.post("/transfer", async (req, res) => {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("UPDATE accounts SET balance = balance - $1 WHERE id = $2", [req.body.amount, req.body.from]);
    await client.query("UPDATE accounts SET balance = balance + $1 WHERE id = $2", [req.body.amount, req.body.to]);
    await client.query("COMMIT");
    client.release();
    res.sendStatus(204);
  } catch (err) {
    await client.query("ROLLBACK");
    client.release(err);
    res.status(500).json({ error: err.message });
  }
});

// let + finally, the other common spelling.
async function withClient(fn) {
  let client;
  try {
    client = await pool.connect();
    return await fn(client);
  } finally {
    client?.release();
  }
}

// The checkout is handed to the caller.
async function checkout() {
  const client = await pool.connect();
  await client.query("SET search_path TO app");
  return client;
}

// Callback style with done() and with release() in the query callback.
router.get("/legacy/a", (req, res, next) => {
  pool.connect((err, client, done) => {
    if (err) return next(err);
    client.query("SELECT 1", (qerr, result) => {
      done();
      if (qerr) return next(qerr);
      res.json(result.rows);
    });
  });
});

router.get("/legacy/b", (req, res, next) => {
  pool.connect((err, client) => {
    if (err) return next(err);
    client.query("SELECT 2", (qerr, result) => {
      client.release();
      if (qerr) return next(qerr);
      res.json(result.rows);
    });
  });
});

// Promise chains that release in finally().
function countUsers() {
  return pool.connect().then((client) =>
    client.query("SELECT count(*) FROM users").finally(() => client.release()),
  );
}

// A per-call client ended in finally, as the pg docs write it.
async function runMigration(sql) {
  const client = new Client();
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// An early return before anything can fail, with a release on that path.
async function findUser(id) {
  const client = await pool.connect();
  if (!id) {
    client.release();
    return null;
  }
  try {
    const { rows } = await client.query("SELECT * FROM users WHERE id = $1", [id]);
    return rows[0];
  } finally {
    client.release();
  }
}

// A LISTEN client lives on through its notifications; started once.
async function listenForJobs(onJob) {
  const listener = new Client();
  await listener.connect();
  listener.on("notification", (msg) => onJob(JSON.parse(msg.payload)));
  await listener.query("LISTEN jobs");
}

// A client checked out for good to LISTEN: it serves notifications from then on.
async function listenOnPool(onEvent) {
  const client = await pool.connect();
  client.on("notification", (msg) => onEvent(msg.channel, msg.payload));
  await client.query("LISTEN events");
}

// A pool kept for the caller, or in a module variable created lazily.
let reportsPool;
function getReportsPool() {
  if (!reportsPool) {
    reportsPool = new Pool({ connectionString: process.env.REPORTS_URL });
  }
  return reportsPool;
}

function createRepository(config) {
  const repoPool = new Pool(config);
  return {
    findAll: () => repoPool.query("SELECT * FROM items"),
    close: () => repoPool.end(),
  };
}

// Synchronous work only between checkout and release: nothing can reject first.
async function touch(id) {
  const client = await pool.connect();
  const sql = "UPDATE items SET touched_at = now() WHERE id = $1";
  client.query(sql, [id]);
  client.release();
}

// A pool created by an app factory lives on in the route handlers it registers.
function createApp(config) {
  const app = express();
  const appPool = new Pool(config);
  app.get("/ping", async (req, res) => {
    const { rows } = await appPool.query("SELECT 1 AS ok");
    res.json(rows[0]);
  });
  return app;
}

// Awaits that cannot reject before the release.
async function bulkTouch(ids) {
  const client = await pool.connect();
  for (const id of ids) {
    await client.query("UPDATE items SET touched_at = now() WHERE id = $1", [id]).catch(() => {});
  }
  await Promise.allSettled(ids.map((id) => client.query("SELECT pg_notify('touched', $1)", [id])));
  client.release();
}

// Koa middleware holding a client for the request and releasing it after.
function koaClient() {
  return async (ctx, next) => {
    ctx.state.db = await pool.connect();
    try {
      await next();
    } finally {
      ctx.state.db.release();
    }
  };
}

module.exports = { listenOnPool, createApp, bulkTouch, koaClient,  router, withClient, checkout, countUsers, runMigration, findUser, listenForJobs, getReportsPool, createRepository, touch };
