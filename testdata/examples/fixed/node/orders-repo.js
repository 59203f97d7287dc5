// Node: reads orders with a pooled PostgreSQL client (node-postgres).
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

export async function findOrders(customerId) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query("SELECT * FROM orders WHERE customer_id = $1", [customerId]);
    return rows;
  } finally {
    client.release();
  }
}
