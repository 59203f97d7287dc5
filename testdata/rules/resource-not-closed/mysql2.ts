// A Koa + mysql2 service: per-call connections and pool checkouts that are not given back.
import Router from "@koa/router";
import mysql, { Pool, PoolConnection, RowDataPacket } from "mysql2/promise";
import mysqlCallback from "mysql2";

const pool: Pool = mysql.createPool({ host: process.env.DB_HOST, user: "app", database: "shop", connectionLimit: 10 });
const legacyPool = mysqlCallback.createPool({ host: process.env.DB_HOST, user: "app", database: "shop" });
export const router = new Router();

// A connection per request, never ended.
router.get("/products", async (ctx) => {
  const conn = await mysql.createConnection({ host: process.env.DB_HOST, user: "app", database: "shop" }); // want "resource-not-closed"
  const [rows] = await conn.query<RowDataPacket[]>("SELECT * FROM products");
  ctx.body = rows;
});

// A checkout released only when the query succeeds.
router.get("/products/:id", async (ctx) => {
  const conn: PoolConnection = await pool.getConnection(); // want "resource-not-closed"
  const [rows] = await conn.execute<RowDataPacket[]>("SELECT * FROM products WHERE id = ?", [ctx.params.id]);
  conn.release();
  ctx.body = rows[0];
});

// A checkout never released.
export async function reserveStock(productId: number, qty: number): Promise<void> {
  const conn = await pool.getConnection(); // want "resource-not-closed"
  await conn.beginTransaction();
  await conn.execute("UPDATE stock SET qty = qty - ? WHERE product_id = ?", [qty, productId]);
  await conn.commit();
}

// The callback API: getConnection without release.
export function listCategories(cb: (err: Error | null, rows?: unknown) => void): void {
  legacyPool.getConnection((err, connection) => { // want "resource-not-closed"
    if (err) return cb(err);
    connection.query("SELECT * FROM categories", (qerr, rows) => cb(qerr, rows));
  });
}

// A pool created inside a function that runs on every import job.
export async function importBatch(rows: unknown[][]): Promise<number> {
  const batchPool = mysql.createPool({ host: process.env.DB_HOST, user: "importer", database: "shop" }); // want "resource-not-closed"
  const [result] = await batchPool.query("INSERT INTO staging VALUES ?", [rows]);
  return (result as { affectedRows: number }).affectedRows;
}
