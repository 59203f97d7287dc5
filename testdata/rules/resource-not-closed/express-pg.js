// An Express API over Postgres with the pool-client leaks real code reviews keep finding.
import express from "express";
import pg from "pg";
import { sendWelcomeMail } from "./mail.js";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = express();
app.use(express.json());

// Released on the happy path only: a failing query keeps the client forever.
app.get("/users/:id", async (req, res) => {
  const client = await pool.connect(); // want "resource-not-closed"
  const { rows } = await client.query("SELECT * FROM users WHERE id = $1", [req.params.id]);
  client.release();
  res.json(rows[0] ?? null);
});

// Never released at all.
app.get("/orders", async (req, res) => {
  const client = await pool.connect(); // want "resource-not-closed"
  const { rows } = await client.query("SELECT * FROM orders WHERE user_id = $1", [req.query.user]);
  res.json(rows);
});

// An early return skips the release.
app.post("/users", async (req, res) => {
  const { email, name } = req.body;
  const client = await pool.connect(); // want "resource-not-closed"
  const existing = await client.query("SELECT id FROM users WHERE email = $1", [email]);
  if (existing.rowCount > 0) {
    return res.status(409).json({ error: "email taken" });
  }
  const { rows } = await client.query(
    "INSERT INTO users (email, name) VALUES ($1, $2) RETURNING id",
    [email, name],
  );
  client.release();
  await sendWelcomeMail(email);
  res.status(201).json({ id: rows[0].id });
});

// Callback style: neither client.release() nor done() is ever called.
app.get("/legacy/products", (req, res, next) => {
  pool.connect((err, client, done) => { // want "resource-not-closed"
    if (err) return next(err);
    client.query("SELECT * FROM products", (qerr, result) => {
      if (qerr) return next(qerr);
      res.json(result.rows);
    });
  });
});

// A new Client per request, never ended: one connection per hit.
app.get("/health/db", async (req, res) => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL }); // want "resource-not-closed"
  await client.connect();
  const { rows } = await client.query("SELECT now() AS now");
  res.json({ ok: true, now: rows[0].now });
});

// A new Pool per call: every report run leaves ten idle connections behind.
export async function monthlyReport(month) {
  const reportPool = new pg.Pool({ connectionString: process.env.REPORTS_URL }); // want "resource-not-closed"
  const { rows } = await reportPool.query("SELECT * FROM monthly_totals WHERE month = $1", [month]);
  return rows;
}

// A checkout in a plain helper that throws on a missing row.
export async function getBalance(accountId) {
  const client = await pool.connect(); // want "resource-not-closed"
  const { rows } = await client.query("SELECT balance FROM accounts WHERE id = $1", [accountId]);
  if (rows.length === 0) {
    throw new Error(`no account ${accountId}`);
  }
  client.release();
  return rows[0].balance;
}

export default app;
