// Node: reads orders with a pooled PostgreSQL client (node-postgres).
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

export async function findOrders(customerId) {
  // Leak: the client is never released back to the pool; after ten calls
  // every query waits forever for a free connection.
  const client = await pool.connect();
  const { rows } = await client.query("SELECT * FROM orders WHERE customer_id = $1", [customerId]);
  return rows;
}
