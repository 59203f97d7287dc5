// The same batch jobs written so every way out releases the client: a
// finally block around the loop, or a loop that a break can leave (the
// release after it is then reached; the rule judges only loops nothing
// breaks out of).
const { Pool } = require("pg");
const Cursor = require("pg-cursor");

const pool = new Pool({ max: 5 });

async function exportOrders(since, writeBatch) {
  const client = await pool.connect();
  const cursor = client.query(new Cursor("SELECT * FROM orders WHERE created > $1", [since]));
  try {
    for (;;) {
      const rows = await cursor.read(200);
      if (rows.length === 0) return;
      await writeBatch(rows);
    }
  } finally {
    client.release();
  }
}

// Every read is inside the try whose catch releases and rethrows.
async function sumPages(pageSize) {
  const client = await pool.connect();
  let total = 0;
  while (true) {
    let rows;
    try {
      ({ rows } = await client.query("SELECT amount FROM payments LIMIT $1", [pageSize]));
    } catch (err) {
      client.release();
      throw err;
    }
    if (rows.length === 0) {
      client.release();
      return total;
    }
    total += rows.reduce((s, r) => s + r.amount, 0);
  }
}

// A loop left by break: the release after it is a statement of the block.
async function firstEmptyPage(pageSize) {
  const client = await pool.connect();
  let page = 0;
  try {
    while (true) {
      const { rows } = await client.query("SELECT id FROM items OFFSET $1 LIMIT $2", [page * pageSize, pageSize]);
      if (rows.length === 0) break;
      page++;
    }
  } finally {
    client.release();
  }
  return page;
}

// A loop that stops on a counter it advances is no endless loop; the
// client is released after it.
async function warmUp(times) {
  const client = await pool.connect();
  try {
    for (let i = 0; i < times; i++) {
      await client.query("SELECT 1");
    }
  } finally {
    client.release();
  }
}

module.exports = { exportOrders, sumPages, firstEmptyPage, warmUp };
