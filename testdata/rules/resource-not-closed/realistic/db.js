"use strict";
// A data layer in the style of the node-postgres guide: one pool, checkouts in helpers.
const { Pool, types } = require("pg");
const logger = require("./logger");

types.setTypeParser(20, (v) => Number.parseInt(v, 10));

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.PG_POOL_MAX || 10),
  idleTimeoutMillis: 30000,
});

pool.on("error", (err) => logger.error({ err }, "idle client error"));

async function query(text, params) {
  const start = Date.now();
  const res = await pool.query(text, params);
  logger.debug({ text, duration: Date.now() - start, rows: res.rowCount }, "executed query");
  return res;
}

async function getClient() {
  const client = await pool.connect();
  const release = client.release.bind(client);
  const timeout = setTimeout(() => {
    logger.warn("a client has been checked out for more than 5 seconds");
  }, 5000);
  client.release = (err) => {
    clearTimeout(timeout);
    client.release = release;
    return release(err);
  };
  return client;
}

async function transaction(work) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

async function streamRows(sql, onRow) {
  const client = await pool.connect();
  try {
    const res = await client.query(sql);
    res.rows.forEach(onRow);
  } finally {
    client.release();
  }
}

async function shutdown() {
  await pool.end();
}

module.exports = { query, getClient, transaction, streamRows, shutdown, pool };
