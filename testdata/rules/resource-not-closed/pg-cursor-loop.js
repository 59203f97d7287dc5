// Batch jobs that page through a table with pg-cursor on a pooled client.
// The client is released only where the loop ends, so a read that fails
// (a dropped connection, a statement timeout) keeps it checked out for
// good, and the pool runs dry after a few failures.
const { Pool } = require("pg");
const Cursor = require("pg-cursor");

const pool = new Pool({ max: 5 });

// Released when the cursor runs out, and when a batch handler throws, but
// not when cursor.read() rejects.
async function exportOrders(since, writeBatch) {
  const client = await pool.connect(); // want "resource-not-closed: client from pool.connect\(\) is never released on the error path \(if cursor.read\(\) at line 16 rejects\)"
  const cursor = client.query(new Cursor("SELECT * FROM orders WHERE created > $1", [since]));
  for (;;) {
    const rows = await cursor.read(200);
    if (rows.length === 0) {
      client.release();
      return;
    }
    try {
      await writeBatch(rows);
    } catch (err) {
      client.release();
      throw err;
    }
  }
}

// An early return for an empty page skips the release entirely.
async function countActive(limit) {
  const client = await pool.connect(); // want "resource-not-closed: client from pool.connect\(\) is not released when the function returns at line 36"
  let total = 0;
  while (true) {
    const { rows } = await client.query("SELECT count(*) AS n FROM sessions LIMIT $1", [limit]);
    if (rows.length === 0) return total;
    total += Number(rows[0].n);
    if (total >= limit) {
      client.release();
      return total;
    }
  }
}

module.exports = { exportOrders, countActive };
