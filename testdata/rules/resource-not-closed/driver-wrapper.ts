// ES module imports of a project's driver wrappers, from a source-root alias.
import * as mongo from "@/db/mongo";
import mysql from "./mysql.js";

export async function countOrders(customerId: string): Promise<number> {
  const client = await mongo.connect(); // want "resource-not-closed: MongoDB client from mongo.connect\(\) is never closed"
  return client.db("shop").collection("orders").countDocuments({ customerId });
}

export async function lastLogin(userId: number): Promise<Date> {
  const conn = await mysql.createConnection(); // want "resource-not-closed: MySQL connection from mysql.createConnection\(\) is never ended"
  const [rows] = await conn.query("SELECT last_login FROM users WHERE id = ?", [userId]);
  return rows[0].last_login;
}
