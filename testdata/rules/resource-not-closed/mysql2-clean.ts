// mysql2 done right: module pools, released checkouts, ended per-call connections.
import mysql from "mysql2/promise";
import type { Pool, PoolConnection, RowDataPacket } from "mysql2/promise";
import mysqlCallback from "mysql2";

const pool: Pool = mysql.createPool({ uri: process.env.DATABASE_URL, connectionLimit: 10 });
const legacyPool = mysqlCallback.createPool({ uri: process.env.DATABASE_URL });

export async function getProduct(id: number) {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.execute<RowDataPacket[]>("SELECT * FROM products WHERE id = ?", [id]);
    return rows[0];
  } finally {
    conn.release();
  }
}

export async function transfer(from: number, to: number, amount: number): Promise<void> {
  const conn: PoolConnection = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", [amount, from]);
    await conn.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", [amount, to]);
    await conn.commit();
  } catch (err) {
    await conn.rollback();
    throw err;
  } finally {
    conn.release();
  }
}

// A one-off admin connection, ended on every path.
export async function dumpSchema(database: string): Promise<string[]> {
  const conn = await mysql.createConnection({ uri: process.env.ADMIN_URL, database });
  try {
    const [rows] = await conn.query<RowDataPacket[]>("SHOW TABLES");
    return rows.map((r) => String(Object.values(r)[0]));
  } finally {
    await conn.end();
  }
}

// Explicit resource management.
export async function ping(): Promise<boolean> {
  await using conn = await pool.getConnection();
  await conn.ping();
  return true;
}

// Callback API releasing in the query callback.
export function listCategories(cb: (err: Error | null, rows?: unknown) => void): void {
  legacyPool.getConnection((err, connection) => {
    if (err) return cb(err);
    connection.query("SELECT * FROM categories", (qerr, rows) => {
      connection.release();
      cb(qerr, rows);
    });
  });
}

// A pool built for the caller, who ends it.
export function createTenantPool(uri: string): Pool {
  const tenantPool = mysql.createPool({ uri, connectionLimit: 2 });
  return tenantPool;
}

// The checkout handed to a helper that releases it.
export async function withConnection<T>(fn: (conn: PoolConnection) => Promise<T>): Promise<T> {
  const conn = await pool.getConnection();
  return runAndRelease(conn, fn);
}

async function runAndRelease<T>(conn: PoolConnection, fn: (conn: PoolConnection) => Promise<T>): Promise<T> {
  try {
    return await fn(conn);
  } finally {
    conn.release();
  }
}
